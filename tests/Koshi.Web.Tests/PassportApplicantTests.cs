using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// Applicants abroad without an IIN register and apply by passport number, citizenship and date of birth; one
/// account per passport and one open application per passport are held by the database.
/// </summary>
public abstract class PassportApplicantTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private static int counter;

    protected PassportApplicantTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    /// <summary>A passport number of this run; its last digit drives the check simulators as an IIN's does.</summary>
    private static string NewPassport(int signal = 1) =>
        $"FA{Interlocked.Increment(ref counter):D4}{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}{signal}";

    private static object Registration(string email, string passport, string citizenship = "UZ", string birthDate = "1988-04-12") =>
        new { email, password = "Applicant-2026", fullName = "Dilnoza Karimova", passportNumber = passport, citizenship, birthDate };

    private async Task<(HttpClient Client, string Email, string Passport)> NewPassportApplicant(int signal = 1)
    {
        var passport = NewPassport(signal);
        var email = $"abroad-{Guid.NewGuid():N}@test.koshi.kz";
        using var anonymous = Api.Anonymous();
        var me = await Api.Ok(await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration(email, passport)), HttpStatusCode.Created);
        Assert.Equal(passport, me.GetProperty("passportNumber").GetString());
        Assert.Equal("UZ", me.GetProperty("citizenship").GetString());
        Assert.Equal("1988-04-12", me.GetProperty("birthDate").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("iin").ValueKind);
        return (await Api.As(email, "Applicant-2026"), email, passport);
    }

    [Fact]
    public async Task An_applicant_abroad_registers_by_passport_applies_and_the_checks_say_what_stands_in_for_the_iin()
    {
        var (applicant, _, passport) = await NewPassportApplicant();
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var today = Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow());
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
            new { listeningPercent = 55, readingPercent = 48, takenOn = today, certificate = "KT-200" }));
        var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));
        Assert.Equal("checks", scored.GetProperty("stage").GetString());

        var officer = await Api.Officer();
        var checks = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null));
        Assert.Equal("interview", checks.GetProperty("stage").GetString());
        var population = checks.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "population-register");
        Assert.Equal("clear", population.GetProperty("status").GetString());
        Assert.Contains("passport", population.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The officer finds the case by the passport number, however it is typed.
        var found = await Api.Ok(await officer.GetAsync($"/api/v1/residence/queue?q={passport.ToLowerInvariant()}"));
        Assert.Contains(found.EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task The_migration_police_are_asked_by_passport_and_a_ban_on_it_is_a_ground_for_refusal()
    {
        var (applicant, _, _) = await NewPassportApplicant(signal: 7);
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var today = Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow());
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 55, readingPercent = 48, takenOn = today, certificate = "KT-201" }));
        await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));

        var checks = await Api.Ok(await (await Api.Officer()).PostAsync($"/api/v1/residence/applications/{id}/checks", null));
        var police = checks.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "migration-police");
        Assert.Equal("hit", police.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("kk", "Міндетті: паспорт нөмірі")]
    [InlineData("ru", "Обязательно: номер паспорта")]
    [InlineData("en", "Required: the passport number")]
    public async Task Bad_passport_details_are_a_400_naming_each_field_in_the_reader_language(string language, string expected)
    {
        using var anonymous = Api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = JsonContent.Create(Registration($"bad-{Guid.NewGuid():N}@test.koshi.kz", "N°12", citizenship: "Atlantis", birthDate: "2999-01-01")),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var problem = await Api.BadField(await anonymous.SendAsync(request), "passportNumber");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("citizenship", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("birthDate", out _), problem.ToString());
        Assert.StartsWith(expected, errors.GetProperty("passportNumber")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_iin_nor_passport_names_the_iin_and_a_kazakh_passport_is_sent_to_the_iin()
    {
        using var anonymous = Api.Anonymous();
        await Api.BadField(await anonymous.PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"none-{Guid.NewGuid():N}@test.koshi.kz", password = "Applicant-2026", fullName = "No Identity" }), "iin");
        var kazakh = await Api.BadField(await anonymous.PostAsJsonAsync("/api/v1/auth/register",
            Registration($"kz-{Guid.NewGuid():N}@test.koshi.kz", NewPassport(), citizenship: "KZ")), "citizenship");
        Assert.Contains("IIN", kazakh.GetProperty("errors").GetProperty("citizenship")[0].GetString(), StringComparison.Ordinal);

        // The citizenship may be typed as the country's name in any of the three languages.
        var byName = await Api.Ok(await anonymous.PostAsJsonAsync("/api/v1/auth/register",
            Registration($"name-{Guid.NewGuid():N}@test.koshi.kz", NewPassport(), citizenship: "Өзбекстан")), HttpStatusCode.Created);
        Assert.Equal("UZ", byName.GetProperty("citizenship").GetString());
    }

    [Fact]
    public async Task Twenty_registrations_of_one_passport_at_once_open_one_account()
    {
        var passport = NewPassport();
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            using var anonymous = Api.Anonymous();
            start.Wait();
            return await anonymous.PostAsJsonAsync("/api/v1/auth/register", Registration($"race{i}-{Guid.NewGuid():N}@test.koshi.kz", passport));
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Api.BadField(refused, "passportNumber");
        }

        await Factory.WithDbAsync(async db => Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users, u => u.PassportNumber == passport)));

        // The same number from another country is another passport.
        using var other = Api.Anonymous();
        await Api.Ok(await other.PostAsJsonAsync("/api/v1/auth/register", Registration($"other-{Guid.NewGuid():N}@test.koshi.kz", passport, citizenship: "KG")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Twenty_lodges_by_a_passport_applicant_at_once_leave_one_open_application()
    {
        var (applicant, _, passport) = await NewPassportApplicant();
        using var start = new ManualResetEventSlim();
        var lodges = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(lodges);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal("already-open", (await Api.Problem(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        await Factory.WithDbAsync(async db => Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.ResidenceApplications, a => a.ApplicantPassport == passport)));
    }

    [Fact]
    public async Task The_database_refuses_a_second_open_application_on_the_same_passport_even_from_another_account()
    {
        var (applicant, _, passport) = await NewPassportApplicant();
        await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);

        // Written past the service, as a second account would if one ever slipped through: the unique index stops it.
        var stranger = Guid.NewGuid().ToString();
        var twin = Koshi.Web.Residence.ResidenceApplication.Lodge(
            Koshi.Web.Residence.ResidenceKind.PermanentResidence, stranger,
            Koshi.Web.Residence.ApplicantIdentity.OfPassport(passport, "UZ", new DateOnly(1988, 4, 12)),
            "Dilnoza Karimova", Koshi.Web.Reference.RegionCode.Parse("KZ-71"), 29, Factory.Time.GetUtcNow());
        await Factory.WithDbAsync(async db =>
        {
            db.ResidenceApplications.Add(twin);
            await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChangesAsync());
        });
    }

    /// <summary>A passport applicant's application at its questionnaire (the account records UZ as the passport's country).</summary>
    private async Task<(HttpClient Client, string Email, Guid Id)> AtQuestionnaireByPassport()
    {
        var (applicant, email, _) = await NewPassportApplicant();
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var today = Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow());
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 55, readingPercent = 48, takenOn = today, certificate = "KT-202" }));
        return (applicant, email, id);
    }

    /// <summary>The citizenship the stored score was made with, or null before there is a score.</summary>
    private async Task<string?> ScoredCitizenship(Guid id)
    {
        string? citizenship = null;
        await Factory.WithDbAsync(async db =>
        {
            var application = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ResidenceApplications, a => a.Id == id);
            citizenship = application.Score is { } score ? System.Text.Json.Nodes.JsonNode.Parse(score.InputsJson)?["citizenship"]?.GetValue<string>() : null;
        });
        return citizenship;
    }

    [Theory]
    [InlineData("kk", "Тіркелгі тіркелген паспорттағы азаматтыққа сәйкес келмейді")]
    [InlineData("ru", "Не совпадает с гражданством паспорта")]
    [InlineData("en", "Does not match the citizenship of the passport")]
    public async Task A_questionnaire_citizenship_that_contradicts_the_passport_is_a_400_naming_the_field_and_the_passport_fills_it(string language, string expected)
    {
        var (applicant, _, id) = await AtQuestionnaireByPassport();
        var contradicting = Answers.Strong();
        contradicting["citizenship"] = "CN";
        foreach (var operation in new[] { "score-preview", "questionnaire" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/residence/applications/{id}/{operation}") { Content = Api.Body(contradicting.ToJsonString()) };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await Api.BadField(await applicant.SendAsync(request), "citizenship");
            Assert.StartsWith(expected, problem.GetProperty("errors").GetProperty("citizenship")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("questionnaire", (await Api.Ok(await applicant.GetAsync($"/api/v1/residence/applications/{id}"))).GetProperty("stage").GetString());
        Assert.Null(await ScoredCitizenship(id));

        // Left out, the answer is the passport's; an API client that repeats the passport's country is not refused.
        var without = Answers.Strong();
        without.Remove("citizenship");
        Assert.Equal("checks", (await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(without.ToJsonString()))))
            .GetProperty("stage").GetString());
        Assert.Equal("UZ", await ScoredCitizenship(id));

        var (again, _, second) = await AtQuestionnaireByPassport();
        var repeated = Answers.Strong();
        repeated["citizenship"] = "uz";
        await Api.Ok(await again.PostAsync($"/api/v1/residence/applications/{second}/score-preview", Api.Body(repeated.ToJsonString())));
    }

    [Fact]
    public async Task The_questionnaire_page_does_not_ask_a_passport_applicant_for_the_citizenship_it_knows()
    {
        var (_, email, id) = await AtQuestionnaireByPassport();
        using var browser = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var login = Regex.Match(await browser.GetStringAsync("/account/login"), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = "Applicant-2026", ["__RequestVerificationToken"] = login,
        }))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/language/ru?returnUrl=/residence/{id}/questionnaire")).StatusCode);

        var page = await browser.GetStringAsync($"/residence/{id}/questionnaire");
        Assert.DoesNotContain("name=\"q.citizenship\"", page, StringComparison.Ordinal);
        Assert.Matches("id=\"known-citizenship\">Узбекистан", page);
        Assert.Contains("Что нам уже известно", page, StringComparison.Ordinal);

        // A hand-made post cannot put another country in: the page reads only what it asks, and the passport's stands.
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var submitted = await browser.PostAsync($"/residence/{id}/questionnaire?handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q.citizenship"] = "CN", ["q.education"] = "master", ["q.kazakh_level"] = "b2", ["q.work_experience_years"] = "8", ["q.health_certificate"] = "true",
            ["q.citizenship_consent"] = "true", ["q.funds_kzt"] = "100000000", ["q.housing_provided"] = "true", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("UZ", await ScoredCitizenship(id));

        // The officer reads the passport's country among the answers.
        using var officerBrowser = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var officerLogin = Regex.Match(await officerBrowser.GetStringAsync("/account/login"), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await officerBrowser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "officer.astana@demo.koshi.kz", ["password"] = Koshi.Web.Identity.DemoData.Password, ["__RequestVerificationToken"] = officerLogin,
        }))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officerBrowser.GetAsync("/language/en?returnUrl=/")).StatusCode);
        Assert.Matches("<tr data-input=\"citizenship\"><td>[^<]*</td><td>Uzbekistan", await officerBrowser.GetStringAsync($"/officer/cases/{id}"));
    }

    [Fact]
    public async Task The_registration_page_offers_the_passport_route_and_names_the_fields_it_refuses()
    {
        using var browser = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await browser.GetAsync("/language/ru?returnUrl=/account/register");
        var page = await browser.GetStringAsync("/account/register");
        Assert.Contains("Вы за рубежом и у вас нет ИИН?", page, StringComparison.Ordinal);
        Assert.Contains("name=\"passportNumber\"", page, StringComparison.Ordinal);
        Assert.Contains("data-picker=\"Country\"", page, StringComparison.Ordinal);

        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var refused = await browser.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Dilnoza Karimova", ["email"] = $"page-{Guid.NewGuid():N}@test.koshi.kz", ["password"] = "Applicant-2026",
            ["passportNumber"] = NewPassport(), ["citizenship"] = "Нарния", ["birthDate"] = "1988-04-12", ["__RequestVerificationToken"] = token,
        }));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-field=\"citizenship\"", html, StringComparison.Ordinal);
        Assert.Contains("Обязательно: страна, выдавшая ваш паспорт", html, StringComparison.Ordinal);

        var passport = NewPassport();
        var accepted = await browser.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Dilnoza Karimova", ["email"] = $"page-{Guid.NewGuid():N}@test.koshi.kz", ["password"] = "Applicant-2026",
            ["passportNumber"] = passport, ["citizenship"] = "Узбекистан (UZ)", ["birthDate"] = "1988-04-12",
            ["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await Factory.WithDbAsync(async db => Assert.Equal("UZ", (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.PassportNumber == passport)).Citizenship));
    }
}

public sealed class PassportApplicantSqliteTests(SqliteFactory factory) : PassportApplicantTests<SqliteFactory>(factory);

public sealed class PassportApplicantPostgresTests(PostgresFactory factory) : PassportApplicantTests<PostgresFactory>(factory);
