using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies;

/// <summary>An agency's registration details as the agency gives them.</summary>
public sealed record AgencyDetails(string Name, RegionCode Region, string Address, string Director, IReadOnlyList<string> Services, IReadOnlyList<string> Countries);

/// <summary>A placement as the agency records it.</summary>
public sealed record PlacementRecord(
    PlacementKind Kind, string WorkerId, string Country, string EmployerName, IReadOnlyList<string> Terms, bool Deposit, decimal FeeChargedKzt, DateOnly PlacedOn, Guid? WorkPermitId);

/// <summary>An agency's risk with the agency it belongs to.</summary>
public sealed record AgencyRisk(Agency Agency, RiskScore Risk);

/// <summary>
/// The oversight of private employment agencies shared by the API and the pages: the registry, placements and quarterly
/// reports, complaints, risk-scored inspection plans, inspection outcomes and the sanctions the pack derives from them.
/// </summary>
public sealed class AgenciesService(KoshiDbContext db, AgencyRules rules, TimeProvider time)
{
    private static readonly string[] Bands = ["low", "medium", "high"];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public AgencyRules Rules => rules;

    public Task<Agency?> AgencyOfAsync(Actor actor, CancellationToken ct) =>
        db.Agencies.Include(a => a.History).SingleOrDefaultAsync(a => a.OwnerId == actor.Id, ct);

