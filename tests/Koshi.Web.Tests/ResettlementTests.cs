using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koshi.Web.Reference;
using Koshi.Web.Resettlement;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>Resettlement through the API on each database: application to refund claim, the quota under concurrency, faults.</summary>
public abstract class ResettlementTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    protected ResettlementTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    [Fact]
    public async Task A_family_goes_from_application_through_quota_arrival_and_payments_to_a_refund_claim()
    {
        var (applicant, _, iin) = await Api.NewApplicant();
        var quotaBefore = await Used("KZ-55", "resettler");

        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family()), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("submitted", created.GetProperty("status").GetString());
        Assert.Equal(3, created.GetProperty("familySize").GetInt32());
        var checks = created.GetProperty("checks").EnumerateArray().ToList();
        foreach (var gate in new[] { "destination-allowed", "origin-allowed", "job-seeker-registered", "registration-long-enough", "kandas-status-met", "quota" })
        {
            Assert.Contains(checks, c => c.GetProperty("rule").GetString() == gate && c.GetProperty("passed").GetBoolean());
        }

        var again = await Api.Problem(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family()), HttpStatusCode.Conflict);
        Assert.Equal("duplicate-application", again.GetProperty("code").GetString());

        await Api.Problem(await (await Api.Officer("KZ-71")).PostAsync($"/api/v1/resettlement/applications/{id}/approve", null), HttpStatusCode.NotFound);
        var officer = await Api.Officer("KZ-55");
        var approved = await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/approve", null));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(quotaBefore + 3, await Used("KZ-55", "resettler"));

        var arrived = await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/arrival", new { }));
        Assert.Equal("arrived", arrived.GetProperty("status").GetString());
        Assert.Equal("2031-03-02", arrived.GetProperty("contractEndsOn").GetString());
        var schedule = arrived.GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(14, schedule.Count);
        Assert.Equal(12, schedule.Count(p => p.GetProperty("kind").GetString() == "rent"));

        var paid = await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/payments", null));
        var payments = paid.GetProperty("payments").EnumerateArray().ToList();
        // 2026 law at the 2026 MRP of 4,325: 70 MRP × 3; the home's 5,000,000 in full (below 1,625 MRP); 20 MRP rent for three.
        Assert.Equal(908_250m, Amount(payments, "relocation", 1));
        Assert.Equal(5_000_000m, Amount(payments, "certificate", 1));
        Assert.Equal(86_500m, Amount(payments, "rent", 1));
        Assert.Equal(3, payments.Count(p => p.GetProperty("status").GetString() == "paid"));
        await Api.Problem(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/payments", null), HttpStatusCode.Conflict);

        Factory.Time.Advance(TimeSpan.FromDays(61));
        officer = await Api.Officer("KZ-55");
        payments = (await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/payments", null))).GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(5, payments.Count(p => p.GetProperty("status").GetString() == "paid"));

        var stayed = await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/address-check", null));
        Assert.Equal("arrived", stayed.GetProperty("status").GetString());

        Factory.Services.GetRequiredService<AddressRegisterSimulator>().RecordMove(iin, "KZ-71");
        var left = await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/address-check", null));
        Assert.Equal("departed", left.GetProperty("status").GetString());
        var refund = left.GetProperty("refund");
        Assert.Equal("open", refund.GetProperty("status").GetString());
        Assert.Equal("pro_rata", refund.GetProperty("basis").GetString());
        // Two months served of sixty: each payment × 58/60, rounded half-up: 877,975 + 4,833,333 + 3 × 83,617.
        Assert.Equal(5_962_159m, refund.GetProperty("amountKzt").GetDecimal());
        Assert.Equal(12, refund.GetProperty("instalments").GetInt32());
        Assert.All(left.GetProperty("payments").EnumerateArray().Where(p => p.GetProperty("status").GetString() != "paid"),
            p => Assert.Equal("cancelled", p.GetProperty("status").GetString()));

        await Api.BadField(await officer.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/refund/waive", new { reason = " " }), "reason");
        var waived = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/refund/waive", new { reason = "The family moved to care for a sick parent." }));
        Assert.Equal("waived", waived.GetProperty("refund").GetProperty("status").GetString());
        var twice = await Api.Problem(await officer.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/refund/confirm", new { }), HttpStatusCode.Conflict);
        Assert.Equal("no-open-refund", twice.GetProperty("code").GetString());

        var actions = new List<string>();
        await Factory.WithDbAsync(async db => actions = await db.AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync());
        foreach (var action in new[] { "resettlement.applied", "resettlement.approved", "resettlement.arrived", "resettlement.payments", "resettlement.departed", "resettlement.refund-waived" })
        {
            Assert.Contains(action, actions);
        }
    }

    [Fact]
    public async Task An_ineligible_application_is_refused_with_the_rule_and_its_source_and_bad_fields_are_named()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var refused = await Api.Problem(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(jobSeeker: false)), HttpStatusCode.Conflict);
        Assert.Equal("not-eligible", refused.GetProperty("code").GetString());
        Assert.Equal(["job-seeker-registered"], refused.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("C4", refused.GetProperty("source").GetString(), StringComparison.Ordinal);

        var toAlmaty = await Api.Problem(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(destination: "KZ-75")), HttpStatusCode.Conflict);
        Assert.Equal("not-eligible", toAlmaty.GetProperty("code").GetString());
        Assert.Equal(["destination-allowed"], toAlmaty.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));

        var badIin = new
        {
            programme = "resettler", originRegion = "KZ-61", destinationRegion = "KZ-55", registeredJobSeeker = true, permanentRegistrationMonths = 24,
            payoutAccount = "KZ000000000000001234", members = new[] { new { name = "Spouse", iin = "900101300001", birthDate = "1990-01-01", relation = "spouse" } },
        };
        await Api.BadField(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", badIin), "members[0].iin");
        await Api.BadField(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", new { programme = "resettler", destinationRegion = "KZ-55" }), "originRegion");
        await Api.BadField(await applicant.PostAsync("/api/v1/resettlement/applications", Api.Body("""{"programme":"nomad"}""")), "programme");

        // A kandas family without IINs applies with passports, under a condition of the status.
        var kandas = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", new
        {
            programme = "kandas", destinationRegion = "KZ-55", kandasCondition = "regional_quota", payoutAccount = "KZ000000000000001234",
            members = new[] { new { name = "Spouse", passport = "UZ1234567", birthDate = "1990-01-01", relation = "spouse" } },
        }), HttpStatusCode.Created);
        Assert.Equal("kandas", kandas.GetProperty("programme").GetString());
    }

    [Fact]
    public async Task A_refused_or_timed_out_payment_is_retried_and_never_paid_twice()
    {
        var officer = await Api.Officer("KZ-55");
        var (applicant, _, _) = await Api.NewApplicant();
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(account: "KZ000000000000000001", size: 1)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/approve", null));
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/arrival", new { }));

        var refused = (await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/payments", null))).GetProperty("payments").EnumerateArray().ToList();
        var due = refused.Where(p => p.GetProperty("status").GetString() != "scheduled").ToList();
        Assert.Equal(3, due.Count);
        Assert.All(due, p => Assert.Equal("failed", p.GetProperty("status").GetString()));
        Assert.All(due, p => Assert.Contains("refused", p.GetProperty("lastError").GetString(), StringComparison.Ordinal));

        // The new account's gateway pays but its answer is lost the first time: the retry finds the payment already made.
        await Api.Ok(await applicant.PutAsJsonAsync($"/api/v1/resettlement/applications/{id}/account", new { payoutAccount = "KZ000000000000000002" }));
        var treasury = Factory.Services.GetRequiredService<SupportPaymentSimulator>();
        var before = treasury.PaidCount;
        var lost = (await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/payments", null))).GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(3, lost.Count(p => p.GetProperty("status").GetString() == "failed"));
        Assert.Equal(before + 3, treasury.PaidCount);

        var retried = (await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/payments", null))).GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(3, retried.Count(p => p.GetProperty("status").GetString() == "paid"));
        Assert.Equal(before + 3, treasury.PaidCount);
        Assert.All(retried.Where(p => p.GetProperty("status").GetString() == "paid"), p => Assert.Equal(3, p.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task An_address_register_that_does_not_answer_leaves_the_case_approved_with_a_503()
    {
        var officer = await Api.Officer("KZ-55");
        var (applicant, _, _) = await Api.NewApplicant(signal: 5);
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 1)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/approve", null));
        var down = await Api.Problem(await applicant.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/arrival", new { }), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("address-register-unavailable", down.GetProperty("code").GetString());
        Assert.Equal("approved", (await Api.Ok(await applicant.GetAsync($"/api/v1/resettlement/applications/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Many_simultaneous_approvals_never_take_more_seats_than_the_quota_has()
    {
        const int families = 8;
        var officer = await Api.Officer("KZ-55");
        var ids = new List<string>();
        for (var i = 0; i < families; i++)
        {
            var (applicant, _, _) = await Api.NewApplicant();
            ids.Add((await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 2)), HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }

        // Leave room for three families of two and one seat over: the fourth family does not fit.
        var year = Factory.Time.GetUtcNow().Year;
        var region = RegionCode.Parse("KZ-55");
        var seatsBefore = 0;
        await Factory.WithDbAsync(async db => seatsBefore = await db.ResettlementQuotas
            .Where(q => q.Year == year && q.Region == region && q.Programme == Programme.Resettler).Select(q => q.Seats).SingleAsync());
        await Factory.WithDbAsync(db => db.ResettlementQuotas.Where(q => q.Year == year && q.Region == region && q.Programme == Programme.Resettler)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Seats, q => q.Used + 7)));
        var used = await Used("KZ-55", "resettler");

        using var start = new ManualResetEventSlim();
        var approvals = ids.Select(id => Task.Run(async () =>
        {
            start.Wait();
            return await officer.PostAsync($"/api/v1/resettlement/applications/{id}/approve", null);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(approvals);

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await Api.Problem(refused, HttpStatusCode.Conflict);
            Assert.Equal("quota-exhausted", problem.GetProperty("code").GetString());
            Assert.Contains($"{year} resettler quota of KZ-55", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(used + 6, await Used("KZ-55", "resettler"));
        var approved = 0;
        await Factory.WithDbAsync(async db => approved = await db.ResettlementCases.CountAsync(c => ids.Select(Guid.Parse).Contains(c.Id) && c.Status == CaseStatus.Approved));
        Assert.Equal(3, approved);

        // The other tests of this class share the database: give the region its seats back.
        await Factory.WithDbAsync(db => db.ResettlementQuotas.Where(q => q.Year == year && q.Region == region && q.Programme == Programme.Resettler)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Seats, seatsBefore)));
    }

    [Fact]
    public async Task An_application_sent_again_under_its_Idempotency_Key_is_answered_with_the_case_made_the_first_time()
    {
        var (applicant, _, iin) = await Api.NewApplicant();
        var family = Families.Family(size: 2);
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Keyed(applicant, family, "apply-1")));
        var ids = new List<string>();
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)answer.StatusCode}");
            ids.Add((await Api.Ok(answer, answer.StatusCode)).GetProperty("id").GetString()!);
        }

        Assert.Single(ids.Distinct());
        var later = await Api.Ok(await Keyed(applicant, family, "apply-1"));
        Assert.Equal(ids[0], later.GetProperty("id").GetString());
        var reused = await Api.BadField(await Keyed(applicant, Families.Family(size: 1), "apply-1"), "Idempotency-Key");
        Assert.Equal("idempotency-key-reused", reused.GetProperty("code").GetString());
        var another = await Api.Problem(await Keyed(applicant, family, "apply-2"), HttpStatusCode.Conflict);
        Assert.Equal("duplicate-application", another.GetProperty("code").GetString());
        await Api.BadField(await Keyed(applicant, family, new string('k', 201)), "Idempotency-Key");
        var stored = 0;
        await Factory.WithDbAsync(async db => stored = await db.ResettlementCases.CountAsync(c => c.ApplicantIin == iin));
        Assert.Equal(1, stored);

        static Task<HttpResponseMessage> Keyed(HttpClient client, object body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/resettlement/applications") { Content = Api.Body(body) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Fact]
    public async Task Two_simultaneous_applications_by_one_person_store_one()
    {
        var (applicant, _, iin) = await Api.NewApplicant();
        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 1));
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(posts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var stored = 0;
        await Factory.WithDbAsync(async db => stored = await db.ResettlementCases.CountAsync(c => c.ApplicantIin == iin));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task The_ministry_sees_the_measures_and_exports_them_as_csv()
    {
        var officer = await Api.Officer("KZ-55");
        var (applicant, _, _) = await Api.NewApplicant();
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 2)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var analyst = await Api.As("analyst@demo.koshi.kz");
        var year = Factory.Time.GetUtcNow().Year;
        var before = await Api.Ok(await analyst.GetAsync($"/api/v1/resettlement/measures?year={year}"));
        await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/applications/{id}/approve", null));
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/arrival", new { }));
        var after = await Api.Ok(await analyst.GetAsync($"/api/v1/resettlement/measures?year={year}"));

        Assert.Equal(before.GetProperty("participants").GetInt32() + 2, after.GetProperty("participants").GetInt32());
        Assert.Equal(before.GetProperty("northernParticipants").GetInt32() + 2, after.GetProperty("northernParticipants").GetInt32());
        Assert.Contains("KZ-55", after.GetProperty("northernRegions").EnumerateArray().Select(r => r.GetString()));
        var fill = after.GetProperty("quotaFill").EnumerateArray().Single(q => q.GetProperty("region").GetString() == "KZ-55" && q.GetProperty("programme").GetString() == "resettler");
        Assert.True(fill.GetProperty("used").GetInt32() >= 2);
        Assert.Contains(after.GetProperty("flows").EnumerateArray(), f => f.GetProperty("origin").GetString() == "KZ-61" && f.GetProperty("destination").GetString() == "KZ-55");

        var csv = await analyst.GetAsync($"/api/v1/resettlement/measures/flows.csv?year={year}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("year,origin,destination,age_band,persons\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"{year},KZ-61,KZ-55,", text, StringComparison.Ordinal);
        await Api.Problem(await analyst.GetAsync("/api/v1/resettlement/measures/nothing.csv"), HttpStatusCode.NotFound);
        await Api.BadField(await analyst.GetAsync("/api/v1/resettlement/measures?year=1990"), "year");
    }

    private static decimal Amount(List<JsonElement> payments, string kind, int sequence) =>
        payments.Single(p => p.GetProperty("kind").GetString() == kind && p.GetProperty("sequence").GetInt32() == sequence).GetProperty("paidKzt").GetDecimal();

    private async Task<int> Used(string region, string programme)
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        var rows = await Api.Ok(await admin.GetAsync("/api/v1/resettlement/quota"));
        return rows.EnumerateArray().Single(r => r.GetProperty("region").GetString() == region && r.GetProperty("programme").GetString() == programme).GetProperty("used").GetInt32();
    }
}

/// <summary>Request bodies for resettlement applications.</summary>
public static class Families
{
    private static int members = 100;

    /// <summary>A resettler family of three from Turkestan to the given region, with a home of 5 million KZT.</summary>
    public static object Family(string destination = "KZ-55", string account = "KZ000000000000001234", bool jobSeeker = true, int? size = 3) => new
    {
        programme = "resettler",
        originRegion = "KZ-61",
        destinationRegion = destination,
        registeredJobSeeker = jobSeeker,
        permanentRegistrationMonths = 24,
        housingCost = 5_000_000,
        payoutAccount = account,
        members = Enumerable.Range(0, (size ?? 3) - 1).Select(i => Member(i == 0 ? "spouse" : "child", i == 0 ? new DateOnly(1992, 4, 11) : new DateOnly(2018, 9, 3))).ToArray(),
    };

    private static object Member(string relation, DateOnly born)
    {
        var n = Interlocked.Increment(ref members);
        return new { name = $"Member {n}", iin = Iins.Make(born, n % 2 == 0, n * 10 + 1), birthDate = born.ToString("yyyy-MM-dd"), relation };
    }
}

public sealed class ResettlementSqliteTests(SqliteFactory factory) : ResettlementTests<SqliteFactory>(factory);

public sealed class ResettlementPostgresTests(PostgresFactory factory) : ResettlementTests<PostgresFactory>(factory);
