using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies;

/// <summary>
/// Demo data on a fresh database: a registry of 74 agencies, about half in Astana, as the ministry reports [R57], with the
/// demo agency account's own agency among them; and illustrative placements, quarterly reports, complaints and last
/// quarter's inspections. Every agency other than the demo account's, and every record, is invented and marked
/// <c>Illustrative</c>. Written in one save (one transaction); <c>Koshi:Demo:Agencies=false</c> skips it.
/// </summary>
public sealed class AgenciesDemoData(KoshiDbContext db, AgencyRules rules, TimeProvider time, ILogger<AgenciesDemoData> logger)
{
    public const int RegistrySize = 74;

    // Citizens working abroad, 9 months of 2025: Russia 128.8 k, Korea 15.2 k, Poland 2.6 k, UK 1.4 k [A6]; the others illustrative.
    private static readonly (string Country, int Weight)[] Destinations =
        [("RU", 1288), ("KR", 152), ("PL", 26), ("GB", 14), ("AE", 12), ("TR", 12), ("DE", 10), ("CZ", 6), ("US", 5), ("LT", 5)];

    private static readonly (string Country, int Weight)[] Sources = [("CN", 54), ("UZ", 25), ("TR", 10), ("IN", 10), ("KG", 6), ("TJ", 4)];

    private static readonly string[] OtherRegions = ["KZ-75", "KZ-75", "KZ-75", "KZ-79", "KZ-79", "KZ-35", "KZ-23", "KZ-15", "KZ-55", "KZ-27", "KZ-39", "KZ-63", "KZ-47", "KZ-61"];

