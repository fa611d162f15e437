using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>Outcome of a permit action: the permit (when visible) or why the action was refused.</summary>
public readonly record struct PermitOutcome(WorkPermit? Permit, Refusal? Refusal, bool NotFound = false, bool Replayed = false)
{
    public static PermitOutcome Missing => new(null, null, NotFound: true);

    public static implicit operator PermitOutcome(Refusal refusal) => new(null, refusal);
}

/// <summary>The quota seat of a pool was taken by someone else first.</summary>
public sealed class QuotaExhaustedException(string message) : Exception(message);

/// <summary>
/// The foreign-labour use cases shared by the API and the pages: employers and vacancies, permit applications checked
/// by the pack's rules, the officer's decision, the fee and its payment, issue against the quota, and the permit's life.
/// </summary>
public sealed class ForeignLabourService(
    KoshiDbContext db,
    LabourRules rules,
    IWorkerCheck workerCheck,
    IEmployerCheck employerCheck,
    IPaymentGateway payments,
    TimeProvider time,
    ILogger<ForeignLabourService> logger)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    public LabourRules Rules => rules;

    public Task<Employer?> EmployerOfAsync(Actor actor, CancellationToken ct) =>
        db.Employers.SingleOrDefaultAsync(e => e.OwnerId == actor.Id, ct);

    public async Task<(Employer? Employer, Refusal? Refusal)> RegisterEmployerAsync(
        Actor actor, string name, string okedSection, RegionCode region, StaffDeclaration staff, CancellationToken ct)
    {
        var account = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        if (!Bin.TryParse(account.Bin, out var bin, out _))
        {
            return (null, new Refusal("no-bin", "Your account has no valid BIN; an employer is registered under its BIN."));
        }

        var existing = await db.Employers.SingleOrDefaultAsync(e => e.Bin == bin.Value.Value, ct);
        if (existing is not null && existing.OwnerId != actor.Id)
        {
            return (null, new Refusal("bin-taken", "Another account already acts for this BIN."));
        }

        var now = time.GetUtcNow();
        if (existing is null)
        {
            existing = Employer.Register(bin.Value, name, okedSection, region, actor.Id, staff, now);
            db.Employers.Add(existing);
        }
        else
        {
            existing.Rename(name, okedSection, region);
            existing.Declare(staff);
        }

        db.StaffDeclarations.Add(StaffDeclarationRecord.Of(existing.Id, staff, Today, now));
        await SaveAsync("labour.employer", ct);
        return (existing, null);
    }

    public async Task<(Vacancy? Vacancy, Refusal? Refusal)> PostVacancyAsync(
        Actor actor, string title, string isco, PermitCategory category, RegionCode region, int positions, CancellationToken ct)
    {
        var employer = await EmployerOfAsync(actor, ct);
        if (employer is null)
        {
            return (null, new Refusal("no-employer", "Register your organisation first (POST /api/v1/labour/employer)."));
        }

        var now = time.GetUtcNow();
        var vacancy = Vacancy.Post(employer.Id, null, title, isco, category, region, positions, Today, now);
        db.Vacancies.Add(vacancy);
        await SaveAsync("labour.vacancy-posted", ct);
        return (vacancy, null);
    }

    public async Task<List<Vacancy>> VacanciesOfAsync(Actor actor, CancellationToken ct)
    {
        var employer = await EmployerOfAsync(actor, ct);
        return employer is null ? [] : await db.Vacancies.Where(v => v.EmployerId == employer.Id).OrderByDescending(v => v.PostedOn).ToListAsync(ct);
    }

    /// <summary>Employers and households see their own permits, officers their region's, admins all; nobody else any.</summary>
    public IQueryable<WorkPermit> VisibleTo(Actor actor)
    {
        var all = db.WorkPermits.AsQueryable();
        if (actor.IsIn(Roles.Admin))
        {
            return all;
        }

        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var region))
        {
            var code = region.Value;
            return all.Where(p => p.Region == code);
        }

        if (actor.IsIn(Roles.Employer) || actor.IsIn(Roles.Applicant))
        {
            return all.Where(p => p.OwnerId == actor.Id);
        }

        return all.Where(p => false);
    }

    public Task<WorkPermit?> FindAsync(Guid id, Actor actor, CancellationToken ct) => VisibleTo(actor).SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Lodges an application after the automated checks that replaced the commission: permit terms, the vacancy rule,
    /// a free quota seat, local content, the worker's record. A failing rule refuses with its source; nothing is stored.
    /// </summary>
    public async Task<PermitOutcome> ApplyAsync(Actor actor, PermitRequest request, string? vacancyReference, string? idempotencyKey, CancellationToken ct)
    {
        const string operation = "labour.apply";
        var requestHash = Idempotency.RequestHash(System.Text.Json.JsonSerializer.Serialize(request) + "|" + vacancyReference);
        if (idempotencyKey is not null && await ReplayAsync(actor, operation, idempotencyKey, requestHash, ct) is { } replay)
        {
            return replay;
        }

        var today = Today;
        string employerName, identifier, okedSection;
        Guid? employerId = null;
        Employer? employer = null;
        if (request.Type == PermitType.Household)
        {
            // The household labour immigrant applies, from a personal account with an IIN (workers need one [R20]),
            // naming the individual who will employ them; the limit per individual counts every immigrant's permit.
            var person = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
            if (!actor.IsIn(Roles.Applicant) || !Iin.TryParse(person.Iin, out _, out _))
            {
                return new Refusal("household-needs-person", "A household labour immigrant applies from a personal account with an IIN.", "type");
            }

            if (!Iin.TryParse(request.HouseholdEmployerIin, out var employerIin, out _) || employerIin.Value.Value == person.Iin)
            {
                return new Refusal("household-needs-person", "Name the person who will employ you by their IIN (not your own).", "householdEmployerIin");
            }

            var individual = employerIin.Value.Value;
            (employerName, identifier, okedSection) = (request.HouseholdEmployerName ?? string.Empty, individual, "T");
            var held = await db.WorkPermits.CountAsync(
                p => p.Type == PermitType.Household && p.EmployerIdentifier == individual
                     && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid || p.Status == PermitStatus.Issued), ct);
            var (limit, source) = rules.Number("household.max_immigrants_per_employer", today);
            if (held >= limit)
            {
                return new Refusal("household-limit", $"An individual may employ at most {limit} household labour immigrants.", Source: source);
            }
        }
        else
        {
            employer = await EmployerOfAsync(actor, ct);
            if (employer is null || !actor.IsIn(Roles.Employer))
            {
                return new Refusal("no-employer", "Register your organisation first (POST /api/v1/labour/employer).");
            }

            (employerName, identifier, okedSection, employerId) = (employer.Name, employer.Bin, employer.OkedSection, employer.Id);
        }

        if (!Occupations.ByCode.TryGetValue(request.Isco, out var occupation) || occupation.Level != 4 || occupation.SkillLevel is null)
        {
            return new Refusal("unknown-occupation", $"'{request.Isco}' is not an ISCO-08 unit group with a skill level.", "isco");
        }

        var checks = new List<RuleCheck>();
        try
        {
            var requirement = rules.Requirement(request.Type, request.Category, request.WorkerCitizenship, request.Exemptions, today);
            if (!requirement.Required)
            {
                return new Refusal("no-permit-needed", $"This worker needs no permit and no fee is due: {requirement.Why}.", Source: requirement.Source);
            }

            var (allowed, terms, sectorGroup, field) = rules.Terms(request.Type, request.Category, request.DurationDays, false, okedSection, today);
            checks.Add(terms);
            if (!allowed)
            {
                return new Refusal("permit-terms", terms.Detail, field, terms.Source);
            }

            // The fee is charged at approval; a term whose fee the pack cannot compute (a seasonal permit over the
            // published part of the grid) is refused now rather than after the officer's work.
            rules.Fee(request.Type, request.Category, sectorGroup, request.DurationDays, today);

            Vacancy? vacancy = null;
            if (request.Type is PermitType.Employer or PermitType.Seasonal)
            {
                vacancy = vacancyReference is null ? null
                    : await db.Vacancies.SingleOrDefaultAsync(v => v.Reference == vacancyReference && v.EmployerId == employerId, ct);
                if (vacancy is null || vacancy.ClosedOn is not null)
                {
                    return new Refusal("vacancy-unknown", "Quote an open vacancy of yours (its reference, e.g. VAC-2026-000001).", "vacancyReference");
                }

                var vacancyId = vacancy.Id;
                var backed = await db.WorkPermits.CountAsync(
                    p => p.VacancyId == vacancyId && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid || p.Status == PermitStatus.Issued), ct);
                var posted = rules.VacancyRule(vacancy, request, backed, today);
                checks.Add(posted);
                if (!posted.Passed)
                {
                    return new Refusal(posted.Code ?? "vacancy-too-recent", posted.Detail, posted.Code == "vacancy-mismatch" ? "vacancyReference" : null, posted.Source);
                }
            }

            var (pool, poolCheck) = rules.QuotaPool(request.Type, request.Category, request.WorkerCitizenship, today);
            checks.Add(poolCheck);
            // A ranked pool's seats go by allocation rounds: the application waits in the pool instead of needing a free seat now.
            var ranked = rules.IsRanked(pool, today);
            if (ranked)
            {
                checks.Add(new RuleCheck("quota-seat", true, $"The {pool} quota of {request.Region} is allocated by ranked rounds: the application waits in the pool for a round.",
                    rules.RankedPoolsSource(today)));
            }
            else if (pool is not null)
            {
                var code = request.Region;
                var free = await db.QuotaAllocations
                    .Where(q => q.Year == today.Year && q.Region == code && q.Pool == pool)
                    .Select(q => q.Seats - q.Used).SingleOrDefaultAsync(ct);
                checks.Add(new RuleCheck("quota-seat", free > 0, $"{free} seat(s) free in the {today.Year} {pool} quota of {code}.", poolCheck.Source));
                if (free <= 0)
                {
                    return new Refusal("quota-exhausted", $"No seat is left in the {today.Year} {pool} quota of {code}.", Source: poolCheck.Source);
                }
            }

            if (employer is not null && request.Type is PermitType.Employer or PermitType.Ict && request.Category != PermitCategory.None)
            {
                // The declaration in force: the latest one made at least the pack's lead days before today.
                var employerKey = employer.Id;
                var inForceOn = today.AddDays(-rules.DeclarationLeadDays(today));
                var declaration = await db.StaffDeclarations
                    .Where(d => d.EmployerId == employerKey && d.DeclaredOn <= inForceOn)
                    .OrderByDescending(d => d.DeclaredOn).ThenByDescending(d => d.DeclaredAt).FirstOrDefaultAsync(ct);
                if (declaration is null)
                {
                    var first = await db.StaffDeclarations.Where(d => d.EmployerId == employerKey).OrderBy(d => d.DeclaredOn).Select(d => (DateOnly?)d.DeclaredOn).FirstOrDefaultAsync(ct);
                    return new Refusal("staff-declaration-not-in-force",
                        first is { } made
                            ? $"Your staff declaration of {made:yyyy-MM-dd} counts for the local-content check from {made.AddDays(rules.DeclarationLeadDays(today)):yyyy-MM-dd}."
                            : "Declare your staff first (PUT /api/v1/labour/employer).",
                        Source: rules.Number("labour.local_content.declaration_lead_days", today).Source);
                }

                var category = request.Category;
                var active = await db.WorkPermits
                    .Where(p => p.EmployerId == employerKey
                                && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid || p.Status == PermitStatus.Issued))
                    .GroupBy(p => new { p.Type, p.Category }).Select(g => new { g.Key.Type, g.Key.Category, Count = g.Count() }).ToListAsync(ct);
                var onPermits = Enumerable.Range(1, 4)
                    .Select(c => active.Where(a => a.Type != PermitType.Ict && (int)a.Category == c).Sum(a => a.Count)).ToArray();
                var ict = active.Where(a => a.Type == PermitType.Ict && a.Category == category).Sum(a => a.Count);
                var local = rules.LocalContent(request.Type, category, declaration.Staff, onPermits, ict, today);
                checks.Add(local with { Detail = $"{local.Detail} (staff declaration of {declaration.DeclaredOn:yyyy-MM-dd})" });
                if (!local.Passed)
                {
                    return new Refusal(local.Rule, checks[^1].Detail, Source: local.Source);
                }
            }

            if (employer is not null)
            {
                var standing = await employerCheck.CheckAsync(employer.Bin, ct);
                if (standing.Status == ExternalStatus.Error)
                {
                    return new Refusal("employer-check-unavailable", standing.Detail) { ServiceUnavailable = true };
                }

                checks.Add(new RuleCheck("employer-record", standing.Status == ExternalStatus.Clear, standing.Detail, null));
                if (standing.Status == ExternalStatus.Hit)
                {
                    return new Refusal("employer-record", standing.Detail);
                }
            }

            var worker = await workerCheck.CheckAsync(request.WorkerPassport, request.WorkerCitizenship, ct);
            if (worker.Status == ExternalStatus.Error)
            {
                return new Refusal("worker-check-unavailable", worker.Detail) { ServiceUnavailable = true };
            }

            checks.Add(new RuleCheck("worker-record", worker.Status == ExternalStatus.Clear, worker.Detail, null));
            if (worker.Status == ExternalStatus.Hit)
            {
                return new Refusal("worker-record", worker.Detail);
            }

            var (_, skilled, skill) = rules.Skill(request.Type, request.Category, request.WorkerCitizenship, today);
            checks.Add(skill);

            var now = time.GetUtcNow();
            var permit = WorkPermit.Apply(
                request, new PermitAssessment(checks, pool, sectorGroup, skilled, occupation.SkillLevel.Value, rules.PackHash, ranked),
                actor.Id, employerName, identifier, employerId, okedSection, vacancy?.Id, now);
            permit.Assessed(rules.Assess(request.Facts, request.Isco, request.Region, permit.AppliedOn));
            db.WorkPermits.Add(permit);
            if (idempotencyKey is not null)
            {
                Idempotency.Remember(db, actor.Id, operation, idempotencyKey, requestHash, permit.Id.ToString(), now);
            }

            try
            {
                await SaveAsync(operation, ct);
            }
            catch (DbUpdateException) when (idempotencyKey is not null)
            {
                db.ChangeTracker.Clear();
                if (await ReplayAsync(actor, operation, idempotencyKey, requestHash, ct) is { } again)
                {
                    return again;
                }

                throw;
            }

            logger.LogInformation("Permit application {PermitId} lodged ({Type}, {Category}, {Region})", permit.Id, request.Type, request.Category, request.Region);
            return new PermitOutcome(permit, null);
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot decide this application as of today: " + e.Message);
        }
    }

    /// <summary>The officer approves: the fee is fixed in MRP by the pack and invoiced (a permit with no fee is ready to issue).</summary>
    public Task<PermitOutcome> ApproveAsync(Guid id, Actor officer, CancellationToken ct) => ActAsync(id, officer, "labour.approved", permit =>
    {
        var fee = rules.Fee(permit.Type, permit.Category, permit.SectorGroup, permit.DurationDays, Today);
        var invoice = PermitInvoice.Create(InvoiceNumber(permit, 1), InvoicePurpose.Permit, permit.DurationDays, fee.FeeMrp, fee.FeeKzt, Describe(fee), time.GetUtcNow());
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

            permit.Assessed(rules.Assess(permit.DeclaredFacts.Counted(permit.Evidence), permit.Isco, permit.Region, permit.AppliedOn));
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
        var permit = await FindAsync(id, owner, ct);
        if (permit is null || permit.OwnerId != owner.Id)
        {
            return PermitOutcome.Missing;
        }

        if (permit.OpenInvoice is not { } invoice)
        {
            return new Refusal("nothing-to-pay", "This permit has no open invoice.");
        }

        var mrp = rules.Mrp(Today);
        var amount = permit.Type == PermitType.Household ? invoice.QuotedKzt : rules.InTenge(invoice.FeeMrp, Today);
        // The pending charge is saved before the gateway is asked, and the invoice number is the gateway's idempotency
        // key: a charge whose reply or record was lost is returned, not repeated, by the next attempt.
        if (permit.StartCharge(invoice) is { } notOpen)
        {
            return notOpen;
        }

        await SaveAsync("labour.charge-started", ct);
        var reply = await payments.ChargeAsync(invoice.Number, amount, account, ct);
        switch (reply.Status)
        {
            case ExternalStatus.Error:
                // Unknown whether the gateway charged: the invoice stays "charging" and the next attempt reconciles.
                return new Refusal("payment-unavailable", reply.Detail) { ServiceUnavailable = true };
            case ExternalStatus.Hit:
                permit.ChargeDeclined(invoice);
                await SaveAsync("labour.charge-declined", ct);
                return new Refusal("payment-declined", reply.Detail);
        }

        var refusal = permit.RecordPayment(invoice, reply.Reference!, amount, mrp, time.GetUtcNow());
        if (refusal is not null)
        {
            return refusal;
        }

        await SaveAsync(invoice.Purpose == InvoicePurpose.Permit ? "labour.fee-paid" : "labour.extension-paid", ct);
        return new PermitOutcome(permit, null);
    }

    /// <summary>Issues a paid permit, taking its quota seat in the same transaction: never more permits than seats.</summary>
    public async Task<PermitOutcome> IssueAsync(Guid id, Actor officer, CancellationToken ct)
    {
        var permit = await FindAsync(id, officer, ct);
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
            await SaveAsync("labour.issued", ct);
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
        var permit = await FindAsync(id, owner, ct);
        if (permit is null || permit.OwnerId != owner.Id)
        {
            return PermitOutcome.Missing;
        }

        try
        {
            var extensions = permit.Invoices.Count(i => i.Purpose == InvoicePurpose.Extension && i.Status != InvoiceStatus.Cancelled);
            var (allowed, terms, _, field) = rules.Terms(permit.Type, permit.Category, days, true, permit.OkedSection, Today, extensions);
            if (!allowed)
            {
                return new Refusal("permit-terms", terms.Detail, field is null ? null : "days", terms.Source);
            }

            var fee = rules.Fee(permit.Type, permit.Category, permit.SectorGroup, days, Today);
            var invoice = PermitInvoice.Create(InvoiceNumber(permit, permit.Invoices.Count + 1), InvoicePurpose.Extension, days, fee.FeeMrp, fee.FeeKzt, Describe(fee), time.GetUtcNow());
            if (permit.RequestExtension(invoice, Today) is { } refusal)
            {
                return refusal;
            }
        }
        catch (PolicyEvaluationException e)
        {
            return new Refusal("law-not-applicable", "The policy pack cannot decide this extension as of today: " + e.Message);
        }

        await SaveAsync("labour.extension-requested", ct);
        return new PermitOutcome(permit, null);
    }

    public Task<PermitOutcome> RevokeAsync(Guid id, Actor officer, string reason, CancellationToken ct) =>
        ReleaseAsync(id, officer, "labour.revoked", p => p.Revoke(officer.Name, reason, time.GetUtcNow()), officerOnly: true, ct);

    public Task<PermitOutcome> EndAsync(Guid id, Actor owner, DateOnly on, string? reason, CancellationToken ct) =>
        ReleaseAsync(id, owner, "labour.ended", p => p.EndEarly(on, reason, time.GetUtcNow()), officerOnly: false, ct);

    /// <summary>Quota allocations of a year with their use: officers and employers see their region, the ministry all.</summary>
    public IQueryable<QuotaAllocation> QuotaFor(Actor actor, int year, RegionCode? region)
    {
        var rows = db.QuotaAllocations.Where(q => q.Year == year);
        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var own))
        {
            region = own;
        }

        if (region is { } r)
        {
            rows = rows.Where(q => q.Region == r);
        }

        return rows;
    }

    /// <summary>
    /// The ministry sets a region's seats in a pool, with a reason; never below the seats already used, never beyond the
    /// national figure. Both are held by the database: the region's row changes only if its use still fits and its seats
    /// are still those read, and the national row's allocated total only if it stays within the national figure, in the
    /// same transaction as the change and its audit entry. A change that raced another one on the same row is tried again.
    /// </summary>
    public async Task<(QuotaAllocation? Allocation, Refusal? Refusal)> SetSeatsAsync(
        Actor admin, int year, RegionCode region, string pool, int seats, string reason, CancellationToken ct)
    {
        var national = rules.National(year);
        if (!national.ByPool.TryGetValue(pool, out var cap))
        {
            return (null, new Refusal("unknown-pool", $"The {year} quota has no pool '{pool}'.", "pool"));
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await EnsureNationalAsync(year, pool, cap, ct) is { } broken)
            {
                return (null, broken);
            }

            var outcome = await TrySetSeatsAsync(admin, year, region, pool, seats, reason, cap, national.Source, ct);
            if (outcome is { } done)
            {
                return done;
            }

            // Each round some change of the row commits, so as many rounds as administrators acting at once are enough.
            db.ChangeTracker.Clear();
            if (attempt == 32)
            {
                return (null, new Refusal("quota-changed", "The allocation was changed by someone else at the same time; read it again and retry."));
            }
        }
    }

    /// <summary>One attempt at a seat change; null when it raced another change of the same row and should be tried again.</summary>
    private async Task<(QuotaAllocation? Allocation, Refusal? Refusal)?> TrySetSeatsAsync(
        Actor admin, int year, RegionCode region, string pool, int seats, string reason, long cap, string source, CancellationToken ct)
    {
        var allocation = await db.QuotaAllocations.SingleOrDefaultAsync(q => q.Year == year && q.Region == region && q.Pool == pool, ct);
        var now = time.GetUtcNow();
        var isNew = allocation is null;
        var before = allocation?.Seats ?? 0;
        if (allocation is null)
        {
            allocation = QuotaAllocation.Create(year, region, pool, seats, admin.Name, now);
            db.QuotaAllocations.Add(allocation);
        }
        else if (seats < allocation.Used)
        {
            db.ChangeTracker.Clear();
            return (null, BelowUsed(allocation.Used));
        }
        else
        {
            allocation.SetSeats(seats, admin.Name, now);
        }

        var others = await db.QuotaAllocations.Where(q => q.Year == year && q.Pool == pool && q.Id != allocation.Id).SumAsync(q => q.Seats, ct);
        if (others + seats > cap)
        {
            // The refused value must not stay on the tracked row, where the next read of this request would show it as saved.
            db.ChangeTracker.Clear();
            return (null, OverNational(year, pool, others + seats, cap, source));
        }

        db.QuotaChanges.Add(QuotaChange.Record(allocation, before, reason, admin.Name, now));
        var id = allocation.Id;
        var delta = seats - before;
        db.WithNextSave(async token =>
        {
            // The region's row first, then the nation's: every seat change takes the two locks in this order.
            if (!isNew && await db.QuotaAllocations
                    .Where(q => q.Id == id && q.Seats == before && q.Used <= seats)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.Seats, seats), token) == 0)
            {
                var used = await db.QuotaAllocations.Where(q => q.Id == id).Select(q => q.Used).SingleAsync(token);
                throw new QuotaChangeRefused(used > seats ? BelowUsed(used) : null);
            }

            if (delta != 0 && await db.QuotaNationals
                    .Where(n => n.Year == year && n.Pool == pool && n.Allocated + delta >= 0 && n.Allocated + delta <= n.Seats)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.Allocated, n => n.Allocated + delta), token) == 0)
            {
                var allocated = await db.QuotaNationals.Where(n => n.Year == year && n.Pool == pool).Select(n => n.Allocated).SingleAsync(token);
                throw new QuotaChangeRefused(OverNational(year, pool, allocated + delta, cap, source));
            }
        });

        try
        {
            await SaveAsync("labour.quota-set", ct);
        }
        catch (QuotaChangeRefused e)
        {
            db.ChangeTracker.Clear();
            return e.Refusal is null ? null : (null, e.Refusal);
        }
        catch (DbUpdateException) when (isNew)
        {
            // Someone created the region's row at the same moment: try again as a change of that row.
            return null;
        }

        return (allocation, null);
    }

    /// <summary>
    /// Moves seats of a pool from one region to another as one change with one reason: both rows change in one
    /// transaction with one audit entry, or neither does. The regions' sum stays as it was, so the national figure is
    /// never exceeded; the source keeps at least the seats it has used, held by a conditional update.
    /// </summary>
    public async Task<(QuotaMove? Move, Refusal? Refusal)> MoveSeatsAsync(
        Actor admin, int year, RegionCode from, RegionCode to, string pool, int seats, string reason, CancellationToken ct)
    {
        if (from == to)
        {
            return (null, new Refusal("same-region", "Seats move between two different regions.", "to"));
        }

        if (rules.TryNational(year) is not { } national || !national.ByPool.ContainsKey(pool))
        {
            return (null, new Refusal("unknown-pool", $"The {year} quota has no pool '{pool}'.", "pool"));
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryMoveSeatsAsync(admin, year, from, to, pool, seats, reason, ct);
            if (outcome is { } done)
            {
                return done;
            }

            db.ChangeTracker.Clear();
            if (attempt == 32)
            {
                return (null, new Refusal("quota-changed", "The allocation was changed by someone else at the same time; read it again and retry."));
            }
        }
    }

    /// <summary>One attempt at a move; null when it raced another change of either row and should be tried again.</summary>
    private async Task<(QuotaMove? Move, Refusal? Refusal)?> TryMoveSeatsAsync(
        Actor admin, int year, RegionCode from, RegionCode to, string pool, int seats, string reason, CancellationToken ct)
    {
        var source = await db.QuotaAllocations.SingleOrDefaultAsync(q => q.Year == year && q.Region == from && q.Pool == pool, ct);
        if (source is null || source.Seats - source.Used < seats)
        {
            db.ChangeTracker.Clear();
            return (null, NotEnoughFree(source is null ? 0 : source.Seats - source.Used));
        }

        var target = await db.QuotaAllocations.SingleOrDefaultAsync(q => q.Year == year && q.Region == to && q.Pool == pool, ct);
        var now = time.GetUtcNow();
        var (sourceBefore, targetBefore, isNew) = (source.Seats, target?.Seats ?? 0, target is null);
        source.SetSeats(sourceBefore - seats, admin.Name, now);
        if (target is null)
        {
            target = QuotaAllocation.Create(year, to, pool, seats, admin.Name, now);
            db.QuotaAllocations.Add(target);
        }
        else
        {
            target.SetSeats(targetBefore + seats, admin.Name, now);
        }

        db.QuotaChanges.Add(QuotaChange.Record(source, sourceBefore, reason, admin.Name, now));
        db.QuotaChanges.Add(QuotaChange.Record(target, targetBefore, reason, admin.Name, now));
        var (sourceId, targetId) = (source.Id, target.Id);
        db.WithNextSave(async token =>
        {
            // Rows in the order of their region codes, so two opposite moves at once take their locks in the same order.
            var steps = new[] { (Region: from.Value, Source: true), (Region: to.Value, Source: false) }.OrderBy(s => s.Region, StringComparer.Ordinal);
            foreach (var step in steps)
            {
                if (step.Source)
                {
                    if (await db.QuotaAllocations.Where(q => q.Id == sourceId && q.Seats == sourceBefore && q.Used <= sourceBefore - seats)
                            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Seats, sourceBefore - seats), token) == 0)
                    {
                        var row = await db.QuotaAllocations.Where(q => q.Id == sourceId).Select(q => new { q.Seats, q.Used }).SingleAsync(token);
                        throw new QuotaChangeRefused(row.Seats - row.Used < seats ? NotEnoughFree(row.Seats - row.Used) : null);
                    }
                }
                else if (!isNew && await db.QuotaAllocations.Where(q => q.Id == targetId && q.Seats == targetBefore)
                             .ExecuteUpdateAsync(s => s.SetProperty(q => q.Seats, targetBefore + seats), token) == 0)
                {
                    throw new QuotaChangeRefused(null);
                }
            }
        });

        try
        {
            await SaveAsync("labour.quota-moved", ct);
        }
        catch (QuotaChangeRefused e)
        {
            db.ChangeTracker.Clear();
            return e.Refusal is null ? null : (null, e.Refusal);
        }
        catch (DbUpdateException) when (isNew)
        {
            // Someone created the receiving region's row at the same moment: try again as a change of that row.
            return null;
        }

        return (new QuotaMove(source, target, reason), null);
    }

    private static Refusal NotEnoughFree(int free) =>
        new("not-enough-free-seats", $"The region giving seats has {free} free (seats not used by permits); it cannot give more.", "seats");

    /// <summary>
    /// Makes sure the national row of a year and pool exists, holding the pack's figure and the regions' sum. Inserted
    /// once (a second insert at the same moment does nothing); the figure follows the pack when the pack changes it.
    /// </summary>
    private async Task<Refusal?> EnsureNationalAsync(int year, string pool, long cap, CancellationToken ct)
    {
        var row = await db.QuotaNationals.AsNoTracking().SingleOrDefaultAsync(n => n.Year == year && n.Pool == pool, ct);
        if (row is not null && row.Seats == cap)
        {
            return null;
        }

        try
        {
            if (row is null)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "QuotaNationals" ("Year", "Pool", "Seats", "Allocated")
                    SELECT {year}, {pool}, {cap}, COALESCE(SUM("Seats"), 0) FROM "QuotaAllocations" WHERE "Year" = {year} AND "Pool" = {pool}
                    ON CONFLICT DO NOTHING
                    """, ct);
            }
            else
            {
                await db.QuotaNationals.Where(n => n.Year == year && n.Pool == pool && n.Allocated <= cap)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.Seats, cap), ct);
            }
        }
        catch (DbException)
        {
            // The regions already hold more than the national figure (data from before this rule was kept by the database).
            return new Refusal("over-national-quota", $"The regions already hold more of the {year} {pool} quota than the national figure of {cap}; lower them first.");
        }

        return null;
    }

    private static Refusal BelowUsed(int used) =>
        new("below-used", $"{used} seats are already used (permits issued against them); the allocation cannot go below that.");

    private static Refusal OverNational(int year, string pool, long total, long cap, string source) =>
        new("over-national-quota", $"The regions would hold {total} seats of the {year} {pool} quota; the national figure is {cap}.", "seats", source);

    /// <summary>A seat change the database refused inside the save; no refusal means it raced another change and is retried.</summary>
    private sealed class QuotaChangeRefused(Refusal? refusal) : Exception(refusal?.Message ?? "The allocation changed meanwhile.")
    {
        public Refusal? Refusal { get; } = refusal;
    }

    public Task<List<QuotaChange>> QuotaHistoryAsync(int year, RegionCode region, string pool, CancellationToken ct) =>
        db.QuotaChanges.Where(c => c.Year == year && c.Region == region && c.Pool == pool).OrderBy(c => c.At).ToListAsync(ct);

    /// <summary>The share of skilled workers among those admitted in the year (permits issued), overall and by region, sector and country.</summary>
    public async Task<SkilledShare> SkilledShareAsync(int year, CancellationToken ct)
    {
        // Only the permit kinds the pack counts (household workers and business immigrants are outside the share).
        var on = new DateOnly(year, 12, 31);
        List<PermitType> counted;
        try
        {
            counted = Enum.GetValues<PermitType>().Where(t => rules.Skill(t, PermitCategory.None, "XX", on).Counted).ToList();
        }
        catch (PolicyEvaluationException)
        {
            counted = [.. Enum.GetValues<PermitType>()];
        }

        var rows = await db.WorkPermits
            .Where(p => p.QuotaYear == year && counted.Contains(p.Type) && (p.Status == PermitStatus.Issued || p.Status == PermitStatus.Revoked || p.Status == PermitStatus.Ended))
            .GroupBy(p => new { p.Region, p.OkedSection, p.WorkerCitizenship, p.Skilled })
            .Select(g => new { g.Key.Region, g.Key.OkedSection, g.Key.WorkerCitizenship, g.Key.Skilled, Count = g.Count() })
            .ToListAsync(ct);
        static List<ShareLine> By<TKey>(IEnumerable<(TKey Key, bool Skilled, int Count)> lines, Func<TKey, string> name) where TKey : notnull =>
            lines.GroupBy(l => l.Key).Select(g => new ShareLine(name(g.Key), g.Sum(l => l.Count), g.Where(l => l.Skilled).Sum(l => l.Count)))
                .OrderByDescending(l => l.Admitted).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();

        var admitted = rows.Sum(r => r.Count);
        var skilled = rows.Where(r => r.Skilled).Sum(r => r.Count);
        var trajectory = rules.SkilledTargetYears().Select(y => new TargetPoint(y, rules.SkilledTarget(y), rules.SkilledTargetSource(y))).ToList();
        return new SkilledShare(
            year, admitted, skilled, ShareLine.Percent(skilled, admitted), rules.SkilledTarget(year), rules.SkilledTargetSource(year), trajectory,
            By(rows.Select(r => (r.Region.Value, r.Skilled, r.Count)), k => k),
            By(rows.Select(r => (r.OkedSection, r.Skilled, r.Count)), k => k),
            By(rows.Select(r => (r.WorkerCitizenship, r.Skilled, r.Count)), k => k));
    }

    private async Task<PermitOutcome> ReleaseAsync(Guid id, Actor actor, string action, Func<WorkPermit, Refusal?> change, bool officerOnly, CancellationToken ct)
    {
        var permit = await FindAsync(id, actor, ct);
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

        await SaveAsync(action, ct);
        return new PermitOutcome(permit, null);
    }

    private async Task<PermitOutcome> ActAsync(
        Guid id, Actor actor, string action, Func<WorkPermit, Refusal?> change, CancellationToken ct, bool officerOnly = false, bool ownerOnly = false)
    {
        var permit = await FindAsync(id, actor, ct);
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

        await SaveAsync(action, ct);
        return new PermitOutcome(permit, null);
    }

    private async Task<PermitOutcome?> ReplayAsync(Actor actor, string operation, string key, string requestHash, CancellationToken ct) =>
        await Idempotency.FindAsync(db, actor.Id, operation, key, requestHash, ct) switch
        {
            null => (PermitOutcome?)null,
            { Refusal: { } refusal } => refusal,
            { ResourceId: var id } => new PermitOutcome(await db.WorkPermits.SingleAsync(p => p.Id == Guid.Parse(id!), ct), null, Replayed: true),
        };

    private static string InvoiceNumber(WorkPermit permit, int sequence) => $"INV-{permit.Id.ToString("N")[^12..].ToUpperInvariant()}-{sequence}";

    private static string Describe(FeeQuote fee) =>
        fee.Source.Length == 0 ? fee.Rule : $"{fee.Rule} — {fee.Source}";

    private async Task SaveAsync(string action, CancellationToken ct)
    {
        db.Audit.Action = action;
        await db.SaveChangesAsync(ct);
    }
}

public sealed record ShareLine(string Key, int Admitted, int Skilled)
{
    public decimal? SharePercent => Percent(Skilled, Admitted);

    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}

public sealed record TargetPoint(int Year, decimal? TargetPercent, string? Source);

public sealed record SkilledShare(
    int Year, int Admitted, int Skilled, decimal? SharePercent, decimal? TargetPercent, string? TargetSource,
    IReadOnlyList<TargetPoint> Trajectory, IReadOnlyList<ShareLine> ByRegion, IReadOnlyList<ShareLine> BySector, IReadOnlyList<ShareLine> ByCountry);

/// <summary>A move of seats between two regions, as saved: both rows after the move, and its reason.</summary>
public sealed record QuotaMove(QuotaAllocation From, QuotaAllocation To, string Reason);
