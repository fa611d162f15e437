using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// The oversight officer's queues through the page and the API on each database: registrations awaiting acceptance,
/// complaints and inspections by risk; search by BIN or name, status, risk band and region filters, sort, pages that
/// keep the filters, bad parameters named, and who may list.
/// </summary>
public abstract partial class AgencyQueueTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Password = "Agency-2026-x";
    private static readonly string[] BandNames = ["low", "medium", "high"];
    private static readonly string[] Services = ["place-abroad"];
    private static readonly string[] Countries = ["KR"];
    private static int agencies;

    protected AgencyQueueTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    [Fact]
    public async Task Registrations_awaiting_acceptance_come_first_and_search_status_region_sort_and_pages_agree_on_page_and_API()
    {
        var token = Token();
        var pending = new List<string>();
        var active = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            pending.Add((await Register($"Queue {token} P{i}")).Bin);
        }

        for (var i = 0; i < 2; i++)
        {
            var (bin, id) = await Register($"Queue {token} A{i}");
            await Api.Ok(await (await Api.Officer()).PostAsync($"/api/v1/agencies/registry/{id}/accept", null));
            active.Add(bin);
        }

        var officer = await Api.Officer();
        var page = await SignedIn("officer.astana@demo.koshi.kz");
        async Task<List<string>> ApiRows(string query) => Bins(await Api.Ok(await officer.GetAsync($"/api/v1/agencies/queues/registry?q={token}&{query}")));
        async Task<List<string>> PageRows(string query) => Rows(await page.GetStringAsync($"/agencies/officer/queue?list=registry&q={token}&{query}"));

        var all = await ApiRows("");
        Assert.Equal(5, all.Count);
        Assert.Equal(pending.Order().ToList(), all.Take(3).Order().ToList());
        Assert.Equal(all, await PageRows(""));
        Assert.Equal(pending.Order().ToList(), (await ApiRows("status=pending")).Order().ToList());
        Assert.Equal(active.Order().ToList(), (await PageRows("status=active")).Order().ToList());
        Assert.Equal([pending[1]], Bins(await Api.Ok(await officer.GetAsync($"/api/v1/agencies/queues/registry?q={pending[1]}"))));
        Assert.Equal([pending[1]], Rows(await page.GetStringAsync($"/agencies/officer/queue?list=registry&q={pending[1]}")));
        Assert.Equal(5, (await ApiRows("region=KZ-71")).Count);
        Assert.Empty(await ApiRows("region=KZ-55"));
        Assert.Contains("<option value=\"pending\" selected=\"selected\">", await page.GetStringAsync($"/agencies/officer/queue?list=registry&q={token}&status=pending"), StringComparison.Ordinal);

        // By name, two to a page: the pages keep the search and sort, and together show each agency once.
        var byName = (await ApiRows("sort=name")).ToList();
        var seen = new List<string>();
        string? url = $"/agencies/officer/queue?list=registry&q={token}&sort=name&pageSize=2";
        for (var n = 1; url is not null; n++)
        {
            Assert.True(n <= 3, "More pages than 5 agencies in pages of 2 make.");
            var html = await page.GetStringAsync(url);
            seen.AddRange(Rows(html));
            url = NextPage().Match(html) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
            if (url is not null)
            {
                Assert.Contains($"q={token}", url, StringComparison.Ordinal);
                Assert.Contains("sort=name", url, StringComparison.Ordinal);
            }
        }

        Assert.Equal(byName, seen);
        var first = await officer.GetAsync($"/api/v1/agencies/queues/registry?q={token}&sort=name&pageSize=2");
        Assert.Equal("5", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(byName.Take(2).ToList(), Bins(await Api.Ok(first)));
        var link = Regex.Match(first.Headers.GetValues("Link").Single(), "<([^>]+)>").Groups[1].Value;
        Assert.Equal(byName.Skip(2).Take(2).ToList(), Bins(await Api.Ok(await officer.GetAsync(link))));
    }

    [Fact]
    public async Task Complaints_and_the_inspections_they_open_are_found_by_BIN_status_and_risk_band()
    {
        var token = Token();
        var (bin, id) = await Register($"Complained {token}");
        var officer = await Api.Officer();
        await Api.Ok(await officer.PostAsync($"/api/v1/agencies/registry/{id}/accept", null));
        var anonymous = Api.Anonymous();
        var complaints = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var filed = await Api.Ok(await anonymous.PostAsJsonAsync("/api/v1/agencies/complaints",
                new { agencyBin = bin, category = "fee-charged", text = $"They took a fee ({i}).", contact = "+7 700 123 4567" }), HttpStatusCode.Created);
            complaints.Add(filed.GetProperty("id").GetString()!);
            Factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var triaged = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/complaints/{complaints[0]}/triage", new { status = "inspection", note = "Fee reported." }));
        var inspection = triaged.GetProperty("inspectionId").GetString()!;

        var page = await SignedIn("officer.astana@demo.koshi.kz");
        async Task<List<string>> ApiIds(string list, string query) => Ids(await Api.Ok(await officer.GetAsync($"/api/v1/agencies/queues/{list}?q={bin}&{query}")));
        async Task<List<string>> PageIds(string list, string query) => Rows(await page.GetStringAsync($"/agencies/officer/queue?list={list}&q={bin}&{query}"));

        Assert.Equal(Enumerable.Reverse(complaints).ToList(), await ApiIds("complaints", "sort=newest"));
        Assert.Equal(complaints, await PageIds("complaints", "sort=oldest"));
        Assert.Equal([complaints[0]], await ApiIds("complaints", "status=inspection"));
        Assert.Equal(complaints.Skip(1).Order().ToList(), (await PageIds("complaints", "status=new")).Order().ToList());
        Assert.Equal(3, (await ApiIds("complaints", "")).Count);

        // The agency's band, as the registry queue reports it, keeps its complaints; another band does not.
        var band = (await Api.Ok(await officer.GetAsync($"/api/v1/agencies/queues/registry?q={bin}")))[0].GetProperty("riskBand").GetString()!;
        var other = BandNames.First(b => b != band);
        Assert.Equal(3, (await ApiIds("complaints", $"band={band}")).Count);
        Assert.Empty(await ApiIds("complaints", $"band={other}"));
        Assert.Empty(await PageIds("complaints", $"band={other}"));

        Assert.Equal([inspection], await ApiIds("inspections", "status=open"));
        Assert.Equal([inspection], await PageIds("inspections", "status=open"));
        Assert.Empty(await ApiIds("inspections", "status=done"));
        var planned = (await Api.Ok(await officer.GetAsync($"/api/v1/agencies/queues/inspections?q={bin}")))[0];
        Assert.Equal(bin, planned.GetProperty("agencyBin").GetString());
        var plannedBand = planned.GetProperty("riskBand").GetString()!;
        Assert.Equal([inspection], await ApiIds("inspections", $"band={plannedBand}"));
        Assert.Empty(await ApiIds("inspections", $"band={BandNames.First(b => b != plannedBand)}"));
    }

    [Fact]
    public async Task The_queue_API_names_a_bad_parameter_and_only_officers_and_administrators_list()
    {
        var officer = await Api.Officer();
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/registry?status=asleep"), "status");
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/complaints?status=pending"), "status");
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/inspections?status=new"), "status");
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/registry?band=extreme"), "band");
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/registry?sort=size"), "sort");
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/complaints?region=KZ-00"), "region");
        await Api.BadField(await officer.GetAsync("/api/v1/agencies/queues/inspections?page=0"), "page");
        await Api.BadField(await officer.GetAsync($"/api/v1/agencies/queues/registry?q={new string('x', 201)}"), "q");

        var (applicant, email, _) = await Api.NewApplicant();
        foreach (var list in new[] { "registry", "complaints", "inspections" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync($"/api/v1/agencies/queues/{list}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await (await Api.As("analyst@demo.koshi.kz")).GetAsync($"/api/v1/agencies/queues/{list}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().GetAsync($"/api/v1/agencies/queues/{list}")).StatusCode);
            await Api.Ok(await (await Api.As("admin@demo.koshi.kz")).GetAsync($"/api/v1/agencies/queues/{list}"));
        }

        var signedIn = await SignedIn(email, "Applicant-2026");
        var page = await signedIn.GetAsync("/agencies/officer/queue");
        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)page.StatusCode}");
        Assert.DoesNotContain("id=\"agency-queue\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Token() => "q" + Guid.NewGuid().ToString("N")[..10];

    private static List<string> Bins(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("bin").GetString()!).ToList();

    private static List<string> Ids(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private static List<string> Rows(string html) => Row().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private async Task<(string Bin, string Id)> Register(string name)
    {
        var n = Interlocked.Increment(ref agencies);
        var bin = Infrastructure.Bins.Make(700000 + (n * 89));
        var email = $"queueagency{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = Password, fullName = $"{name}", role = "agency", bin }), HttpStatusCode.Created);
        var client = await Api.As(email, Password);
        var applied = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/registration", new
        {
            bin, name, region = "KZ-71", address = "Astana, 1 Test Street", director = "Nurgul Testova", services = Services, countries = Countries,
        }), HttpStatusCode.Created);
        Factory.Time.Advance(TimeSpan.FromSeconds(30));
        return (bin, applied.GetProperty("id").GetString()!);
    }

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var html = await client.GetStringAsync("/account/login");
        var form = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/")).StatusCode);
        return client;
    }

    [GeneratedRegex("<tr [^>]*data-row=\"([^\"]+)\"")]
    private static partial Regex Row();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextPage();
}

public sealed class AgencyQueueSqliteTests(SqliteFactory factory) : AgencyQueueTests<SqliteFactory>(factory);

public sealed class AgencyQueuePostgresTests(PostgresFactory factory) : AgencyQueueTests<PostgresFactory>(factory);
