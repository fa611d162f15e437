using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// Private employment agencies through the API on each database: registration and the public lookup, placements and
/// the fee ban, quarterly reports by date, complaints to inspection to sanction, the risk-based plan and the measures.
/// </summary>
public abstract class AgenciesTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Password = "Agency-2026-x";
    private static readonly string[] Vibes = ["vibes"];
    private static readonly string[] FeeCharged = ["no_fee_to_workers"];
    private static readonly string[] NoContract = ["contract_signed"];
    private static int agencies;

    protected AgenciesTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    private DateOnly Today => DateOnly.FromDateTime(Factory.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task An_agency_registers_is_accepted_and_a_worker_finds_it_in_the_public_lookup_without_personal_data()
    {
        var (client, bin) = await NewAgencyAccount();
        var applied = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin)), HttpStatusCode.Created);
        Assert.Equal("pending", applied.GetProperty("status").GetString());
        await Api.Problem(await Api.Anonymous().GetAsync($"/api/v1/agencies/public/{bin}"), HttpStatusCode.NotFound);

        var officer = await Api.Officer();
        var id = applied.GetProperty("id").GetString();
        var accepted = await Api.Ok(await officer.PostAsync($"/api/v1/agencies/registry/{id}/accept", null));
        Assert.Equal("active", accepted.GetProperty("status").GetString());
        var change = Assert.Single(accepted.GetProperty("history").EnumerateArray());
        Assert.Equal("pending", change.GetProperty("from").GetString());
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), change.GetProperty("on").GetString());
        var again = await Api.Problem(await officer.PostAsync($"/api/v1/agencies/registry/{id}/accept", null), HttpStatusCode.Conflict);
        Assert.Equal("not-pending", again.GetProperty("code").GetString());

        var response = await Api.Anonymous().GetAsync($"/api/v1/agencies/public/{bin}");
        var text = await response.Content.ReadAsStringAsync();
        var found = await Api.Ok(response);
        Assert.True(found.GetProperty("inGoodStanding").GetBoolean());
        Assert.Equal("active", found.GetProperty("status").GetString());
        Assert.DoesNotContain("Director", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Nurgul", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Street", text, StringComparison.Ordinal);
        var byName = await Api.Ok(await Api.Anonymous().GetAsync($"/api/v1/agencies/public?q={Uri.EscapeDataString("agency " + bin[^4..])}"));
        Assert.Contains(byName.EnumerateArray(), a => a.GetProperty("bin").GetString() == bin);
    }

    [Fact]
    public async Task Bad_registrations_are_refused_naming_the_field_and_a_second_one_is_a_conflict()
    {
        var (client, bin) = await NewAgencyAccount();
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration("123456789012")), "bin");
        var other = Registration(bin) with { bin = Bins.Make(777777) };
        var notYours = await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/registration", other), "bin");
        Assert.Equal("bin-not-yours", notYours.GetProperty("code").GetString());
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin) with { countries = ["KR", "XX"] }), "countries");
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin) with { services = ["smuggling"] }), "services");
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin) with { region = "KZ-00" }), "region");

        await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin)), HttpStatusCode.Created);
        var duplicate = await Api.Problem(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin)), HttpStatusCode.Conflict);
        Assert.Equal("already-registered", duplicate.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_accounts_registering_one_BIN_at_once_get_one_registration_and_one_conflict()
    {
        var n = Interlocked.Increment(ref agencies);
        var bin = Bins.Make(600000 + (n * 131));
        var (first, _) = await NewAgencyAccount(bin);
        var (second, _) = await NewAgencyAccount(bin);
        var answers = await Task.WhenAll(
            first.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin)),
            second.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin)));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToArray());
        var registry = await Api.Ok(await (await Api.Officer()).GetAsync("/api/v1/agencies/registry?status=pending"));
        Assert.Single(registry.EnumerateArray(), a => a.GetProperty("bin").GetString() == bin);
    }

    [Fact]
    public async Task A_placement_with_a_fee_is_recorded_and_flagged_and_bad_placements_name_their_field()
    {
        var (client, _, _) = await NewActiveAgency();
        var placedOn = Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var good = Placement(placedOn);
        var ok = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good), HttpStatusCode.Created);
        Assert.Empty(ok.GetProperty("violations").EnumerateArray());
        Assert.True(ok.GetProperty("placement").GetProperty("compliant").GetBoolean());

        var fee = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { feeChargedKzt = 120000m }), HttpStatusCode.Created);
        Assert.Equal(["fee-charged-to-worker"], fee.GetProperty("violations").EnumerateArray().Select(v => v.GetString()).ToArray());
        Assert.Equal(120000m, fee.GetProperty("placement").GetProperty("feeChargedKzt").GetDecimal());
        Assert.Contains("C181", fee.GetProperty("source").GetString(), StringComparison.Ordinal);

        var bare = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { deposit = false, terms = ["employer", "wage"] }), HttpStatusCode.Created);
        Assert.Equal(["return-deposit-missing", "contract-terms-missing"], bare.GetProperty("violations").EnumerateArray().Select(v => v.GetString()).ToArray());
        Assert.Equal(6, bare.GetProperty("placement").GetProperty("missingTerms").GetInt32());

        var future = Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { placedOn = future }), "placedOn");
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { country = "XX" }), "country");
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { workerIin = "900315401234" }), "workerIin");
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { terms = ["free-lunch"] }), "terms");
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", good with { feeChargedKzt = -1m }), "feeChargedKzt");
        var recruited = new PlacementBody("recruited", null, "E1234567", "CN", "Steppe Build LLP", [], false, 0, placedOn, Guid.NewGuid());
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", recruited), "workPermitId");
        await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", recruited with { workPermitId = null }), HttpStatusCode.Created);

        var mine = await Api.Ok(await client.GetAsync("/api/v1/agencies/mine/placements"));
        Assert.Equal(4, mine.GetArrayLength());
        Assert.Equal(1, mine.EnumerateArray().Count(p => p.GetProperty("feeViolation").GetBoolean()));
    }

    [Fact]
    public async Task A_report_is_late_or_missing_by_its_date_and_only_one_is_taken_per_quarter()
    {
        var (client, _, _) = await NewActiveAgency();
        var (year, quarter) = (Today.Year, ((Today.Month + 2) / 3));
        await Api.BadField(await client.PostAsJsonAsync("/api/v1/agencies/mine/reports", new { year, quarter, applicants = 10 }), "quarter");

        // Move past the end of this quarter and 20 days on: the report is then missing, and late once sent.
        var end = new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);
        Factory.Time.Advance(TimeSpan.FromDays(end.DayNumber - Today.DayNumber + 20));
        client = await Api.As(Emails[client], Password);
        var mine = await Api.Ok(await client.GetAsync("/api/v1/agencies/mine"));
        var standing = Assert.Single(mine.GetProperty("reports").EnumerateArray());
        Assert.Equal("missing", standing.GetProperty("status").GetString());
        Assert.Equal(10, standing.GetProperty("daysLate").GetInt32());

        var report = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/mine/reports", new { year, quarter, applicants = 10, placedDomestic = 2 }), HttpStatusCode.Created);
        Assert.Equal(10, report.GetProperty("applicants").GetInt32());
        var after = Assert.Single((await Api.Ok(await client.GetAsync("/api/v1/agencies/mine"))).GetProperty("reports").EnumerateArray());
        Assert.Equal("late", after.GetProperty("status").GetString());
        var twice = await Api.Problem(await client.PostAsJsonAsync("/api/v1/agencies/mine/reports", new { year, quarter, applicants = 11 }), HttpStatusCode.Conflict);
        Assert.Equal("report-exists", twice.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_reports_for_one_quarter_sent_at_once_give_one_report_and_one_conflict()
    {
        var (client, _, _) = await NewActiveAgency();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(n =>
            client.PostAsJsonAsync("/api/v1/agencies/mine/reports", new { year = 2025, quarter = 4, applicants = n })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var reports = await Api.Ok(await client.GetAsync("/api/v1/agencies/mine/reports"));
        Assert.Single(reports.EnumerateArray());
    }

    [Fact]
    public async Task A_complaint_goes_to_an_inspection_whose_critical_finding_suspends_the_agency_in_the_public_lookup()
    {
        var (client, bin, id) = await NewActiveAgency();
        var anonymous = Api.Anonymous();
        await Api.BadField(await anonymous.PostAsJsonAsync("/api/v1/agencies/complaints", new { agencyBin = bin, category = "fee-charged", text = "They took 200,000 tenge." }), "contact");
        await Api.BadField(await anonymous.PostAsJsonAsync("/api/v1/agencies/complaints", new { agencyBin = "12", category = "fee-charged", text = "x", contact = "+7 700 1" }), "agencyBin");
        await Api.BadField(await anonymous.PostAsJsonAsync("/api/v1/agencies/complaints", new { agencyBin = bin, category = "rudeness", text = "x", contact = "+7 700 1" }), "category");
        var filed = await Api.Ok(await anonymous.PostAsJsonAsync("/api/v1/agencies/complaints",
            new { agencyBin = bin, category = "fee-charged", text = "They took 200,000 tenge before the flight.", contact = "+7 700 123 4567" }), HttpStatusCode.Created);
        var (worker, _, _) = await Api.NewApplicant();
        await Api.Ok(await worker.PostAsJsonAsync("/api/v1/agencies/complaints", new { agencyBin = bin, category = "documents-withheld", text = "They keep my passport." }), HttpStatusCode.Created);

        var officer = await Api.Officer();
        var complaints = await Api.Ok(await officer.GetAsync("/api/v1/agencies/complaints?status=new"));
        var mine = complaints.EnumerateArray().Where(c => c.GetProperty("agencyId").GetString() == id).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Single(mine, c => c.GetProperty("anonymous").GetBoolean());

        var triaged = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/complaints/{filed.GetProperty("id").GetString()}/triage", new { status = "inspection", note = "Fee reported." }));
        var inspectionId = triaged.GetProperty("inspectionId").GetString();
        Assert.NotNull(inspectionId);
        var inspection = await Api.Ok(await officer.GetAsync($"/api/v1/agencies/inspections/{inspectionId}"));
        Assert.Equal("complaint", inspection.GetProperty("selection").GetString());
        await Api.Problem(await officer.PostAsJsonAsync($"/api/v1/agencies/complaints/{filed.GetProperty("id").GetString()}/triage", new { status = "dismissed", note = "x" }), HttpStatusCode.Conflict);

        await Api.BadField(await officer.PostAsJsonAsync($"/api/v1/agencies/inspections/{inspectionId}/outcome", new { failed = Vibes }), "failed");
        await Api.BadField(await officer.PostAsJsonAsync($"/api/v1/agencies/inspections/{inspectionId}/outcome",
            new { failed = Array.Empty<string>(), inspectedOn = Today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }), "inspectedOn");
        var outcome = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/inspections/{inspectionId}/outcome", new { failed = FeeCharged }));
        Assert.Equal("suspension", outcome.GetProperty("inspection").GetProperty("measure").GetString());
        Assert.Equal(1, outcome.GetProperty("inspection").GetProperty("criticalFailures").GetInt32());
        Assert.Equal("suspended", outcome.GetProperty("agency").GetProperty("status").GetString());
        Assert.Contains("critical", outcome.GetProperty("agency").GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString(), StringComparison.Ordinal);
        await Api.Problem(await officer.PostAsJsonAsync($"/api/v1/agencies/inspections/{inspectionId}/outcome", new { failed = Array.Empty<string>() }), HttpStatusCode.Conflict);

        var lookup = await Api.Ok(await anonymous.GetAsync($"/api/v1/agencies/public/{bin}"));
        Assert.Equal("suspended", lookup.GetProperty("status").GetString());
        Assert.False(lookup.GetProperty("inGoodStanding").GetBoolean());

        // A suspended agency cannot place; reinstated by the officer, it can again.
        var refused = await Api.Problem(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", Placement(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), HttpStatusCode.Conflict);
        Assert.Equal("agency-not-active", refused.GetProperty("code").GetString());
        await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/registry/{id}/status", new { status = "active", reason = "Fees refunded to the workers." }));
        await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/mine/placements", Placement(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_missing_contract_is_warned_first_and_fined_10_MRP_when_repeated_within_a_year()
    {
        var (_, bin, id) = await NewActiveAgency();
        var officer = await Api.Officer();
        async Task<JsonElement> InspectAsync()
        {
            var complaint = await Api.Ok(await Api.Anonymous().PostAsJsonAsync("/api/v1/agencies/complaints",
                new { agencyBin = bin, category = "no-contract", text = "No contract was signed.", contact = "worker@example.kz" }), HttpStatusCode.Created);
            var triaged = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/complaints/{complaint.GetProperty("id").GetString()}/triage", new { status = "inspection" }));
            return (await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/agencies/inspections/{triaged.GetProperty("inspectionId").GetString()}/outcome",
                new { failed = NoContract }))).GetProperty("inspection");
        }

        var first = await InspectAsync();
        Assert.Equal("warning", first.GetProperty("art98Sanction").GetString());
        Assert.Equal("warning", first.GetProperty("measure").GetString());
        Assert.Equal(0m, first.GetProperty("art98FineKzt").GetDecimal());
        var second = await InspectAsync();
        Assert.Equal("fine", second.GetProperty("art98Sanction").GetString());
        // 10 MRP at the 2026 MRP of 4,325 tenge.
        Assert.Equal(43250m, second.GetProperty("art98FineKzt").GetDecimal());
        var file = await Api.Ok(await officer.GetAsync($"/api/v1/agencies/registry/{id}"));
        Assert.Equal(2, file.GetProperty("inspections").GetArrayLength());
        Assert.Equal(2, file.GetProperty("complaints").GetInt32());
    }

    [Fact]
    public async Task The_plan_takes_the_highest_risk_agencies_plus_a_seeded_random_sample_once_per_quarter()
    {
        var officer = await Api.Officer();
        var year = Today.Year + 1;
        var risk = await Api.Ok(await officer.GetAsync("/api/v1/agencies/risk"));
        Assert.True(risk.GetArrayLength() >= 60, "the demo registry is scored");
        var first = risk[0].GetProperty("risk");
        Assert.Equal(first.GetProperty("score").GetInt32(), first.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("points").GetInt32()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("source").GetString()));

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            officer.PostAsJsonAsync("/api/v1/agencies/inspection-plans", new { year, quarter = 1, capacity = 10, randomSlots = 3, seed = 42 })));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToArray());
        var plan = await Api.Ok(await officer.GetAsync($"/api/v1/agencies/inspection-plans/{year}/1"));
        Assert.Equal(42, plan.GetProperty("seed").GetInt32());
        var inspections = plan.GetProperty("inspections").EnumerateArray().ToList();
        Assert.Equal(10, inspections.Count);
        var targeted = inspections.Where(i => i.GetProperty("selection").GetString() == "targeted").ToList();
        var sampled = inspections.Where(i => i.GetProperty("selection").GetString() == "random").ToList();
        Assert.Equal(7, targeted.Count);
        Assert.Equal(3, sampled.Count);
        var lowestTargeted = targeted.Min(i => i.GetProperty("riskScore").GetInt32());
        var planned = inspections.Select(i => i.GetProperty("agencyId").GetString()).ToHashSet();
        var activeScores = risk.EnumerateArray().Where(r => r.GetProperty("status").GetString() == "active" && !planned.Contains(r.GetProperty("agencyId").GetString()))
            .Select(r => r.GetProperty("risk").GetProperty("score").GetInt32()).ToList();
        Assert.All(activeScores, s => Assert.True(s <= lowestTargeted, $"an unplanned agency scores {s}, above the lowest targeted {lowestTargeted}"));
        await Api.BadField(await officer.PostAsJsonAsync("/api/v1/agencies/inspection-plans", new { year, quarter = 2, capacity = 5, randomSlots = 6 }), "randomSlots");
    }

    [Fact]
    public async Task The_ministry_sees_the_registry_placements_complaints_risk_and_hit_rates()
    {
        var analyst = await Api.As("analyst@demo.koshi.kz");
        var measures = await Api.Ok(await analyst.GetAsync("/api/v1/agencies/measures"));
        Assert.True(measures.GetProperty("agencies").GetInt32() >= 74);
        var astana = measures.GetProperty("byRegion").EnumerateArray().Single(r => r.GetProperty("region").GetString() == "KZ-71");
        var inAstana = astana.GetProperty("active").GetInt32() + astana.GetProperty("suspended").GetInt32() + astana.GetProperty("excluded").GetInt32() + astana.GetProperty("pending").GetInt32();
        Assert.InRange(inAstana, 35, 60);
        Assert.Equal("RU", measures.GetProperty("placementsAbroadByCountry")[0].GetProperty("country").GetString());
        var targeted = measures.GetProperty("hitRates").EnumerateArray().Single(h => h.GetProperty("selection").GetString() == "targeted");
        var done = targeted.GetProperty("done").GetInt32();
        Assert.True(done > 0);
        Assert.Equal(Math.Round(100m * targeted.GetProperty("foundViolation").GetInt32() / done, 1), targeted.GetProperty("hitRatePercent").GetDecimal());
        var bands = measures.GetProperty("riskBands");
        Assert.Equal(
            measures.GetProperty("byStatus").GetProperty("active").GetInt32() + measures.GetProperty("byStatus").GetProperty("suspended").GetInt32(),
            bands.GetProperty("low").GetInt32() + bands.GetProperty("medium").GetInt32() + bands.GetProperty("high").GetInt32());
        Assert.True(measures.GetProperty("draftRegimeInForce").GetBoolean());
    }

    [Fact]
    public async Task The_standards_are_public_and_come_from_the_pack()
    {
        var standards = await Api.Ok(await Api.Anonymous().GetAsync("/api/v1/agencies/standards"));
        var fee = standards.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "no_fee_to_workers");
        Assert.True(fee.GetProperty("critical").GetBoolean());
        Assert.Equal(10, fee.GetProperty("weight").GetInt32());
        var contract = standards.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "contract_signed");
        Assert.False(contract.GetProperty("critical").GetBoolean());
    }

    [Fact]
    public async Task Registration_placements_and_reports_sent_again_under_their_Idempotency_Key_are_made_once()
    {
        var (client, bin) = await NewAgencyAccount();
        var registration = await Api.Ok(await Keyed(client, "/api/v1/agencies/registration", Registration(bin), "reg-1"), HttpStatusCode.Created);
        var again = await Api.Ok(await Keyed(client, "/api/v1/agencies/registration", Registration(bin), "reg-1"));
        Assert.Equal(registration.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        var reused = await Api.BadField(await Keyed(client, "/api/v1/agencies/registration", Registration(bin) with { director = "Someone Else" }, "reg-1"), "Idempotency-Key");
        Assert.Equal("idempotency-key-reused", reused.GetProperty("code").GetString());
        await Api.BadField(await Keyed(client, "/api/v1/agencies/registration", Registration(bin), new string('k', 201)), "Idempotency-Key");
        var officer = await Api.Officer();
        Assert.Single((await Api.Ok(await officer.GetAsync("/api/v1/agencies/registry?status=pending"))).EnumerateArray(), a => a.GetProperty("bin").GetString() == bin);

        var (agency, _, _) = await NewActiveAgency();
        var placedOn = Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Keyed(agency, "/api/v1/agencies/mine/placements", Placement(placedOn), "placement-1")));
        var placements = new List<string>();
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)answer.StatusCode}");
            placements.Add((await Api.Ok(answer, answer.StatusCode)).GetProperty("placement").GetProperty("id").GetString()!);
        }

        Assert.Single(placements.Distinct());
        Assert.Single((await Api.Ok(await agency.GetAsync("/api/v1/agencies/mine/placements"))).EnumerateArray());

        var report = await Api.Ok(await Keyed(agency, "/api/v1/agencies/mine/reports", new { year = 2025, quarter = 4, applicants = 9 }, "report-1"), HttpStatusCode.Created);
        var replayed = await Api.Ok(await Keyed(agency, "/api/v1/agencies/mine/reports", new { year = 2025, quarter = 4, applicants = 9 }, "report-1"));
        Assert.Equal(report.GetProperty("applicants").GetInt32(), replayed.GetProperty("applicants").GetInt32());
        var other = await Api.Problem(await Keyed(agency, "/api/v1/agencies/mine/reports", new { year = 2025, quarter = 4, applicants = 9 }, "report-2"), HttpStatusCode.Conflict);
        Assert.Equal("report-exists", other.GetProperty("code").GetString());
    }

    private static Task<HttpResponseMessage> Keyed(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Api.Body(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static readonly Dictionary<HttpClient, string> Emails = [];

    private static RegistrationBody Registration(string bin) => new(
        bin, $"Test agency {bin[^4..]} LLP", "KZ-71", "Astana, 1 Test Street", "Nurgul Testova", ["place-abroad", "recruit-foreign"], ["KR", "PL", "CN"]);

    private static PlacementBody Placement(string placedOn) => new(
        "abroad", "900315401233", null, "KR", "Hanil Foods Co.", ["employer", "position", "wage", "working_hours", "duration", "housing", "insurance", "return_deposit"],
        true, 0m, placedOn, null);

    private async Task<(HttpClient Client, string Bin)> NewAgencyAccount(string? bin = null)
    {
        var n = Interlocked.Increment(ref agencies);
        bin ??= Bins.Make(500000 + (n * 97));
        var email = $"agency{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = Password, fullName = $"Agency {n} LLP", role = "agency", bin }), HttpStatusCode.Created);
        var client = await Api.As(email, Password);
        lock (Emails)
        {
            Emails[client] = email;
        }

        return (client, bin);
    }

    private async Task<(HttpClient Client, string Bin, string Id)> NewActiveAgency()
    {
        var (client, bin) = await NewAgencyAccount();
        var applied = await Api.Ok(await client.PostAsJsonAsync("/api/v1/agencies/registration", Registration(bin)), HttpStatusCode.Created);
        var id = applied.GetProperty("id").GetString()!;
        await Api.Ok(await (await Api.Officer()).PostAsync($"/api/v1/agencies/registry/{id}/accept", null));
        return (client, bin, id);
    }

    private sealed record RegistrationBody(string bin, string name, string region, string address, string director, string[] services, string[] countries);

    private sealed record PlacementBody(
        string kind, string? workerIin, string? workerPassport, string country, string employerName, string[] terms, bool deposit, decimal feeChargedKzt, string placedOn, Guid? workPermitId);
}

public sealed class AgenciesSqliteTests(SqliteFactory factory) : AgenciesTests<SqliteFactory>(factory);

public sealed class AgenciesPostgresTests(PostgresFactory factory) : AgenciesTests<PostgresFactory>(factory);
