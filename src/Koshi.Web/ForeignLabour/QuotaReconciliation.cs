using System.Data;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// Brings the quota's counters back to what the permits and allocations say, at every start: a region's <c>Used</c> is the
/// number of its permits holding a seat, a nation's <c>Allocated</c> the sum of its regions' seats. The counters are kept
/// in step by every write; this repairs what a write that bypassed them (or data from before they were kept) left, and
/// records each repair in the audit trail.
/// </summary>
public sealed class QuotaReconciliation(KoshiDbContext db, TimeProvider time, ILogger<QuotaReconciliation> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(ct);
            }
            catch (Exception e) when (attempt < 3 && e is DbUpdateException or System.Data.Common.DbException)
            {
                // Another instance wrote at the same moment (a serialization failure on PostgreSQL): read again.
                db.ChangeTracker.Clear();
                logger.LogWarning(e, "Quota reconciliation retried after a conflicting write");
            }
        }
    }

    private async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var year = time.GetUtcNow().Year;
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.Database.IsNpgsql() ? IsolationLevel.Serializable : IsolationLevel.Unspecified, ct);
        var issued = await db.WorkPermits
            .Where(p => p.QuotaYear != null && p.Pool != null
                        && (p.Status == PermitStatus.Issued
                            || (p.RoundId != null && (p.Status == PermitStatus.Submitted || p.Status == PermitStatus.Approved || p.Status == PermitStatus.Paid))))
            .GroupBy(p => new { p.QuotaYear, p.Region, p.Pool })
            .Select(g => new { Year = g.Key.QuotaYear!.Value, g.Key.Region, Pool = g.Key.Pool!, Count = g.Count() })
            .ToListAsync(ct);
        var counts = issued.ToDictionary(i => (i.Year, i.Region.Value, i.Pool), i => i.Count);
        var repaired = 0;
        foreach (var allocation in await db.QuotaAllocations.ToListAsync(ct))
        {
            var count = counts.GetValueOrDefault((allocation.Year, allocation.Region.Value, allocation.Pool));
            // A past year keeps the seats of permits revoked or ended after it closed, so its use may exceed the count.
            var used = allocation.Year >= year ? count : Math.Max(allocation.Used, count);
            if (used > allocation.Seats)
            {
                logger.LogError(
                    "Quota {Year} {Region} {Pool}: {Count} permits hold seats of {Seats}; the allocation is marked full",
                    allocation.Year, allocation.Region, allocation.Pool, used, allocation.Seats);
                used = allocation.Seats;
            }

            if (used != allocation.Used)
            {
                logger.LogWarning(
                    "Quota {Year} {Region} {Pool}: use was {Used}, the permits say {Count}; reconciled",
                    allocation.Year, allocation.Region, allocation.Pool, allocation.Used, used);
                allocation.ReconcileUsed(used);
                repaired++;
            }
        }

        var sums = await db.QuotaAllocations.GroupBy(q => new { q.Year, q.Pool })
            .Select(g => new { g.Key.Year, g.Key.Pool, Seats = g.Sum(q => (long)q.Seats) }).ToListAsync(ct);
        foreach (var national in await db.QuotaNationals.ToListAsync(ct))
        {
            var sum = sums.Where(s => s.Year == national.Year && s.Pool == national.Pool).Select(s => s.Seats).SingleOrDefault();
            if (sum != national.Allocated && sum <= national.Seats)
            {
                national.ReconcileAllocated(sum);
                repaired++;
            }
            else if (sum > national.Seats)
            {
                logger.LogError("Quota {Year} {Pool}: the regions hold {Sum} seats of a national {Seats}", national.Year, national.Pool, sum, national.Seats);
            }
        }

        if (repaired > 0)
        {
            db.Audit.ActorOverride = "system";
            db.Audit.Action = "labour.quota-reconciled";
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return repaired;
    }
}
