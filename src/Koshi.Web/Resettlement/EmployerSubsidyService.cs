using System.Text.Json;
using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

/// <summary>Outcome of an action on an employer's subsidy claim.</summary>
public readonly record struct ClaimOutcome(EmployerSubsidyClaim? Claim, Refusal? Refusal, bool NotFound = false)
{
    public static ClaimOutcome Missing => new(null, null, NotFound: true);

    public static implicit operator ClaimOutcome(Refusal refusal) => new(null, refusal);
}

/// <summary>What an employer states in a claim: the participant (case reference and IIN, both must match), the dates and the account.</summary>
public sealed record SubsidyClaimInput(string CaseReference, string ParticipantIin, DateOnly HiredOn, DateOnly HousedFrom, string PayoutAccount);

/// <summary>
/// The employer subsidy: an employer who hires and houses a resettled participant claims it; the officer of the
/// participant's receiving region decides with the pack's conditions as of that day, and the treasury pays it once.
/// </summary>
public sealed class EmployerSubsidyService(KoshiDbContext db, ResettlementRules rules, ISupportPayments treasury, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Employers see their own claims, officers their region's, admins all; nobody else any.</summary>
    public IQueryable<EmployerSubsidyClaim> VisibleTo(Actor actor)
    {
        var all = db.EmployerSubsidyClaims.AsQueryable();
        if (actor.IsIn(Roles.Admin))
        {
            return all;
        }

        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var region))
        {
            var code = region.Value;
            return all.Where(c => c.Region == code);
        }

        return actor.IsIn(Roles.Employer) ? all.Where(c => c.EmployerId == actor.Id) : all.Where(c => false);
    }

    public Task<EmployerSubsidyClaim?> FindAsync(Guid id, Actor actor, CancellationToken ct) => VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// Lodges a claim the pack finds met as of today. The participant is named by the case reference and IIN together,
    /// so an employer learns nothing of a case it cannot name. A second live claim for the same participant is refused
    /// by the database's unique index, whoever sends it and however many at once.
    /// </summary>
    public async Task<ClaimOutcome> SubmitAsync(Actor actor, SubsidyClaimInput input, CancellationToken ct)
    {
        var employer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == actor.Id, ct);
        if (string.IsNullOrEmpty(employer.Bin))
        {
            return new Refusal(RefusalCodes.NoBin, "Your account has no BIN; the subsidy is claimed by an employer with a BIN.");
        }

        var @case = await db.ResettlementCases.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == input.CaseReference && c.ApplicantIin == input.ParticipantIin, ct);
        if (@case is null)
        {
            return new Refusal(RefusalCodes.UnknownParticipant, "No resettlement participant has this case reference and IIN.", "caseReference");
        }

        if (await db.EmployerSubsidyClaims.AnyAsync(c => c.CaseId == @case.Id && c.Status != SubsidyClaimStatus.Refused, ct))
        {
            return new Refusal(RefusalCodes.SubsidyClaimed, "The subsidy for this participant is already claimed; it is paid once.");
        }

        var (quote, refusal) = Quote(@case, input.HiredOn, input.HousedFrom);
        if (refusal is not null)
        {
            return refusal;
        }

        var claim = EmployerSubsidyClaim.Submit(@case, actor.Id, employer.Bin, employer.FullName, input.HiredOn, input.HousedFrom, input.PayoutAccount,
            JsonSerializer.Serialize(quote!.Checks, JsonSerializerOptions.Web), time.GetUtcNow());
        db.EmployerSubsidyClaims.Add(claim);
        try
        {
            await SaveAsync("resettlement.subsidy-claimed", ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Refusal(RefusalCodes.SubsidyClaimed, "The subsidy for this participant is already claimed; it is paid once.");
        }

        return new ClaimOutcome(claim, null);
    }

    /// <summary>
    /// The officer approves: the pack checks the conditions again and gives the amount as of today, and the treasury pays
    /// it. Two officers approving at once conflict on the claim's version, so one decision stands; an approved claim whose
    /// payment failed is approved again to retry it, under the same reference, which the treasury pays at most once.
    /// </summary>
    public async Task<ClaimOutcome> ApproveAsync(Guid id, Actor officer, CancellationToken ct)
    {
        var claim = officer.IsIn(Roles.Officer) ? await FindAsync(id, officer, ct) : null;
        if (claim is null)
        {
            return ClaimOutcome.Missing;
        }

        if (claim.Status == SubsidyClaimStatus.Submitted)
        {
            var @case = await db.ResettlementCases.AsNoTracking().SingleAsync(c => c.Id == claim.CaseId, ct);
            var (quote, refusal) = Quote(@case, claim.HiredOn, claim.HousedFrom);
            if (refusal is not null)
            {
                return refusal;
            }

            if (claim.Approve(officer.Name, quote!.AmountKzt, quote.Source, JsonSerializer.Serialize(quote.Checks, JsonSerializerOptions.Web), time.GetUtcNow()) is { } wrong)
            {
                return wrong;
            }

            if (await TrySaveAsync("resettlement.subsidy-approved", ct) is { } conflict)
            {
                return conflict;
            }
        }
        else if (claim.Status != SubsidyClaimStatus.Approved || claim.PaidAt is not null)
        {
            return new Refusal(RefusalCodes.WrongStatus, claim.PaidAt is not null ? "This claim is already paid." : "This claim was refused.");
        }

        var reply = await treasury.PayAsync(claim.PaymentReference, claim.AmountKzt!.Value, claim.PayoutAccount, ct);
        if (reply.Status == ForeignLabour.ExternalStatus.Clear)
        {
            claim.Paid(reply.Reference!, time.GetUtcNow());
        }
        else
        {
            claim.PaymentFailed(reply.Detail);
        }

        return await TrySaveAsync("resettlement.subsidy-paid", ct) is { } lost ? lost : new ClaimOutcome(claim, null);
    }

    public async Task<ClaimOutcome> RefuseAsync(Guid id, Actor officer, string reason, CancellationToken ct)
    {
        var claim = officer.IsIn(Roles.Officer) ? await FindAsync(id, officer, ct) : null;
        if (claim is null)
        {
            return ClaimOutcome.Missing;
        }

        if (claim.Refuse(officer.Name, reason, time.GetUtcNow()) is { } refusal)
        {
            return refusal;
        }

        return await TrySaveAsync("resettlement.subsidy-refused", ct) is { } conflict ? conflict : new ClaimOutcome(claim, null);
    }

    /// <summary>The pack's answer for a participant's case and the employer's dates, or why the claim cannot stand today.</summary>
    private (EmployerSubsidyQuote? Quote, Refusal? Refusal) Quote(ResettlementCase @case, DateOnly hiredOn, DateOnly housedFrom)
    {
        var today = Today;
        if (hiredOn > today)
        {
            return (null, new Refusal(RefusalCodes.FutureDate, "The date of hiring is in the future.", "hiredOn"));
        }

        if (housedFrom > today)
        {
            return (null, new Refusal(RefusalCodes.FutureDate, "The date housing began is in the future.", "housedFrom"));
        }

        if (@case.ArrivedOn is not { } arrived)
        {
            return (null, new Refusal(RefusalCodes.WrongStage, "The participant has not arrived in the receiving region; the subsidy follows arrival."));
        }

        try
        {
            var quote = rules.EmployerSubsidy(@case.Status == CaseStatus.Arrived, arrived, hiredOn, housedFrom, today);
            var failed = quote.Checks.Where(c => !c.Passed).ToList();
            if (!quote.Eligible || quote.AmountKzt <= 0)
            {
                return (null, new Refusal(RefusalCodes.NotEligible, string.Join(" ", failed.Select(f => f.Detail)), Source: string.Join("; ", failed.Select(f => f.Source).Distinct()))
                {
                    Rules = [.. failed.Select(f => f.Rule)],
                });
            }

            return (quote, null);
        }
        catch (PolicyEvaluationException e)
        {
            return (null, new Refusal(RefusalCodes.LawNotApplicable, "The policy pack cannot decide the subsidy as of today: " + e.Message));
        }
    }

    private async Task<Refusal?> TrySaveAsync(string action, CancellationToken ct)
    {
        try
        {
            await SaveAsync(action, ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Refusal(RefusalCodes.WrongStatus, "Another officer decided this claim at the same moment; reload it.");
        }
    }

    private async Task SaveAsync(string action, CancellationToken ct)
    {
        db.Audit.Action = action;
        await db.SaveChangesAsync(ct);
    }
}
