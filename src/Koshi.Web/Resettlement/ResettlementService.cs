using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Policy;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

/// <summary>Outcome of an action on a case: the case (when visible) or why the action was refused.</summary>
public readonly record struct CaseOutcome(ResettlementCase? Case, Refusal? Refusal, bool NotFound = false, bool Replayed = false)
{
    public static CaseOutcome Missing => new(null, null, NotFound: true);

    public static implicit operator CaseOutcome(Refusal refusal) => new(null, refusal);
}

/// <summary>The regional quota had too few seats left when the approval came to take them.</summary>
public sealed class ResettlementQuotaExhaustedException(string message) : Exception(message);

/// <summary>
/// The resettlement use cases shared by the API and the pages: application checked by the pack, the officer's decision
/// under the regional quota, arrival and the social contract, support payments, the address check and the refund claim.
/// </summary>
public sealed class ResettlementService(
    KoshiDbContext db,
    ResettlementRules rules,
    IAddressRegister addresses,
    ISupportPayments treasury,
    TimeProvider time,
    ILogger<ResettlementService> logger)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public ResettlementRules Rules => rules;

    public DateTimeOffset Now => time.GetUtcNow();

    public const string FillDueDaysAction = "resettlement.fill-due-days";

    /// <summary>
    /// Gives cases stored before the decision day was kept their day, from the pack's term on the day each was applied for
    /// (the migration cannot read the pack). Run at start-up: one index probe when every case has its day. Each batch is
    /// one audited change by "system" naming the cases, their days and the pack's term; a batch another instance filled
    /// first in the meantime is rolled back and read again, so an entry never claims a day it did not set.
    /// </summary>
    public async Task<int> FillDueDaysAsync(CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            var batch = await db.ResettlementCases.Where(c => c.DueOn == null).OrderBy(c => c.Id).Select(c => new { c.Id, c.AppliedAt }).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var before = new JsonObject();
            var after = new JsonObject();
            var terms = new JsonObject();
            var complete = true;
            foreach (var group in batch.GroupBy(c => LegalClock.DateOf(c.AppliedAt)))
            {
                var term = rules.DecisionTerm(group.Key);
                var days = Convert.ToInt32(term.Value, CultureInfo.InvariantCulture);
                var due = group.Key.AddDays(days);
                var ids = group.Select(c => c.Id).ToList();
                var updated = await db.ResettlementCases.Where(c => ids.Contains(c.Id) && c.DueOn == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueOn, due), ct);
                if (updated != ids.Count)
                {
                    complete = false;
                    break;
                }

                foreach (var id in ids)
                {
                    before[$"{nameof(ResettlementCase)}/{id}"] = new JsonObject { [nameof(ResettlementCase.DueOn)] = null };
                    after[$"{nameof(ResettlementCase)}/{id}"] = new JsonObject { [nameof(ResettlementCase.DueOn)] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
                }

                terms[$"{ResettlementRules.DecisionDaysName}/{term.From:yyyy-MM-dd}"] = new JsonObject
                {
                    ["Days"] = days, ["From"] = term.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Source"] = term.Source, ["Provisional"] = term.Provisional,
                };
            }

            if (!complete)
            {
                await transaction.RollbackAsync(ct);
                continue;
            }

            // The pack's terms go with the values they gave, under their own label beside the cases'.
            foreach (var (label, term) in terms)
            {
                after["PolicyParameter/" + label] = term!.DeepClone();
            }

            db.AuditEntries.Add(new Audit.AuditEntry
            {
                At = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()),
                Actor = "system",
                Action = FillDueDaysAction,
                Entity = nameof(ResettlementCase),
                EntityId = batch[0].Id.ToString(),
                Before = before.ToJsonString(),
                After = after.ToJsonString(),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            filled += batch.Count;
        }

        if (filled > 0)
        {
            logger.LogInformation("Decision days set on {Count} resettlement cases stored before they were kept", filled);
        }

        return filled;
    }

    /// <summary>Applicants see their own cases, officers their region's (as destination), admins all; nobody else any.</summary>
    public IQueryable<ResettlementCase> VisibleTo(Actor actor)
    {
        var all = db.ResettlementCases.AsQueryable();
        if (actor.IsIn(Roles.Admin))
        {
            return all;
        }

        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var region))
        {
            var code = region.Value;
            return all.Where(c => c.Destination == code);
        }

        return actor.IsIn(Roles.Applicant) ? all.Where(c => c.OwnerId == actor.Id) : all.Where(c => false);
    }

    public Task<ResettlementCase?> FindAsync(Guid id, Actor actor, CancellationToken ct) => VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// Lodges an application the pack finds eligible as of today, in a region with a quota for the programme this year.
    /// An ineligible one is refused with every unmet gate and its source; nothing is stored. One application a person a year.
    /// </summary>
    public async Task<CaseOutcome> ApplyAsync(Actor actor, ResettlementApplication application, CancellationToken ct, IdempotentRequest? idempotency = null)
    {
        if (await ReplayAsync(actor, idempotency, ct) is { } replay)
        {
            return replay;
        }

        var person = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        if (!Iin.TryParse(person.Iin, out var iin, out _))
        {
            return new Refusal("no-iin", "Your account has no valid IIN; a resettlement application is made by a person with an IIN.");
        }

        var today = Today;
        if (await db.ResettlementCases.AnyAsync(c => c.ApplicantIin == iin.Value.Value && c.Year == today.Year, ct))
        {
            // The case may be this request's twin under the same key, stored since the replay was looked for.
            return await ReplayAsync(actor, idempotency, ct)
                ?? new Refusal("duplicate-application", $"You have already applied in {today.Year}; one application a person a year.");
        }

        if (application.Members.Any(m => m.Iin == iin.Value.Value) || application.Members.Where(m => m.Iin is not null).GroupBy(m => m.Iin).Any(g => g.Count() > 1))
        {
            return new Refusal("duplicate-member", "Each family member appears once, and not the applicant again.", "members");
        }

        try
        {
            var quote = rules.Support(application, 1 + application.Members.Count, today);
            var failed = quote.Checks.Where(c => !c.Passed).ToList();
            if (failed.Count > 0)
            {
                return new Refusal(
                    RefusalCodes.NotEligible,
                    string.Join(" ", failed.Select(f => f.Detail)),
                    Source: string.Join("; ", failed.Select(f => f.Source).Distinct()))
                {
                    Rules = [.. failed.Select(f => f.Rule)],
                };
            }

            var seats = rules.Quota(today.Year, application.Destination.Value, application.Programme);
            if (seats == 0)
            {
                return new Refusal("no-quota", $"The {today.Year} {Name(application.Programme)} quota has no seats in {application.Destination}.",
                    "destinationRegion", rules.QuotaSource(today.Year, application.Programme));
            }

            var checks = quote.Checks.Append(new RuleCheck("quota", true, $"{today.Year} {Name(application.Programme)} quota of {application.Destination}: {seats} persons.",
                rules.QuotaSource(today.Year, application.Programme)));
            var @case = ResettlementCase.Apply(application, actor.Id, person.FullName, iin.Value, today.Year,
                JsonSerializer.Serialize(checks, JsonSerializerOptions.Web), rules.PackHash, time.GetUtcNow(),
                rules.DecisionDays(Koshi.Policy.LegalClock.DateOf(time.GetUtcNow())));
            db.ResettlementCases.Add(@case);
            Idempotency.Remember(db, actor.Id, idempotency, @case.Id.ToString(), time.GetUtcNow());
            try
            {
                await SaveAsync("resettlement.applied", ct);
            }
            catch (DbUpdateException)
            {
                // A twin of this request (same person, same year, or same key) was stored at the same moment.
                db.ChangeTracker.Clear();
                return await ReplayAsync(actor, idempotency, ct)
                    ?? new Refusal("duplicate-application", $"You have already applied in {today.Year}; one application a person a year.");
            }

            logger.LogInformation("Resettlement application {CaseId} lodged ({Programme}, {Region})", @case.Id, application.Programme, application.Destination);
            return new CaseOutcome(@case, null);
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot decide this application as of today: " + e.Message);
        }
    }

    /// <summary>The case an earlier request under the same Idempotency-Key created, or the refusal of a key reused for another request.</summary>
    private async Task<CaseOutcome?> ReplayAsync(Actor actor, IdempotentRequest? idempotency, CancellationToken ct) =>
        await Idempotency.FindAsync(db, actor.Id, idempotency, ct) switch
        {
            null => (CaseOutcome?)null,
            { Refusal: { } refusal } => new CaseOutcome(null, refusal),
            { ResourceId: var id } => new CaseOutcome(await db.ResettlementCases.SingleAsync(c => c.Id == Guid.Parse(id!), ct), null, Replayed: true),
        };

    public Task<CaseOutcome> WithdrawAsync(Guid id, Actor owner, string? reason, CancellationToken ct) =>
        ActAsync(id, owner, "resettlement.withdrawn", c => c.Withdraw(reason, time.GetUtcNow()), ct, ownerOnly: true);

    public Task<CaseOutcome> RefuseAsync(Guid id, Actor officer, string reason, CancellationToken ct) =>
        ActAsync(id, officer, "resettlement.refused", c => c.Refuse(officer.Name, reason, time.GetUtcNow()), ct, officerOnly: true);

    /// <summary>
    /// The officer includes the family in the quota: seats for every person are taken by one conditional UPDATE in the
    /// same transaction as the decision, so the quota is never over-allocated, whatever runs at the same time.
    /// </summary>
    public async Task<CaseOutcome> ApproveAsync(Guid id, Actor officer, CancellationToken ct)
    {
        if (!officer.IsIn(Roles.Officer) || await VisibleTo(officer).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } peek)
        {
            return CaseOutcome.Missing;
        }

        await EnsureQuotaAsync(peek.Year, peek.Destination, peek.Programme, ct);
        var @case = await FindAsync(id, officer, ct);
        if (@case is null)
        {
            return CaseOutcome.Missing;
        }

        if (@case.Approve(officer.Name, time.GetUtcNow()) is { } refusal)
        {
            return refusal;
        }

        var (year, region, programme, persons) = (@case.Year, @case.Destination, @case.Programme, @case.FamilySize);
        db.WithNextSave(async token =>
        {
            var taken = await db.ResettlementQuotas
                .Where(q => q.Year == year && q.Region == region && q.Programme == programme && q.Used + persons <= q.Seats)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + persons), token);
            if (taken == 0)
            {
                throw new ResettlementQuotaExhaustedException(
                    $"The {year} {Name(programme)} quota of {region} has fewer than the {persons} seat(s) this family needs.");
            }
        });

        try
        {
            await SaveAsync("resettlement.approved", ct);
        }
        catch (ResettlementQuotaExhaustedException e)
        {
            db.ChangeTracker.Clear();
            return new Refusal("quota-exhausted", e.Message, Source: rules.QuotaSource(year, programme));
        }

        return new CaseOutcome(@case, null);
    }

    /// <summary>
    /// Arrival, confirmed by the address register (the participant or the region's officer asks): the social contract
    /// starts and the support is scheduled, each payment on its own date.
    /// </summary>
    public async Task<CaseOutcome> ArriveAsync(Guid id, Actor actor, DateOnly? on, CancellationToken ct)
    {
        var @case = await FindAsync(id, actor, ct);
        if (@case is null || !(actor.IsIn(Roles.Officer) || @case.OwnerId == actor.Id))
        {
            return CaseOutcome.Missing;
        }

        var arrived = on ?? Today;
        if (arrived > Today || @case.DecidedAt is { } decided && arrived < DateOnly.FromDateTime(decided.UtcDateTime))
        {
            return new Refusal("arrival-date", "The arrival date lies between the approval and today.", "arrivedOn");
        }

        if (@case.Status != CaseStatus.Approved)
        {
            return new Refusal("wrong-stage", $"Arrival is confirmed for an approved case; this one is {@case.Status.ToString().ToLowerInvariant()}.");
        }

        var reply = await addresses.RegionOfAsync(@case.ApplicantIin, @case.Destination.Value, ct);
        switch (reply.Status)
        {
            case ExternalStatus.Error:
                return new Refusal("address-register-unavailable", reply.Detail) { ServiceUnavailable = true };
            case ExternalStatus.Hit:
                return new Refusal("not-registered", reply.Detail);
        }

        if (reply.Reference != @case.Destination.Value)
        {
            return new Refusal("registered-elsewhere", $"The address register shows permanent registration in {reply.Reference}, not {@case.Destination}.");
        }

        try
        {
            var now = time.GetUtcNow();
            var quote = rules.Support(Application(@case), @case.FamilySize, arrived);
            var schedule = new List<SupportPayment>
            {
                SupportPayment.Schedule($"{@case.Reference}-REL-1", PaymentKind.Relocation, 1, arrived, quote.RelocationKzt, now),
            };
            if (quote.CertificateKzt > 0)
            {
                schedule.Add(SupportPayment.Schedule($"{@case.Reference}-CRT-1", PaymentKind.Certificate, 1, arrived, quote.CertificateKzt, now));
            }

            for (var month = 1; month <= quote.RentMonths; month++)
            {
                var due = arrived.AddMonths(month - 1);
                schedule.Add(SupportPayment.Schedule($"{@case.Reference}-RNT-{month}", PaymentKind.Rent, month, due, Planned(@case, PaymentKind.Rent, due), now));
            }

            if (@case.Arrive(arrived, rules.ContractYears(arrived), schedule, reply.Detail) is { } refusal)
            {
                return refusal;
            }
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot decide the support as of the arrival: " + e.Message);
        }

        await SaveAsync("resettlement.arrived", ct);
        return new CaseOutcome(@case, null);
    }

    /// <summary>
    /// Pays every scheduled or failed payment due by today, each at the amount the pack gives as of its due date. A
    /// refusal or time-out marks that payment failed (to retry later) and leaves the others as they are; the gateway pays
    /// a reference at most once, so a retry after a lost answer is recorded once.
    /// </summary>
    public async Task<CaseOutcome> PayDueAsync(Guid id, Actor officer, CancellationToken ct)
    {
        var @case = await FindAsync(id, officer, ct);
        if (@case is null || !officer.IsIn(Roles.Officer))
        {
            return CaseOutcome.Missing;
        }

        if (@case.Status != CaseStatus.Arrived)
        {
            return new Refusal("wrong-stage", "Support is paid while the social contract is in force.");
        }

        var today = Today;
        var due = @case.Payments.Where(p => p.Status != PaymentStatus.Paid && p.DueOn <= today).OrderBy(p => p.DueOn).ThenBy(p => p.Reference, StringComparer.Ordinal).ToList();
        if (due.Count == 0)
        {
            return new Refusal("nothing-due", "No payment of this case is due by today.");
        }

        var now = time.GetUtcNow();
        foreach (var payment in due)
        {
            SupportQuote quote;
            try
            {
                quote = rules.Support(Application(@case), @case.FamilySize, payment.DueOn);
            }
            catch (PolicyEvaluationException e)
            {
                payment.Failed("The policy pack cannot give the amount as of the due date: " + e.Message);
                continue;
            }

            var amount = payment.Kind switch
            {
                PaymentKind.Relocation => quote.RelocationKzt,
                PaymentKind.Certificate => quote.CertificateKzt,
                _ => quote.RentMonthlyKzt,
            };
            if (amount <= 0)
            {
                payment.Failed("The pack gives no amount for this payment as of its due date.");
                continue;
            }

            var reply = await treasury.PayAsync(payment.Reference, amount, @case.PayoutAccount, ct);
            if (reply.Status == ExternalStatus.Clear)
            {
                payment.Paid(amount, reply.Reference!, quote.Source, now);
            }
            else
            {
                payment.Failed(reply.Detail);
            }
        }

        @case.Touch();
        await SaveAsync("resettlement.payments", ct);
        return new CaseOutcome(@case, null);
    }

    /// <summary>The participant names another account, so that a refused payment can be retried.</summary>
    public Task<CaseOutcome> ChangeAccountAsync(Guid id, Actor owner, string account, CancellationToken ct) =>
        ActAsync(id, owner, "resettlement.account-changed", c => c.ChangeAccount(account), ct, ownerOnly: true);

    /// <summary>
    /// The address check (yearly or on demand): a participant registered outside the region before the contract ends
    /// has left, and the pack computes the refund of each payment made.
    /// </summary>
    public async Task<CaseOutcome> CheckAddressAsync(Guid id, Actor officer, CancellationToken ct)
    {
        var @case = await FindAsync(id, officer, ct);
        if (@case is null || !officer.IsIn(Roles.Officer))
        {
            return CaseOutcome.Missing;
        }

        if (@case.Status != CaseStatus.Arrived)
        {
            return new Refusal("wrong-stage", "The address is checked while the social contract is in force.");
        }

        var reply = await addresses.RegionOfAsync(@case.ApplicantIin, @case.Destination.Value, ct);
        if (reply.Status == ExternalStatus.Error)
        {
            return new Refusal("address-register-unavailable", reply.Detail) { ServiceUnavailable = true };
        }

        if (reply.Status == ExternalStatus.Hit)
        {
            // No registration at all is not proof of leaving the region: the officer looks into it rather than opening a claim.
            return new Refusal("not-registered", reply.Detail);
        }

        var today = Today;
        if (reply.Reference == @case.Destination.Value || today >= @case.ContractEndsOn)
        {
            @case.AddressChecked(today, reply.Detail);
            await SaveAsync("resettlement.address-checked", ct);
            return new CaseOutcome(@case, null);
        }

        try
        {
            var total = 0m;
            string? basis = null;
            var instalments = 0;
            var lines = new List<string>();
            foreach (var payment in @case.Payments.Where(p => p.Status == PaymentStatus.Paid))
            {
                var refund = rules.Refund(@case.ArrivedOn!.Value, today, DateOnly.FromDateTime(payment.PaidAt!.Value.UtcDateTime), payment.PaidKzt!.Value);
                total += refund.RefundKzt;
                basis = refund.Basis;
                instalments = Math.Max(instalments, refund.InstalmentsMax);
                lines.Add($"{payment.Reference}: {refund.RefundKzt:0.##} of {payment.PaidKzt:0.##} KZT ({refund.UnservedMonths} month(s) unserved)");
                if (!lines.Contains(refund.Source))
                {
                    lines.Insert(0, refund.Source);
                }
            }

            basis ??= rules.Refund(@case.ArrivedOn!.Value, today, today, 0).Basis;
            @case.AddressChecked(today, reply.Detail);
            @case.Departed(today, total, basis, total > 0 ? instalments : 0, string.Join("\n", lines.Distinct()));
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot compute the refund as of today: " + e.Message);
        }

        await SaveAsync("resettlement.departed", ct);
        return new CaseOutcome(@case, null);
    }

    public Task<CaseOutcome> DecideRefundAsync(Guid id, Actor officer, bool confirm, string? reason, CancellationToken ct) =>
        ActAsync(id, officer, confirm ? "resettlement.refund-confirmed" : "resettlement.refund-waived", c => c.DecideRefund(confirm, officer.Name, reason), ct, officerOnly: true);

    /// <summary>The year's quotas from the pack with their use; officers see their region.</summary>
    public async Task<List<ResettlementQuota>> QuotaAsync(Actor actor, int year, CancellationToken ct)
    {
        foreach (var programme in Enum.GetValues<Programme>())
        {
            foreach (var region in rules.QuotaRegions(year, programme))
            {
                await EnsureQuotaAsync(year, RegionCode.Parse(region), programme, ct);
            }
        }

        var rows = db.ResettlementQuotas.AsNoTracking().Where(q => q.Year == year);
        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var own))
        {
            var code = own.Value;
            rows = rows.Where(q => q.Region == code);
        }

        return (await rows.ToListAsync(ct)).OrderBy(q => q.Region.Value, StringComparer.Ordinal).ThenBy(q => q.Programme).ToList();
    }

    /// <summary>Opens the quota row of a year, region and programme at the pack's figure if it is not there yet.</summary>
    public async Task EnsureQuotaAsync(int year, RegionCode region, Programme programme, CancellationToken ct)
    {
        if (await db.ResettlementQuotas.AnyAsync(q => q.Year == year && q.Region == region && q.Programme == programme, ct))
        {
            return;
        }

        db.ResettlementQuotas.Add(ResettlementQuota.Create(year, region, programme, rules.Quota(year, region.Value, programme)));
        try
        {
            await SaveAsync("resettlement.quota-opened", ct);
        }
        catch (DbUpdateException)
        {
            // Another request opened it first: the unique index kept one row.
        }

        db.ChangeTracker.Clear();
    }

    public static string Name(Programme programme) => programme == Programme.Kandas ? "kandas" : "resettler";

    private decimal? Planned(ResettlementCase @case, PaymentKind kind, DateOnly due)
    {
        try
        {
            var quote = rules.Support(Application(@case), @case.FamilySize, due);
            return kind switch { PaymentKind.Relocation => quote.RelocationKzt, PaymentKind.Certificate => quote.CertificateKzt, _ => quote.RentMonthlyKzt };
        }
        catch (PolicyEvaluationException)
        {
            return null; // the pack has no law for that date yet (e.g. next year's MRP): known when it is paid
        }
    }

    private static ResettlementApplication Application(ResettlementCase c) => new(
        c.Programme, c.Origin, c.Destination, c.RegisteredJobSeeker, c.PermanentRegistrationMonths, c.KandasCondition, c.HousingCost, c.PayoutAccount, []);

    private async Task<CaseOutcome> ActAsync(
        Guid id, Actor actor, string action, Func<ResettlementCase, Refusal?> change, CancellationToken ct, bool officerOnly = false, bool ownerOnly = false)
    {
        var @case = await FindAsync(id, actor, ct);
        if (@case is null || (officerOnly && !actor.IsIn(Roles.Officer)) || (ownerOnly && @case.OwnerId != actor.Id))
        {
            return CaseOutcome.Missing;
        }

        if (change(@case) is { } refusal)
        {
            return refusal;
        }

        await SaveAsync(action, ct);
        return new CaseOutcome(@case, null);
    }

    private async Task SaveAsync(string action, CancellationToken ct)
    {
        db.Audit.Action = action;
        await db.SaveChangesAsync(ct);
    }
}