    public Task<Agency?> FindAsync(Guid id, CancellationToken ct) => db.Agencies.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id, ct);

    public Task<Agency?> FindByBinAsync(string bin, CancellationToken ct) => db.Agencies.Include(a => a.History).SingleOrDefaultAsync(a => a.Bin == bin, ct);

    public IQueryable<Agency> Agencies => db.Agencies.AsNoTracking();

    public IQueryable<Complaint> Complaints => db.Complaints.AsNoTracking();

    public IQueryable<Inspection> Inspections => db.Inspections.AsNoTracking();

    /// <summary>Registers the agency of the signed-in account under the account's BIN; one registration per BIN.</summary>
    /// <summary>What an earlier request under the same Idempotency-Key created (its id), or the refusal of a key reused for another request.</summary>
    public Task<IdempotentReplay?> ReplayAsync(Actor actor, IdempotentRequest? idempotency, CancellationToken ct) =>
        Idempotency.FindAsync(db, actor.Id, idempotency, ct);

    public Task<Placement?> PlacementAsync(Guid id, CancellationToken ct) => db.Placements.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);

    public Task<AgencyReport?> ReportAsync(Guid id, CancellationToken ct) => db.AgencyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>After a save refused by a unique index: what the twin of this request under the same key created, if that was it.</summary>
    private async Task<T?> TwinAsync<T>(Actor actor, IdempotentRequest? idempotency, Func<Guid, CancellationToken, Task<T?>> load, CancellationToken ct)
        where T : class =>
        await Idempotency.FindAsync(db, actor.Id, idempotency, ct) is { ResourceId: { } id } ? await load(Guid.Parse(id), ct) : null;

    public async Task<(Agency? Agency, Refusal? Refusal)> RegisterAsync(Actor actor, Bin bin, AgencyDetails details, CancellationToken ct, IdempotentRequest? idempotency = null)
    {
        var account = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        if (account.Bin != bin.Value)
        {
            return (null, new Refusal("bin-not-yours", "The BIN is not the one of your account; an agency registers under its own BIN.", "bin"));
        }

        if (await db.Agencies.AnyAsync(a => a.Bin == bin.Value || a.OwnerId == actor.Id, ct))
        {
            return (null, Duplicate());
        }

        var agency = Agency.Apply(bin, details.Name, details.Region, details.Address, details.Director, details.Services, details.Countries, actor.Id, time.GetUtcNow());
        db.Agencies.Add(agency);
        Idempotency.Remember(db, actor.Id, idempotency, agency.Id.ToString(), time.GetUtcNow());
        try
        {
            await SaveAsync("agencies.registration", ct);
        }
        catch (DbUpdateException)
        {
            // Two applications for one BIN at once: the unique index let one through (this request's twin, if it had its key).
            db.ChangeTracker.Clear();
            return await TwinAsync(actor, idempotency, FindAsync, ct) is { } twin ? (twin, null) : (null, Duplicate());
        }

        return (agency, null);

        static Refusal Duplicate() => new("already-registered", "An agency with this BIN is already in the registry or waiting to be accepted.");
    }

    public async Task<(Agency? Agency, Refusal? Refusal)> UpdateAsync(Actor actor, AgencyDetails details, CancellationToken ct)
    {
        var agency = await AgencyOfAsync(actor, ct);
        if (agency is null)
        {
            return (null, new Refusal("no-agency", "Register your agency first (POST /api/v1/agencies/registration)."));
        }

        agency.Update(details.Name, details.Region, details.Address, details.Director, details.Services, details.Countries);
        await SaveAsync("agencies.details", ct);
        return (agency, null);
    }

    public async Task<(Agency? Agency, Refusal? Refusal)> AcceptAsync(Guid id, Actor officer, CancellationToken ct)
    {
        var agency = await FindAsync(id, ct);
        if (agency is null)
        {
            return (null, null);
        }

        if (agency.Accept(officer.Name, Today, time.GetUtcNow()) is { } refusal)
        {
            return (agency, refusal);
        }

        await SaveAsync("agencies.accepted", ct);
        return (agency, null);
    }

    public async Task<(Agency? Agency, Refusal? Refusal)> ChangeStatusAsync(Guid id, Actor officer, AgencyStatus to, string reason, CancellationToken ct)
    {
        var agency = await FindAsync(id, ct);
        if (agency is null)
        {
            return (null, null);
        }

        if (agency.Change(to, reason, officer.Name, Today, time.GetUtcNow()) is { } refusal)
        {
            return (agency, refusal);
        }

        await SaveAsync("agencies.status", ct);
        return (agency, null);
    }

    /// <summary>Records a placement; the pack checks it, and a violation (such as a fee charged) is kept and flagged, not refused.</summary>
    public async Task<(Placement? Placement, Refusal? Refusal)> RecordPlacementAsync(Actor actor, PlacementRecord record, CancellationToken ct, IdempotentRequest? idempotency = null)
    {
        var agency = await AgencyOfAsync(actor, ct);
        if (agency is null)
        {
            return (null, new Refusal("no-agency", "Register your agency first (POST /api/v1/agencies/registration)."));
        }

        if (agency.Status != AgencyStatus.Active)
        {
            return (null, new Refusal("agency-not-active", $"The agency is {agency.Status.ToString().ToLowerInvariant()}; only an active agency may place workers."));
        }

        if (record.WorkPermitId is { } permitId && !await db.WorkPermits.AnyAsync(p => p.Id == permitId, ct))
        {
            return (null, new Refusal("unknown-permit", "No work permit has that id.", "workPermitId"));
        }

        if (record.WorkPermitId is { } placed && await db.Placements.AnyAsync(p => p.WorkPermitId == placed, ct))
        {
            return (null, PermitPlaced());
        }

        PlacementCheck check;
        try
        {
            check = rules.Placement(record.Kind, record.FeeChargedKzt, record.Deposit, record.Terms, record.PlacedOn);
        }
        catch (PolicyEvaluationException e)
        {
            return (null, new Refusal("law-not-applicable", "The policy pack cannot check this placement: " + e.Message, "placedOn"));
        }

        var placement = Placement.Record(agency.Id, record.Kind, record.WorkerId, record.Country, record.EmployerName, record.Terms, record.Deposit,
            record.FeeChargedKzt, record.PlacedOn, record.WorkPermitId, check, time.GetUtcNow());
        db.Placements.Add(placement);
        Idempotency.Remember(db, actor.Id, idempotency, placement.Id.ToString(), time.GetUtcNow());
        try
        {
            await SaveAsync(placement.FeeViolation ? "agencies.placement-fee-violation" : "agencies.placement", ct);
        }
        catch (DbUpdateException) when (record.WorkPermitId is not null || idempotency is not null)
        {
            db.ChangeTracker.Clear();
            if (await TwinAsync(actor, idempotency, PlacementAsync, ct) is { } twin)
            {
                return (twin, null);
            }

            if (record.WorkPermitId is null)
            {
                throw;
            }

            return (null, PermitPlaced());
        }

        return (placement, null);
    }

    /// <summary>
    /// The agency a work-permit application names as its recruiter, by BIN: it must be registered, active and offer the
    /// recruitment of foreign workers; otherwise the field is named in <paramref name="errors"/>.
    /// </summary>
    public async Task<Agency?> RecruiterAsync(string bin, List<(string, string)> errors, CancellationToken ct)
    {
        if (!Bin.TryParse(bin, out var parsed, out var why))
        {
            errors.Add(("agencyBin", "Not a valid BIN: " + why));
            return null;
        }

        var value = parsed.Value.Value;
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Bin == value, ct);
        if (agency is null || agency.Status != AgencyStatus.Active || !agency.ServiceList.Contains(AgencyServices.RecruitForeign))
        {
            errors.Add(("agencyBin", agency is null ? "No agency with this BIN is in the registry."
                : agency.Status != AgencyStatus.Active ? $"The agency is {agency.Status.ToString().ToLowerInvariant()}; only an active agency may recruit."
                : "The agency is not registered to recruit foreign workers."));
            return null;
        }

        return agency;
    }

    /// <summary>
    /// Records in the agency's records the recruitment of the worker a work permit was applied for. A permit has one
    /// placement at most (a unique index), so a replayed application records nothing more.
    /// </summary>
    public async Task RecordRecruitmentAsync(Agency agency, Guid permitId, string passport, string citizenship, string employerName, CancellationToken ct)
    {
        if (await db.Placements.AnyAsync(p => p.WorkPermitId == permitId, ct))
        {
            return;
        }

        var today = Today;
        var check = rules.Placement(PlacementKind.Recruited, 0, false, [], today);
        db.Placements.Add(Placement.Record(agency.Id, PlacementKind.Recruited, passport, citizenship, employerName, [], false, 0, today, permitId, check, time.GetUtcNow()));
        try
        {
            await SaveAsync("agencies.placement-from-permit", ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // recorded by a simultaneous replay of the same application
        }
    }

    private static Refusal PermitPlaced() =>
        new(RefusalCodes.PermitPlaced, "A placement for this work permit is already recorded; a permit has one recruiting agency.", "workPermitId");

    public async Task<List<Placement>> PlacementsOfAsync(Guid agencyId, CancellationToken ct) =>
        await db.Placements.Where(p => p.AgencyId == agencyId).OrderByDescending(p => p.PlacedOn).ThenByDescending(p => p.RecordedAt).Take(500).ToListAsync(ct);

    /// <summary>Submits a quarterly report for a quarter that has ended; one per quarter (a second is refused by the database).</summary>
    public async Task<(AgencyReport? Report, Refusal? Refusal)> SubmitReportAsync(
        Actor actor, int year, int quarter, int applicants, int domestic, CancellationToken ct, IdempotentRequest? idempotency = null)
    {
        var agency = await AgencyOfAsync(actor, ct);
        if (agency is null)
        {
            return (null, new Refusal("no-agency", "Register your agency first (POST /api/v1/agencies/registration)."));
        }

        var today = Today;
        if (AgencyReport.QuarterEnd(year, quarter) >= today)
        {
            return (null, new Refusal("quarter-not-ended", $"Q{quarter} {year} has not ended yet; a report covers a past quarter.", "quarter"));
        }

        var from = AgencyReport.QuarterEnd(year, quarter).AddMonths(-3).AddDays(1);
        var to = AgencyReport.QuarterEnd(year, quarter);
        var counts = await db.Placements.Where(p => p.AgencyId == agency.Id && p.PlacedOn >= from && p.PlacedOn <= to)
            .GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var report = AgencyReport.Submit(agency.Id, year, quarter, applicants,
            counts.Where(c => c.Key == PlacementKind.Abroad).Sum(c => c.Count), counts.Where(c => c.Key == PlacementKind.Recruited).Sum(c => c.Count), domestic,
            today, time.GetUtcNow());
        if (await db.AgencyReports.AnyAsync(r => r.AgencyId == agency.Id && r.Year == year && r.Quarter == quarter, ct))
        {
            return (null, new Refusal("report-exists", $"The report for Q{quarter} {year} is already submitted."));
        }

        db.AgencyReports.Add(report);
        Idempotency.Remember(db, actor.Id, idempotency, report.Id.ToString(), time.GetUtcNow());
        try
        {
            await SaveAsync("agencies.report", ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await TwinAsync(actor, idempotency, ReportAsync, ct) is { } twin
                ? (twin, null)
                : (null, new Refusal("report-exists", $"The report for Q{quarter} {year} is already submitted."));
        }

        return (report, null);
    }

    /// <summary>The agency's last four ended quarters since its registration, each on time, late, missing or still open.</summary>
    public async Task<List<ReportStanding>> ReportStandingsAsync(Agency agency, CancellationToken ct)
    {
        var reports = await db.AgencyReports.Where(r => r.AgencyId == agency.Id).ToListAsync(ct);
        return Standings(agency, reports, Today);
    }

    /// <summary>Files a complaint against an agency; signed in, or anonymous with a contact.</summary>
    public async Task<(Complaint? Complaint, Refusal? Refusal)> FileComplaintAsync(Actor? actor, string bin, string category, string text, string? contact, CancellationToken ct)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Bin == bin, ct);
        if (agency is null)
        {
            return (null, new Refusal("unknown-agency", "No agency with this BIN is in the registry.", "agencyBin"));
        }

        var complaint = Complaint.File(agency.Id, category, text, actor?.Id is { Length: > 0 } id ? id : null, contact, time.GetUtcNow());
        db.Complaints.Add(complaint);
        await SaveAsync("agencies.complaint", ct);
        return (complaint, null);
    }

    public Task<List<Complaint>> ComplaintsAsync(ComplaintStatus? status, CancellationToken ct) =>
        (status is { } s ? db.Complaints.Where(c => c.Status == s) : db.Complaints).OrderByDescending(c => c.FiledAt).Take(500).ToListAsync(ct);

    public Task<List<AgencyReport>> ReportsOfAsync(Guid agencyId, CancellationToken ct) =>
        db.AgencyReports.Where(r => r.AgencyId == agencyId).OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ToListAsync(ct);

    public async Task<(int Placements, int Complaints)> CountsAsync(Guid agencyId, CancellationToken ct) =>
        (await db.Placements.CountAsync(p => p.AgencyId == agencyId, ct), await db.Complaints.CountAsync(c => c.AgencyId == agencyId, ct));

    public Task<Complaint?> ComplaintAsync(Guid id, CancellationToken ct) => db.Complaints.SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// The officer triages a complaint: keep it for the agency's risk, dismiss it, or send it to an inspection (an
    /// existing open one of the same agency, or a new one opened for the complaint).
    /// </summary>
    public async Task<(Complaint? Complaint, Refusal? Refusal)> TriageAsync(Guid id, Actor officer, ComplaintStatus to, string? note, Guid? inspectionId, CancellationToken ct)
    {
        var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return (null, null);
        }

        Guid? linked = null;
        if (to == ComplaintStatus.Inspection)
        {
            if (inspectionId is { } given)
            {
                var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == given, ct);
                if (inspection is null || inspection.AgencyId != complaint.AgencyId)
                {
                    return (complaint, new Refusal("unknown-inspection", "No inspection of this agency has that id.", "inspectionId"));
                }

                linked = inspection.Id;
            }
            else
            {
                var agency = await db.Agencies.Include(a => a.History).SingleAsync(a => a.Id == complaint.AgencyId, ct);
                var risk = (await RisksAsync([agency], ct))[0].Risk;
                var inspection = Inspection.Plan(agency.Id, null, InspectionSelection.Complaint, risk.Score, risk.Band, time.GetUtcNow());
                db.Inspections.Add(inspection);
                linked = inspection.Id;
            }
        }

        if (complaint.Triage(to, note, linked) is { } refusal)
        {
            return (complaint, refusal);
        }

        await SaveAsync("agencies.complaint-triaged", ct);
        return (complaint, null);
    }

    /// <summary>Each agency's risk score from its signals of the last 12 months, as the pack computes it.</summary>
    public async Task<List<AgencyRisk>> RisksAsync(IReadOnlyList<Agency> agencies, CancellationToken ct)
    {
        var today = Today;
        var yearAgo = today.AddYears(-1);
        var since = new DateTimeOffset(yearAgo.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var ids = agencies.Select(a => a.Id).ToList();
        var watch = rules.WatchDestinations(today).ToList();
        var complaints = await db.Complaints.Where(c => ids.Contains(c.AgencyId) && c.Status != ComplaintStatus.Dismissed)
            .Select(c => new { c.AgencyId, c.FiledAt }).ToListAsync(ct);
        var placements = await db.Placements.Where(p => ids.Contains(p.AgencyId) && p.PlacedOn > yearAgo)
            .GroupBy(p => new { p.AgencyId, p.Kind, Watch = watch.Contains(p.Country), p.FeeViolation })
            .Select(g => new { g.Key.AgencyId, g.Key.Kind, g.Key.Watch, g.Key.FeeViolation, Count = g.Count() }).ToListAsync(ct);
        var inspections = await db.Inspections.Where(i => ids.Contains(i.AgencyId) && i.InspectedOn != null)
            .Select(i => new { i.AgencyId, i.InspectedOn, i.CriticalFailures, i.Points }).ToListAsync(ct);
        var reports = await db.AgencyReports.Where(r => ids.Contains(r.AgencyId)).ToListAsync(ct);
        var result = new List<AgencyRisk>(agencies.Count);
        foreach (var agency in agencies)
        {
            var own = placements.Where(p => p.AgencyId == agency.Id).ToList();
            var done = inspections.Where(i => i.AgencyId == agency.Id).OrderByDescending(i => i.InspectedOn).ToList();
            var registered = agency.RegisteredOn ?? DateOnly.FromDateTime(agency.AppliedAt.UtcDateTime);
            var months = Math.Max(0, ((today.Year - registered.Year) * 12) + today.Month - registered.Month - (today.Day < registered.Day ? 1 : 0));
            var signals = new RiskSignals(
                complaints.Count(c => c.AgencyId == agency.Id && c.FiledAt >= since),
                Standings(agency, reports.Where(r => r.AgencyId == agency.Id).ToList(), today).Count(s => s.Status is "late" or "missing"),
                done.Sum(i => i.CriticalFailures),
                done.FirstOrDefault()?.Points ?? 0,
                own.Where(p => p.FeeViolation).Sum(p => p.Count),
                own.Where(p => p.Kind == PlacementKind.Abroad).Sum(p => p.Count),
                own.Where(p => p.Kind == PlacementKind.Abroad && p.Watch).Sum(p => p.Count),
                months);
            result.Add(new AgencyRisk(agency, rules.Risk(signals, today)));
        }

        return result;
    }

    /// <summary>
    /// The quarter's inspection plan within the capacity: the highest-risk active agencies, then a random sample of the
    /// others drawn with a recorded seed, so the ministry can compare what targeting finds against chance. One plan a quarter.
    /// </summary>
    public async Task<(InspectionPlan? Plan, Refusal? Refusal)> PlanAsync(Actor officer, int year, int quarter, int capacity, int randomSlots, int seed, CancellationToken ct)
    {
        if (await db.InspectionPlans.AnyAsync(p => p.Year == year && p.Quarter == quarter, ct))
        {
            return (null, new Refusal("plan-exists", $"The plan for Q{quarter} {year} is already drawn."));
        }

        var active = await db.Agencies.Include(a => a.History).Where(a => a.Status == AgencyStatus.Active).OrderBy(a => a.Bin).ToListAsync(ct);
        var risks = await RisksAsync(active, ct);
        // The candidates are recorded with the plan, so the draw can be run again from the seed (RedrawAsync).
        var candidates = risks.Select(r => new DrawCandidate(r.Agency.Bin, r.Risk.Score)).OrderBy(c => c.Bin, StringComparer.Ordinal).ToList();
        var draw = InspectionDraw.Run(candidates, capacity, randomSlots, seed);
        var byBin = risks.ToDictionary(r => r.Agency.Bin, StringComparer.Ordinal);
        var targeted = draw.Targeted.Select(b => byBin[b]).ToList();
        var sample = draw.Random.Select(b => byBin[b]).ToList();
        var now = time.GetUtcNow();
        var plan = InspectionPlan.Create(year, quarter, capacity, randomSlots, seed, officer.Name, now,
            System.Text.Json.JsonSerializer.Serialize(candidates, System.Text.Json.JsonSerializerOptions.Web));
        db.InspectionPlans.Add(plan);
        db.Inspections.AddRange(targeted.Select(r => Inspection.Plan(r.Agency.Id, plan.Id, InspectionSelection.Targeted, r.Risk.Score, r.Risk.Band, now)));
        db.Inspections.AddRange(sample.Select(r => Inspection.Plan(r.Agency.Id, plan.Id, InspectionSelection.Random, r.Risk.Score, r.Risk.Band, now)));
        try
        {
            await SaveAsync("agencies.plan", ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, new Refusal("plan-exists", $"The plan for Q{quarter} {year} is already drawn."));
        }

        return (plan, null);
    }

    /// <summary>
    /// Runs a quarter's draw again from the candidates and seed recorded with its plan, and sets it beside the agencies the
    /// plan holds, so anyone overseeing the inspections can check the random sample was not chosen by hand.
    /// </summary>
    public async Task<(PlanRedraw? Redraw, Refusal? Refusal)> RedrawAsync(int year, int quarter, CancellationToken ct)
    {
        var plan = await PlanOfAsync(year, quarter, ct);
        if (plan is null)
        {
            return (null, null);
        }

        if (plan.Candidates.Length == 0)
        {
            return (null, new Refusal(RefusalCodes.NoRecordedDraw, $"The plan for Q{quarter} {year} was not drawn from recorded candidates (an illustrative plan); it cannot be drawn again."));
        }

        var candidates = System.Text.Json.JsonSerializer.Deserialize<List<DrawCandidate>>(plan.Candidates, System.Text.Json.JsonSerializerOptions.Web) ?? [];
        var draw = InspectionDraw.Run(candidates, plan.Capacity, plan.RandomSlots, plan.Seed);
        var planId = plan.Id;
        var recorded = await db.Inspections.AsNoTracking().Where(i => i.PlanId == planId)
            .Join(db.Agencies, i => i.AgencyId, a => a.Id, (i, a) => new { a.Bin, i.Selection }).ToListAsync(ct);
        var recordedTargeted = recorded.Where(r => r.Selection == InspectionSelection.Targeted).Select(r => r.Bin).Order(StringComparer.Ordinal).ToList();
        var recordedRandom = recorded.Where(r => r.Selection == InspectionSelection.Random).Select(r => r.Bin).Order(StringComparer.Ordinal).ToList();
        var targeted = draw.Targeted.Order(StringComparer.Ordinal).ToList();
        var random = draw.Random.Order(StringComparer.Ordinal).ToList();
        return (new PlanRedraw(plan.Year, plan.Quarter, plan.Seed, plan.Capacity, plan.RandomSlots, candidates.Count, targeted, random, recordedTargeted, recordedRandom,
            targeted.SequenceEqual(recordedTargeted, StringComparer.Ordinal) && random.SequenceEqual(recordedRandom, StringComparer.Ordinal)), null);
    }

    public Task<InspectionPlan?> PlanOfAsync(int year, int quarter, CancellationToken ct) =>
        db.InspectionPlans.SingleOrDefaultAsync(p => p.Year == year && p.Quarter == quarter, ct);

    public Task<List<Inspection>> InspectionsOfPlanAsync(Guid planId, CancellationToken ct) =>
        db.Inspections.Where(i => i.PlanId == planId).OrderBy(i => i.Selection).ThenByDescending(i => i.RiskScore).ToListAsync(ct);

    /// <summary>Inspections not yet done, from any plan or opened for a complaint.</summary>
    public Task<List<Inspection>> OpenInspectionsAsync(CancellationToken ct) =>
        db.Inspections.Where(i => i.InspectedOn == null).OrderByDescending(i => i.RiskScore).Take(500).ToListAsync(ct);

    public Task<Inspection?> InspectionAsync(Guid id, CancellationToken ct) => db.Inspections.SingleOrDefaultAsync(i => i.Id == id, ct);

    public Task<List<Inspection>> InspectionsOfAgencyAsync(Guid agencyId, CancellationToken ct) =>
        db.Inspections.Where(i => i.AgencyId == agencyId).OrderByDescending(i => i.PlannedAt).ToListAsync(ct);

    /// <summary>
    /// Records an inspection's findings; the pack turns them into the registry measure and the art. 98 sanction, and the
    /// measure takes effect on the registry in the same save.
    /// </summary>
    public async Task<(Inspection? Inspection, Refusal? Refusal)> RecordOutcomeAsync(Guid id, Actor officer, IReadOnlyList<string> failed, DateOnly on, CancellationToken ct)
    {
        var inspection = await db.Inspections.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return (null, null);
        }

        var known = rules.Standards(on).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        // A blank form value binds as null: it is no standard either, and must not reach the pack as one.
        bool Unknown(string? f) => f is null || !known.Contains(f);
        if (failed.Any(Unknown))
        {
            var unknown = failed.First(Unknown);
            return (inspection, new Refusal("unknown-standard", $"'{unknown}' is not an inspection standard of the pack on {on:yyyy-MM-dd}.", "failed"));
        }

        var agency = await db.Agencies.Include(a => a.History).SingleAsync(a => a.Id == inspection.AgencyId, ct);
        var yearAgo = on.AddYears(-1);
        var art98Before = await db.Inspections.AnyAsync(
            i => i.AgencyId == agency.Id && i.Id != id && i.InspectedOn > yearAgo && i.Art98Sanction != null && i.Art98Sanction != "none", ct);
        var findings = rules.Inspection(failed, agency.SuspendedWithinYear(on), art98Before, on);
        if (inspection.Record(findings, officer.Name, on, rules.PackHash) is { } refusal)
        {
            return (inspection, refusal);
        }

        var now = time.GetUtcNow();
        var reason = $"Inspection of {on:yyyy-MM-dd}: {findings.Explanation}";
        switch (findings.Measure)
        {
            case "suspension" when agency.Status == AgencyStatus.Active:
                agency.Change(AgencyStatus.Suspended, reason, officer.Name, on, now);
                break;
            case "exclusion" when agency.Status != AgencyStatus.Excluded:
                agency.Change(AgencyStatus.Excluded, reason, officer.Name, on, now);
                break;
            case "conditions" when agency.Status == AgencyStatus.Active:
                agency.Impose($"Additional conditions from the inspection of {on:yyyy-MM-dd}: remedy {string.Join(", ", failed)} and report within the next quarter.");
                break;
        }

        await SaveAsync("agencies.inspection-outcome", ct);
        return (inspection, null);
    }

    public async Task<AgencyMeasures> MeasuresAsync(CancellationToken ct)
    {
        var today = Today;
        var agencies = await db.Agencies.Include(a => a.History).ToListAsync(ct);
        var byStatus = agencies.GroupBy(a => a.Status).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count());
        var byRegion = agencies.GroupBy(a => a.Region.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RegionCount(g.Key, g.Count(a => a.Status == AgencyStatus.Active), g.Count(a => a.Status == AgencyStatus.Suspended),
                g.Count(a => a.Status == AgencyStatus.Excluded), g.Count(a => a.Status == AgencyStatus.Pending))).ToList();
        var placements = await db.Placements.GroupBy(p => new { p.Kind, p.Country })
            .Select(g => new { g.Key.Kind, g.Key.Country, Count = g.Count(), Violations = g.Count(p => p.FeeViolation || p.DepositMissing || p.MissingTerms > 0) })
            .ToListAsync(ct);
        var complaints = await db.Complaints.GroupBy(c => new { c.Category, c.Status }).Select(g => new { g.Key.Category, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var inspections = await db.Inspections.Select(i => new { i.Selection, i.InspectedOn, i.Failed, i.Measure }).ToListAsync(ct);
        var risks = await RisksAsync([.. agencies.Where(a => a.Status is AgencyStatus.Active or AgencyStatus.Suspended)], ct);
        HitRate Rate(InspectionSelection selection)
        {
            var done = inspections.Where(i => i.Selection == selection && i.InspectedOn != null).ToList();
            var hits = done.Count(i => i.Failed.Length > 0);
            return new HitRate(selection.ToString().ToLowerInvariant(), inspections.Count(i => i.Selection == selection), done.Count, hits,
                done.Count == 0 ? null : Math.Round(100m * hits / done.Count, 1));
        }

        return new AgencyMeasures(
            today, agencies.Count, byStatus, byRegion,
            [.. placements.Where(p => p.Kind == PlacementKind.Abroad).OrderByDescending(p => p.Count).ThenBy(p => p.Country, StringComparer.Ordinal)
                .Select(p => new CountryCount(p.Country, p.Count, p.Violations))],
            [.. placements.Where(p => p.Kind == PlacementKind.Recruited).OrderByDescending(p => p.Count).ThenBy(p => p.Country, StringComparer.Ordinal)
                .Select(p => new CountryCount(p.Country, p.Count, p.Violations))],
            [.. complaints.GroupBy(c => c.Category).OrderByDescending(g => g.Sum(c => c.Count)).Select(g => new ComplaintCount(
                g.Key, g.Sum(c => c.Count), g.Where(c => c.Status == ComplaintStatus.New).Sum(c => c.Count), g.Where(c => c.Status == ComplaintStatus.Inspection).Sum(c => c.Count),
                g.Where(c => c.Status == ComplaintStatus.Dismissed).Sum(c => c.Count)))],
            inspections.Where(i => i.Measure != null).GroupBy(i => i.Measure!).ToDictionary(g => g.Key, g => g.Count()),
            Bands.ToDictionary(b => b, b => risks.Count(r => r.Risk.Band == b)),
            [Rate(InspectionSelection.Targeted), Rate(InspectionSelection.Random), Rate(InspectionSelection.Complaint)],
            rules.RegimeInForce(today));
    }

    internal List<ReportStanding> Standings(Agency agency, IReadOnlyList<AgencyReport> reports, DateOnly today)
    {
        var registered = agency.RegisteredOn;
        var standings = new List<ReportStanding>();
        if (registered is null)
        {
            return standings;
        }

        var quarter = AgencyReport.Previous(AgencyReport.QuarterOf(today));
        for (var i = 0; i < 4; i++, quarter = AgencyReport.Previous(quarter))
        {
            if (AgencyReport.QuarterEnd(quarter.Year, quarter.Quarter) < registered.Value)
            {
                break;
            }

            var report = reports.FirstOrDefault(r => r.Year == quarter.Year && r.Quarter == quarter.Quarter);
            standings.Add(rules.Report(quarter.Year, quarter.Quarter, report?.SubmittedOn, today));
        }

        return standings;
    }

    private async Task SaveAsync(string action, CancellationToken ct)
    {
        db.Audit.Action = action;
        await db.SaveChangesAsync(ct);
    }
}

