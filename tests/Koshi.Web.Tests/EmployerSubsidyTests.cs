using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Resettlement;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>The employer's subsidy for hiring and housing a resettled participant, on each database: claim, decision, payment once.</summary>
public abstract class EmployerSubsidyTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string EmployerAccount = "KZ000000000000004321";

    protected EmployerSubsidyTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    private DateOnly Today => DateOnly.FromDateTime(Factory.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task An_employer_claims_after_two_years_the_officer_approves_and_the_pack_amount_is_paid_once()
    {
        var (reference, iin, caseId) = await SettledParticipantAsync(arrivedMonthsAgo: 27);
        var employer = await Api.As("employer@demo.koshi.kz");

        var created = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, iin, monthsEmployed: 25)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("submitted", created.GetProperty("status").GetString());
        Assert.Equal("150240001232", created.GetProperty("employerBin").GetString());
        var checks = created.GetProperty("checks").EnumerateArray().ToList();
        foreach (var condition in new[] { "in-programme", "employed-long-enough", "housed-long-enough" })
        {
            Assert.Contains(checks, c => c.GetProperty("rule").GetString() == condition && c.GetProperty("passed").GetBoolean());
        }

        // The participant's subsidy is claimed once, by anyone.
        var twice = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, iin, monthsEmployed: 25)), HttpStatusCode.Conflict);
        Assert.Equal("subsidy-claimed", twice.GetProperty("code").GetString());

        // Astana's officer does not decide for a participant settled in Pavlodar.
        await Api.Problem(await (await Api.Officer("KZ-71")).PostAsync($"/api/v1/resettlement/employer-claims/{id}/approve", null), HttpStatusCode.NotFound);
        var officer = await Api.Officer("KZ-55");
        Assert.Contains((await Api.Ok(await officer.GetAsync("/api/v1/resettlement/employer-claims?status=submitted"))).EnumerateArray(), c => c.GetProperty("id").GetString() == id);

        var treasury = Factory.Services.GetRequiredService<SupportPaymentSimulator>();
        var before = treasury.PaidCount;
        var approved = await Api.Ok(await officer.PostAsync($"/api/v1/resettlement/employer-claims/{id}/approve", null));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        // 400 MRP at the 2026 MRP of 4,325.
        Assert.Equal(1_730_000m, approved.GetProperty("paidKzt").GetDecimal());
        Assert.Contains("R43", approved.GetProperty("amountSource").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("TRS-", approved.GetProperty("gatewayReference").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, treasury.PaidCount);

        var again = await Api.Problem(await officer.PostAsync($"/api/v1/resettlement/employer-claims/{id}/approve", null), HttpStatusCode.Conflict);
        Assert.Equal("wrong-status", again.GetProperty("code").GetString());
        Assert.Equal(before + 1, treasury.PaidCount);
        await Api.Problem(await officer.PostAsJsonAsync($"/api/v1/resettlement/employer-claims/{id}/refuse", new { reason = "Too late." }), HttpStatusCode.Conflict);

        var mine = await Api.Ok(await employer.GetAsync($"/api/v1/resettlement/employer-claims/{id}"));
        Assert.Equal(1_730_000m, mine.GetProperty("paidKzt").GetDecimal());

        var actions = new List<string>();
        await Factory.WithDbAsync(async db => actions = await db.AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync());
        foreach (var action in new[] { "resettlement.subsidy-claimed", "resettlement.subsidy-approved", "resettlement.subsidy-paid" })
        {
            Assert.Contains(action, actions);
        }

        Assert.NotEqual(Guid.Empty, caseId);
    }

    [Fact]
    public async Task A_claim_short_of_two_years_is_refused_with_the_condition_and_its_source_and_bad_fields_are_named()
    {
        var (reference, iin, _) = await SettledParticipantAsync(arrivedMonthsAgo: 27);
        var employer = await Api.As("employer@demo.koshi.kz");

        var early = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, iin, monthsEmployed: 23)), HttpStatusCode.Conflict);
        Assert.Equal("not-eligible", early.GetProperty("code").GetString());
        Assert.Equal(["employed-long-enough", "housed-long-enough"], early.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("R43", early.GetProperty("source").GetString(), StringComparison.Ordinal);

        var (other, _, otherIin) = await Api.NewApplicant();
        await Api.BadField(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, otherIin, monthsEmployed: 25)), "caseReference");
        await Api.BadField(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, "900101300001", monthsEmployed: 25)), "participantIin");
        await Api.BadField(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", new { caseReference = reference, participantIin = iin, hiredOn = Today.AddDays(3).ToString("yyyy-MM-dd"), housedFrom = "2024-01-01", payoutAccount = EmployerAccount }), "hiredOn");
        await Api.BadField(await employer.PostAsync("/api/v1/resettlement/employer-claims", Api.Body("""{"caseReference":"RS-1"}""")), "caseReference");
        other.Dispose();

        // An applicant or an analyst cannot claim; nothing was stored by the refusals above.
        var (applicant, _, _) = await Api.NewApplicant();
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, iin, monthsEmployed: 25))).StatusCode);
        var stored = 1;
        await Factory.WithDbAsync(async db => stored = await db.EmployerSubsidyClaims.CountAsync(c => c.CaseReference == reference));
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task Simultaneous_claims_and_approvals_store_one_claim_and_pay_it_once()
    {
        var (reference, iin, caseId) = await SettledParticipantAsync(arrivedMonthsAgo: 30);
        var employer = await Api.As("employer@demo.koshi.kz");
        using (var start = new ManualResetEventSlim())
        {
            var posts = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, iin, monthsEmployed: 26));
            })).ToList();
            start.Set();
            var responses = await Task.WhenAll(posts);
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        }

        var claims = new List<EmployerSubsidyClaim>();
        await Factory.WithDbAsync(async db => claims = await db.EmployerSubsidyClaims.AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync());
        var id = Assert.Single(claims).Id;

        var treasury = Factory.Services.GetRequiredService<SupportPaymentSimulator>();
        var before = treasury.PaidCount;
        var officer = await Api.Officer("KZ-55");
        using (var start = new ManualResetEventSlim())
        {
            var approvals = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await officer.PostAsync($"/api/v1/resettlement/employer-claims/{id}/approve", null);
            })).ToList();
            start.Set();
            var responses = await Task.WhenAll(approvals);
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {(int)r.StatusCode}"));
        }

        Assert.Equal(before + 1, treasury.PaidCount);
        EmployerSubsidyClaim? paid = null;
        await Factory.WithDbAsync(async db => paid = await db.EmployerSubsidyClaims.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(1_730_000m, paid!.PaidKzt);
        Assert.Equal(SubsidyClaimStatus.Approved, paid.Status);
    }

    [Fact]
    public async Task The_database_refuses_a_second_live_claim_for_a_participant_even_past_the_service()
    {
        var (reference, iin, caseId) = await SettledParticipantAsync(arrivedMonthsAgo: 27);
        var employer = await Api.As("employer@demo.koshi.kz");
        await Api.Ok(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", Claim(reference, iin, monthsEmployed: 25)), HttpStatusCode.Created);

        ResettlementCase? @case = null;
        await Factory.WithDbAsync(async db => @case = await db.ResettlementCases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        await Assert.ThrowsAsync<DbUpdateException>(() => Factory.WithDbAsync(db =>
        {
            db.EmployerSubsidyClaims.Add(EmployerSubsidyClaim.Submit(@case!, "someone", "150240001232", "Another LLP", Today.AddMonths(-25), Today.AddMonths(-25), EmployerAccount, "[]", Factory.Time.GetUtcNow()));
            return db.SaveChangesAsync();
        }));
    }

    private object Claim(string reference, string iin, int monthsEmployed) => new
    {
        caseReference = reference,
        participantIin = iin,
        hiredOn = Today.AddMonths(-monthsEmployed).ToString("yyyy-MM-dd"),
        housedFrom = Today.AddMonths(-monthsEmployed).ToString("yyyy-MM-dd"),
        payoutAccount = EmployerAccount,
    };

    /// <summary>A participant approved and arrived in Pavlodar, whose arrival is then moved back so two years can have passed.</summary>
    private async Task<(string Reference, string Iin, Guid CaseId)> SettledParticipantAsync(int arrivedMonthsAgo)
    {
        var (applicant, _, iin) = await Api.NewApplicant();
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 1)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await Api.Ok(await (await Api.Officer("KZ-55")).PostAsync($"/api/v1/resettlement/applications/{id}/approve", null));
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/arrival", new { }));
        var caseId = Guid.Parse(id);
        var arrived = Today.AddMonths(-arrivedMonthsAgo);
        await Factory.WithDbAsync(db => db.ResettlementCases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ArrivedOn, arrived)));
        return (created.GetProperty("reference").GetString()!, iin, caseId);
    }
}

