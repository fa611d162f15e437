using Koshi.Policy;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// Demo data on a fresh database: the demo employer with two vacancies, this year's quota distributed by region from
/// the pack's national figures, and (unless <c>Koshi:Demo:LabourRegister</c> is false) a register of about 14,000
/// permit holders whose mix follows the published picture: China, Uzbekistan, Türkiye and India leading, construction the
/// largest sector [R19]. The people and companies are invented; the regional split is illustrative (see below).
/// </summary>
public sealed class ForeignLabourDemoData(KoshiDbContext db, LabourRules rules, TimeProvider time, ILogger<ForeignLabourDemoData> logger)
{
    public const int RegisterSize = 14_000;

    // Regional weights: the published part of the 2025 allocation (Astana 975, Almaty 1,355, Shymkent 147, Atyrau 3,522,
    // Karaganda 414, West Kazakhstan 1,038 [R8]); the other regions share the rest of 2025's 14,800 equally (illustrative).
    private static readonly Dictionary<string, int> RegionWeights = new(StringComparer.Ordinal)
    {
        ["KZ-71"] = 975, ["KZ-75"] = 1355, ["KZ-79"] = 147, ["KZ-23"] = 3522, ["KZ-35"] = 414, ["KZ-27"] = 1038,
    };

    // Source countries of permit holders, early November 2025: China 5,405, Uzbekistan 2,455, Türkiye 1,042, India 1,012 [R19];
    // the remaining 4,486 are spread over other countries (illustrative).
    private static readonly (string Country, int Weight)[] Countries =
    [
        ("CN", 5405), ("UZ", 2455), ("TR", 1042), ("IN", 1012), ("KR", 600), ("PK", 500), ("VN", 450), ("PH", 400), ("DE", 350),
        ("GB", 300), ("IT", 300), ("RS", 300), ("TJ", 300), ("TM", 250), ("AZ", 250), ("US", 250), ("IR", 236),
    ];

    // OKED sections: construction 4,908 and agriculture 2,808 of 14,400 [R19]; the other sections are illustrative.
    private static readonly (string Section, int Weight)[] Sectors =
    [
        ("F", 4908), ("A", 2808), ("B", 1500), ("C", 1400), ("G", 900), ("M", 800), ("H", 700), ("J", 500), ("I", 500), ("Q", 200), ("P", 184),
    ];

    private static readonly Dictionary<PermitCategory, string[]> OccupationsByCategory = new()
    {
        [PermitCategory.Cat1] = ["1120", "1321", "1323"],
        [PermitCategory.Cat2] = ["1323", "1219", "1321", "2149"],
        [PermitCategory.Cat3] = ["2142", "2144", "2512", "3112", "2141", "3115"],
        [PermitCategory.Cat4] = ["7112", "7212", "8332", "7411", "7126", "9313"],
    };