public sealed record RegionCount(string Region, int Active, int Suspended, int Excluded, int Pending);

public sealed record CountryCount(string Country, int Placements, int WithViolation);

public sealed record ComplaintCount(string Category, int Filed, int New, int SentToInspection, int Dismissed);

/// <summary>How often inspections of one kind of selection found a standard not met.</summary>
public sealed record HitRate(string Selection, int Planned, int Done, int FoundViolation, decimal? HitRatePercent);

public sealed record AgencyMeasures(
    DateOnly On, int Agencies, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<RegionCount> ByRegion,
    IReadOnlyList<CountryCount> PlacementsAbroadByCountry, IReadOnlyList<CountryCount> RecruitedByCitizenship, IReadOnlyList<ComplaintCount> Complaints,
    IReadOnlyDictionary<string, int> InspectionMeasures, IReadOnlyDictionary<string, int> RiskBands, IReadOnlyList<HitRate> HitRates, bool DraftRegimeInForce);

/// <summary>A quarter's draw run again from its recorded seed, beside what the plan holds (BINs in order).</summary>
public sealed record PlanRedraw(
    int Year, int Quarter, int Seed, int Capacity, int RandomSlots, int Candidates, IReadOnlyList<string> Targeted, IReadOnlyList<string> Random,
    IReadOnlyList<string> RecordedTargeted, IReadOnlyList<string> RecordedRandom, bool Reproduced);