    private static readonly string[] Words = ["Qadam", "Steppe", "Altyn", "Nomad", "Bereke", "Orda", "Saryarka", "Tulpar", "Zhol", "Baiterek", "Samruk", "Kemel", "Arman", "Erkin", "Dala", "Yrys", "Jasyl", "Kokzhiek"];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Agencies.AnyAsync(ct))
        {
            return;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var random = new Random(20230701);
        var account = await db.Users.SingleOrDefaultAsync(u => u.Email == "agency@demo.koshi.kz", ct);
        var agencies = new List<Agency>();
        for (var n = 0; n < RegistrySize; n++)
        {
            var own = n == 0 && account?.Bin is not null;
            var region = n < RegistrySize / 2 ? "KZ-71" : OtherRegions[n % OtherRegions.Length];
            var services = n % 5 == 0 ? new[] { AgencyServices.Domestic }
                : n % 3 == 0 ? [AgencyServices.RecruitForeign]
                : n % 2 == 0 ? [AgencyServices.PlaceAbroad, AgencyServices.RecruitForeign] : [AgencyServices.PlaceAbroad];
            var countries = services.Contains(AgencyServices.PlaceAbroad)
                ? Destinations.OrderBy(_ => random.Next()).Take(1 + random.Next(4)).Select(d => d.Country).ToList()
                : services.Contains(AgencyServices.RecruitForeign) ? Sources.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(s => s.Country).ToList() : [];
            var name = own ? "Qadam Recruitment LLP" : $"{Words[n % Words.Length]} {(n / Words.Length) switch { 0 => "Personnel", 1 => "Career", 2 => "Labour", 3 => "Staffing", _ => "Work" }} LLP";
            var appliedAt = now.AddDays(-random.Next(60, 1200));
            var agency = Agency.Apply(Bin.Parse(own ? account!.Bin! : DemoBin(n)), name, RegionCode.Parse(own ? "KZ-71" : region),
                $"{region switch { "KZ-71" => "Astana", "KZ-75" => "Almaty", "KZ-79" => "Shymkent", _ => "Regional centre" }}, {10 + n} Demo Street, office {n + 1}",
                own ? "Aliya Demo" : $"Director of demo agency {n + 1}", own ? [AgencyServices.PlaceAbroad, AgencyServices.RecruitForeign] : services,
                own ? ["KR", "PL", "RU", "TR"] : countries, own ? account!.Id : string.Empty, appliedAt, illustrative: !own);
            if (n % 37 != 36)
            {
                var acceptedOn = DateOnly.FromDateTime(appliedAt.UtcDateTime).AddDays(random.Next(3, 20));
                agency.Accept("system (demo registry)", acceptedOn, appliedAt.AddDays(10));
                if (n is 11 or 29 or 48)
                {
                    agency.Change(AgencyStatus.Suspended, "Illustrative: suspended after an inspection found workers charged fees.", "system (demo registry)", today.AddDays(-random.Next(20, 200)), now);
                }
                else if (n is 17 or 55)
                {
                    agency.Change(AgencyStatus.Excluded, "Illustrative: excluded after two critical findings.", "system (demo registry)", today.AddDays(-random.Next(20, 300)), now);
                }
            }

            agencies.Add(agency);
        }

        db.Agencies.AddRange(agencies);
        var checks = new Dictionary<(PlacementKind, bool, bool, bool), PlacementCheck>();
        var terms = rules.ContractTerms(today);
        var serial = 0;
        foreach (var agency in agencies.Where(a => a.Status != AgencyStatus.Pending))
        {
            var count = agency.ServiceList.Contains(AgencyServices.Domestic) && agency.ServiceList.Count == 1 ? 0 : random.Next(0, 30);
            for (var i = 0; i < count; i++)
            {
                var abroad = agency.ServiceList.Contains(AgencyServices.PlaceAbroad) && (!agency.ServiceList.Contains(AgencyServices.RecruitForeign) || random.Next(2) == 0);
                var kind = abroad ? PlacementKind.Abroad : PlacementKind.Recruited;
                var fee = random.Next(100) < 5;
                var deposit = !abroad || random.Next(100) >= 4;
                var complete = random.Next(100) >= 8;
                var on = today.AddDays(-random.Next(1, 365));
                if (agency.RegisteredOn is { } registered && on < registered)
                {
                    on = registered;
                }

                if (!checks.TryGetValue((kind, fee, deposit, complete), out var check))
                {
                    check = checks[(kind, fee, deposit, complete)] = rules.Placement(kind, fee ? 150_000 : 0, deposit, complete ? terms : terms.Take(4), today);
                }

                serial++;
                var country = abroad ? Pick(random, Destinations) : Pick(random, Sources);
                var worker = abroad ? DemoIin(new DateOnly(1975, 1, 1).AddDays(random.Next(0, 11000)), serial) : $"D{serial:D8}";
                db.Placements.Add(Placement.Record(agency.Id, kind, worker, country, abroad ? $"Работодатель {country}-{serial % 40}" : $"ТОО «Демо-работодатель {serial % 25}»",
                    abroad ? (complete ? terms : terms.Take(4)) : [], deposit, fee ? 150_000 : 0, on, null, check, now, illustrative: true));
            }

            // Reports for the four last quarters: mostly on time, some late, a few never sent.
            var quarter = AgencyReport.Previous(AgencyReport.QuarterOf(today));
            for (var q = 0; q < 4; q++, quarter = AgencyReport.Previous(quarter))
            {
                var end = AgencyReport.QuarterEnd(quarter.Year, quarter.Quarter);
                if (agency.RegisteredOn is not { } since || end < since || end.AddDays(1) >= today)
                {
                    continue;
                }

                var roll = random.Next(100);
                if (roll < 8)
                {
                    continue;
                }

                var submitted = end.AddDays(roll < 20 ? random.Next(11, 40) : random.Next(1, 10));
                if (submitted < today)
                {
                    db.AgencyReports.Add(AgencyReport.Submit(agency.Id, quarter.Year, quarter.Quarter, random.Next(5, 300), random.Next(0, 20), random.Next(0, 10), random.Next(0, 40), submitted, now));
                }
            }
        }

        // Complaints, concentrated on a few agencies as they are in practice.
        for (var c = 0; c < 45; c++)
        {
            var agency = agencies[random.Next(100) < 60 ? (c * 7) % 12 + 1 : random.Next(1, agencies.Count)];
            var complaint = Complaint.File(agency.Id, ComplaintCategories.All[random.Next(ComplaintCategories.All.Count)],
                "Агентство потребовало оплату до отъезда и оставило у себя копию договора (пример жалобы).", null, $"+7 700 000 {c:D4}",
                now.AddDays(-random.Next(1, 300)), illustrative: true);
            if (c % 3 == 0)
            {
                complaint.Triage(ComplaintStatus.Triaged, "Illustrative: kept for the agency's risk score.", null);
            }
            else if (c % 7 == 0)
            {
                complaint.Triage(ComplaintStatus.Dismissed, "Illustrative: outside the agency's services.", null);
            }

            db.Complaints.Add(complaint);
        }

        // Last quarter's inspections: targeted and random, with their findings, so the hit rates have something to show.
        var previous = AgencyReport.Previous(AgencyReport.QuarterOf(today));
        var plan = InspectionPlan.Create(previous.Year, previous.Quarter, 12, 4, 20260701, "system (demo plan)", now);
        db.InspectionPlans.Add(plan);
        var inspectedOn = AgencyReport.QuarterEnd(previous.Year, previous.Quarter).AddDays(-10);
        var active = agencies.Where(a => a.Status == AgencyStatus.Active && a.OwnerId.Length == 0).ToList();
        string[][] targetedFindings = [["no_fee_to_workers"], ["contract_signed", "quarterly_report"], [], ["confidentiality"], ["abroad_contract_terms", "registry_details_current"], ["quarterly_report"], [], ["documents_not_withheld"]];
        string[][] randomFindings = [[], ["registry_details_current"], [], []];
        for (var i = 0; i < targetedFindings.Length + randomFindings.Length; i++)
        {
            var targeted = i < targetedFindings.Length;
            var failed = targeted ? targetedFindings[i] : randomFindings[i - targetedFindings.Length];
            var agency = active[targeted ? i : active.Count - 1 - i];
            var inspection = Inspection.Plan(agency.Id, plan.Id, targeted ? InspectionSelection.Targeted : InspectionSelection.Random, targeted ? 45 - i : 8, targeted ? "high" : "low", now);
            // Recorded as findings only: the demo registry's statuses are set above, not by these illustrative outcomes.
            inspection.Record(rules.Inspection(failed, false, false, inspectedOn), "system (demo inspection)", inspectedOn, rules.PackHash);
            db.Inspections.Add(inspection);
        }

        db.Audit.Action = "agencies.demo";
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded a demo registry of {Count} agencies", agencies.Count);
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
            var body = $"13064{s:D6}";
            if (KazakhControlDigit.Compute(body) is { } control)
            {
                return body + (char)('0' + control);
            }
        }
    }

    private static string DemoIin(DateOnly birth, int serial)
    {
        var century = birth.Year < 2000 ? 3 + (serial % 2) : 5 + (serial % 2);
        for (var s = serial; ; s += 7)
        {
            var body = $"{birth:yyMMdd}{century}{s % 10000:D4}";
            if (KazakhControlDigit.Compute(body) is { } control)
            {
                return body + (char)('0' + control);
            }
        }
    }
}
