using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>A move of seats between two regions, as saved: both rows after the move, and its reason.</summary>
public sealed record QuotaMove(QuotaAllocation From, QuotaAllocation To, string Reason);

/// <summary>
/// Quota administration: the regions' seats in each pool within the national figure of the pack, set or moved by the
/// ministry with a reason, every change kept.
/// </summary>
public sealed class QuotaAdministration(KoshiDbContext db, LabourRules rules, TimeProvider time)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

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
            await db.SaveAsAsync("labour.quota-set", ct);
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
            await db.SaveAsAsync("labour.quota-moved", ct);
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
}
