using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Koshi.Web.Tests;

/// <summary>Shared steps: a refused application, its letter as text, and signing in through the pages.</summary>
internal static partial class Letters
{
    [GeneratedRegex(@"\b(\d+-[0-9A-F]{12})\b")]
    public static partial Regex CodePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>Lodges, passes KAZTEST, scores below the pass mark and has the officer refuse; returns the applicant and id.</summary>
    public static async Task<(HttpClient Applicant, string Id, string Email)> RefusedApplication(Api api)
    {
        var (applicant, email, _) = await api.NewApplicant();
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var today = Koshi.Policy.LegalClock.DateOf(api.Factory.Time.GetUtcNow());
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
            new { listeningPercent = 55, readingPercent = 48, takenOn = today, certificate = "KT-100" }));
        await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Weak().ToJsonString())));
        var officer = await api.Officer();
        await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision",
            new { outcome = "refuse", ground = "score", reasons = "Below the pass mark." }));
        return (applicant, id, email);
    }

    /// <summary>The text of every page of a PDF, as PdfPig reads it.</summary>
    public static (string Text, IReadOnlyList<string> Fonts) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        return (string.Join("\n", pages.Select(p => p.Text)),
            pages.SelectMany(p => p.Letters.Select(l => l.FontName ?? string.Empty)).Distinct().ToList());
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="phrase"/>, whatever the line breaks and spacing.</summary>
    public static bool Holds(string text, string phrase) =>
        Space().Replace(text, string.Empty).Contains(Space().Replace(phrase, string.Empty), StringComparison.Ordinal);

    public static async Task SignCheckpoint(Api api)
    {
        var admin = await api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsync("/api/v1/audit/checkpoints", null));
    }

    public static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Signs in through the page; returns the browser and where the sign-in sent it.</summary>
    public static async Task<(HttpClient Browser, string Landing)> SignIn(KoshiFactory factory, string email, string password = DemoData.Password)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.ToString());
    }
}

