using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Koshi.Web.ForeignLabour;
using Koshi.Web.ForeignLabour.Pages;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>The foreign-labour pages: who may open them, the languages they speak, and an employer's permit from form to issue.</summary>
public sealed partial class LabourPageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Employer = "employer@demo.koshi.kz";
    private const string Officer = "officer.astana@demo.koshi.kz";
    private const string Analyst = "analyst@demo.koshi.kz";
    private const string Admin = "admin@demo.koshi.kz";

    private static readonly string[] Rules = ["permit-terms", "vacancy-posted", "quota-pool", "quota-seat", "local-content", "ict-limit", "worker-record", "skill-classification", "employer-record"];

    private readonly Api api = new(factory);

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>A browser signed in with the cookie, speaking English unless told otherwise.</summary>
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

    /// <summary>Posts a page's form to a handler with the antiforgery token of the page (or of <paramref name="tokenFrom"/>).</summary>
    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = Token(await client.GetStringAsync(tokenFrom ?? page));
        fields["__RequestVerificationToken"] = token;
        var separator = page.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await client.PostAsync($"{page}{separator}handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static void Denied(HttpResponseMessage response) =>
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied", StringComparison.Ordinal)),
            $"expected 403 or a redirect to /account/denied, got {(int)response.StatusCode} {response.Headers.Location}");

    private static void NoMissingTexts(string html) => Assert.DoesNotMatch(@"\[[a-z]+\.[a-zA-Z.\-]+\]", html);

    /// <summary>The page shows the text of the key in the language.</summary>
    private static async Task Shows(HttpResponseMessage response, string key, string language = "en")
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Texts.All[key].For(language), html, StringComparison.Ordinal);
    }

    private string Iso(int daysFromToday) =>
        Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow()).AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Registers the demo employer's organisation through the page, with enough Kazakh staff for local content.</summary>
    private static async Task RegisterOrganisation(HttpClient employer)
    {
        var response = await Post(employer, "/labour", "Employer", new Dictionary<string, string>
        {
            ["name"] = "Steppe Build LLP", ["okedSection"] = "F", ["region"] = "KZ-71",
            ["kazakh[0]"] = "5", ["kazakh[1]"] = "40", ["kazakh[2]"] = "60", ["kazakh[3]"] = "80",
            ["foreign[0]"] = "0", ["foreign[1]"] = "0", ["foreign[2]"] = "0", ["foreign[3]"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/labour", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string> Application(string type, string category, string vacancy, string passport, string worker) => new()
    {
        ["type"] = type, ["category"] = category, ["vacancyReference"] = vacancy, ["workerName"] = worker, ["workerPassport"] = passport,
        ["workerCitizenship"] = "UZ", ["workerBirthDate"] = "1990-05-01", ["isco"] = "2142", ["qualification"] = "Higher",
        ["experienceYears"] = "6", ["region"] = "KZ-71", ["startOn"] = Iso(7), ["durationDays"] = "365",
    };

    [Fact]
    public async Task The_form_reads_a_passport_and_an_occupation_by_the_apis_rules()
    {
        var employer = await SignedIn(Employer);
        await RegisterOrganisation(employer);

        // A passport typed in small letters with spaces is a passport (as the API reads it); a minor group is no occupation.
        var fields = Application("BusinessImmigrant", "None", string.Empty, " bi4821901 ", "Aziz Karimov");
        fields["isco"] = "242";
        var response = await Post(employer, "/labour", "Apply", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var error = Regex.Match(html, "<div class=\"error-summary\".*?<ul>(.*?)</ul>", RegexOptions.Singleline);
        Assert.True(error.Success, "No error on the page.");
        Assert.Contains(Texts.All["labour.field.isco"].For("en"), error.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.All["labour.field.passport"].For("en"), error.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("href=\"#apply-isco\"", error.Groups[1].Value, StringComparison.Ordinal);
    }

    /// <summary>A business-immigrant permit needs no vacancy and no quota seat: a quick permit to look at.</summary>
    private async Task<string> BusinessImmigrantPermit(HttpClient employer)
    {
        await RegisterOrganisation(employer);
        var response = await Post(employer, "/labour", "Apply", Application("BusinessImmigrant", "None", string.Empty, "BI" + Random.Shared.Next(100000, 999999) + "3", "Aziz Karimov"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/labour/permits/[0-9a-f-]{36}$", location);
        return location;
    }

    [Fact]
    public void Every_label_and_refusal_of_the_pages_has_its_three_languages()
    {
        var keys = new List<string>();
        keys.AddRange(Enum.GetValues<PermitType>().Select(t => "labour.type." + t));
        keys.AddRange(Enum.GetValues<PermitCategory>().Select(c => "labour.category." + c));
        keys.AddRange(Enum.GetValues<Qualification>().Select(q => "labour.qualification." + q));
        keys.AddRange(Enum.GetValues<PermitStatus>().Select(s => "labour.status." + s.ToString().ToLowerInvariant()).Append("labour.status.expired"));
        keys.AddRange(Enum.GetValues<InvoicePurpose>().Select(p => "labour.purpose." + p));
        keys.AddRange(Enum.GetValues<InvoiceStatus>().Select(s => "labour.invoice-status." + s));
        keys.AddRange(PackNames.Pools.Select(p => "labour.pool." + p));
        keys.AddRange(OkedSection.All.Select(s => "labour.oked." + s.Value));
        keys.AddRange(Rules.Select(r => "labour.rule." + r));

        foreach (var key in keys)
        {
            Assert.True(Texts.All.TryGetValue(key, out var text), $"missing text '{key}'");
            Assert.False(string.IsNullOrWhiteSpace(text.Kk) || string.IsNullOrWhiteSpace(text.Ru) || string.IsNullOrWhiteSpace(text.En), $"'{key}' lacks a language");
        }
    }

    [Theory]
    [InlineData("kk", "Шетелдік жұмыс күшін тарту")]
    [InlineData("ru", "Привлечение иностранной рабочей силы")]
    [InlineData("en", "Hiring foreign workers")]
    public async Task Every_labour_page_answers_its_roles_in_each_language(string language, string heading)
    {
        var employer = await SignedIn(Employer);
        var permit = await BusinessImmigrantPermit(employer);
        var pages = new (string Email, string Path, string Marker)[]
        {
            (Employer, "/labour", "id=\"apply\""),
            (Employer, permit, "id=\"checks\""),
            (Officer, "/labour/officer", "id=\"permits\""),
            (Officer, permit, "id=\"officer-actions\""),
            (Analyst, "/labour/ministry", "id=\"quota\""),
            (Admin, "/labour/ministry", "id=\"set-seats\""),
            (Admin, permit, "id=\"invoices-section\""),
        };
        var clients = new Dictionary<string, HttpClient> { [Employer] = employer };
        foreach (var (email, path, marker) in pages)
        {
            if (!clients.TryGetValue(email, out var client))
            {
                client = clients[email] = await SignedIn(email);
            }

            var switched = await client.GetAsync($"/language/{language}?returnUrl={Uri.EscapeDataString(path)}");
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} {path}: {(int)response.StatusCode}");
            Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
            Assert.Contains(marker, html, StringComparison.Ordinal);
            NoMissingTexts(html);
        }

        Assert.Contains(heading, await employer.GetStringAsync("/labour"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labour_pages_admit_the_right_people_only()
    {
        var employer = await SignedIn(Employer);
        var permit = await BusinessImmigrantPermit(employer);
        var officer = await SignedIn(Officer);
        var otherOfficer = await SignedIn("officer.pavlodar@demo.koshi.kz");
        var analyst = await SignedIn(Analyst);
        var admin = await SignedIn(Admin);
        var (_, applicantEmail, _) = await api.NewApplicant();
        var applicant = await SignedIn(applicantEmail, "Applicant-2026");

        var anonymous = await Browser().GetAsync("/labour");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);

        Denied(await officer.GetAsync("/labour"));
        Denied(await analyst.GetAsync("/labour"));
        Denied(await applicant.GetAsync("/labour"));
        Denied(await employer.GetAsync("/labour/officer"));
        Denied(await admin.GetAsync("/labour/officer"));
        Denied(await employer.GetAsync("/labour/ministry"));
        Denied(await officer.GetAsync("/labour/ministry"));
        Denied(await analyst.GetAsync(permit));

        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.GetAsync(permit)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync(permit)).StatusCode);

        // The analyst reads the ministry page but cannot change seats; the owner cannot approve its own application.
        var analystPage = await analyst.GetStringAsync("/labour/ministry");
        Assert.DoesNotContain("id=\"set-seats\"", analystPage, StringComparison.Ordinal);
        Denied(await Post(analyst, "/labour/ministry", "Seats", new Dictionary<string, string>
        {
            ["year"] = "2026", ["region"] = "KZ-71", ["pool"] = "cat1", ["seats"] = "3", ["reason"] = "x",
        }));
        Assert.Equal(HttpStatusCode.NotFound, (await Post(employer, permit, "Approve", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(otherOfficer, permit, "Approve", [], tokenFrom: "/labour/officer")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(admin, permit, "Approve", [])).StatusCode);
        Assert.Contains("data-status=\"submitted\"", await employer.GetStringAsync(permit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employer_applies_through_the_form_and_follows_the_permit_to_issue()
    {
        // Organisation and vacancy through the page.
        var employer = await SignedIn(Employer);
        await RegisterOrganisation(employer);
        var posted = await Post(employer, "/labour", "Vacancy", new Dictionary<string, string>
        {
            ["title"] = "Site engineer", ["isco"] = "2142", ["category"] = "Cat2", ["region"] = "KZ-71", ["positions"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var dashboard = await employer.GetStringAsync("/labour");
        Assert.Contains("Site engineer", dashboard, StringComparison.Ordinal);
        var reference = VacancyPattern().Matches(dashboard).Select(m => m.Groups[1].Value).First();

        // A vacancy posted today is too recent: the refusal is shown in the page's language with its source.
        await employer.GetAsync("/language/ru?returnUrl=/labour");
        var early = await Post(employer, "/labour", "Apply", Application("Employer", "Cat2", reference, "AB1234561", "Rustam Yusupov"));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        await Shows(early, "refusal.vacancy-too-recent", "ru");
        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Contains("id=\"labour-error\"", earlyHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"labour-error-source\"", earlyHtml, StringComparison.Ordinal);

        // Sixteen days later, with a seat in the region's category-2 quota.
        factory.Time.Advance(TimeSpan.FromDays(16));
        var year = factory.Time.GetUtcNow().Year;
        var adminApi = await api.As(Admin);
        await Api.Ok(await adminApi.PutAsync($"/api/v1/labour/quota/{year}/KZ-71/cat2", Api.Body(new { seats = 5, reason = "test" })));
        employer = await SignedIn(Employer);
        var quota = await employer.GetStringAsync("/labour");
        Assert.Contains("id=\"quota\"", quota, StringComparison.Ordinal);
        Assert.Contains("data-pool=\"cat2\"", quota, StringComparison.Ordinal);

        // A worker the Migration Police bars is refused.
        var barred = await Post(employer, "/labour", "Apply", Application("Employer", "Cat2", reference, "AB1234567", "Barred Worker"));
        Assert.Equal(HttpStatusCode.OK, barred.StatusCode);
        await Shows(barred, "refusal.worker-record");

        var applied = await Post(employer, "/labour", "Apply", Application("Employer", "Cat2", reference, "AB1234561", "Rustam Yusupov"));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var permit = applied.Headers.Location!.ToString();
        Assert.Matches("^/labour/permits/[0-9a-f-]{36}$", permit);
        var page = await employer.GetStringAsync(permit);
        Assert.Contains("Rustam Yusupov", page, StringComparison.Ordinal);
        Assert.Contains("data-status=\"submitted\"", page, StringComparison.Ordinal);
        Assert.Contains("data-rule=\"vacancy-posted\" data-passed=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("data-rule=\"local-content\" data-passed=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"withdraw\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve\"", page, StringComparison.Ordinal);
        NoMissingTexts(page);
        var list = await employer.GetStringAsync("/labour");
        Assert.Contains($"href=\"{permit}\"", list, StringComparison.Ordinal);

        // The officer sees it first in the region's list and approves: the fee is invoiced.
        var officer = await SignedIn(Officer);
        var queue = await officer.GetStringAsync("/labour/officer");
        Assert.Contains($"href=\"{permit}\"", queue, StringComparison.Ordinal);
        Assert.Contains("id=\"quota\"", queue, StringComparison.Ordinal);
        Assert.Contains("id=\"approve\"", await officer.GetStringAsync(permit), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, permit, "Approve", [])).StatusCode);

        // Issuing before payment is refused.
        var unpaid = await Post(officer, permit, "Issue", []);
        Assert.Equal(HttpStatusCode.OK, unpaid.StatusCode);
        await Shows(unpaid, "refusal.fee-unpaid");
        var approved = await employer.GetStringAsync(permit);
        Assert.Contains("data-status=\"approved\"", approved, StringComparison.Ordinal);
        Assert.Contains("id=\"invoices\"", approved, StringComparison.Ordinal);
        Assert.Contains("id=\"pay\"", approved, StringComparison.Ordinal);

        // The employer pays; a declined card is shown as such.
        var declined = await Post(employer, permit, "Pay", new Dictionary<string, string> { ["account"] = "KZ000000000000000001" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        await Shows(declined, "refusal.payment-declined");
        Assert.Equal(HttpStatusCode.Redirect, (await Post(employer, permit, "Pay", new Dictionary<string, string> { ["account"] = "KZ000000000000001234" })).StatusCode);
        Assert.Contains("data-status=\"paid\"", await employer.GetStringAsync(permit), StringComparison.Ordinal);

        // The officer issues it against the quota.
        Assert.Contains("id=\"issue\"", await officer.GetStringAsync(permit), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, permit, "Issue", [])).StatusCode);
        var issued = await employer.GetStringAsync(permit);
        Assert.Contains("data-status=\"issued\"", issued, StringComparison.Ordinal);
        Assert.Contains("id=\"permit-number\"", issued, StringComparison.Ordinal);
        Assert.Contains("id=\"extend\"", issued, StringComparison.Ordinal);
        Assert.Contains("id=\"end\"", issued, StringComparison.Ordinal);
        Assert.Contains("id=\"revoke\"", await officer.GetStringAsync(permit), StringComparison.Ordinal);

        // The ministry sees the admitted worker, and the admin sets seats through the page.
        var analyst = await SignedIn(Analyst);
        var ministry = await analyst.GetStringAsync("/labour/ministry");
        Assert.Contains("id=\"countries\"", ministry, StringComparison.Ordinal);
        Assert.Contains("data-key=\"UZ\"", ministry, StringComparison.Ordinal);
        Assert.Contains("data-region=\"KZ-71\"", ministry, StringComparison.Ordinal);
        var admin = await SignedIn(Admin);
        var below = await Post(admin, "/labour/ministry", "Seats", new Dictionary<string, string>
        {
            ["year"] = year.ToString(CultureInfo.InvariantCulture), ["region"] = "KZ-71", ["pool"] = "cat2", ["seats"] = "0", ["reason"] = "cut",
        });
        Assert.Equal(HttpStatusCode.OK, below.StatusCode);
        await Shows(below, "refusal.below-used");
        var set = await Post(admin, "/labour/ministry", "Seats", new Dictionary<string, string>
        {
            ["year"] = year.ToString(CultureInfo.InvariantCulture), ["region"] = "KZ-71", ["pool"] = "cat2", ["seats"] = "7", ["reason"] = "mid-year redistribution",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var table = await (await api.As(Admin)).GetAsync($"/api/v1/labour/quota?year={year}&region=KZ-71");
        var cat2 = (await Api.Ok(table)).GetProperty("allocations").EnumerateArray().Single(a => a.GetProperty("pool").GetString() == "cat2");
        Assert.Equal(7, cat2.GetProperty("seats").GetInt32());
        Assert.Equal(1, cat2.GetProperty("used").GetInt32());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-reference=\"(VAC-[0-9]{4}-[0-9A-F]+)\"")]
    private static partial Regex VacancyPattern();
}
