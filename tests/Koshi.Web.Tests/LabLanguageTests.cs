using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Policy;
using Koshi.Web.Analytics.Lab;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// The lab's problems with an uploaded population, an uploaded reform pack or a changed parameter reach the person in the
/// page's language (the API's: Accept-Language), still naming the file position and the field; never the readers' English.
/// </summary>
public sealed partial class LabLanguageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Analyst = "analyst@demo.koshi.kz";
    private const string Header = "permit_type,category,sector_group,duration_days\n";

    [Theory]
    [InlineData("kk", "fees.csv, 3-жол: «category» өрісі: «cat9» рұқсат етілген мәндердің бірі емес: ")]
    [InlineData("ru", "fees.csv, строка 3: поле «category»: «cat9» не входит в допустимые значения: ")]
    public async Task A_bad_csv_row_is_named_by_line_and_field_in_the_pages_language(string language, string expected)
    {
        var (browser, form) = await SignedIn(language);
        var response = await Upload(browser, form, "fees.csv", Header + "employer,cat3,group_1,365\nemployer,cat9,group_1,365\n");

        var message = await Refusal(response);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("is not one of", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "fees.jsonl, строка 2: некорректный JSON (столбец ")]
    [InlineData("kk", "fees.jsonl, 2-жол: жарамды JSON емес (")]
    public async Task A_json_lines_syntax_error_is_named_by_line_and_column(string language, string expected)
    {
        var (browser, form) = await SignedIn(language);
        var response = await Upload(browser, form, "fees.jsonl",
            "{\"permit_type\":\"employer\",\"category\":\"cat3\",\"sector_group\":\"group_1\",\"duration_days\":365}\n{\"permit_type\": \"employer\",, }\n");

        var message = await Refusal(response);
        Assert.Matches(Regex.Escape(expected) + @"\d+", message);
        Assert.DoesNotContain("not valid JSON", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk", "fees.jsonl, 1-жол: «duration_days» өрісі: «long» мәні сәйкес емес: бүтін сан күтіледі.")]
    [InlineData("ru", "fees.jsonl, строка 1: поле «duration_days»: значение «long» не подходит: ожидается целое число.")]
    public async Task A_value_of_the_wrong_type_names_the_kind_expected_in_the_language(string language, string expected)
    {
        var (browser, form) = await SignedIn(language);
        var response = await Upload(browser, form, "fees.jsonl",
            "{\"permit_type\":\"employer\",\"category\":\"cat3\",\"sector_group\":\"group_1\",\"duration_days\":\"long\"}\n");

        Assert.Contains(expected, await Refusal(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "reform.zip, файл broken.yaml, строка ", "YAML записан неверно", "reform.zip, файл extra.yaml, строка 1, столбец 1: неизвестный раздел «nonsense»")]
    [InlineData("kk", "reform.zip, broken.yaml файлы, ", "YAML дұрыс жазылмаған", "reform.zip, extra.yaml файлы, 1-жол, 1-баған: «nonsense» бөлімі белгісіз")]
    public async Task A_reform_pack_with_broken_yaml_is_named_by_file_line_and_column(string language, string brokenAt, string broken, string unknown)
    {
        var pack = Repository.CopyOfKazakhPack();
        await File.WriteAllTextAsync(Path.Combine(pack, "broken.yaml"), "parameters:\n  a: [unclosed\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(pack, "extra.yaml"), "nonsense: 1\n", TestContext.Current.CancellationToken);
        var zip = Path.Combine(Path.GetTempPath(), $"koshi-reform-{Guid.NewGuid():N}.zip");
        ZipFile.CreateFromDirectory(pack, zip);
        try
        {
            var (browser, form) = await SignedIn(language, "scheme:permanent-residence");
            var body = Form(form, "scheme:permanent-residence", "generate");
            body.Add(new StringContent("10"), "count");
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(zip, TestContext.Current.CancellationToken));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            body.Add(file, "reformPack", "reform.zip");
            var response = await browser.PostAsync("/analytics/lab", body, TestContext.Current.CancellationToken);

            var message = await Refusal(response);
            Assert.Matches(Regex.Escape(brokenAt) + @"[^:]*\d+[^:]*: " + Regex.Escape(broken), message);
            Assert.Contains(unknown, message, StringComparison.Ordinal);
            Assert.DoesNotContain("malformed YAML", message, StringComparison.Ordinal);
            Assert.DoesNotContain("unknown section", message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(pack, recursive: true);
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task A_changed_parameter_that_is_not_a_number_is_refused_on_its_field_in_kazakh()
    {
        var (browser, form) = await SignedIn("kk");
        var response = await Upload(browser, form, "fees.csv", Header + "employer,cat3,group_1,365\n",
            new() { ["parameters.labour.employer_fee.group_1"] = "{ cat1: lots, cat2: 158, cat3: 179, cat4: 200 }" });

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("href=\"#param-labour.employer_fee.group_1\"", html, StringComparison.Ordinal);
        Assert.Contains("«lots» сан емес.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("is not a number", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "«abc» — не целое число.")]
    [InlineData("kk", "«abc» бүтін сан емес.")]
    [InlineData("en", "'abc' is not a whole number")]
    public async Task The_api_refuses_a_changed_parameter_in_the_language_asked_for(string language, string expected)
    {
        var client = await new Api(factory).As(Analyst);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analytics/lab/runs")
        {
            Content = Api.Body(new
            {
                target = "scheme:permanent-residence",
                parameters = new Dictionary<string, string> { ["residence.pass_mark"] = "abc" },
                population = new { count = 10, seed = 1 },
            }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var messages = problem.GetProperty("errors").GetProperty("parameters.residence.pass_mark");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_problem_without_a_translation_is_a_plain_sentence_with_its_position_never_english()
    {
        var untranslated = new Diagnostic(new SourcePosition("schemes/x.yaml", 12, 5), "something only the engine says");

        Assert.Equal("r.zip, schemes/x.yaml файлы, 12-жол, 5-баған: реформа пакетінде осы жерде қате бар.", LabProblems.Pack("r.zip", untranslated, "kk"));
        Assert.Equal("r.zip, файл schemes/x.yaml, строка 12, столбец 5: в пакете реформы здесь ошибка.", LabProblems.Pack("r.zip", untranslated, "ru"));
        Assert.Equal("r.zip: schemes/x.yaml:12:5: something only the engine says", LabProblems.Pack("r.zip", untranslated, "en"));
        Assert.Equal("Значение этого параметра не принято.", LabProblems.Change(untranslated, "ru"));

        var row = new Koshi.Policy.Population.PopulationFormatException("p.parquet", 7, [new FieldError("age", "an English reason")]);
        Assert.Equal("p.parquet, запись 7: поле «age»: значение недопустимо.", LabProblems.Population("p.parquet", true, row, "ru"));
        Assert.Equal("p.parquet, 7-жазба: «age» өрісі: мән жарамсыз.", LabProblems.Population("p.parquet", true, row, "kk"));
    }

    private static async Task<string> Refusal(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<(HttpClient Browser, string Form)> SignedIn(string language, string target = "ruleset:employer-fee")
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenPattern().Match(await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken)).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Analyst, ["password"] = DemoData.Password, ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/", TestContext.Current.CancellationToken)).StatusCode);
        return (client, await client.GetStringAsync("/analytics/lab?target=" + target, TestContext.Current.CancellationToken));
    }

    private static MultipartFormDataContent Form(string form, string target, string source) => new()
    {
        { new StringContent(TokenPattern().Match(form).Groups[1].Value), "__RequestVerificationToken" },
        { new StringContent(target), "target" },
        { new StringContent(source), "source" },
        { new StringContent("2026-03-01"), "asOf" },
    };

    private static async Task<HttpResponseMessage> Upload(HttpClient browser, string form, string fileName, string content, Dictionary<string, string>? parameters = null)
    {
        var body = Form(form, "ruleset:employer-fee", "upload");
        foreach (var (name, value) in parameters ?? [])
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        body.Add(file, "population", fileName);
        return await browser.PostAsync("/analytics/lab", body, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