/// <summary>The decision letter: its content in each language, and its verification code checked by anyone.</summary>
public sealed class DecisionLetterTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    private (int Months, DateOnly From) AppealPeriod()
    {
        var pack = factory.Services.GetRequiredService<PolicyPackSource>().Pack!;
        var value = pack.Parameter("residence.appeal_period_months")!.ValueOn(Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow()))!;
        return (Convert.ToInt32(value.Value, CultureInfo.InvariantCulture), Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow()));
    }

    [Theory]
    [InlineData("kk", "kk-KZ", "Өтініш бойынша шешім туралы хабарлама", "Өтініш бойынша бас тартылды", "Шағым беру тәртібі мен мерзімі", "Балл қалай есептелді", "Тексеру коды")]
    [InlineData("ru", "ru-RU", "Уведомление о решении по заявлению", "В заявлении отказано", "Порядок и срок обжалования", "Как рассчитан балл", "Код проверки")]
    [InlineData("en", "en-GB", "Notice of the decision on your application", "Application refused", "How to appeal, and by when", "How your score was worked out", "Verification code")]
    public async Task The_letter_gives_the_decision_reasons_score_appeal_deadline_and_code_in_the_language_asked(
        string lang, string culture, string title, string outcome, string appeal, string score, string code)
    {
        var (applicant, id, _) = await Letters.RefusedApplication(api);
        var response = await applicant.GetAsync($"/api/v1/residence/applications/{id}/letter?lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var (text, fonts) = Letters.Read(await response.Content.ReadAsByteArrayAsync());

        foreach (var phrase in new[] { title, outcome, appeal, score, code, "Below the pass mark." })
        {
            Assert.True(Letters.Holds(text, phrase), $"The {lang} letter lacks \"{phrase}\":\n{text}");
        }

        // The refusal ground with the figures of the score, the appeal deadline from the pack's period, and the bundled font.
        var (months, decidedOn) = AppealPeriod();
        var deadline = decidedOn.AddMonths(months).ToString("d", CultureInfo.GetCultureInfo(culture));
        Assert.True(Letters.Holds(text, deadline), $"The {lang} letter lacks the appeal deadline {deadline}:\n{text}");
        Assert.Contains(fonts, f => f.Contains("DejaVu Sans", StringComparison.Ordinal));
        Assert.Matches(Letters.CodePattern(), text);
        if (lang == "kk")
        {
            Assert.Contains('ә', text);
            Assert.Contains('ғ', text);
        }

        // Another language's title is not there.
        Assert.False(lang != "en" && Letters.Holds(text, "Notice of the decision"), text);
    }

    [Fact]
    public async Task The_letter_is_in_the_applicants_language_unless_another_is_asked_and_no_one_else_gets_it()
    {
        var (applicant, id, _) = await Letters.RefusedApplication(api);
        // The test applicants' accounts carry no language: the request's language decides (for the API, its
        // Accept-Language; English without one).
        using var inKazakh = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/residence/applications/{id}/letter");
        inKazakh.Headers.AcceptLanguage.ParseAdd("kk");
        var (kk, _) = Letters.Read(await (await applicant.SendAsync(inKazakh)).Content.ReadAsByteArrayAsync());
        Assert.True(Letters.Holds(kk, "Өтініш бойынша шешім туралы хабарлама"), kk);
        var (en, _) = Letters.Read(await (await applicant.GetAsync($"/api/v1/residence/applications/{id}/letter")).Content.ReadAsByteArrayAsync());
        Assert.True(Letters.Holds(en, "Notice of the decision on your application"), en);

        var (stranger, _, _) = await api.NewApplicant();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/residence/applications/{id}/letter")).StatusCode);
        await Api.BadField(await applicant.GetAsync($"/api/v1/residence/applications/{id}/letter?lang=de"), "lang");

        // An application without a decision has no letter.
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "kandas-status", region = "KZ-71" }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/v1/residence/applications/{created.GetProperty("id").GetString()}/letter")).StatusCode);
    }

    [Fact]
    public async Task The_letters_code_verifies_for_anyone_and_a_changed_code_does_not()
    {
        var (applicant, id, _) = await Letters.RefusedApplication(api);
        var (text, _) = Letters.Read(await (await applicant.GetAsync($"/api/v1/residence/applications/{id}/letter?lang=en")).Content.ReadAsByteArrayAsync());
        var code = Letters.CodePattern().Match(text).Groups[1].Value;
        Assert.True(Letters.Holds(text, "/verify/" + code), text);
        await Letters.SignCheckpoint(api);

        var anyone = api.Anonymous();
        var check = await Api.Ok(await anyone.GetAsync($"/api/v1/verify/{code}"));
        Assert.True(check.GetProperty("valid").GetBoolean(), check.ToString());
        Assert.Equal("residence.refuse", check.GetProperty("action").GetString());
        Assert.True(check.GetProperty("checkpointTreeSize").GetInt64() >= long.Parse(code.Split('-')[0], CultureInfo.InvariantCulture));

        var page = await anyone.GetStringAsync($"/verify/{code}?lang=en-GB");
        Assert.Contains("data-valid=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("Decision on an application: refused", page, StringComparison.Ordinal);

        // One hex digit changed: the entry's hash does not start so.
        var last = code[^1] == '0' ? '1' : '0';
        var tampered = code[..^1] + last;
        var refused = await Api.Ok(await anyone.GetAsync($"/api/v1/verify/{tampered}"));
        Assert.False(refused.GetProperty("valid").GetBoolean());
        Assert.Equal("mismatch", refused.GetProperty("failure").GetString());
        Assert.Contains("data-valid=\"false\"", await anyone.GetStringAsync($"/verify/{tampered}"), StringComparison.Ordinal);

        var unknown = await Api.Ok(await anyone.GetAsync($"/api/v1/verify/99999999-{code.Split('-')[1]}"));
        Assert.Equal("unknown", unknown.GetProperty("failure").GetString());
        await Api.BadField(await anyone.GetAsync("/api/v1/verify/not-a-code"), "code");
    }

    [Fact]
    public async Task The_decision_page_offers_the_letter_in_the_pages_language()
    {
        var (_, id, email) = await Letters.RefusedApplication(api);
        var (browser, landing) = await Letters.SignIn(factory, email, "Applicant-2026");
        Assert.Equal("/residence", landing);
        await browser.GetAsync("/language/ru?returnUrl=/");
        var page = await browser.GetStringAsync($"/residence/{id}");
        var link = $"/residence/{id}/letter?lang=ru";
        Assert.Contains($"href=\"{link}\"", page, StringComparison.Ordinal);
        var letter = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        var (text, _) = Letters.Read(await letter.Content.ReadAsByteArrayAsync());
        Assert.True(Letters.Holds(text, "Уведомление о решении по заявлению"), text);

        // Signed out, the address asks for sign-in instead of serving the letter.
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
