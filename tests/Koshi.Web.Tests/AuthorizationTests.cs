using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Every API endpoint against every kind of caller: anonymous gets 401, a wrong role 403, another applicant's or
/// another region's case 404; the rightful caller gets through (any answer but 401/403/404/5xx).
/// </summary>
public abstract class AuthorizationTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Owner = "owner";
    private const string OtherApplicant = "other-applicant";
    private const string Officer = "officer-same-region";
    private const string OtherOfficer = "officer-other-region";
    private const string Employer = "employer";
    private const string Agency = "agency";
    private const string Analyst = "analyst";
    private const string Admin = "admin";
    private const string Anonymous = "anonymous";

    private static readonly string[] Everyone = [Owner, OtherApplicant, Officer, OtherOfficer, Employer, Agency, Analyst, Admin];

    private readonly TFactory factory;
    private readonly Api api;

    protected AuthorizationTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        this.factory = factory;
        api = new Api(factory);
    }

    /// <summary>Who may call each endpoint; "case" endpoints also check ownership (applicant) or region (officer).</summary>
    public static readonly IReadOnlyList<(string Method, string Route, string[] Allowed, bool Case, object? Body)> Matrix =
    [
        ("POST", "/api/v1/residence/applications", [Owner, OtherApplicant], false, new { kind = "kandas-status", region = "KZ-71" }),
        ("GET", "/api/v1/residence/applications", [Owner, OtherApplicant, Officer, OtherOfficer, Admin], false, null),
        ("GET", "/api/v1/residence/applications/{id:guid}", [Owner, Officer, Admin], true, null),
        ("POST", "/api/v1/residence/applications/{id:guid}/kaztest", [Owner], true, new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }),
        ("GET", "/api/v1/residence/questionnaire", Everyone, false, null),
        ("POST", "/api/v1/residence/applications/{id:guid}/score-preview", [Owner], true, Answers.Strong()),
        ("POST", "/api/v1/residence/applications/{id:guid}/questionnaire", [Owner], true, Answers.Strong()),
        ("POST", "/api/v1/residence/applications/{id:guid}/withdraw", [Owner], true, new { reason = "x" }),
        ("POST", "/api/v1/residence/applications/{id:guid}/checks", [Officer], true, null),
        ("POST", "/api/v1/residence/applications/{id:guid}/interview", [Officer], true, new { at = "2026-12-01T10:00:00+05:00", place = "Astana" }),
        ("POST", "/api/v1/residence/applications/{id:guid}/interview/outcome", [Officer], true, new { passed = true }),
        ("POST", "/api/v1/residence/applications/{id:guid}/decision", [Officer], true, new { outcome = "approve", reasons = "x" }),
        ("GET", "/api/v1/residence/applications/{id:guid}/decision", [Owner, Officer, Admin], true, null),
        ("GET", "/api/v1/residence/applications/{id:guid}/rescore", [Officer, Admin], true, null),
        ("GET", "/api/v1/residence/applications/{id:guid}/letter", [Owner, Officer, Admin], true, null),
        ("GET", "/api/v1/residence/queue", [Officer, OtherOfficer], false, null),
        ("GET", "/api/v1/residence/statistics", [Analyst, Admin], false, null),
        ("GET", "/api/v1/me", Everyone, false, null),
        ("GET", "/api/v1/audit/verify", [Admin], false, null),
        ("GET", "/api/v1/audit/entries", [Admin], false, null),
        ("POST", "/api/v1/audit/checkpoints", [Admin], false, null),
        ("POST", "/api/v1/admin/users", [Admin], false,
            new { email = "officer.kostanay@test.koshi.kz", password = "Officer-2026", fullName = "Kostanay Officer", role = "officer", region = "KZ-39" }),
    ];

    private static readonly string[] Applicants = [Owner, OtherApplicant];

    /// <summary>
    /// Who may call each foreign-labour endpoint on the demo employer's permit in KZ-71 (the employer is its owner);
    /// callers in <c>NotFound</c> pass the role check but are not the permit's owner or region.
    /// </summary>
    public static readonly IReadOnlyList<(string Method, string Route, string Path, string[] Allowed, string[] NotFound, object? Body)> LabourMatrix =
    [
        ("GET", "/api/v1/labour/employer", "/api/v1/labour/employer", [Employer], [], null),
        ("PUT", "/api/v1/labour/employer", "/api/v1/labour/employer", [Employer], [],
            new { name = "Steppe Build LLP", okedSection = "F", region = "KZ-71", kazakhStaff = new[] { 12, 40, 400, 900 }, foreignStaff = new[] { 0, 0, 5, 10 } }),
        ("GET", "/api/v1/labour/vacancies", "/api/v1/labour/vacancies", [Employer], [], null),
        ("POST", "/api/v1/labour/vacancies", "/api/v1/labour/vacancies", [Employer], [], new { title = "Welder", isco = "7212", category = "cat4", region = "KZ-71", positions = 1 }),
        ("POST", "/api/v1/labour/permits", "/api/v1/labour/permits", [Employer, Owner, OtherApplicant], [], PermitApplication("A0000011")),
        ("GET", "/api/v1/labour/permits", "/api/v1/labour/permits", [Employer, Owner, OtherApplicant, Officer, OtherOfficer, Admin], [], null),
        ("GET", "/api/v1/labour/permits/{id:guid}", "/api/v1/labour/permits/{id}", [Employer, Officer, Admin], [Owner, OtherApplicant, OtherOfficer], null),
        ("POST", "/api/v1/labour/permits/{id:guid}/approve", "/api/v1/labour/permits/{id}/approve", [Officer], [OtherOfficer], null),
        ("POST", "/api/v1/labour/permits/{id:guid}/refuse", "/api/v1/labour/permits/{id}/refuse", [Officer], [OtherOfficer], new { reason = "x" }),
        ("POST", "/api/v1/labour/permits/{id:guid}/pay", "/api/v1/labour/permits/{id}/pay", [Employer], Applicants, new { account = "KZ000000000000001234" }),
        ("POST", "/api/v1/labour/permits/{id:guid}/issue", "/api/v1/labour/permits/{id}/issue", [Officer], [OtherOfficer], null),
        ("POST", "/api/v1/labour/permits/{id:guid}/extend", "/api/v1/labour/permits/{id}/extend", [Employer], Applicants, new { days = 30 }),
        ("POST", "/api/v1/labour/permits/{id:guid}/revoke", "/api/v1/labour/permits/{id}/revoke", [Officer], [OtherOfficer], new { reason = "x" }),
        ("POST", "/api/v1/labour/permits/{id:guid}/end", "/api/v1/labour/permits/{id}/end", [Employer], Applicants, new { endOn = "2026-06-01" }),
        ("POST", "/api/v1/labour/permits/{id:guid}/withdraw", "/api/v1/labour/permits/{id}/withdraw", [Employer], Applicants, new { reason = "x" }),
        ("GET", "/api/v1/labour/quota", "/api/v1/labour/quota", Everyone, [], null),
        ("PUT", "/api/v1/labour/quota/{year:int}/{region}/{pool}", "/api/v1/labour/quota/2026/KZ-71/cat3", [Admin], [], new { seats = 900, reason = "x" }),
        ("POST", "/api/v1/labour/quota/{year:int}/moves", "/api/v1/labour/quota/2026/moves", [Admin], [], new { pool = "cat3", from = "KZ-71", to = "KZ-55", seats = 1, reason = "x" }),
        ("GET", "/api/v1/labour/quota/{year:int}/{region}/{pool}/history", "/api/v1/labour/quota/2026/KZ-71/cat3/history", [Officer, OtherOfficer, Analyst, Admin], [], null),
        ("GET", "/api/v1/labour/fee", "/api/v1/labour/fee?type=employer&category=cat1&durationDays=365", Everyone, [], null),
        ("GET", "/api/v1/labour/skilled-share", "/api/v1/labour/skilled-share", [Officer, OtherOfficer, Analyst, Admin], [], null),
        ("GET", "/api/v1/labour/permits/{id:guid}/assessment", "/api/v1/labour/permits/{id}/assessment", [Employer, Officer, Admin], [Owner, OtherApplicant, OtherOfficer], null),
        ("POST", "/api/v1/labour/permits/{id:guid}/evidence/{item}", "/api/v1/labour/permits/{id}/evidence/experience", [Officer], [OtherOfficer], new { accepted = true }),
        ("GET", "/api/v1/labour/rounds", "/api/v1/labour/rounds", [.. Everyone, Anonymous], [], null),
        ("GET", "/api/v1/labour/rounds/measures", "/api/v1/labour/rounds/measures", [.. Everyone, Anonymous], [], null),
        ("GET", "/api/v1/labour/rounds/pool", "/api/v1/labour/rounds/pool?region=KZ-71&pool=cat3", [Analyst, Admin], [], null),
        ("POST", "/api/v1/labour/rounds", "/api/v1/labour/rounds", [Admin], [], new { region = "KZ-71", pool = "cat3" }),
    ];

    /// <summary>
    /// Who may call each resettlement endpoint on the owner's case settling in KZ-55: there the region's officer is the
    /// one called <c>OtherOfficer</c> (Pavlodar), and the Astana officer is the one of another region.
    /// </summary>
    public static readonly IReadOnlyList<(string Method, string Route, string Path, string[] Allowed, string[] NotFound, object? Body)> ResettlementMatrix =
    [
        ("POST", "/api/v1/resettlement/applications", "/api/v1/resettlement/applications", Applicants, [], Families.Family(size: 1)),
        ("GET", "/api/v1/resettlement/applications", "/api/v1/resettlement/applications", [Owner, OtherApplicant, Officer, OtherOfficer, Admin], [], null),
        ("GET", "/api/v1/resettlement/queue", "/api/v1/resettlement/queue", [Officer, OtherOfficer, Admin], [], null),
        ("GET", "/api/v1/resettlement/applications/{id:guid}", "/api/v1/resettlement/applications/{id}", [Owner, OtherOfficer, Admin], [OtherApplicant, Officer], null),
        ("PUT", "/api/v1/resettlement/applications/{id:guid}/account", "/api/v1/resettlement/applications/{id}/account", [Owner], [OtherApplicant], new { payoutAccount = "KZ000000000000005678" }),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/approve", "/api/v1/resettlement/applications/{id}/approve", [OtherOfficer], [Officer], null),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/refuse", "/api/v1/resettlement/applications/{id}/refuse", [OtherOfficer], [Officer], new { reason = "x" }),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/arrival", "/api/v1/resettlement/applications/{id}/arrival", [Owner, OtherOfficer], [OtherApplicant, Officer, Admin], new { }),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/payments", "/api/v1/resettlement/applications/{id}/payments", [OtherOfficer], [Officer], null),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/address-check", "/api/v1/resettlement/applications/{id}/address-check", [OtherOfficer], [Officer], null),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/refund/confirm", "/api/v1/resettlement/applications/{id}/refund/confirm", [OtherOfficer], [Officer], new { }),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/refund/waive", "/api/v1/resettlement/applications/{id}/refund/waive", [OtherOfficer], [Officer], new { reason = "x" }),
        ("POST", "/api/v1/resettlement/applications/{id:guid}/withdraw", "/api/v1/resettlement/applications/{id}/withdraw", [Owner], [OtherApplicant], new { reason = "x" }),
        ("GET", "/api/v1/resettlement/quota", "/api/v1/resettlement/quota", [Officer, OtherOfficer, Analyst, Admin], [], null),
        ("GET", "/api/v1/resettlement/measures", "/api/v1/resettlement/measures", [Analyst, Admin], [], null),
        ("GET", "/api/v1/resettlement/measures/{table}.csv", "/api/v1/resettlement/measures/flows.csv", [Analyst, Admin], [], null),
        ("POST", "/api/v1/resettlement/employer-claims", "/api/v1/resettlement/employer-claims", [Employer], [],
            new { caseReference = "RS-2026-0000000000", participantIin = "900101300018", hiredOn = "2024-01-01", housedFrom = "2024-01-01", payoutAccount = "KZ000000000000004321" }),
        ("GET", "/api/v1/resettlement/employer-claims", "/api/v1/resettlement/employer-claims", [Employer, Officer, OtherOfficer, Admin], [], null),
        ("GET", "/api/v1/resettlement/employer-claims/{id:guid}", "/api/v1/resettlement/employer-claims/{claim}", [Employer, OtherOfficer, Admin], [Officer], null),
        ("POST", "/api/v1/resettlement/employer-claims/{id:guid}/refuse", "/api/v1/resettlement/employer-claims/{claim}/refuse", [OtherOfficer], [Officer], new { reason = "x" }),
        ("POST", "/api/v1/resettlement/employer-claims/{id:guid}/approve", "/api/v1/resettlement/employer-claims/{claim}/approve", [OtherOfficer], [Officer], null),
    ];

    private static readonly string[] Officers = [Officer, OtherOfficer];

    private static readonly string[] AgencyOversight = [Officer, OtherOfficer, Analyst, Admin];

    /// <summary>
    /// Who may call each agencies endpoint; the registry is national, so every officer reads and decides on it. The
    /// agency is the demo account's; {id} is its registry id, {complaint} and {inspection} are made for the test.
    /// </summary>
    public static readonly IReadOnlyList<(string Method, string Route, string Path, string[] Allowed, object? Body)> AgencyMatrix =
    [
        ("POST", "/api/v1/agencies/registration", "/api/v1/agencies/registration", [Agency],
            new { bin = "180740004568", name = "Qadam Recruitment LLP", region = "KZ-71", address = "Astana", director = "A. Demo", services = new[] { "place-abroad" }, countries = new[] { "KR" } }),
        ("GET", "/api/v1/agencies/mine", "/api/v1/agencies/mine", [Agency], null),
        ("PUT", "/api/v1/agencies/mine", "/api/v1/agencies/mine", [Agency],
            new { name = "Qadam Recruitment LLP", region = "KZ-71", address = "Astana, 1 Demo Street", director = "A. Demo", services = new[] { "place-abroad", "recruit-foreign" }, countries = new[] { "KR", "PL", "RU", "TR" } }),
        ("GET", "/api/v1/agencies/mine/placements", "/api/v1/agencies/mine/placements", [Agency], null),
        ("POST", "/api/v1/agencies/mine/placements", "/api/v1/agencies/mine/placements", [Agency],
            new { kind = "abroad", workerIin = "900315401233", country = "KR", employerName = "Hanil Foods Co.", terms = new[] { "employer", "wage" }, deposit = true, placedOn = "2026-03-01" }),
        ("GET", "/api/v1/agencies/mine/reports", "/api/v1/agencies/mine/reports", [Agency], null),
        ("POST", "/api/v1/agencies/mine/reports", "/api/v1/agencies/mine/reports", [Agency], new { year = 2025, quarter = 4, applicants = 3 }),
        ("GET", "/api/v1/agencies/registry", "/api/v1/agencies/registry", [Officer, OtherOfficer, Admin], null),
        ("GET", "/api/v1/agencies/registry/{id:guid}", "/api/v1/agencies/registry/{id}", [Officer, OtherOfficer, Admin], null),
        ("POST", "/api/v1/agencies/registry/{id:guid}/accept", "/api/v1/agencies/registry/{id}/accept", Officers, null),
        ("POST", "/api/v1/agencies/registry/{id:guid}/status", "/api/v1/agencies/registry/{id}/status", Officers, new { status = "active", reason = "x" }),
        ("GET", "/api/v1/agencies/complaints", "/api/v1/agencies/complaints", [Officer, OtherOfficer, Admin], null),
        ("GET", "/api/v1/agencies/queues/registry", "/api/v1/agencies/queues/registry", [Officer, OtherOfficer, Admin], null),
        ("GET", "/api/v1/agencies/queues/complaints", "/api/v1/agencies/queues/complaints", [Officer, OtherOfficer, Admin], null),
        ("GET", "/api/v1/agencies/queues/inspections", "/api/v1/agencies/queues/inspections", [Officer, OtherOfficer, Admin], null),
        ("POST", "/api/v1/agencies/complaints/{id:guid}/triage", "/api/v1/agencies/complaints/{complaint}/triage", Officers, new { status = "triaged" }),
        ("GET", "/api/v1/agencies/risk", "/api/v1/agencies/risk", AgencyOversight, null),
        ("POST", "/api/v1/agencies/inspection-plans", "/api/v1/agencies/inspection-plans", Officers, new { year = 2027, quarter = 4, capacity = 2 }),
        ("GET", "/api/v1/agencies/inspection-plans/{year:int}/{quarter:int}", "/api/v1/agencies/inspection-plans/2027/4", AgencyOversight, null),
        ("GET", "/api/v1/agencies/inspection-plans/{year:int}/{quarter:int}/redraw", "/api/v1/agencies/inspection-plans/2027/4/redraw", AgencyOversight, null),
        ("GET", "/api/v1/agencies/inspections/{id:guid}", "/api/v1/agencies/inspections/{inspection}", [Officer, OtherOfficer, Admin], null),
        ("POST", "/api/v1/agencies/inspections/{id:guid}/outcome", "/api/v1/agencies/inspections/{inspection}/outcome", Officers, new { failed = Array.Empty<string>() }),
        ("GET", "/api/v1/agencies/measures", "/api/v1/agencies/measures", AgencyOversight, null),
    ];

    /// <summary>Who may call each analytics endpoint: the ministry's analysts and the administrator, nobody else.</summary>
    public static readonly IReadOnlyList<(string Method, string Route, string Path, string[] Allowed)> AnalyticsMatrix =
    [
        ("GET", "/api/v1/analytics/dashboard", "/api/v1/analytics/dashboard?year=2026&region=KZ-71", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/tables/{name}", "/api/v1/analytics/tables/quota-use?format=parquet", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/dictionary", "/api/v1/analytics/dictionary", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/lab/targets", "/api/v1/analytics/lab/targets", [Analyst, Admin]),
        ("POST", "/api/v1/analytics/lab/runs", "/api/v1/analytics/lab/runs", [Analyst, Admin]),
        ("POST", "/api/v1/analytics/lab/rounds", "/api/v1/analytics/lab/rounds", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/lab/runs/{id:guid}", "/api/v1/analytics/lab/runs/{run}", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/lab/runs/{id:guid}/csv", "/api/v1/analytics/lab/runs/{run}/csv", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/lab/runs/{id:guid}/parquet", "/api/v1/analytics/lab/runs/{run}/parquet", [Analyst, Admin]),
        ("GET", "/api/v1/analytics/lab/runs", "/api/v1/analytics/lab/runs", [Analyst, Admin]),
        ("DELETE", "/api/v1/analytics/lab/runs/{id:guid}", "/api/v1/analytics/lab/runs/{run}", [Analyst, Admin]),
    ];

    /// <summary>Endpoints anyone may call, signed in or not.</summary>
    public static readonly IReadOnlyList<(string Method, string Route)> Public =
    [
        ("POST", "/api/v1/auth/token"),
        ("POST", "/api/v1/auth/register"),
        ("GET", "/api/v1/reference/regions"),
        ("GET", "/api/v1/reference/occupations"),
        ("GET", "/api/v1/reference/iin/{value}"),
        ("GET", "/api/v1/reference/bin/{value}"),
        ("GET", "/api/v1/audit/checkpoints"),
        ("GET", "/api/v1/audit/entries/{sequence:long}/proof"),
        ("GET", "/api/v1/audit/consistency"),
        ("GET", "/api/v1/verify/{code}"),
        ("GET", "/api/v1/agencies/public"),
        ("GET", "/api/v1/agencies/public/{bin}"),
        ("GET", "/api/v1/agencies/standards"),
        ("POST", "/api/v1/agencies/complaints"),
    ];

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
        Assert.NotEmpty(endpoints);
        var known = Matrix.Select(m => (m.Method, m.Route)).Concat(LabourMatrix.Select(m => (m.Method, m.Route)))
            .Concat(ResettlementMatrix.Select(m => (m.Method, m.Route))).Concat(AgencyMatrix.Select(m => (m.Method, m.Route))).Concat(AnalyticsMatrix.Select(m => (m.Method, m.Route))).Concat(Public).ToHashSet();
        Assert.All(endpoints, e => Assert.True(known.Contains(e), $"{e.Method} {e.Route} has no authorisation test."));
    }

    [Fact]
    public async Task Each_endpoint_answers_each_caller_as_its_rules_say()
    {
        // The owner's case is decided (refused for its score), so rightful callers of state-changing endpoints get 409.
        var (owner, _, _) = await api.NewApplicant();
        var created = await Api.Ok(await owner.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await Api.Ok(await owner.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        await Api.Ok(await owner.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Weak().ToJsonString())));
        await Api.Ok(await (await api.Officer()).PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "refuse", ground = "score", reasons = "Below the pass mark." }));

        var clients = await CallersAsync(owner, await api.As("employer@demo.koshi.kz"));
        var failures = new List<string>();
        foreach (var (method, route, allowed, isCase, body) in Matrix)
        {
            await CallAsync(clients, method, route, route.Replace("{id:guid}", id, StringComparison.Ordinal), body, failures, who =>
                !allowed.Contains(who) && !(isCase && (who == OtherApplicant && allowed.Contains(Owner) || who == OtherOfficer && allowed.Contains(Officer))) ? "403"
                : !allowed.Contains(who) ? "404"
                : "allowed");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Each_labour_endpoint_answers_each_caller_as_its_rules_say()
    {
        var employer = await api.As("employer@demo.koshi.kz");
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", PermitApplication("A0000021")), HttpStatusCode.Created);
        var id = permit.GetProperty("id").GetString()!;
        var (owner, _, _) = await api.NewApplicant();
        var clients = await CallersAsync(owner, employer);
        var failures = new List<string>();
        foreach (var (method, route, path, allowed, notFound, body) in LabourMatrix)
        {
            await CallAsync(clients, method, route, path.Replace("{id}", id, StringComparison.Ordinal), body, failures, who =>
                allowed.Contains(who) ? "allowed" : notFound.Contains(who) ? "404" : "403");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Each_resettlement_endpoint_answers_each_caller_as_its_rules_say()
    {
        var (owner, _, _) = await api.NewApplicant();
        var created = await Api.Ok(await owner.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(destination: "KZ-55", size: 1)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var claim = await Subsidies.ClaimAsync(api, factory);
        var clients = await CallersAsync(owner, await api.As("employer@demo.koshi.kz"));
        var failures = new List<string>();
        foreach (var (method, route, path, allowed, notFound, body) in ResettlementMatrix)
        {
            await CallAsync(clients, method, route, path.Replace("{id}", id, StringComparison.Ordinal).Replace("{claim}", claim, StringComparison.Ordinal), body, failures, who =>
                allowed.Contains(who) ? "allowed" : notFound.Contains(who) ? "404" : "403");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Each_agency_endpoint_answers_each_caller_as_its_rules_say()
    {
        var agency = await api.As("agency@demo.koshi.kz");
        var mine = await Api.Ok(await agency.GetAsync("/api/v1/agencies/mine"));
        var id = mine.GetProperty("agency").GetProperty("id").GetString()!;
        var officer = await api.Officer();
        async Task<string> ComplaintAsync() => (await Api.Ok(await api.Anonymous().PostAsJsonAsync("/api/v1/agencies/complaints",
            new { agencyBin = "180740004568", category = "fee-charged", text = "x", contact = "+7 700 000 0000" }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var toInspect = await ComplaintAsync();
        var inspection = (await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/complaints/{toInspect}/triage", new { status = "inspection" })))
            .GetProperty("inspectionId").GetString()!;
        var complaint = await ComplaintAsync();
        var (owner, _, _) = await api.NewApplicant();
        var clients = await CallersAsync(owner, await api.As("employer@demo.koshi.kz"));
        var failures = new List<string>();
        foreach (var (method, route, path, allowed, body) in AgencyMatrix)
        {
            var concrete = path.Replace("{id}", id, StringComparison.Ordinal).Replace("{complaint}", complaint, StringComparison.Ordinal)
                .Replace("{inspection}", inspection, StringComparison.Ordinal);
            await CallAsync(clients, method, route, concrete, body, failures, who => allowed.Contains(who) ? "allowed" : "403");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Each_analytics_endpoint_answers_each_caller_as_its_rules_say()
    {
        var (owner, _, _) = await api.NewApplicant();
        var clients = await CallersAsync(owner, await api.As("employer@demo.koshi.kz"));
        var failures = new List<string>();

        // A finished lab run for the run routes: read and exported by the allowed, cancelling it is a 409 for them.
        var run = await Api.Ok(await clients[Analyst].PostAsync("/api/v1/analytics/lab/runs",
            Api.Body(new { target = "scheme:permanent-residence", population = new { count = 50, seed = 1 } })), HttpStatusCode.Created);
        var runId = run.GetProperty("id").GetString()!;
        for (var i = 0; i < 600 && run.GetProperty("status").GetString() == "running"; i++)
        {
            await Task.Delay(200);
            run = await Api.Ok(await clients[Analyst].GetAsync($"/api/v1/analytics/lab/runs/{runId}"));
        }

        Assert.Equal("done", run.GetProperty("status").GetString());
        foreach (var (method, route, path, allowed) in AnalyticsMatrix)
        {
            await CallAsync(clients, method, route, path.Replace("{run}", runId, StringComparison.Ordinal), null, failures, who => allowed.Contains(who) ? "allowed" : "403");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>One client per kind of caller; the owner is the applicant who owns the case under test.</summary>
    private async Task<Dictionary<string, HttpClient>> CallersAsync(HttpClient owner, HttpClient employer)
    {
        var (other, _, _) = await api.NewApplicant();
        return new Dictionary<string, HttpClient>
        {
            [Owner] = owner,
            [OtherApplicant] = other,
            [Officer] = await api.Officer("KZ-71"),
            [OtherOfficer] = await api.Officer("KZ-55"),
            [Employer] = employer,
            [Agency] = await api.As("agency@demo.koshi.kz"),
            [Analyst] = await api.As("analyst@demo.koshi.kz"),
            [Admin] = await api.As("admin@demo.koshi.kz"),
            [Anonymous] = api.Anonymous(),
        };
    }

    /// <summary>Calls one endpoint as every caller; anonymous must get 401, the others what <paramref name="expected"/> says.</summary>
    private static async Task CallAsync(
        Dictionary<string, HttpClient> clients, string method, string route, string path, object? body, List<string> failures, Func<string, string> expected)
    {
        foreach (var (who, client) in clients)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = body is System.Text.Json.Nodes.JsonNode node ? Api.Body(node.ToJsonString()) : JsonContent.Create(body);
            }

            var status = (await client.SendAsync(request)).StatusCode;
            // Anonymous callers get 401 unless the endpoint is published to anyone (listed as allowed for them).
            var wanted = who == Anonymous && expected(Anonymous) != "allowed" ? "401" : expected(who);
            if (!IsAsExpected(status, wanted))
            {
                failures.Add($"{method} {route} as {who}: expected {wanted}, got {(int)status}");
            }
        }
    }

    /// <summary>Whether a status is what the rules expect: 401, 403, 404, or "allowed" (anything else below 500).</summary>
    private static bool IsAsExpected(HttpStatusCode status, string expected) => expected switch
    {
        "401" => status == HttpStatusCode.Unauthorized,
        "403" => status == HttpStatusCode.Forbidden,
        "404" => status == HttpStatusCode.NotFound,
        _ => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound) && (int)status < 500,
    };

    private static Dictionary<string, object> PermitApplication(string passport) => new()
    {
        ["type"] = "employer", ["category"] = "cat3", ["vacancyReference"] = "VAC-2026-000001", ["workerName"] = "Wang Fang", ["workerPassport"] = passport,
        ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1985-06-01", ["isco"] = "2142", ["qualification"] = "higher", ["experienceYears"] = 8,
        ["region"] = "KZ-71", ["startOn"] = "2026-03-10", ["durationDays"] = 365,
    };

    [Fact]
    public async Task An_applicant_lists_only_their_own_and_an_officer_only_their_region()
    {
        var (a, _, _) = await api.NewApplicant();
        var (b, _, _) = await api.NewApplicant();
        var inAstana = (await Api.Ok(await a.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var inPavlodar = (await Api.Ok(await b.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-55" }), HttpStatusCode.Created)).GetProperty("id").GetString();

        static async Task<List<string?>> Ids(HttpClient client) =>
            (await Api.Ok(await client.GetAsync("/api/v1/residence/applications"))).EnumerateArray().Select(x => x.GetProperty("id").GetString()).ToList();

        Assert.Equal([inAstana], await Ids(a));
        Assert.Equal([inPavlodar], await Ids(b));
        var astana = await Ids(await api.Officer("KZ-71"));
        Assert.Contains(inAstana, astana);
        Assert.DoesNotContain(inPavlodar, astana);
        var pavlodar = await Ids(await api.Officer("KZ-55"));
        Assert.Contains(inPavlodar, pavlodar);
        Assert.DoesNotContain(inAstana, pavlodar);
    }

    [Fact]
    public async Task A_bearer_token_is_required_for_the_api_and_a_cookie_is_not_enough()
    {
        var response = await api.Anonymous().GetAsync("/api/v1/me");
        await Api.Problem(response, HttpStatusCode.Unauthorized);
        var wrong = await api.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "officer.astana@demo.koshi.kz", password = "wrong-password" });
        await Api.Problem(wrong, HttpStatusCode.Unauthorized);
        var me = await Api.Ok(await (await api.Officer()).GetAsync("/api/v1/me"));
        Assert.Equal("KZ-71", me.GetProperty("region").GetString());
        Assert.Equal(["officer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList());
    }
}

public sealed class AuthorizationSqliteTests(SqliteFactory factory) : AuthorizationTests<SqliteFactory>(factory);

public sealed class AuthorizationPostgresTests(PostgresFactory factory) : AuthorizationTests<PostgresFactory>(factory);
