using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>The quota seat of a pool was taken by someone else first.</summary>
public sealed class QuotaExhaustedException(string message) : Exception(message);

/// <summary>
/// A permit's life after screening: the officer's decision, the fee and its payment, issue against the quota, the
/// evidence checks, extension, revocation and early end. Each action is refused unless the permit's state allows it.
/// </summary>
public sealed class PermitLifecycle(KoshiDbContext db, LabourRules rules, PermitRegister register, IPaymentGateway payments, TimeProvider time)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    /// <summary>The officer approves: the fee is fixed in MRP by the pack and invoiced (a permit with no fee is ready to issue).</summary>
    public Task<PermitOutcome> ApproveAsync(Guid id, Actor officer, CancellationToken ct) => ActAsync(id, officer, "labour.approved", permit =>
    {
        var fee = rules.Fee(permit.Type, permit.Category, permit.SectorGroup, permit.DurationDays, Today);
        var invoice = PermitInvoice.Create(InvoiceNumber(permit, 1), InvoicePurpose.Permit, permit.DurationDays, Mrp.Of(fee.FeeMrp), Tenge.Of(fee.FeeKzt), Describe(fee), time.GetUtcNow());
        return permit.Approve(officer.Name, invoice, time.GetUtcNow());
    }, ct, officerOnly: true);

    public Task<PermitOutcome> RefuseAsync(Guid id, Actor officer, string reason, CancellationToken ct) =>
        ActAsync(id, officer, "labour.refused", p => GiveBackRoundSeat(p, () => p.Refuse(officer.Name, reason, time.GetUtcNow())), ct, officerOnly: true);

    public Task<PermitOutcome> WithdrawAsync(Guid id, Actor owner, string? reason, CancellationToken ct) =>
        ActAsync(id, owner, "labour.withdrawn", p => GiveBackRoundSeat(p, () => p.Withdraw(reason, time.GetUtcNow())), ct, ownerOnly: true);

    /// <summary>The officer accepts or rejects one declared fact; the worker is assessed again on what counts.</summary>
    public Task<PermitOutcome> CheckEvidenceAsync(Guid id, Actor officer, string item, bool accepted, CancellationToken ct, string? reason = null) =>
        ActAsync(id, officer, accepted ? "labour.evidence-accepted" : "labour.evidence-rejected", permit =>
        {
            if (permit.CheckEvidence(item, accepted, reason) is { } refusal)
            {
                return refusal;
            }

            permit.Assessed(rules.Assess(permit.DeclaredFacts.Counted(permit.Evidence), permit.Isco.Value, permit.Region, permit.AppliedOn));
            return null;
        }, ct, officerOnly: true);

    /// <summary>An application closed while holding a seat its round gave it returns the seat to the pool's allocation.</summary>
    private Refusal? GiveBackRoundSeat(WorkPermit permit, Func<Refusal?> change)
    {
        var (held, year, region, pool) = (permit.HoldsRoundSeat, permit.QuotaYear, permit.Region, permit.Pool);
        if (change() is { } refusal)
        {
            return refusal;
        }

        if (held)
        {
            db.WithNextSave(token => db.QuotaAllocations
                .Where(q => q.Year == year && q.Region == region && q.Pool == pool && q.Used > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used - 1), token));
        }

        return null;
    }

    /// <summary>Pays the open invoice through the payment gateway, in tenge at the MRP of today.</summary>
    public async Task<PermitOutcome> PayAsync(Guid id, Actor owner, string account, CancellationToken ct)
    {
        var permit = await register.FindAsync(id, owner, ct);
        if (permit is null || permit.OwnerId != owner.Id)
        {
            return PermitOutcome.Missing;
        }

        if (permit.OpenInvoice is not { } invoice)
        {
            return new Refusal("nothing-to-pay", "This permit has no open invoice.");
        }

        var mrp = rules.MrpInTenge(Today);
        var amount = permit.Type == PermitType.Household ? invoice.QuotedKzt : rules.InTenge(invoice.FeeMrp, Today);
        // The pending charge is saved before the gateway is asked, and the invoice number is the gateway's idempotency
        // key: a charge whose reply or record was lost is returned, not repeated, by the next attempt.
        if (permit.StartCharge(invoice) is { } notOpen)
        {
            return notOpen;
        }

        await db.SaveAsAsync("labour.charge-started", ct);
        var reply = await payments.ChargeAsync(invoice.Number, amount.Amount, account, ct);
        switch (reply.Status)
        {
            case ExternalStatus.Error:
                // Unknown whether the gateway charged: the invoice stays "charging" and the next attempt reconciles.
                return new Refusal("payment-unavailable", reply.Detail) { ServiceUnavailable = true };
            case ExternalStatus.Hit:
                permit.ChargeDeclined(invoice);
                await db.SaveAsAsync("labour.charge-declined", ct);
                return new Refusal("payment-declined", reply.Detail);
        }

        var refusal = permit.RecordPayment(invoice, reply.Reference!, amount, mrp, time.GetUtcNow());
        if (refusal is not null)
        {
            return refusal;
        }

        await db.SaveAsAsync(invoice.Purpose == InvoicePurpose.Permit ? "labour.fee-paid" : "labour.extension-paid", ct);
        return new PermitOutcome(permit, null);
    }

    /// <summary>Issues a paid permit, taking its quota seat in the same transaction: never more permits than seats.</summary>
    public async Task<PermitOutcome> IssueAsync(Guid id, Actor officer, CancellationToken ct)
    {
        var permit = await register.FindAsync(id, officer, ct);
        if (permit is null || !officer.IsIn(Roles.Officer))
        {
            return PermitOutcome.Missing;
        }

        var now = time.GetUtcNow();
        var year = now.Year;
        if (permit.Ranked && permit.Pool is not null)
        {
            // A ranked pool's seat was taken by the round that admitted the application; without one it waits.
            if (permit.RoundId is null || permit.QuotaYear is not { } roundYear)
            {
                return new Refusal("awaiting-round", "This application waits in a ranked pool: it is issued only after an allocation round admits it.");
            }

            year = roundYear;
        }

        // The last 12 hex digits of a version-7 id are random: 48 bits keep a clash within a region and year negligible
        // (about 1 in 3 million at 14,000 permits); the unique index would refuse one rather than give a number twice.
        var refusal = permit.Issue($"WP-{permit.Region.Value[3..]}-{year}-{permit.Id.ToString("N")[^12..].ToUpperInvariant()}", year, now);
        if (refusal is not null)
        {
            return refusal;
        }

        if (permit.Pool is { } pool && !permit.Ranked)
        {
            var region = permit.Region;
            db.WithNextSave(async token =>
            {
                var taken = await db.QuotaAllocations
                    .Where(q => q.Year == year && q.Region == region && q.Pool == pool && q.Used < q.Seats)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + 1), token);
                if (taken == 0)
                {
                    throw new QuotaExhaustedException($"No seat is left in the {year} {pool} quota of {region}.");
                }
            });
        }

        try
        {
            await db.SaveAsAsync("labour.issued", ct);
        }
        catch (QuotaExhaustedException e)
        {
            // Nothing was saved: forget the unsaved issue so a later read in this scope sees the permit as it is.
            db.ChangeTracker.Clear();
            return new Refusal("quota-exhausted", e.Message);
        }

        return new PermitOutcome(permit, null);
    }

    public async Task<PermitOutcome> ExtendAsync(Guid id, Actor owner, int days, CancellationToken ct)
    {
        var permit = await register.FindAsync(id, owner, ct);
        if (permit is null || permit.OwnerId != owner.Id)
        {
            return PermitOutcome.Missing;
        }

        try
        {
            var extensions = permit.Invoices.Count(i => i.Purpose == InvoicePurpose.Extension && i.Status != InvoiceStatus.Cancelled);
            var (allowed, terms, _, field) = rules.Terms(permit.Type, permit.Category, days, true, permit.OkedSection.Value, Today, extensions);
            if (!allowed)
            {
                return new Refusal("permit-terms", terms.Detail, field is null ? null : "days", terms.Source);
            }

            var fee = rules.Fee(permit.Type, permit.Category, permit.SectorGroup, days, Today);
            var invoice = PermitInvoice.Create(InvoiceNumber(permit, permit.Invoices.Count + 1), InvoicePurpose.Extension, days, Mrp.Of(fee.FeeMrp), Tenge.Of(fee.FeeKzt), Describe(fee), time.GetUtcNow());
            if (permit.RequestExtension(invoice, Today) is { } refusal)
            {
                return refusal;
            }
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot decide this extension as of today: " + e.Message);
        }

        await db.SaveAsAsync("labour.extension-requested", ct);
        return new PermitOutcome(permit, null);
    }

    public Task<PermitOutcome> RevokeAsync(Guid id, Actor officer, string reason, CancellationToken ct) =>
        ReleaseAsync(id, officer, "labour.revoked", p => p.Revoke(officer.Name, reason, time.GetUtcNow()), officerOnly: true, ct);

    public Task<PermitOutcome> EndAsync(Guid id, Actor owner, DateOnly on, string? reason, CancellationToken ct) =>
        ReleaseAsync(id, owner, "labour.ended", p => p.EndEarly(on, reason, time.GetUtcNow()), officerOnly: false, ct);

    private async Task<PermitOutcome> ReleaseAsync(Guid id, Actor actor, string action, Func<WorkPermit, Refusal?> change, bool officerOnly, CancellationToken ct)
    {
        var permit = await register.FindAsync(id, actor, ct);
        if (permit is null || (officerOnly ? !actor.IsIn(Roles.Officer) : permit.OwnerId != actor.Id))
        {
            return PermitOutcome.Missing;
        }

        var (pool, year, region, heldSeat) = (permit.Pool, permit.QuotaYear, permit.Region, permit.HoldsSeat);
        if (change(permit) is { } refusal)
        {
            return refusal;
        }

        if (heldSeat && year == Today.Year)
        {
            db.WithNextSave(token => db.QuotaAllocations
                .Where(q => q.Year == year && q.Region == region && q.Pool == pool && q.Used > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used - 1), token));
        }

        await db.SaveAsAsync(action, ct);
        return new PermitOutcome(permit, null);
    }

    private async Task<PermitOutcome> ActAsync(
        Guid id, Actor actor, string action, Func<WorkPermit, Refusal?> change, CancellationToken ct, bool officerOnly = false, bool ownerOnly = false)
    {
        var permit = await register.FindAsync(id, actor, ct);
        if (permit is null || (officerOnly && !actor.IsIn(Roles.Officer)) || (ownerOnly && permit.OwnerId != actor.Id))
        {
            return PermitOutcome.Missing;
        }

        Refusal? refusal;
        try
        {
            refusal = change(permit);
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot decide this as of today: " + e.Message);
        }

        if (refusal is not null)
        {
            return refusal;
        }

        await db.SaveAsAsync(action, ct);
        return new PermitOutcome(permit, null);
    }

    private static string InvoiceNumber(WorkPermit permit, int sequence) => $"INV-{permit.Id.ToString("N")[^12..].ToUpperInvariant()}-{sequence}";

    private static string Describe(FeeQuote fee) =>
        fee.Source.Length == 0 ? fee.Rule : $"{fee.Rule} — {fee.Source}";
}
