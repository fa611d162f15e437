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
public sealed class AllocationRoundService(KoshiDbContext db, LabourRules rules, TimeProvider time)
{
    private static readonly PermitStatus[] Waiting = [PermitStatus.Submitted, PermitStatus.Approved, PermitStatus.Paid];

    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    /// <summary>The applications waiting in the pool, in the round's order.</summary>
    public async Task<IReadOnlyList<PoolEntry>> PoolAsync(RegionCode region, string pool, CancellationToken ct)
    {
        var rows = await db.WorkPermits.AsNoTracking()
            .Where(p => p.Region == region && p.Pool == pool && p.Ranked && p.RoundId == null && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid) && p.AssessmentPoints != null)
            .Select(p => new { p.Id, Points = p.AssessmentPoints!.Value, p.AppliedAt })
            .ToListAsync(ct);
        return PoolEntry.Ranked(rows.Select(r => new PoolEntry(r.Id, r.Points, r.AppliedAt)));
    }

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
    public async Task<(AllocationRound? Round, Refusal? Refusal)> RunAsync(Actor admin, RegionCode region, string pool, int? seats, CancellationToken ct)
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
            if (await TryRunAsync(admin, region, pool, seats, today, ct) is { } done)
            {
                return (done, null);
            }

            db.ChangeTracker.Clear();
        }

        return (null, new Refusal("round-contended", "Another round ran on this pool at the same time; read the rounds again and retry."));
    }

    private async Task<AllocationRound?> TryRunAsync(Actor admin, RegionCode region, string pool, int? seats, DateOnly today, CancellationToken ct)
    {
        var year = today.Year;
        var allocation = await db.QuotaAllocations.AsNoTracking().SingleOrDefaultAsync(q => q.Year == year && q.Region == region && q.Pool == pool, ct);
        var free = allocation is null ? 0 : allocation.Seats - allocation.Used;
        var offered = Math.Max(0, seats is { } wanted ? Math.Min(wanted, free) : free);
        var entries = await PoolAsync(region, pool, ct);
        var admitted = entries.Take(offered).ToList();
        var number = 1 + (await db.AllocationRounds.Where(r => r.Year == year && r.Region == region && r.Pool == pool).MaxAsync(r => (int?)r.Number, ct) ?? 0);
        var round = AllocationRound.Record(year, region, pool, number, offered, entries.Count, admitted, rules.PackHash, admin.Name, time.GetUtcNow());
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
            });
        }

        try
        {
            db.Audit.Action = "labour.round";
            await db.SaveChangesAsync(ct);
            return round;
        }
        catch (Exception e) when (e is RoundRaced or DbUpdateException or System.Data.Common.DbException)
        {
            // Another round took the seats, an application or this round's number first: nothing of this one was saved.
            return null;
        }
    }

    private sealed class RoundRaced() : Exception("Another round changed the pool first.");
}
