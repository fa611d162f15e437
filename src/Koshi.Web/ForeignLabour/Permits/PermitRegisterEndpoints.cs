using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Koshi.Web.ForeignLabour.LabourFields;

namespace Koshi.Web.ForeignLabour;

public sealed record InvoiceView(
    string Number, InvoicePurpose Purpose, int DurationDays, decimal FeeMrp, decimal QuotedKzt, DateOnly QuotedOn, string FeeRule,
    InvoiceStatus Status, DateTimeOffset? PaidAt, decimal? PaidKzt, decimal? MrpOnPayment, string? PaymentReference)
{
    public static InvoiceView From(PermitInvoice i) => new(
        i.Number, i.Purpose, i.DurationDays, i.FeeMrp.Amount, i.QuotedKzt.Amount, i.QuotedOn, i.FeeRule, i.Status, i.PaidAt, i.PaidKzt?.Amount,
        i.MrpOnPayment?.Amount, i.PaymentReference);
}

public sealed record PermitView(
    Guid Id, string? Number, string Status, PermitType Type, PermitCategory Category, string? QuotaPool, string EmployerName, string EmployerIdentifier,
    string OkedSection, string SectorGroup, string WorkerName, string WorkerPassport, string WorkerCitizenship, DateOnly WorkerBirthDate,
    string Isco, int IscoSkillLevel, Qualification Qualification, int ExperienceYears, bool Skilled, string Region, DateOnly StartOn, int DurationDays,
    DateOnly EndOn, DateTimeOffset AppliedAt, DateTimeOffset? IssuedAt, string? Reason, string PackHash, IReadOnlyList<RuleCheck> Checks,
    IReadOnlyList<InvoiceView> Invoices, int Version)
{
    public static PermitView From(WorkPermit p, DateOnly today) => new(
        p.Id, p.Number, p.StatusOn(today), p.Type, p.Category, p.Pool, p.EmployerName, p.EmployerIdentifier, p.OkedSection.Value, p.SectorGroup,
        p.WorkerName, p.WorkerPassport.Value, p.WorkerCitizenship.Value, p.WorkerBirthDate, p.Isco.Value, p.IscoSkillLevel, p.Qualification, p.ExperienceYears, p.Skilled,
        p.Region.Value, p.StartOn, p.DurationDays, p.EndOn, p.AppliedAt, p.IssuedAt, p.Reason, p.PackHash,
        System.Text.Json.JsonSerializer.Deserialize<List<RuleCheck>>(p.ChecksJson, System.Text.Json.JsonSerializerOptions.Web) ?? [],
        p.Invoices.Select(InvoiceView.From).ToList(), p.Version)
    {
        CaseNumber = p.CaseNumber, NeedsOfficer = PermitQueue.NeedsOfficer(p), AssessmentPoints = p.AssessmentPoints, AssessmentTier = p.AssessmentTier, Ranked = p.Ranked, RoundId = p.RoundId,
    };

    /// <summary>The application's case number (2026-000123), given when it was lodged.</summary>
    public string CaseNumber { get; init; } = string.Empty;

    /// <summary>The last day of the decision term (working days from lodgement), while the term runs for the application.</summary>
    public DateOnly? DueOn { get; init; }

    /// <summary>Working days left of the decision term; negative once it is overdue.</summary>
    public int? DaysLeft { get; init; }

    /// <summary>The decision term has run out and the application is still undecided.</summary>
    public bool Overdue { get; init; }

    /// <summary>The view with the application's place against the decision term.</summary>
    public static PermitView From(WorkPermit p, DateOnly today, LabourRules rules) => PermitDecisionTerm.Clock(p, today, rules) is { } clock
        ? From(p, today) with { DueOn = clock.DueOn, DaysLeft = clock.DaysLeft, Overdue = clock.Overdue }
        : From(p, today);

    /// <summary>The application waits for the regional officer (to decide it, or to issue it).</summary>
    public bool NeedsOfficer { get; init; }

    /// <summary>The worker-assessment points (the full explanation is at /permits/{id}/assessment).</summary>
    public int? AssessmentPoints { get; init; }

    public string? AssessmentTier { get; init; }

    /// <summary>The application waits in a ranked pool for an allocation round.</summary>
    public bool Ranked { get; init; }

    /// <summary>The round that admitted it, if one has.</summary>
    public Guid? RoundId { get; init; }
}

/// <summary>The permit register's endpoints: the permits visible to the caller, and one permit.</summary>
internal static class PermitRegisterEndpoints
{
    public static RouteGroupBuilder MapPermitRegisterApi(this RouteGroupBuilder api)
    {
        api.MapGet("/permits", ListPermits).RequireAuthorization(Policies.ApiPermitReader)
            .WithName("ListPermits").WithSummary("Permits visible to you (yours, or your region's), newest first; search q (case number, worker passport or name, employer BIN or name); filter by status, mine=true (waiting for the officer), overdue=true (past the decision term, in working days) and region; sort newest, applied, waiting or name; page and pageSize (at most 500), total in X-Total-Count, next page in Link");
        api.MapGet("/permits/{id:guid}", GetPermit).RequireAuthorization(Policies.ApiPermitReader)
            .WithName("GetPermit").WithSummary("One permit with its checks, sources and invoices");
        return api;
    }

    /// <summary>
    /// One page of the permits visible to the caller, newest first; the total is in X-Total-Count and the next page in a
    /// Link header (rel="next"), so the body stays a plain list and no caller is cut off silently.
    /// </summary>
    private static async Task<Results<Ok<List<PermitView>>, BadRequestProblem>> ListPermits(
        HttpContext http, PermitRegister register, LabourRules rules, string? q, string? status, string? mine, string? overdue, string? region, string? sort,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var filter = PermitQueueFilter.Read(q, status, mine, overdue, region, sort, PermitSort.Newest, errors);
        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var query = register.Queue(Actor.From(http.User), filter, rules);
        var total = await query.CountAsync(ct);
        var permits = await query.Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        paging.WriteHeaders(http, total);
        return TypedResults.Ok(permits.Select(p => PermitView.From(p, register.Today, rules)).ToList());
    }

    private static async Task<Results<Ok<PermitView>, NotFoundProblem>> GetPermit(Guid id, HttpContext http, PermitRegister register, LabourRules rules, CancellationToken ct) =>
        await register.FindAsync(id, Actor.From(http.User), ct) is { } permit
            ? TypedResults.Ok(PermitView.From(permit, register.Today, rules))
            : NotFoundProblem.Of("permit");
}
