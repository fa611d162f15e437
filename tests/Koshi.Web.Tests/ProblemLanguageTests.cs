using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// The API's problem details speak the language of Accept-Language (English when none of kk, ru, en is asked for),
/// and registration refused by ASP.NET Identity's rules says why in the page's language.
/// </summary>
public sealed partial class ProblemLanguageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    private static readonly Dictionary<string, string> Invalid = new()
    {
        ["kk"] = "Сұраудың кейбір өрістері қате.", ["ru"] = "В запросе есть неверные поля.", ["en"] = "The request has invalid fields.",
    };

    private static HttpRequestMessage Request(HttpMethod method, string url, string language, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        return request;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await Api.Problem(response, status);
        var text = problem.ToString();
        Assert.DoesNotMatch(InternalsPattern(), text);
        return problem;
    }

    private static string Errors(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    [Theory]
    [InlineData("kk", "бас әріп", "кемінде бір сан")]
    [InlineData("ru", "заглавную букву", "хотя бы одну цифру")]
    [InlineData("en", "upper-case letter", "at least one digit")]
    public async Task Identity_refuses_a_weak_password_in_the_language_asked_for(string language, string upper, string digit)
    {
        var iin = Iins.Make(new DateOnly(1991, 2, 3), male: true, serial: 5000 + language[0]);
        var response = await api.Anonymous().SendAsync(Request(HttpMethod.Post, "/api/v1/auth/register", language,
            new { email = $"weak-{language}-{Guid.NewGuid():N}@test.koshi.kz", password = "abcdefghijk", fullName = "Әсел Нұрова", iin }));
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Equal(Invalid[language], problem.GetProperty("title").GetString());
        var password = Errors(problem, "password");
        Assert.Contains(upper, password, StringComparison.Ordinal);
        Assert.Contains(digit, password, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk", "тіркелгі бар болуы мүмкін")]
    [InlineData("ru", "учётная запись с этим адресом или ИИН уже есть")]
    [InlineData("en", "there may already be an account")]
    public async Task A_taken_account_is_refused_in_the_language_asked_for(string language, string taken)
    {
        var (_, email, iin) = await api.NewApplicant();
        var response = await api.Anonymous().SendAsync(Request(HttpMethod.Post, "/api/v1/auth/register", language,
            new { email, password = "Applicant-2026", fullName = "Әсел Нұрова", iin }));
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains(taken, Errors(problem, "iin"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk-KZ,kk;q=0.9", "kk")]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.5", "ru")]
    [InlineData("en-GB", "en")]
    [InlineData("de-DE", "en")]
    public async Task Titles_details_and_field_messages_follow_Accept_Language(string header, string language)
    {
        var (client, _, _) = await api.NewApplicant();
        var notFound = await client.SendAsync(Request(HttpMethod.Get, $"/api/v1/residence/applications/{Guid.NewGuid()}", header));
        var missing = await Problem(notFound, HttpStatusCode.NotFound);
        Assert.Equal(new Dictionary<string, string> { ["kk"] = "Табылмады.", ["ru"] = "Не найдено.", ["en"] = "Not found." }[language], missing.GetProperty("title").GetString());

        // A field the request does not have.
        var unknown = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/residence/applications", header,
            Api.Body("""{"kind":"permanent-residence","region":"KZ-71","colour":"red"}""")));
        var extra = await Problem(unknown, HttpStatusCode.BadRequest);
        Assert.Equal(
            new Dictionary<string, string> { ["kk"] = "Сұрауды оқу мүмкін болмады.", ["ru"] = "Запрос не удалось прочитать.", ["en"] = "The request could not be read." }[language],
            extra.GetProperty("title").GetString());
        Assert.Equal(
            new Dictionary<string, string> { ["kk"] = "Бұл өріс сұрауға жатпайды.", ["ru"] = "Это поле не входит в запрос.", ["en"] = "This field is not part of the request." }[language],
            Errors(extra, "colour"));

        // A domain refusal naming its field: the refusal's own text in the language.
        var id = (await Api.Ok(await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var future = await client.SendAsync(Request(HttpMethod.Post, $"/api/v1/residence/applications/{id}/kaztest", header,
            new { listeningPercent = 60, readingPercent = 60, takenOn = "2030-01-01", certificate = "KT-9" }));
        var refused = await Problem(future, HttpStatusCode.BadRequest);
        Assert.Equal("future-date", refused.GetProperty("code").GetString());
        Assert.Equal(
            new Dictionary<string, string> { ["kk"] = "Тест күні болашақта бола алмайды.", ["ru"] = "Дата теста не может быть в будущем.", ["en"] = "A test cannot have been taken in the future." }[language],
            Errors(refused, "takenOn"));

        // A questionnaire answer the pack refuses: plain words, no pattern.
        await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 60, readingPercent = 60, takenOn = "2026-03-01", certificate = "KT-9" }));
        var answers = Answers.Weak();
        answers["citizenship"] = "China";
        var questionnaire = await client.SendAsync(Request(HttpMethod.Post, $"/api/v1/residence/applications/{id}/questionnaire", header, Api.Body(answers.ToJsonString())));
        var bad = await Problem(questionnaire, HttpStatusCode.BadRequest);
        Assert.Equal(
            new Dictionary<string, string> { ["kk"] = "Бұл сұраққа жарамды жауап емес.", ["ru"] = "Недопустимый ответ на этот вопрос.", ["en"] = "Not a valid answer to this question." }[language],
            Errors(bad, "citizenship"));
    }

    [Theory]
    [InlineData("kk", "Құпиясөзде кемінде бір бас әріп болуы керек.")]
    [InlineData("ru", "Пароль должен содержать хотя бы одну заглавную букву.")]
    public async Task The_registration_page_shows_Identity_refusals_in_its_language(string language, string expected)
    {
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await browser.GetAsync($"/language/{language}?returnUrl=/account/register");
        var form = await browser.GetStringAsync("/account/register");
        var token = TokenPattern().Match(form).Groups[1].Value;
        var response = await browser.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Әсел Нұрова", ["iin"] = Iins.Make(new DateOnly(1992, 4, 5), male: false, serial: 6100 + language[0]),
            ["email"] = $"page-{language}-{Guid.NewGuid():N}@test.koshi.kz", ["password"] = "abcdefghijk1", ["__RequestVerificationToken"] = token,
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk", "Білім деңгейі", "орта")]
    [InlineData("ru", "Уровень образования", "среднее")]
    [InlineData("en", "Highest education", "secondary")]
    public async Task The_questionnaire_is_labelled_in_the_language_asked_for(string language, string question, string option)
    {
        var (client, _, _) = await api.NewApplicant();
        var questions = await Api.Ok(await client.SendAsync(Request(HttpMethod.Get, "/api/v1/residence/questionnaire", language)));
        var education = questions.EnumerateArray().Single(q => q.GetProperty("name").GetString() == "education");
        Assert.Equal(question, education.GetProperty("label").GetString());
        var secondary = education.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "secondary");
        Assert.Equal(option, secondary.GetProperty("label").GetString());
        Assert.Equal("среднее", secondary.GetProperty("title").GetProperty("ru").GetString());
    }

    /// <summary>
    /// Walks every write operation of the API with the invalid bodies and path values the hostile-input walk makes, in
    /// Kazakh and in Russian, as a caller the operation admits; every problem's title, detail and field messages must be
    /// in the language asked for: no sentence left in English, no message without a Cyrillic letter.
    /// </summary>
    [Fact]
    public async Task Every_operation_refuses_invalid_input_in_the_callers_language()
    {
        var operations = await HostileInputTests<SqliteFactory>.InvalidRequestsAsync(api, factory, max: 30);
        Assert.True(operations.Count >= 30, $"only {operations.Count} write operations were found");
        var findings = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var problems = 0;
        foreach (var (operation, caller, requests) in operations)
        {
            foreach (var (label, url, body) in requests)
            {
                foreach (var language in new[] { "kk", "ru" })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Split(' ')[0]), url);
                    request.Headers.AcceptLanguage.ParseAdd(language);
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    }

                    using var response = await caller.SendAsync(request);
                    if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        continue;
                    }

                    problems++;
                    var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    foreach (var (where, text) in Messages(problem))
                    {
                        // The general message stands in for one nobody translated yet: the walk asks for the real one.
                        if (NotIn(text) || text == Koshi.Web.Platform.Problems.ProblemTexts.Generic.For(language))
                        {
                            var key = $"{language} {where}: \"{(text.Length > 160 ? text[..160] + "…" : text)}\"";
                            if (!findings.TryGetValue(key, out var seen))
                            {
                                findings[key] = seen = new SortedSet<string>(StringComparer.Ordinal);
                            }

                            seen.Add($"{operation} [{label}]");
                        }
                    }
                }
            }
        }

        Assert.True(problems >= 300, $"only {problems} problem details came back from the walk");
        Assert.True(findings.Count == 0, $"{findings.Count} messages not in the language asked for:\n"
            + string.Join("\n", findings.Select(f => $"  {f.Key} from {string.Join(", ", f.Value.Take(2))}")));
    }

    /// <summary>The texts of a problem a person reads: title, detail, and each field's messages (named by the field).</summary>
    private static IEnumerable<(string Where, string Text)> Messages(JsonElement problem)
    {
        foreach (var name in new[] { "title", "detail" })
        {
            if (problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return (name, value.GetString()!);
            }
        }

        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var message in field.Value.EnumerateArray())
                {
                    yield return ($"errors.{field.Name}", message.GetString() ?? string.Empty);
                }
            }
        }
    }

    /// <summary>
    /// True when a message a Kazakh or Russian caller reads is not in their language: it has no Cyrillic letter, or two
    /// English words in a row (a value the API takes, such as "kandas-status", may stand alone beside its translation).
    /// </summary>
    public static bool NotIn(string text) =>
        text.Any(char.IsLetter) && (!text.Any(c => c is >= '\u0400' and <= '\u04FF') || EnglishWords().IsMatch(text));

    [Theory]
    [InlineData("Міндетті өріс.", false)]
    [InlineData("Обязательно: permanent-residence (вид на жительство) или kandas-status (статус кандаса).", false)]
    [InlineData("Не более 200 символов.", false)]
    [InlineData("'China' does not match the pattern.", true)]
    [InlineData("Required.", true)]
    [InlineData("Недопустимое значение: the value could not be read.", true)]
    [InlineData("12", false)]
    public void The_detector_tells_a_translated_message_from_English(string text, bool english) => Assert.Equal(english, NotIn(text));

    [GeneratedRegex(@"\b[A-Za-z]{2,}\s+[a-z]{2,}\b")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"\^\[|\]\{\d|could not be mapped|deserializ|System\.|sha256", RegexOptions.IgnoreCase)]
    private static partial Regex InternalsPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
