using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// The guided forms as a browser without JavaScript sees them: the questionnaire's sections and dependent questions,
/// the error summary linked to each field with aria-invalid and aria-describedby, countries and occupations chosen by
/// name in each language, KAZTEST attempts left, confirmations after success, and the confirmation that destructive
/// actions need.
/// </summary>
public sealed partial class GuidedFormTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private static readonly string[] Several = ["KR", "TR", "UZ", "BQ"];

    private static readonly string[] PlaceAbroad = ["place-abroad"];

    private static readonly string[] Korea = ["KR"];

    private readonly Api api = new(factory);

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password, string language = "en")
    {
        var client = Browser();
        var form = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token(await client.GetStringAsync(page));
        var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await client.PostAsync(handler.Length == 0 ? page : $"{page}{separator}handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static async Task<string> Html(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>An applicant's case in the language test (<paramref name="passKaztest"/> false) or at the questionnaire.</summary>
    private async Task<(HttpClient Owner, HttpClient OwnerApi, string Id)> Case(string language = "en", string kind = "permanent-residence", bool passKaztest = true)
    {
        var (client, email, _) = await api.NewApplicant();
        var id = (await Api.Ok(await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind, region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        if (passKaztest)
        {
            await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        }

        return (await SignedIn(email, "Applicant-2026", language), client, id);
    }

    /// <summary>Registers the demo employer's organisation through the page, so that its permit form shows.</summary>
    private static async Task RegisterOrganisation(HttpClient employer)
    {
        var registered = await Post(employer, "/labour", "Employer", new()
        {
            ["name"] = "Steppe Build LLP", ["okedSection"] = "F", ["region"] = "KZ-71",
            ["kazakh[0]"] = "5", ["kazakh[1]"] = "40", ["kazakh[2]"] = "60", ["kazakh[3]"] = "80",
            ["foreign[0]"] = "0", ["foreign[1]"] = "0", ["foreign[2]"] = "0", ["foreign[3]"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }

    private static string Stage(System.Text.Json.JsonElement application) => application.GetProperty("stage").GetString()!;

    /// <summary>Asserts that the summary links to the field, and the field is marked invalid and described by its message.</summary>
    private static void LinkedError(string html, string fieldId)
    {
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{fieldId}\"", html, StringComparison.Ordinal);
        var field = Regex.Match(html, $"<(?:input|select|fieldset)[^>]*\\bid=\"{Regex.Escape(fieldId)}\"[^>]*>");
        Assert.True(field.Success, $"no field {fieldId}");
        Assert.Contains("aria-invalid=\"true\"", field.Value, StringComparison.Ordinal);
        var describedBy = Regex.Match(field.Value, "aria-describedby=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains($"{fieldId}-error", describedBy.Split(' '));
        Assert.Matches($"id=\"{Regex.Escape(fieldId)}-error\"", html);
    }

    [Fact]
    public async Task The_questionnaire_comes_in_sections_and_hides_what_does_not_concern_the_applicant()
    {
        var (owner, _, id) = await Case();
        var html = await owner.GetStringAsync($"/residence/{id}/questionnaire");
        foreach (var section in new[] { "about", "languages", "work", "money", "declarations" })
        {
            Assert.Contains($"href=\"#section-{section}\"", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"section-{section}\"", html, StringComparison.Ordinal);
        }

        // No spouse, no spouse questions: hidden until "accompanied by a spouse" is yes; the kandas condition is not asked of a foreigner.
        Assert.Matches("<div[^>]*data-show-when=\"q.has_spouse=true\"[^>]*data-conditional-for=\"spouse\"[^>]*hidden", html);
        Assert.DoesNotContain("id=\"q-kandas_condition\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"q-funds_kzt\"", html, StringComparison.Ordinal);
        // The buttons post to the place where the result or the problems show.
        Assert.Contains("formaction=\"/residence/" + id + "/questionnaire?handler=Preview#outcome\"", html, StringComparison.Ordinal);

        // With "yes" the spouse's questions show after the post (no script needed).
        var answered = await Html(await Post(owner, $"/residence/{id}/questionnaire", "Preview", new() { ["q.has_spouse"] = "true" }));
        Assert.DoesNotMatch("<div[^>]*data-conditional-for=\"spouse\"[^>]*hidden", answered);
        Assert.Contains("id=\"q-spouse-education\"", answered, StringComparison.Ordinal);

        // A kandas is asked the condition of kandas status and not the money questions the pack waives for kandas.
        var (kandas, _, kandasId) = await Case(kind: "kandas-status");
        var kandasPage = await kandas.GetStringAsync($"/residence/{kandasId}/questionnaire");
        Assert.Contains("id=\"q-kandas_condition\"", kandasPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"q-funds_kzt\"", kandasPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"section-money\"", kandasPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spouse_answers_count_only_with_a_spouse()
    {
        var (owner, _, id) = await Case();
        var page = $"/residence/{id}/questionnaire";

        // Without a spouse the spouse's answers are not read at all: even a wrong one is no error.
        var single = await Html(await Post(owner, page, "Preview", new() { ["q.has_spouse"] = "false", ["q.spouse.education"] = "astronaut" }));
        Assert.DoesNotContain("href=\"#q-spouse-education\"", single, StringComparison.Ordinal);

        // With a spouse the same answer is read, and refused on its field.
        var married = await Html(await Post(owner, page, "Preview", new() { ["q.has_spouse"] = "true", ["q.spouse.education"] = "astronaut" }));
        LinkedError(married, "q-spouse-education");
    }

    [Theory]
    [InlineData("en", "There is a problem")]
    [InlineData("ru", "Есть ошибки")]
    [InlineData("kk", "Қате бар")]
    public async Task Questionnaire_errors_are_listed_at_the_top_and_linked_to_their_fields(string language, string title)
    {
        var (owner, _, id) = await Case(language);
        var html = await Html(await Post(owner, $"/residence/{id}/questionnaire", "Submit", new()
        {
            ["q.citizenship"] = "Atlantis", ["q.work_experience_years"] = "99", ["q.family_members"] = "2", ["q.family_members_16_plus"] = "3",
            ["q.education"] = "master", ["q.kazakh_level"] = "b2",
        }));

        Assert.Contains(title, html, StringComparison.Ordinal);
        LinkedError(html, "q-citizenship");
        LinkedError(html, "q-work_experience_years");
        LinkedError(html, "q-family_members_16_plus");
        LinkedError(html, "q-health_certificate");
        // The summary lists the problems in the order of the form.
        Assert.True(html.IndexOf("href=\"#q-citizenship\"", StringComparison.Ordinal) < html.IndexOf("href=\"#q-health_certificate\"", StringComparison.Ordinal));
        // What was entered stays entered; the sections with problems say so.
        Assert.Contains("value=\"Atlantis\"", html, StringComparison.Ordinal);
        Assert.Matches("data-section=\"about\" data-status=\"errors\"", html);
        Assert.Matches("data-section=\"languages\" data-status=\"done\"", html);
        Assert.DoesNotMatch(@"\[[a-z]+\.[a-zA-Z.\-]+\]", html);

        // Nothing was stored.
        Assert.Equal("questionnaire", Stage(await Api.Ok(await (await api.Officer()).GetAsync($"/api/v1/residence/applications/{id}"))));
    }

    [Theory]
    [InlineData("en", "Uzbekistan (UZ)", "China")]
    [InlineData("ru", "Узбекистан (UZ)", "Китай")]
    [InlineData("kk", "Өзбекстан (UZ)", "Қытай")]
    public async Task Countries_are_chosen_by_name_in_the_pages_language(string language, string label, string name)
    {
        var (owner, ownerApi, id) = await Case(language);
        var page = $"/residence/{id}/questionnaire";
        var html = WebUtility.HtmlDecode(await owner.GetStringAsync(page));
        Assert.Contains("list=\"q-citizenship-options\"", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{label}\">", html, StringComparison.Ordinal);

        // The chosen label and a bare name in the language both come back as the country's code.
        var preview = await Html(await Post(owner, page, "Preview", Passing(label)));
        Assert.DoesNotContain("id=\"error-summary\"", preview, StringComparison.Ordinal);
        Assert.Contains("id=\"preview-result\"", preview, StringComparison.Ordinal);
        Assert.Contains($"value=\"{label}\"", preview, StringComparison.Ordinal);

        var submitted = await Post(owner, page, "Submit", Passing(name));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/residence/{id}?done=questionnaire#confirmation", submitted.Headers.Location!.ToString());
        var confirmed = await Html(await owner.GetAsync($"/residence/{id}?done=questionnaire"));
        Assert.Contains("id=\"confirmation\"", confirmed, StringComparison.Ordinal);
        Assert.Contains(Texts.All["qs.submitted"].For(language), confirmed, StringComparison.Ordinal);
        Assert.Equal("checks", Stage(await Api.Ok(await ownerApi.GetAsync($"/api/v1/residence/applications/{id}"))));
    }

    private static Dictionary<string, string> Passing(string citizenship) => new()
    {
        ["q.citizenship"] = citizenship, ["q.education"] = "master", ["q.kazakh_level"] = "b2", ["q.work_experience_years"] = "8",
        ["q.health_certificate"] = "true", ["q.citizenship_consent"] = "true", ["q.funds_kzt"] = "100000000",
    };

    [Fact]
    public void The_lists_resolve_names_in_every_language_and_nothing_else()
    {
        Assert.Equal("UZ", Pickers.Resolve(PickerKind.Country, "Узбекистан (UZ)"));
        Assert.Equal("UZ", Pickers.Resolve(PickerKind.Country, "uz"));
        Assert.Equal("CN", Pickers.Resolve(PickerKind.Country, "Қытай"));
        Assert.Equal("TR", Pickers.Resolve(PickerKind.Country, "Турция"));
        Assert.Equal("KR", Pickers.Resolve(PickerKind.Country, "south korea"));
        Assert.Null(Pickers.Resolve(PickerKind.Country, "Atlantis"));
        Assert.Null(Pickers.Resolve(PickerKind.Country, "XX"));
        Assert.Equal("2142", Pickers.Resolve(PickerKind.Occupation, "2142 Civil engineers"));
        Assert.Equal("2142", Pickers.Resolve(PickerKind.Occupation, Pickers.Label(PickerKind.Occupation, "2142", "kk")));
        Assert.Equal("7212", Pickers.Resolve(PickerKind.Occupation, "7212"));
        Assert.Null(Pickers.Resolve(PickerKind.Occupation, "21"));
        Assert.Null(Pickers.Resolve(PickerKind.Occupation, "9999 Dragon tamers"));
        Assert.Equal(Several, Pickers.ResolveCountries("Корея Республикасы (KR); TR, uz; Bonaire, Sint Eustatius and Saba (BQ)")!);
        Assert.Null(Pickers.ResolveCountries("TR, Atlantis"));

        // Every country has its name in each language, and the list is sorted in that language.
        foreach (var language in Text.Languages)
        {
            var options = Pickers.Options(PickerKind.Country, language);
            Assert.Equal(Countries.ByCode.Count, options.Count);
            Assert.All(options, o => Assert.Equal(o.Code, Pickers.Resolve(PickerKind.Country, o.Label)));
        }

        Assert.Contains(Pickers.Options(PickerKind.Country, "ru"), o => o.Label == "Германия (DE)");
        Assert.Contains(Pickers.Options(PickerKind.Occupation, "ru"), o => o.Code == "2142" && o.Label == "2142 Инженеры-строители");
        Assert.Contains(Pickers.Options(PickerKind.Occupation, "kk"), o => o.Code == "7212" && o.Label == "7212 Дәнекерлеушілер және газбен кесушілер");

        // Every group below the major ones has its own title in Kazakh and Russian, and the list reads back in each language.
        foreach (var occupation in Occupations.ByCode.Values)
        {
            Assert.NotEqual(occupation.Title, occupation.Names.For("ru"));
            Assert.NotEqual(occupation.Title, occupation.Names.For("kk"));
            Assert.NotEqual(occupation.Names.For("ru"), occupation.Names.For("kk"));
        }

        foreach (var language in Text.Languages)
        {
            Assert.All(Pickers.Options(PickerKind.Occupation, language), o => Assert.Equal(o.Code, Pickers.Resolve(PickerKind.Occupation, o.Label)));
        }
    }

    [Theory]
    [InlineData("en", "Start typing the name")]
    [InlineData("ru", "Начните вводить название")]
    [InlineData("kk", "Атауын теріп")]
    public async Task The_labour_and_agency_forms_offer_the_lists_in_the_pages_language(string language, string hint)
    {
        var employer = await SignedIn("employer@demo.koshi.kz", language: language);
        await RegisterOrganisation(employer);
        var labour = WebUtility.HtmlDecode(await employer.GetStringAsync("/labour"));
        Assert.Contains("list=\"apply-citizenship-options\"", labour, StringComparison.Ordinal);
        Assert.Contains("list=\"apply-isco-options\"", labour, StringComparison.Ordinal);
        Assert.Contains("list=\"vacancy-isco-options\"", labour, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Pickers.Label(PickerKind.Country, "UZ", language)}\">", labour, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Pickers.Label(PickerKind.Occupation, "2142", language)}\">", labour, StringComparison.Ordinal);
        Assert.Contains(hint, labour, StringComparison.Ordinal);

        var agency = await SignedIn("agency@demo.koshi.kz", language: language);
        var portal = WebUtility.HtmlDecode(await agency.GetStringAsync("/agencies/portal"));
        Assert.Contains("list=\"countries-options\"", portal, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Pickers.Label(PickerKind.Country, "KR", language)}\">", portal, StringComparison.Ordinal);
        Assert.DoesNotContain("pattern=\"[A-Za-z]{2}\"", portal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permit_application_takes_the_workers_country_and_occupation_by_name_and_names_the_field_it_cannot_read()
    {
        var employer = await SignedIn("employer@demo.koshi.kz", language: "ru");
        await RegisterOrganisation(employer);
        var start = Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow()).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, string> Form(string country, string isco) => new()
        {
            ["type"] = "BusinessImmigrant", ["category"] = "None", ["vacancyReference"] = string.Empty, ["workerName"] = "Aziz Karimov",
            ["workerPassport"] = "BI" + Random.Shared.Next(100000, 999999) + "3", ["workerCitizenship"] = country, ["workerBirthDate"] = "1990-05-01",
            ["isco"] = isco, ["qualification"] = "Higher", ["experienceYears"] = "6", ["region"] = "KZ-71", ["startOn"] = start, ["durationDays"] = "365",
        };

        var wrong = await Html(await Post(employer, "/labour", "Apply", Form("Атлантида", "2142")));
        Assert.Matches("<input[^>]*id=\"apply-citizenship\"[^>]*aria-invalid=\"true\"", wrong);
        Assert.Contains(Texts.All["form.unknown-country"].Ru, wrong, StringComparison.Ordinal);
        Assert.DoesNotMatch("<input[^>]*id=\"apply-isco\"[^>]*aria-invalid", wrong);

        var applied = await Post(employer, "/labour", "Apply", Form("Узбекистан (UZ)", Pickers.Label(PickerKind.Occupation, "2142", "ru")));
        Assert.True(applied.StatusCode == HttpStatusCode.Redirect, Regex.Match(await applied.Content.ReadAsStringAsync(), "id=\"labour-error\">[^<]*").Value);
        var permit = applied.Headers.Location!.ToString();
        Assert.Matches("^/labour/permits/[0-9a-f-]{36}$", permit);

        // Refusing it needs the officer's confirmation; without it the permit stays as it was.
        var officer = await SignedIn("officer.astana@demo.koshi.kz");
        var unconfirmed = await Html(await Post(officer, permit, "Refuse", new() { ["reason"] = "Documents incomplete." }));
        Assert.Contains(Texts.All["form.confirm-required"].En, unconfirmed, StringComparison.Ordinal);
        Assert.Contains("id=\"refuse\"", unconfirmed, StringComparison.Ordinal);
        Assert.Contains("id=\"refuse-confirm\"", unconfirmed, StringComparison.Ordinal);
        var refused = await Post(officer, permit, "Refuse", new() { ["reason"] = "Documents incomplete.", ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.DoesNotContain("id=\"refuse\"", await officer.GetStringAsync(permit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kaztest_says_how_many_attempts_are_left_and_confirms_what_was_recorded()
    {
        var (owner, _, id) = await Case("ru", passKaztest: false);
        var page = $"/residence/{id}";
        var before = WebUtility.HtmlDecode(await owner.GetStringAsync(page));
        Assert.Matches("id=\"kaztest-attempts-left\" data-left=\"3\"", before);
        Assert.Contains("Осталось попыток: 3 из 3", before, StringComparison.Ordinal);

        // Missing fields: listed at the top, each linked and marked.
        var missing = await Html(await Post(owner, page, "Kaztest", new() { ["listening"] = "40", ["takenOn"] = "2026-03-01" }));
        LinkedError(missing, "reading");
        LinkedError(missing, "certificate");
        Assert.Contains("value=\"40\"", missing, StringComparison.Ordinal);

        var failed = await Post(owner, page, "Kaztest", new() { ["listening"] = "20", ["reading"] = "60", ["takenOn"] = "2026-03-01", ["certificate"] = "KT-1" });
        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        Assert.Equal($"{page}?done=kaztest#confirmation", failed.Headers.Location!.ToString());
        var afterFail = await Html(await owner.GetAsync($"{page}?done=kaztest"));
        Assert.Contains("Результат KAZTEST внесён: не сдан", afterFail, StringComparison.Ordinal);
        Assert.Contains("Осталось попыток: 2 из 3", afterFail, StringComparison.Ordinal);

        var passed = await Post(owner, page, "Kaztest", new() { ["listening"] = "60", ["reading"] = "60", ["takenOn"] = "2026-03-02", ["certificate"] = "KT-2" });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        var afterPass = await Html(await owner.GetAsync($"{page}?done=kaztest"));
        Assert.Contains("Результат KAZTEST внесён: сдан", afterPass, StringComparison.Ordinal);
        Assert.Contains("id=\"open-questionnaire\"", afterPass, StringComparison.Ordinal);
        // A confirmation is told from the case as it is: nothing is confirmed that did not happen.
        Assert.DoesNotContain("id=\"confirmation\"", await owner.GetStringAsync($"{page}?done=withdrawn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_needs_the_ticked_confirmation_checked_by_the_server()
    {
        var (owner, ownerApi, id) = await Case();
        var page = $"/residence/{id}";
        var html = await owner.GetStringAsync(page);
        Assert.Matches("<input type=\"checkbox\" id=\"withdraw-confirm\" name=\"confirm\" value=\"yes\" required", html);

        var unconfirmed = await Html(await Post(owner, page, "Withdraw", new() { ["reason"] = "Changed plans" }));
        LinkedError(unconfirmed, "withdraw-confirm");
        Assert.Equal("questionnaire", Stage(await Api.Ok(await ownerApi.GetAsync($"/api/v1/residence/applications/{id}"))));

        var confirmed = await Post(owner, page, "Withdraw", new() { ["reason"] = "Changed plans", ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"{page}?done=withdrawn#confirmation", confirmed.Headers.Location!.ToString());
        Assert.Equal("withdrawn", Stage(await Api.Ok(await ownerApi.GetAsync($"/api/v1/residence/applications/{id}"))));
        Assert.Contains(Texts.All["withdraw.done"].En, await Html(await owner.GetAsync($"{page}?done=withdrawn")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspending_an_agency_needs_the_officers_confirmation()
    {
        var n = Random.Shared.Next(1000, 9000);
        var bin = Bins.Make(700000 + n);
        var email = $"form-agency{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = "Agency-2026-x", fullName = "Form agency", role = "agency", bin }), HttpStatusCode.Created);
        var agencyApi = await api.As(email, "Agency-2026-x");
        var id = (await Api.Ok(await agencyApi.PostAsJsonAsync("/api/v1/agencies/registration", new
        {
            bin, name = $"Form Test Agency {n} LLP", region = "KZ-75", address = "Almaty", director = "F. Test", services = PlaceAbroad, countries = Korea,
        }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var officer = await SignedIn("officer.astana@demo.koshi.kz");
        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, "/agencies/officer", "Accept", new() { ["id"] = id })).StatusCode);

        var unconfirmed = await Html(await Post(officer, "/agencies/officer", "Status", new() { ["id"] = id, ["status"] = "Suspended", ["reason"] = "Fees charged." }));
        Assert.Contains(Texts.All["form.confirm-required"].En, unconfirmed, StringComparison.Ordinal);
        Assert.Contains($"data-agency=\"{id}\" data-bin=\"{bin}\" data-status=\"active\"", unconfirmed, StringComparison.Ordinal);

        var confirmed = await Post(officer, "/agencies/officer", "Status", new() { ["id"] = id, ["status"] = "Suspended", ["reason"] = "Fees charged.", ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains($"data-agency=\"{id}\" data-bin=\"{bin}\" data-status=\"suspended\"", await officer.GetStringAsync("/agencies/officer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_ends_on_a_confirmation()
    {
        var client = Browser();
        var token = Token(await client.GetStringAsync("/account/register"));
        var registered = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["fullName"] = "Form Person", ["iin"] = Iins.Make(new DateOnly(1988, 4, 12), male: true, serial: Random.Shared.Next(1000, 9000)),
            ["email"] = $"form-{Guid.NewGuid():N}@test.koshi.kz", ["password"] = "Applicant-2026", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/residence?welcome=1#confirmation", registered.Headers.Location!.ToString());
        var home = await Html(await client.GetAsync("/residence?welcome=1"));
        Assert.Contains("id=\"confirmation\"", home, StringComparison.Ordinal);
        Assert.Contains(Texts.All["register.done"].Kk, home, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirmation\"", await client.GetStringAsync("/residence"), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
