using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// Permit screening: the automated checks that replaced the commission, run when an application is lodged. An
/// application that passes them is stored and waits for the regional officer; one that fails is refused with the rule.
/// </summary>
public sealed class PermitScreening(
    KoshiDbContext db,
    LabourRules rules,
    IWorkerCheck workerCheck,
    IEmployerCheck employerCheck,
    EmployerRegistry employers,
    TimeProvider time,
    ILogger<PermitScreening> logger)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

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
        string employerName, identifier;
        OkedSection okedSection;
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
            (employerName, identifier, okedSection) = (request.HouseholdEmployerName ?? string.Empty, individual, OkedSection.Households);
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
            employer = await employers.EmployerOfAsync(actor, ct);
            if (employer is null || !actor.IsIn(Roles.Employer))
            {
                return new Refusal("no-employer", "Register your organisation first (POST /api/v1/labour/employer).");
            }

            (employerName, identifier, okedSection, employerId) = (employer.Name, employer.Bin, employer.OkedSection, employer.Id);
        }

        var checks = new List<RuleCheck>();
        try
        {
            var requirement = rules.Requirement(request.Type, request.Category, request.WorkerCitizenship.Value, request.Exemptions, today);
            if (!requirement.Required)
            {
                return new Refusal("no-permit-needed", $"This worker needs no permit and no fee is due: {requirement.Why}.", Source: requirement.Source);
            }

            var (allowed, terms, sectorGroup, field) = rules.Terms(request.Type, request.Category, request.DurationDays, false, okedSection.Value, today);
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

            var (pool, poolCheck) = rules.QuotaPool(request.Type, request.Category, request.WorkerCitizenship.Value, today);
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

            var worker = await workerCheck.CheckAsync(request.WorkerPassport.Value, request.WorkerCitizenship.Value, ct);
            if (worker.Status == ExternalStatus.Error)
            {
                return new Refusal("worker-check-unavailable", worker.Detail) { ServiceUnavailable = true };
            }

            checks.Add(new RuleCheck("worker-record", worker.Status == ExternalStatus.Clear, worker.Detail, null));
            if (worker.Status == ExternalStatus.Hit)
            {
                return new Refusal("worker-record", worker.Detail);
            }

            var (_, skilled, skill) = rules.Skill(request.Type, request.Category, request.WorkerCitizenship.Value, today);
            checks.Add(skill);

            var now = time.GetUtcNow();
            var permit = WorkPermit.Apply(
                request, new PermitAssessment(checks, pool, sectorGroup, skilled, request.Isco.SkillLevel, rules.PackHash, ranked),
                actor.Id, employerName, identifier, employerId, okedSection, vacancy?.Id, now);
            permit.Assessed(rules.Assess(request.Facts, request.Isco.Value, request.Region, permit.AppliedOn));
            db.WorkPermits.Add(permit);
            if (idempotencyKey is not null)
            {
                Idempotency.Remember(db, actor.Id, operation, idempotencyKey, requestHash, permit.Id.ToString(), now);
            }

            try
            {
                await db.SaveAsAsync(operation, ct);
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

    private async Task<PermitOutcome?> ReplayAsync(Actor actor, string operation, string key, string requestHash, CancellationToken ct) =>
        await Idempotency.FindAsync(db, actor.Id, operation, key, requestHash, ct) switch
        {
            null => (PermitOutcome?)null,
            { Refusal: { } refusal } => refusal,
            { ResourceId: var id } => new PermitOutcome(await db.WorkPermits.SingleAsync(p => p.Id == Guid.Parse(id!), ct), null, Replayed: true),
        };
}
