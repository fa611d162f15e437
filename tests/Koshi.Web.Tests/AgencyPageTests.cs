using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Agencies;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>The agencies pages: who may open them, the languages they speak, and a complaint from the public page to a sanction.</summary>
public sealed partial class AgencyPageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string AgencyUser = "agency@demo.koshi.kz";
    private const string Officer = "officer.astana@demo.koshi.kz";
    private const string Analyst = "analyst@demo.koshi.kz";
    private const string Admin = "admin@demo.koshi.kz";

    private static readonly string[] PlaceAbroad = ["place-abroad"];
    private static readonly string[] Korea = ["KR"];
    private static readonly string[] Signals = ["complaint", "report", "finding", "fee", "volume", "destination", "age"];
    private static readonly string[] Measures = ["none", "warning", "conditions", "suspension", "exclusion"];
    private static readonly string[] ReportStatuses = ["on_time", "late", "missing", "open"];

    private static readonly string[] RefusalCodes =
    [
        "already-registered", "bin-not-yours", "no-agency", "agency-not-active", "unknown-permit", "quarter-not-ended", "report-exists", "unknown-agency",
        "complaint-closed", "unknown-inspection", "plan-exists", "unknown-standard", "inspection-done", "not-pending", "status-change", "excluded", "no-bin",
    ];

    private readonly Api api = new(factory);

    private string Today => DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Every_label_and_refusal_of_the_agency_pages_has_its_three_languages()
    {
        var keys = new List<string>();
        keys.AddRange(Enum.GetValues<AgencyStatus>().Select(s => "agencies.status." + s.ToString().ToLowerInvariant()));
        keys.AddRange(Enum.GetValues<ComplaintStatus>().Select(s => "agencies.complaint-status." + s.ToString().ToLowerInvariant()));
        keys.AddRange(Enum.GetValues<InspectionSelection>().Select(s => "agencies.selection." + s.ToString().ToLowerInvariant()));
        keys.AddRange(Enum.GetValues<PlacementKind>().Select(k => "agencies.kind." + k.ToString().ToLowerInvariant()));
        keys.AddRange(ComplaintCategories.All.Select(c => "agencies.category." + c));
        keys.AddRange(AgencyServices.All.Select(s => "agencies.service." + s));
        keys.AddRange(Signals.Select(s => "agencies.signal." + s));
        keys.AddRange(Measures.Select(m => "agencies.measure." + m));
        keys.AddRange(ReportStatuses.Select(r => "agencies.report." + r));
        keys.AddRange(RefusalCodes.Select(code => "refusal." + code));
        foreach (var key in keys)
        {
            Assert.True(Texts.All.TryGetValue(key, out var text), $"missing text '{key}'");
            Assert.False(string.IsNullOrWhiteSpace(text.Kk) || string.IsNullOrWhiteSpace(text.Ru) || string.IsNullOrWhiteSpace(text.En), $"'{key}' lacks a language");
        }
    }

    [Theory]
    [InlineData("kk", "Жеке жұмыспен қамту агенттігін тексеру")]
    [InlineData("ru", "Проверка частного агентства занятости")]
    [InlineData("en", "Check a private employment agency")]
    public async Task Every_agency_page_answers_its_roles_in_each_language(string language, string heading)
    {
        var officer = await SignedIn(Officer);
        var inspection = await OpenInspection();
        var pages = new (string? Email, string Path, string Marker)[]
        {
            (null, "/agencies", "id=\"complaint-form\""),
            (AgencyUser, "/agencies/portal", "id=\"placement-form\""),
            (Officer, "/agencies/officer", "id=\"registry\""),
            (Officer, $"/agencies/inspections/{inspection}", "id=\"outcome-form\""),
            (Analyst, "/agencies/ministry", "id=\"hit-rates\""),
            (Admin, "/agencies/ministry", "id=\"by-region\""),
        };
        var clients = new Dictionary<string, HttpClient> { [Officer] = officer };
        foreach (var (email, path, marker) in pages)
        {
            var client = email is null ? Browser() : clients.TryGetValue(email, out var known) ? known : clients[email] = await SignedIn(email);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl={Uri.EscapeDataString(path)}")).StatusCode);
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} {path}: {(int)response.StatusCode}");
            Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
            Assert.Contains(marker, html, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\[[a-z]+\.[a-zA-Z.\-_]+\]", html);
            if (path == "/agencies")
            {
                Assert.Contains(heading, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Agency_pages_admit_the_right_people_only()
    {
        var agency = await SignedIn(AgencyUser);
        var officer = await SignedIn(Officer);
        var analyst = await SignedIn(Analyst);
        var employer = await SignedIn("employer@demo.koshi.kz");
        var inspection = await OpenInspection();

        Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync("/agencies")).StatusCode);
        foreach (var path in new[] { "/agencies/portal", "/agencies/officer", "/agencies/ministry", $"/agencies/inspections/{inspection}" })
        {
            var anonymous = await Browser().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Denied(await officer.GetAsync("/agencies/portal"));
        Denied(await employer.GetAsync("/agencies/portal"));
        Denied(await agency.GetAsync("/agencies/officer"));
        Denied(await analyst.GetAsync("/agencies/officer"));
        Denied(await agency.GetAsync($"/agencies/inspections/{inspection}"));
        Denied(await officer.GetAsync("/agencies/ministry"));
        Denied(await agency.GetAsync("/agencies/ministry"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/agencies/inspections/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_fee_recorded_on_the_portal_is_flagged_and_a_future_date_is_refused()
    {
        var agency = await SignedIn(AgencyUser);
        var placement = new Dictionary<string, string>
        {
            ["kind"] = "Abroad", ["workerIin"] = "900315401233", ["country"] = "PL", ["employerName"] = "Polish Farm Sp. z o.o.", ["terms"] = "employer",
            ["deposit"] = "true", ["fee"] = "90000", ["placedOn"] = Today,
        };
        var recorded = await Post(agency, "/agencies/portal", "Placement", placement);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var html = await agency.GetStringAsync("/agencies/portal");
        Assert.Matches("data-fee-violation=\"true\"", html);
        Assert.Contains("Polish Farm", html, StringComparison.Ordinal);

        placement["placedOn"] = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refused = await Post(agency, "/agencies/portal", "Placement", placement);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"placement-error\"", page, StringComparison.Ordinal);
        Assert.Contains(Texts.All["agencies.field.placed-on"].En, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complaint_from_the_public_page_leads_through_the_officer_pages_to_a_suspension_the_public_sees()
    {
        // A fresh agency, registered and accepted through the API, so the demo agency stays active for the other tests.
        var n = Random.Shared.Next(1000, 9000);
        var bin = Bins.Make(800000 + n);
        var email = $"page-agency{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await api.As(Admin);
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = "Agency-2026-x", fullName = "Page agency", role = "agency", bin }), HttpStatusCode.Created);
        var agencyApi = await api.As(email, "Agency-2026-x");
        var applied = await Api.Ok(await agencyApi.PostAsJsonAsync("/api/v1/agencies/registration", new
        {
            bin, name = $"Page Test Agency {n} LLP", region = "KZ-75", address = "Almaty", director = "P. Test", services = PlaceAbroad, countries = Korea,
        }), HttpStatusCode.Created);
        var id = applied.GetProperty("id").GetString()!;

        var officer = await SignedIn(Officer);
        Assert.Contains($"data-agency=\"{id}\" data-bin=\"{bin}\" data-status=\"pending\"", await officer.GetStringAsync("/agencies/officer"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, "/agencies/officer", "Accept", new() { ["id"] = id })).StatusCode);

        var worker = Browser();
        var filed = await Post(worker, "/agencies", "Complaint", new()
        {
            ["agencyBin"] = bin, ["category"] = "fee-charged", ["text"] = "Paid 300,000 tenge for a job in Korea.", ["contact"] = "+7 701 555 0101",
        });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var complaintId = Regex.Match(filed.Headers.Location!.ToString(), "filed=([0-9a-f-]{36})").Groups[1].Value;
        Assert.Contains(complaintId, await worker.GetStringAsync(filed.Headers.Location!.ToString()), StringComparison.Ordinal);
        var noContact = await Post(Browser(), "/agencies", "Complaint", new() { ["agencyBin"] = bin, ["category"] = "fee-charged", ["text"] = "x" });
        Assert.Contains("id=\"complaint-error\"", await noContact.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, "/agencies/officer", "Triage", new() { ["id"] = complaintId, ["status"] = "Inspection", ["note"] = "Fee reported" })).StatusCode);
        var desk = await officer.GetStringAsync("/agencies/officer");
        var inspection = Regex.Match(desk, $"data-complaint=\"{complaintId}\"[\\s\\S]*?/agencies/inspections/([0-9a-f-]{{36}})").Groups[1].Value;
        Assert.NotEmpty(inspection);

        var form = await officer.GetStringAsync($"/agencies/inspections/{inspection}");
        Assert.Contains("value=\"no_fee_to_workers\"", form, StringComparison.Ordinal);
        var recorded = await Post(officer, $"/agencies/inspections/{inspection}", string.Empty, new() { ["failed"] = "no_fee_to_workers", ["inspectedOn"] = Today });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var result = await officer.GetStringAsync($"/agencies/inspections/{inspection}");
        Assert.Contains("data-measure=\"suspension\"", result, StringComparison.Ordinal);

        var lookup = await Browser().GetStringAsync($"/agencies?q={bin}");
        Assert.Contains($"data-bin=\"{bin}\" data-status=\"suspended\"", lookup, StringComparison.Ordinal);
        Assert.Contains(Texts.All["agencies.lookup.not-good"].Kk, WebUtility.HtmlDecode(lookup), StringComparison.Ordinal);
        Assert.DoesNotContain("P. Test", lookup, StringComparison.Ordinal);
    }

    /// <summary>An open inspection of an illustrative agency, opened through a complaint.</summary>
    private async Task<string> OpenInspection()
    {
        var officer = await api.Officer();
        var agency = (await Api.Ok(await officer.GetAsync("/api/v1/agencies/registry?status=active"))).EnumerateArray()
            .First(a => a.GetProperty("illustrative").GetBoolean());
        var complaint = await Api.Ok(await api.Anonymous().PostAsJsonAsync("/api/v1/agencies/complaints",
            new { agencyBin = agency.GetProperty("bin").GetString(), category = "other", text = "x", contact = "x@example.kz" }), HttpStatusCode.Created);
        return (await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/complaints/{complaint.GetProperty("id").GetString()}/triage", new { status = "inspection" })))
            .GetProperty("inspectionId").GetString()!;
    }

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password)
    {
        var client = Browser();
        var form = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/")).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token(await client.GetStringAsync(page));
        var target = handler.Length == 0 ? page : $"{page}{(page.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    private static void Denied(HttpResponseMessage response) =>
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied", StringComparison.Ordinal)),
            $"expected 403 or a redirect to /account/denied, got {(int)response.StatusCode} {response.Headers.Location}");

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