    /// <summary>
    /// Seeds what is missing, so a start that was stopped half-way (a crash, a kill) finishes on the next one: the quota
    /// in one save, the demo employer in one save, the register in batches that the next start continues after the last
    /// one saved. Quota use is not written here: the start-up reconciliation derives it from the permits.
    /// </summary>
    public async Task SeedAsync(bool withRegister, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = LegalClock.DateOf(now);
        if (!await db.QuotaAllocations.AnyAsync(ct))
        {
            var national = rules.National(today.Year);
            foreach (var pool in PackNames.Pools)
            {
                foreach (var (region, seats) in Split(national.ByPool[pool]))
                {
                    db.QuotaAllocations.Add(QuotaAllocation.Create(today.Year, RegionCode.Parse(region), pool, seats, "system (demo distribution)", now));
                }
            }

            db.Audit.Action = "labour.demo-quota";
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        // The demo distribution's year: the register belongs to it, and is only continued within it.
        var demoYear = await db.QuotaAllocations.MinAsync(q => q.Year, ct);
        var account = await db.Users.SingleOrDefaultAsync(u => u.Email == "employer@demo.koshi.kz", ct);
        if (account?.Bin is { } bin && !await db.Employers.AnyAsync(e => e.Bin == bin, ct))
        {
            var staff = new StaffDeclaration([12, 40, 400, 900], [0, 0, 5, 10]);
            var steppe = Employer.Register(Bin.Parse(bin), "Steppe Build LLP", OkedSection.Parse("F", null), RegionCode.Parse("KZ-71"), account.Id, staff, now);
            db.Employers.Add(steppe);
            // Declared as long ago as the vacancies were posted, so the declaration is in force when the demo applies.
            db.StaffDeclarations.Add(StaffDeclarationRecord.Of(steppe.Id, staff, today.AddDays(-20), now));
            db.Vacancies.Add(Vacancy.Post(steppe.Id, $"VAC-{today.Year}-000001", "Жол құрылысы инженері / Инженер дорожного строительства", IscoCode.Parse("2142", null), PermitCategory.Cat3, steppe.Region, 4, today.AddDays(-20), now));
            db.Vacancies.Add(Vacancy.Post(steppe.Id, $"VAC-{today.Year}-000002", "Дәнекерлеуші / Сварщик", IscoCode.Parse("7212", null), PermitCategory.Cat4, steppe.Region, 10, today.AddDays(-20), now));
            db.Audit.Action = "labour.demo-employer";
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        if (withRegister && demoYear == today.Year)
        {
            await SeedRegisterAsync(now, ct);
        }
    }

    /// <summary>
    /// The register, drawn from a fixed seed over the demo distribution of the pack's national figures, so every start
    /// draws the same permits: those already saved are drawn and skipped, the rest are saved in batches.
    /// </summary>
    private async Task SeedRegisterAsync(DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(20260101);
        var today = LegalClock.DateOf(now);
        var saved = await db.WorkPermits.CountAsync(p => p.OwnerId == "demo" && p.QuotaYear == today.Year, ct);
        var national = rules.National(today.Year);
        var free = PackNames.Pools.SelectMany(pool => Split(national.ByPool[pool]).Select(r => (Key: (r.Region, pool), r.Seats))).ToDictionary(x => x.Key, x => x.Seats);
        List<Employer>? employers = null;
        var fees = new Dictionary<(PermitType, PermitCategory, string, int), FeeQuote>();
        var skills = new Dictionary<(bool, PermitCategory), bool>();
        var drawn = 0;
        var batch = 0;
        for (var n = 0; n < RegisterSize; n++)
        {
            // Every random draw comes first, so a permit skipped on a later start uses the same draws as when it was made.
            var sector = Pick(random, Sectors);
            var seasonal = sector == "A" && random.NextDouble() < 0.6;
            var category = seasonal ? PermitCategory.None : (PermitCategory)(1 + Pick(random, [(0, 726), (1, 3402), (2, 5893), (3, 3131)]));
            var pool = seasonal ? "seasonal" : PackNames.Of(category);
            var regions = free.Where(f => f.Key.pool == pool && f.Value > 0).Select(f => (f.Key.Region, f.Value)).ToArray();
            if (regions.Length == 0)
            {
                continue;
            }

            var region = Pick(random, regions);
            free[(region, pool)]--;
            var isco = seasonal ? "9211" : OccupationsByCategory[category][random.Next(OccupationsByCategory[category].Length)];
            var qualification = category is PermitCategory.Cat1 or PermitCategory.Cat2 or PermitCategory.Cat3 ? Qualification.Higher
                : random.NextDouble() < 0.6 ? Qualification.Vocational : Qualification.None;
            var experience = random.Next(1, 16);
            var issuedAt = now.AddDays(-random.Next(0, today.DayOfYear)).AddMinutes(-random.Next(0, 600));
            var citizenship = Pick(random, Countries);
            var birth = new DateOnly(1965 + random.Next(0, 40), 1 + random.Next(12), 1 + random.Next(28));
            if (drawn++ < saved)
            {
                continue;
            }

            employers ??= await DemoEmployersAsync(now, ct);
            var employer = employers[Array.FindIndex(Sectors, s => s.Section == sector)];
            var level = Occupations.ByCode[isco].SkillLevel!.Value;
            // The demo countries are outside the EAEU, so skill depends on the permit kind and category alone.
            var skillKey = (seasonal, category);
            if (!skills.TryGetValue(skillKey, out var skilled))
            {
                skilled = skills[skillKey] = rules.Skill(seasonal ? PermitType.Seasonal : PermitType.Employer, category, "CN", today).Skilled;
            }

            var type = seasonal ? PermitType.Seasonal : PermitType.Employer;
            var duration = seasonal ? 180 : 365;
            var group = rules.Terms(type, category, duration, false, sector, today).SectorGroup;
            if (!fees.TryGetValue((type, category, group, duration), out var fee))
            {
                fee = fees[(type, category, group, duration)] = rules.Fee(type, category, group, duration, today);
            }

            var issuedOn = LegalClock.DateOf(issuedAt);
            var request = new PermitRequest(
                type, category, $"Demo Worker {n + 1}", PassportNumber.Parse($"D{n + 1:D7}", null), CountryCode.Parse(citizenship, null), birth, IscoCode.Parse(isco, null), qualification, experience, RegionCode.Parse(region), issuedOn, duration);
            var permit = WorkPermit.Apply(
                request, new PermitAssessment([], pool, group, skilled, level, rules.PackHash), "demo", employer.Name, employer.Bin, employer.Id, OkedSection.Parse(sector, null), null, issuedAt);
            var invoice = PermitInvoice.Create($"INV-DEMO-{n + 1:D6}", InvoicePurpose.Permit, duration, Mrp.Of(fee.FeeMrp), Tenge.Of(fee.FeeKzt), fee.Rule, issuedAt);
            permit.Approve("system (demo register)", invoice, issuedAt);
            if (permit.OpenInvoice is { } open)
            {
                permit.RecordPayment(open, $"DEMO-{n + 1:D6}", Tenge.Of(fee.FeeKzt), Tenge.Of(fee.Mrp), issuedAt);
            }

            permit.Issue($"WP-{region[3..]}-{today.Year}-D{n + 1:D6}", today.Year, issuedAt);
            db.WorkPermits.Add(permit);
            if (++batch == 2000)
            {
                await SaveBatchAsync(ct);
                batch = 0;
            }
        }

        if (batch > 0)
        {
            await SaveBatchAsync(ct);
            logger.LogInformation("Seeded a demo register of {Count} foreign-worker permits", drawn);
        }
    }

    /// <summary>The register's employers, one per sector: those saved by an earlier start, the others made now.</summary>
    private async Task<List<Employer>> DemoEmployersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var bins = Sectors.Select((_, i) => DemoBin(i + 1)).ToList();
        var existing = await db.Employers.Where(e => bins.Contains(e.Bin)).ToDictionaryAsync(e => e.Bin, ct);
        return Sectors.Select((s, i) =>
        {
            if (existing.TryGetValue(bins[i], out var employer))
            {
                return employer;
            }

            employer = Employer.Register(Bin.Parse(bins[i]), $"Demo {s.Section} Company {i + 1} LLP", OkedSection.Parse(s.Section, null), RegionCode.Parse("KZ-71"), "demo", StaffDeclaration.Empty, now);
            db.Employers.Add(employer);
            return employer;
        }).ToList();
    }

    private async Task SaveBatchAsync(CancellationToken ct)
    {
        db.Audit.Action = "labour.demo-register";
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Splits a national figure over the 20 regions by weight, largest remainders first, so the parts sum to the whole.</summary>
    private static List<(string Region, int Seats)> Split(long total)
    {
        var regions = Regions.All.Select(r => r.Code).ToList();
        var rest = (14_800 - RegionWeights.Values.Sum()) / (regions.Count - RegionWeights.Count);
        var weights = regions.Select(r => (Region: r, Weight: (long)RegionWeights.GetValueOrDefault(r, rest))).ToList();
        var sum = weights.Sum(w => w.Weight);
        var shares = weights.Select(w => (w.Region, Exact: (decimal)total * w.Weight / sum)).ToList();
        var seats = shares.Select(s => (s.Region, Seats: (int)Math.Floor(s.Exact), Remainder: s.Exact - Math.Floor(s.Exact))).ToList();
        var missing = (int)(total - seats.Sum(s => s.Seats));
        foreach (var region in seats.OrderByDescending(s => s.Remainder).Take(missing).Select(s => s.Region).ToList())
        {
            var i = seats.FindIndex(s => s.Region == region);
            seats[i] = (region, seats[i].Seats + 1, 0);
        }

        return seats.Select(s => (s.Region, s.Seats)).ToList();
    }

    private static T Pick<T>(Random random, IReadOnlyList<(T Value, int Weight)> choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static string DemoBin(int serial)
    {
        for (var s = serial; ; s += 100)
        {
            var body = $"10014{s:D6}";
            if (KazakhControlDigit.Compute(body) is { } control)
            {
                return body + (char)('0' + control);
            }
        }
    }
}
