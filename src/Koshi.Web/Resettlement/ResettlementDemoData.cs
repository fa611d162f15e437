using System.Globalization;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

/// <summary>
/// Demo data on a fresh database: this year's regional quotas from the pack, and (unless
/// <c>Koshi:Demo:ResettlementRegister</c> is false) an illustrative register that follows the published 2025 picture:
/// 5,213 participants to 1 Oct 2025 (1,725 kandas, 3,488 resettlers) by receiving region [R50], with about 6 % of them
/// having left before the end of the contract [R51]. The families, origins, ages and amounts are invented.
/// </summary>
public sealed class ResettlementDemoData(KoshiDbContext db, ResettlementRules rules, TimeProvider time, ILogger<ResettlementDemoData> logger)
{
    public const string Marker = "illustrative demo register";

    // Participants to 1 Oct 2025 by receiving region [R50].
    private static readonly (string Region, int Persons)[] Published2025 =
    [
        ("KZ-55", 1886), ("KZ-59", 1516), ("KZ-39", 575), ("KZ-63", 490), ("KZ-10", 305), ("KZ-11", 257), ("KZ-23", 103), ("KZ-62", 43), ("KZ-35", 38),
    ];

    // Regions of origin of resettlers (illustrative weights; Turkestan sent the most in 2025 [A17]).
    private static readonly (string Region, int Weight)[] Origins =
    [
        ("KZ-61", 40), ("KZ-31", 15), ("KZ-43", 12), ("KZ-19", 10), ("KZ-79", 10), ("KZ-47", 6), ("KZ-33", 7),
    ];

    public async Task SeedAsync(bool withRegister, CancellationToken ct)
    {
        if (await db.ResettlementQuotas.AnyAsync(ct))
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var quotas = new Dictionary<(int, string, Programme), ResettlementQuota>();
        foreach (var programme in Enum.GetValues<Programme>())
        {
            foreach (var region in rules.QuotaRegions(today.Year, programme))
            {
                quotas[(today.Year, region, programme)] = ResettlementQuota.Create(today.Year, RegionCode.Parse(region), programme, rules.Quota(today.Year, region, programme));
            }
        }

        if (withRegister && today.Year > 2025)
        {
            await SeedRegisterAsync(quotas, now, today, ct);
        }

        db.ResettlementQuotas.AddRange(quotas.Values);
        // The register's rows are written in bulk (below); this audited save of the quotas closes the same transaction.
        db.Audit.Action = withRegister && today.Year > 2025 ? "resettlement.demo-register" : "resettlement.demo-quota";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Seeded resettlement quotas{Register} in {Elapsed} ms", withRegister ? " and the illustrative 2025 register" : string.Empty, started.ElapsedMilliseconds);
    }

