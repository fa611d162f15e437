using System.Diagnostics;
using Koshi.Web.Audit;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Bench.Labour;

/// <summary>
/// Puts N paid permits of the demo employer in one region x pool through the platform's model (Apply, Approve,
/// RecordPayment, saved in batches like the demo register) and sets the region's allocation to exactly Q seats.
/// Every save goes through the audited SaveChanges, so the chain the benchmark ends with covers the preparation too.
/// </summary>
internal static class Prepare
{
    private const int Batch = 2000;

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var region = RegionCode.Parse(options.Region);
        var pool = options.Pool;
        var category = Enum.Parse<PermitCategory>(pool, ignoreCase: true);
        await using var db = Context.Open(options.Db);

        var employer = await db.Employers.SingleAsync(e => e.Bin != null && e.Name == "Steppe Build LLP");
        if (await db.WorkPermits.AnyAsync(p => p.Region == region && p.Pool == pool))
        {
            Console.Error.WriteLine($"prepare: {region} {pool} already has permits; start from a fresh database (bench/labour.sh does).");
            return 1;
        }

        var allocation = await db.QuotaAllocations.SingleAsync(q => q.Year == today.Year && q.Region == region && q.Pool == pool);
        if (allocation.Used != 0)
        {
            Console.Error.WriteLine($"prepare: the {today.Year} {pool} allocation of {region} already has {allocation.Used} seats used.");
            return 1;
        }

        var before = allocation.Seats;
        allocation.SetSeats(options.Seats, "bench (labour)", now);
        db.QuotaChanges.Add(QuotaChange.Record(allocation, before, "Issue-throughput benchmark: allocation set to the benchmark's quota.", "bench (labour)", now));
        db.Audit.Action = "labour.quota-set";
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var ids = new List<Guid>(options.Permits);
        var assessment = new PermitAssessment([], pool, "group_3", Skilled: false, IscoSkillLevel: 2, PackHash: "bench");
        for (var n = 0; n < options.Permits; n++)
        {
            var request = new PermitRequest(
                PermitType.Employer, category, $"Bench Worker {n + 1}", PassportNumber.Parse($"B{n + 1:D7}", null), CountryCode.Parse("UZ", null), new DateOnly(1990, 1, 1).AddDays(n % 5000),
                IscoCode.Parse("7212", null), Qualification.Vocational, 5, region, today, 365);
            var permit = WorkPermit.Apply(request, assessment, employer.OwnerId, employer.Name, employer.Bin, employer.Id, employer.OkedSection, null, now);
            var invoice = PermitInvoice.Create($"INV-BENCH-{n + 1:D7}", InvoicePurpose.Permit, 365, Mrp.Of(56m), Tenge.Of(56m * 4325m), "bench fee", now);
            Require(permit.Approve("bench (labour)", invoice, now));
            Require(permit.RecordPayment(invoice, $"BENCH-{n + 1:D7}", Tenge.Of(56m * 4325m), Tenge.Of(4325m), now));
            db.WorkPermits.Add(permit);
            ids.Add(permit.Id);
            if ((n + 1) % Batch == 0 || n + 1 == options.Permits)
            {
                db.Audit.Action = "labour.bench-register";
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        // Shuffled so the clients do not walk the permits in insertion order.
        var shuffled = ids.ToArray();
        new Random(20260101).Shuffle(shuffled);
        await File.WriteAllLinesAsync(options.Ids, shuffled.Select(id => id.ToString()));
        var paid = await db.WorkPermits.CountAsync(p => p.Region == region && p.Pool == pool && p.Status == PermitStatus.Paid);
        Console.WriteLine($"prepared {paid} paid {pool} permits in {region}, allocation {options.Seats} seats, in {clock.Elapsed.TotalSeconds:F1} s");
        return paid == options.Permits ? 0 : 1;
    }

    private static void Require(Koshi.Web.Platform.Refusal? refusal)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException($"The domain refused while preparing: {refusal.Code} {refusal.Message}");
        }
    }
}

internal static class Context
{
    public static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static PostgresKoshiDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresKoshiDbContext>().UseNpgsql(connectionString).Options;
        return new PostgresKoshiDbContext(options, new AuditContext(null, TimeProvider.System) { ActorOverride = "bench (labour)" });
    }
}
