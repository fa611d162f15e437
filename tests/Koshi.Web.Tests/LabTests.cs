using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// The policy lab: a reform run through the API and the page, its totals checked against each other and the CSV, bad
/// parameters and uploads answered 400 naming the field or the file position, and the lab closed to other roles.
/// </summary>
public sealed partial class LabTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Analyst = "analyst@demo.koshi.kz";
    private readonly Api api = new(factory);

    /// <summary>Polls a run until it is no longer running (generous overall limit: the machine may be loaded).</summary>
    private static async Task<JsonElement> Finished(HttpClient client, JsonElement run)
    {
        var id = run.GetProperty("id").GetString();
        for (var i = 0; i < 600 && run.GetProperty("status").GetString() == "running"; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            run = await Api.Ok(await client.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken));
        }

        Assert.Equal("done", run.GetProperty("status").GetString());
        return run;
    }

    [Fact]
    public async Task A_lower_pass_mark_passes_more_people_and_the_totals_flips_fairness_and_csv_agree()
    {
        var client = await api.As(Analyst);
        var targets = await Api.Ok(await client.GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken));
        var residence = targets.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "scheme:permanent-residence");
        var passMark = residence.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "residence.pass_mark");
        Assert.Equal("points", passMark.GetProperty("unit").GetString());
        Assert.NotEmpty(passMark.GetProperty("values")[0].GetProperty("source").GetString()!);
        Assert.Contains(targets.EnumerateArray(), t => t.GetProperty("key").GetString() == "ruleset:employer-fee");

        var current = int.Parse(passMark.GetProperty("values").EnumerateArray().Last().GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "scheme:permanent-residence",
            parameters = new Dictionary<string, string> { ["residence.pass_mark"] = (current - 50).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            population = new { count = 4000, seed = 5 },
        }), TestContext.Current.CancellationToken);
        var run = await Finished(client, await Api.Ok(response, HttpStatusCode.Created));

        Assert.NotEqual(run.GetProperty("baselinePackHash").GetString(), run.GetProperty("reformPackHash").GetString());
        Assert.Equal(5, run.GetProperty("seed").GetInt32());
        var scheme = run.GetProperty("scheme");
        var before = scheme.GetProperty("baseline").GetProperty("passed").GetInt64();
        var after = scheme.GetProperty("reform").GetProperty("passed").GetInt64();
        Assert.True(after > before, $"reform {after}, baseline {before}");
        Assert.Equal(after - before, scheme.GetProperty("toPass").GetInt64());
        Assert.Equal(0, scheme.GetProperty("toFail").GetInt64());
        Assert.All(scheme.GetProperty("flips").EnumerateArray(), f => Assert.InRange(f.GetProperty("reformTotal").GetInt64(), current - 50, current - 1));

        foreach (var (fairness, passed) in new[] { ("fairnessBaseline", before), ("fairnessReform", after) })
        {
            var report = run.GetProperty(fairness);
            Assert.Equal(passed, report.GetProperty("passed").GetInt64());
            foreach (var attribute in report.GetProperty("attributes").EnumerateArray())
            {
                Assert.Equal(4000, attribute.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("count").GetInt64()));
                Assert.Equal(passed, attribute.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("passed").GetInt64()));
            }
        }

        var csv = await client.GetStringAsync($"/api/v1/analytics/lab/runs/{run.GetProperty("id").GetString()}/csv", TestContext.Current.CancellationToken);
        Assert.StartsWith("section,measure,group,baseline,reform\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"totals,passed,,{before},{after}\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("fairness_citizenship,gate_kaztest,UZ,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_parameters_targets_and_counts_are_400_naming_the_field()
    {
        var client = await api.As(Analyst);
        async Task<HttpResponseMessage> Post(object body) =>
            await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(body), TestContext.Current.CancellationToken);

        await Api.BadField(await Post(new { target = "scheme:nope", population = new { count = 10 } }), "target");
        await Api.BadField(await Post(new { target = "scheme:permanent-residence", population = new { count = 0 } }), "count");
        await Api.BadField(await Post(new
        {
            target = "scheme:permanent-residence", parameters = new Dictionary<string, string> { ["residence.pass_mark"] = "many" }, population = new { count = 10 },
        }), "parameters.residence.pass_mark");
        await Api.BadField(await Post(new
        {
            target = "scheme:permanent-residence", parameters = new Dictionary<string, string> { ["no.such"] = "1" }, population = new { count = 10 },
        }), "parameters.no.such");
        await Api.BadField(await Post(new { target = "ruleset:employer-fee", population = new { count = 10 } }), "population");
    }

    [Fact]
    public async Task The_lab_is_for_analysts_and_admins_only()
    {
        var applicant = await api.As("aigerim@demo.koshi.kz");
        var officer = await api.Officer();
        var admin = await api.As("admin@demo.koshi.kz");

        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new { target = "scheme:permanent-residence" }), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken)).StatusCode);

        var browser = await SignedIn("aigerim@demo.koshi.kz");
        var page = await browser.GetAsync("/analytics/lab", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_rule_set_reform_from_an_uploaded_csv_shows_the_rows_that_change_in_three_languages()
    {
        var browser = await SignedIn(Analyst);
        var form = await browser.GetStringAsync("/analytics/lab?target=ruleset:employer-fee", TestContext.Current.CancellationToken);
        Assert.Contains("name=\"param.labour.employer_fee.group_1\"", form, StringComparison.Ordinal);
        var csv = "permit_type,category,sector_group,duration_days\nemployer,cat3,group_1,365\nemployer,cat4,group_2,365\nemployer,cat3,group_1,100\n";

        var response = await Upload(browser, form, "employer-fee", "fees.csv", csv, new()
        {
            ["param.labour.employer_fee.group_1"] = "{ cat1: 137, cat2: 158, cat3: 190, cat4: 200 }",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/analytics/lab?run=", location, StringComparison.Ordinal);
        string html = string.Empty;
        for (var i = 0; i < 300 && !html.Contains("data-status=\"done\"", StringComparison.Ordinal); i++)
        {
            html = await browser.GetStringAsync(location, TestContext.Current.CancellationToken);
            if (!html.Contains("data-status=\"done\"", StringComparison.Ordinal))
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        Assert.Matches(@"id=""lab-rows-changed"">Rows changed: <strong>2</strong>", html);
        Assert.Contains("fee_mrp 179→190", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        foreach (var (language, title) in new[] { ("ru", "Лаборатория политики"), ("kk", "Саясат зертханасы") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/language/{language}?returnUrl=/", TestContext.Current.CancellationToken)).StatusCode);
            var translated = WebUtility.HtmlDecode(await browser.GetStringAsync(location, TestContext.Current.CancellationToken));
            Assert.Contains(title, translated, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\[(lab|an)\.[a-zA-Z.\-_]+\]", translated);
        }
    }

    [Fact]
    public async Task A_bad_uploaded_population_is_a_400_page_naming_the_file_and_line()
    {
        var browser = await SignedIn(Analyst);
        var form = await browser.GetStringAsync("/analytics/lab?target=ruleset:employer-fee", TestContext.Current.CancellationToken);

        var badRow = await Upload(browser, form, "employer-fee", "fees.csv", "permit_type,category,sector_group,duration_days\nemployer,cat3,group_1,365\nemployer,cat9,group_1,365\n", []);
        var badKind = await Upload(browser, form, "employer-fee", "fees.xlsx", "x", []);
        var badValue = await Upload(browser, form, "employer-fee", "fees.csv", "permit_type\nict\n", new() { ["param.labour.employer_fee.group_1"] = "{ cat1: lots }" });

        Assert.Equal(HttpStatusCode.BadRequest, badRow.StatusCode);
        var html = WebUtility.HtmlDecode(await badRow.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("fees.csv:3 (line 3): category: 'cat9' is not one of", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("fees.xlsx: expected a .csv, .jsonl or .parquet file", WebUtility.HtmlDecode(await badKind.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.Contains("data-field=\"param.labour.employer_fee.group_1\"", await badValue.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient browser, string form, string ruleSet, string fileName, string content, Dictionary<string, string> parameters)
    {
        var body = new MultipartFormDataContent
        {
            { new StringContent(TokenPattern().Match(form).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("ruleset:" + ruleSet), "target" },
            { new StringContent("upload"), "source" },
            { new StringContent("2026-03-01"), "asOf" },
        };
        foreach (var (name, value) in parameters)
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "population", fileName);
        return await browser.PostAsync("/analytics/lab", body, TestContext.Current.CancellationToken);
    }

    private async Task<HttpClient> SignedIn(string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenPattern().Match(await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken)).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = DemoData.Password, ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/", TestContext.Current.CancellationToken)).StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