public sealed class EmployerSubsidySqliteTests(SqliteFactory factory) : EmployerSubsidyTests<SqliteFactory>(factory);

public sealed class EmployerSubsidyPostgresTests(PostgresFactory factory) : EmployerSubsidyTests<PostgresFactory>(factory);

/// <summary>A submitted employer subsidy claim for a participant settled in Pavlodar long enough, for tests of other concerns.</summary>
public static class Subsidies
{
    public static async Task<string> ClaimAsync(Api api, KoshiFactory factory)
    {
        var (applicant, _, iin) = await api.NewApplicant();
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 1)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await Api.Ok(await (await api.Officer("KZ-55")).PostAsync($"/api/v1/resettlement/applications/{id}/approve", null));
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/resettlement/applications/{id}/arrival", new { }));
        var caseId = Guid.Parse(id);
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        await factory.WithDbAsync(db => db.ResettlementCases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ArrivedOn, today.AddMonths(-27))));
        var employer = await api.As("employer@demo.koshi.kz");
        var claim = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/resettlement/employer-claims", new
        {
            caseReference = created.GetProperty("reference").GetString(), participantIin = iin, hiredOn = today.AddMonths(-25).ToString("yyyy-MM-dd"),
            housedFrom = today.AddMonths(-25).ToString("yyyy-MM-dd"), payoutAccount = "KZ000000000000004321",
        }), HttpStatusCode.Created);
        return claim.GetProperty("id").GetString()!;
    }
}
