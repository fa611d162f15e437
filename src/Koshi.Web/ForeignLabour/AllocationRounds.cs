using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// Ranked allocation rounds: the applications waiting in a ranked pool are admitted best first to the round's seats.
/// A round takes all its seats or none, in one transaction with its record and audit entry: the region's use grows by
/// a conditional update that keeps it within the seats, and each admitted application is marked only if no other round
/// marked it first; a round that raced another one is rolled back and run again on the pool as it then is.
/// </summary>
public sealed class AllocationRoundService(KoshiDbContext db, LabourRules rules, TimeProvider time, IConfiguration configuration, ILogger<AllocationRoundService> logger)
{
    /// <summary>The name rounds and pool exits made by the schedule are recorded under.</summary>
    public const string Scheduler = "scheduler";

    /// <summary>Fault injection for the crash tests only: how long a round holds its open transaction (zero otherwise).</summary>
    private TimeSpan HoldOpen => TimeSpan.FromMilliseconds(configuration.GetValue("Koshi:Rounds:HoldTransactionMilliseconds", 0));

    private static readonly PermitStatus[] Waiting = [PermitStatus.Submitted, PermitStatus.Approved, PermitStatus.Paid];

    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    /// <summary>The applications waiting in the pool, in the round's order.</summary>
    public async Task<IReadOnlyList<PoolEntry>> PoolAsync(RegionCode region, string pool, CancellationToken ct)
    {
        var rows = await db.WorkPermits.AsNoTracking()
            .Where(p => p.Region == region && p.Pool == pool && p.Ranked && p.RoundId == null && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid) && p.AssessmentPoints != null)
            .Select(p => new { p.Id, Points = p.AssessmentPoints!.Value, p.AppliedAt, p.Skilled, p.AssessmentInDemand })
            .ToListAsync(ct);
        var today = Today;
        var qualified = rows.Select(r => r.Points).Distinct().ToDictionary(p => p, p => rules.Qualified(p, today));
        return PoolEntry.Ranked(rows.Select(r => new PoolEntry(r.Id, r.Points, r.AppliedAt, r.Skilled, r.AssessmentInDemand, qualified[r.Points])));
    }

    /// <summary>The pool as a file a round can be simulated on: the counted facts of each waiting application (no names) and this year's free seats.</summary>
    public async Task<PoolFile> PoolFileAsync(RegionCode region, string pool, CancellationToken ct)
    {
        var today = Today;
        var permits = await db.WorkPermits.AsNoTracking()
            .Where(p => p.Region == region && p.Pool == pool && p.Ranked && p.RoundId == null && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid) && p.AssessmentPoints != null)
            .ToListAsync(ct);
        var allocation = await db.QuotaAllocations.AsNoTracking().SingleOrDefaultAsync(q => q.Year == today.Year && q.Region == region && q.Pool == pool, ct);
        return new PoolFile(region.Value, pool, allocation is null ? 0 : Math.Max(0, allocation.Seats - allocation.Used), today, PoolApplications(permits));
    }

    /// <summary>
    /// The pool as the latest round of a region's pool found it, with the seats it offered: the applications it admitted and
    /// those lodged before it that still wait (those that left the pool since were below its cut-off). A simulation on it
    /// reproduces the published cut-off while the pack and the evidence checks are unchanged.
    /// </summary>
    public async Task<(PoolFile File, AllocationRound Round)?> PoolFileAtLastRoundAsync(RegionCode region, string pool, CancellationToken ct)
    {
        var rounds = await db.AllocationRounds.AsNoTracking().Where(r => r.Region == region && r.Pool == pool).ToListAsync(ct);
        if (rounds.OrderByDescending(r => r.Year).ThenByDescending(r => r.Number).FirstOrDefault() is not { } last)
        {
            return null;
        }

        var lastId = last.Id;
        var permits = await db.WorkPermits.AsNoTracking()
            .Where(p => p.Region == region && p.Pool == pool && p.Ranked && p.AssessmentPoints != null
                && (p.RoundId == lastId || p.RoundId == null && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid)))
            .ToListAsync(ct);
        var at = permits.Where(p => p.RoundId == lastId || p.AppliedAt <= last.At);
        return (new PoolFile(region.Value, pool, last.SeatsOffered, LegalClock.DateOf(last.At), PoolApplications(at)), last);
    }

    private static List<PoolApplication> PoolApplications(IEnumerable<WorkPermit> permits) =>
        permits.OrderBy(p => p.AppliedAt.UtcTicks).ThenBy(p => p.Id).Select(p =>
        {
            var facts = p.DeclaredFacts.Counted(p.Evidence);
            return new PoolApplication(p.Id, p.AppliedAt, p.AppliedOn, p.Isco.Value, PackNames.Of(facts.Education), facts.EducationRelevant, facts.ExperienceYears,
                facts.QualificationRecognised, facts.LanguageLevel, p.Skilled, p.AssessmentPoints);
        }).ToList();

    /// <summary>Where a waiting application stands in its pool (1 is first), and how many wait; null when it does not wait.</summary>
    public async Task<(int Position, int Waiting)?> PositionAsync(WorkPermit permit, CancellationToken ct)
    {
        if (!permit.Ranked || permit.Pool is null || permit.RoundId is not null || !Waiting.Contains(permit.Status))
        {
            return null;
        }

        var entries = await PoolAsync(permit.Region, permit.Pool, ct);
        var index = entries.ToList().FindIndex(e => e.Id == permit.Id);
        return index < 0 ? null : (index + 1, entries.Count);
    }

    public Task<List<AllocationRound>> RoundsAsync(int year, RegionCode? region, string? pool, CancellationToken ct)
    {
        var rounds = db.AllocationRounds.AsNoTracking().Where(r => r.Year == year);
        if (region is { } r)
        {
            rounds = rounds.Where(x => x.Region == r);
        }

        if (pool is not null)
        {
            rounds = rounds.Where(x => x.Pool == pool);
        }

        return rounds.OrderBy(x => x.Region).ThenBy(x => x.Pool).ThenBy(x => x.Number).ToListAsync(ct);
    }

    /// <summary>Runs a round of this year's seats of a region's pool: at most <paramref name="seats"/> (every free seat when null).</summary>
    public Task<(AllocationRound? Round, Refusal? Refusal)> RunAsync(Actor admin, RegionCode region, string pool, int? seats, CancellationToken ct) =>
        RunAsync(admin.Name, region, pool, seats, null, ct);

    private async Task<(AllocationRound? Round, Refusal? Refusal)> RunAsync(string by, RegionCode region, string pool, int? seats, DateOnly? slot, CancellationToken ct)
    {
        var today = Today;
        if (!rules.IsRanked(pool, today))
        {
            return (null, new Refusal("pool-not-ranked", $"The {pool} pool is not allocated by ranked rounds on {today:yyyy-MM-dd}; its seats are taken as permits are issued.", "pool",
                rules.RankedPoolsSource(today)));
        }

        // Each attempt that fails lost to a round that committed, so a few attempts are enough for rounds started together.
        for (var attempt = 1; attempt <= 16; attempt++)
        {
            if (slot is { } s && await db.AllocationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Region == region && r.Pool == pool && r.Slot == s, ct) is { } held)
            {
                // The slot's round ran already (here or on another instance): it is not run twice.
                return (held, null);
            }

            if (await TryRunAsync(by, region, pool, seats, today, slot, ct) is { } done)
            {
                return (done, null);
            }

            db.ChangeTracker.Clear();
        }

        return (null, new Refusal("round-contended", "Another round ran on this pool at the same time; read the rounds again and retry."));
    }

    private async Task<AllocationRound?> TryRunAsync(string by, RegionCode region, string pool, int? seats, DateOnly today, DateOnly? slot, CancellationToken ct)
    {
        var year = today.Year;
        var allocation = await db.QuotaAllocations.AsNoTracking().SingleOrDefaultAsync(q => q.Year == year && q.Region == region && q.Pool == pool, ct);
        var free = allocation is null ? 0 : allocation.Seats - allocation.Used;
        var offered = Math.Max(0, seats is { } wanted ? Math.Min(wanted, free) : free);
        var entries = await PoolAsync(region, pool, ct);
        var admitted = entries.Take(offered).ToList();
        var number = 1 + (await db.AllocationRounds.Where(r => r.Year == year && r.Region == region && r.Pool == pool).MaxAsync(r => (int?)r.Number, ct) ?? 0);
        var round = AllocationRound.Record(year, region, pool, number, offered, entries, admitted, rules.PackHash, by, time.GetUtcNow(), slot);
        var hold = HoldOpen;
        db.AllocationRounds.Add(round);
        if (admitted.Count > 0)
        {
            var (allocationId, count, roundId) = (allocation!.Id, admitted.Count, round.Id);
            var ids = admitted.Select(a => a.Id).ToList();
            db.WithNextSave(async token =>
            {
                // The region's row first (every seat change takes it first), then the applications.
                if (await db.QuotaAllocations.Where(q => q.Id == allocationId && q.Used + count <= q.Seats)
                        .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + count), token) == 0)
                {
                    throw new RoundRaced();
                }

                if (await db.WorkPermits.Where(p => ids.Contains(p.Id) && p.RoundId == null
                            && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid))
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.RoundId, roundId).SetProperty(p => p.QuotaYear, year).SetProperty(p => p.Version, p => p.Version + 1), token) != count)
                {
                    throw new RoundRaced();
                }

                if (hold > TimeSpan.Zero)
                {
                    logger.LogWarning("Allocation round {Round} holds its open transaction for {Hold}", roundId, hold);
                    await Task.Delay(hold, token);
                }
            });
        }

        try
        {
            db.Audit.Action = "labour.round";
            if (by == Scheduler)
            {
                db.Audit.ActorOverride = Scheduler;
            }

            await db.SaveChangesAsync(ct);
            return round;
        }
        catch (Exception e) when (e is RoundRaced or DbUpdateException or System.Data.Common.DbException)
        {
            // Another round took the seats, an application or this round's number first: nothing of this one was saved.
            return null;
        }
    }

    /// <summary>
    /// Runs the rounds due today that have not run: for each pool ranked today and each region with seats in it this
    /// year, the round of this month's slot once its day has come. Each slot's round is unique in the database, so
    /// instances running this at once allocate it once. Returns the rounds run (or found run) for the slot.
    /// </summary>
    public async Task<IReadOnlyList<AllocationRound>> RunDueAsync(CancellationToken ct)
    {
        var today = Today;
        var (slot, due) = rules.RoundSlot(today);
        var done = new List<AllocationRound>();
        if (today < due)
        {
            return done;
        }

        foreach (var pool in rules.RankedPools(today))
        {
            var regions = await db.QuotaAllocations.AsNoTracking().Where(q => q.Year == today.Year && q.Pool == pool && q.Seats > 0)
                .Select(q => q.Region).ToListAsync(ct);
            foreach (var region in regions.OrderBy(r => r.Value, StringComparer.Ordinal))
            {
                db.ChangeTracker.Clear();
                var (round, refusal) = await RunAsync(Scheduler, region, pool, null, slot, ct);
                if (round is not null)
                {
                    done.Add(round);
                }
                else
                {
                    logger.LogWarning("The scheduled round of {Region} {Pool} for {Slot} did not run: {Refusal}", region.Value, pool, slot, refusal?.Message);
                }
            }
        }

        return done;
    }

    /// <summary>
    /// Applications that waited in a ranked pool longer than the pack allows leave it without a seat, with the reason.
    /// Each leaves by its own save, guarded by its version, so a round that admits it at the same moment wins cleanly.
    /// </summary>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = Today;
        var (days, source) = rules.PoolWaitLimit(today);
        var before = now.AddDays(-days);
        var ids = await db.WorkPermits.AsNoTracking()
            .Where(p => p.Ranked && p.RoundId == null && p.AppliedAt < before
                && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid))
            .Select(p => p.Id).ToListAsync(ct);
        var lapsed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var permit = await db.WorkPermits.FirstOrDefaultAsync(p => p.Id == id, ct);
            var reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Waited in the ranked pool more than {days} days without a seat in a round; lodge a new application to compete again. [{source}]");
            if (permit is null || permit.Lapse(reason.Length > 2000 ? reason[..2000] : reason, now) is not null)
            {
                continue;
            }

            try
            {
                db.Audit.Action = "labour.pool-lapsed";
                db.Audit.ActorOverride = Scheduler;
                await db.SaveChangesAsync(ct);
                lapsed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A round admitted it (or the employer acted) first: it stays as that left it.
            }
        }

        db.ChangeTracker.Clear();
        return lapsed;
    }

    private sealed class RoundRaced() : Exception("Another round changed the pool first.");
}