    private async Task SeedRegisterAsync(Dictionary<(int, string, Programme), ResettlementQuota> quotas, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var random = new Random(20251001);
        var kandasRegions = new HashSet<string>(rules.QuotaRegions(2025, Programme.Kandas), StringComparer.Ordinal);
        var resettlerRegions = new HashSet<string>(rules.QuotaRegions(2025, Programme.Resettler), StringComparer.Ordinal);
        var used = new Dictionary<(string, Programme), int>();
        var quotes = new Dictionary<(Programme, string, int, int), SupportQuote>();
        var serial = 0;
        var cases = new List<ResettlementCase>(Published2025.Sum(p => p.Persons) / 2);
        foreach (var (region, persons) in Published2025)
        {
            var left = persons;
            while (left > 0)
            {
                // Families average about four persons (2,500 families, 10,000 people in 2019); the spread is illustrative.
                var size = Math.Min(left, 1 + random.Next(0, 4) + random.Next(0, 4));
                left -= size;
                // Kandas were a third of participants (1,725 of 5,213 [R50]); a region open to one programme only takes that one.
                var programme = !resettlerRegions.Contains(region) ? Programme.Kandas
                    : !kandasRegions.Contains(region) ? Programme.Resettler
                    : random.NextDouble() < 0.29 ? Programme.Kandas : Programme.Resettler;
                var origin = programme == Programme.Kandas ? "abroad" : Pick(random, Origins);
                var age = 18 + (int)Math.Abs(NextGaussian(random) * 11) + (random.NextDouble() < 0.5 ? 4 : 0);
                var arrived = new DateOnly(2025, 1, 10).AddDays(random.Next(0, 260));
                var birth = arrived.AddYears(-Math.Min(age, 70)).AddDays(-random.Next(0, 365));
                var iin = MakeIin(birth, random.Next(2) == 0, ++serial);
                var housing = random.NextDouble() < 0.6 ? 4_000_000m + random.Next(0, 60) * 100_000m : 0m;
                var application = new ResettlementApplication(
                    programme, origin, RegionCode.Parse(region), programme == Programme.Resettler, programme == Programme.Resettler ? 12 + random.Next(0, 200) : 0,
                    programme == Programme.Kandas ? "regional_quota" : "none", housing, $"KZ{serial:D18}",
                    Enumerable.Range(1, size - 1).Select(m => new Members(m, birth, random).Input).ToList());
                var appliedAt = new DateTimeOffset(arrived.AddDays(-random.Next(20, 60)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
                var @case = ResettlementCase.Apply(application, "demo", $"Demo Participant {serial} ({Marker})", Koshi.Web.Reference.Iin.Parse(iin), 2025, "[]", rules.PackHash, appliedAt,
                    rules.DecisionDays(Koshi.Policy.LegalClock.DateOf(appliedAt)));
                @case.Approve("system (" + Marker + ")", appliedAt.AddDays(10));

                var key = (programme, region, Math.Min(size, 5), housing > 0 ? (int)(housing / 100_000m) : 0);
                if (!quotes.TryGetValue(key, out var quote))
                {
                    quote = quotes[key] = rules.Support(application, size, arrived);
                }

                var schedule = new List<SupportPayment> { SupportPayment.Schedule($"{@case.Reference}-REL-1", PaymentKind.Relocation, 1, arrived, quote.RelocationKzt, now) };
                if (quote.CertificateKzt > 0)
                {
                    schedule.Add(SupportPayment.Schedule($"{@case.Reference}-CRT-1", PaymentKind.Certificate, 1, arrived, quote.CertificateKzt, now));
                }

                for (var month = 1; month <= quote.RentMonths; month++)
                {
                    // Rent falling due in 2026 is at the 2026 law and MRP: each amount follows the payment's own date.
                    var due = arrived.AddMonths(month - 1);
                    var dueKey = (programme, region, Math.Min(size, 5), -due.Year);
                    if (!quotes.TryGetValue(dueKey, out var atDue))
                    {
                        atDue = quotes[dueKey] = rules.Support(application, size, new DateOnly(due.Year, 6, 1));
                    }

                    schedule.Add(SupportPayment.Schedule($"{@case.Reference}-RNT-{month}", PaymentKind.Rent, month, due, atDue.RentMonthlyKzt, now));
                }

                foreach (var payment in schedule.Where(p => p.DueOn <= today))
                {
                    payment.Paid(payment.PlannedKzt!.Value, "DEMO-" + payment.Reference, Marker, new DateTimeOffset(payment.DueOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
                }

                // The pack dates the 5-year term from the Concept (2026); the demo applies it to the 2025 cohort as well.
                @case.Arrive(arrived, rules.ContractYears(new DateOnly(2026, 1, 1)), schedule, "Simulated address register (" + Marker + ")");
                // About 6 % of participants have returned [R51]; they left in 2026, when the pack's refund rule applies.
                if (random.NextDouble() < 0.06)
                {
                    var departed = new DateOnly(2026, 1, 5).AddDays(random.Next(0, Math.Max(1, today.DayNumber - new DateOnly(2026, 1, 5).DayNumber)));
                    var refund = @case.Payments.Where(p => p.Status == PaymentStatus.Paid && DateOnly.FromDateTime(p.PaidAt!.Value.UtcDateTime) <= departed)
                        .Select(p => rules.Refund(arrived, departed, DateOnly.FromDateTime(p.PaidAt!.Value.UtcDateTime), p.PaidKzt!.Value)).ToList();
                    @case.Departed(departed, refund.Sum(r => r.RefundKzt), refund.FirstOrDefault()?.Basis ?? "pro_rata", refund.Select(r => r.InstalmentsMax).DefaultIfEmpty(0).Max(), Marker);
                }

                cases.Add(@case);
                used[(region, programme)] = used.GetValueOrDefault((region, programme)) + size;
            }
        }

        // Some 1,300 families with their members and 18,000 payments: written with multi-row INSERTs rather than through the
        // change tracker, which took most of the first start's time over them.
        // The bulk rows skip the save that numbers new cases, so the register takes its run of numbers from the counter at once.
        var first = await CaseNumbers.ReserveAsync(db, "resettlement", 2025, cases.Count, ct);
        foreach (var (@case, i) in cases.Select((c, i) => (c, i)))
        {
            ((INumberedCase)@case).AssignCaseNumber(CaseNumbers.Format(2025, first + i));
        }

        var caseType = db.Model.FindEntityType(typeof(ResettlementCase))!;
        await DemoBulkInsert.InsertAsync(db, cases.Select(c => (c, (object?)null)), caseType, ct);
        await DemoBulkInsert.InsertAsync(db, cases.SelectMany(c => c.Members.Select(m => (m, (object?)c.Id))),
            caseType.FindNavigation(nameof(ResettlementCase.Members))!.TargetEntityType, ct);
        await DemoBulkInsert.InsertAsync(db, cases.SelectMany(c => c.Payments.Select(p => (p, (object?)c.Id))),
            caseType.FindNavigation(nameof(ResettlementCase.Payments))!.TargetEntityType, ct);

        // The 2025 quota rows carry the register's seats; Atyrau's 103 participants [R50] are more than its 100 kandas seats
        // [R45], so the seats used stop at the quota there.
        foreach (var ((region, programme), persons) in used)
        {
            var seats = rules.Quota(2025, region, programme);
            quotas[(2025, region, programme)] = ResettlementQuota.Create(2025, RegionCode.Parse(region), programme, seats, Math.Min(seats, persons));
        }
    }

    private static string Pick(Random random, (string Key, int Weight)[] items)
    {
        var roll = random.Next(items.Sum(i => i.Weight));
        foreach (var (key, weight) in items)
        {
            if ((roll -= weight) < 0)
            {
                return key;
            }
        }

        return items[^1].Key;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A valid IIN whose 11th digit never asks the simulators for a refusal (5 or 7).</summary>
    private static string MakeIin(DateOnly birth, bool male, int serial)
    {
        var century = (birth.Year < 2000 ? 3 : 5) + (male ? 0 : 1);
        for (var s = serial * 10 % 100000; ; s++)
        {
            var first = string.Create(CultureInfo.InvariantCulture, $"{birth:yyMMdd}{century}{s % 10000:D4}");
            if (first[10] is '5' or '7')
            {
                continue;
            }

            if (KazakhControlDigit.Compute(first) is { } control)
            {
                return first + control.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private sealed class Members(int n, DateOnly applicantBirth, Random random)
    {
        public MemberInput Input { get; } = n == 1
            ? new MemberInput($"Demo Spouse ({Marker})", null, $"DM{random.Next(1000000, 9999999)}", applicantBirth.AddDays(random.Next(-900, 900)), "spouse")
            : new MemberInput($"Demo Child {n - 1} ({Marker})", null, $"DC{random.Next(1000000, 9999999)}", applicantBirth.AddYears(22 + n).AddDays(random.Next(0, 300)), "child");
    }
}
