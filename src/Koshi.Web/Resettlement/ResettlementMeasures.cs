using System.Globalization;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

public sealed record QuotaFill(string Region, string Programme, int Seats, int Used, decimal? FillPercent);

public sealed record CountLine(string Key, int Cases, int Persons);

public sealed record PaymentLine(string Kind, int PaidCount, decimal PaidKzt, int DueCount, decimal? DueKzt, int FailedCount);

public sealed record RefundLine(string Status, int Claims, decimal AmountKzt);

public sealed record CohortLine(int Cohort, int Arrived, int LeftEarly, decimal? ReturnRatePercent);

public sealed record FlowLine(string Origin, string Destination, string AgeBand, int Persons);

/// <summary>The ministry's measures of the programme for a year (persons count the whole family).</summary>
public sealed record ResettlementMeasures(
    int Year, int Participants, int NorthernParticipants, decimal? NorthernSharePercent, decimal? NorthernReferencePercent, IReadOnlyList<string> NorthernRegions,
    IReadOnlyList<QuotaFill> QuotaFill, IReadOnlyList<CountLine> ArrivalsByRegion, IReadOnlyList<PaymentLine> Payments, IReadOnlyList<RefundLine> RefundClaims,
    IReadOnlyList<CohortLine> ReturnRateByCohort, IReadOnlyList<FlowLine> Flows, string Note)
{
    public static readonly string[] Tables = ["quota", "arrivals", "payments", "refunds", "cohorts", "flows"];

    /// <summary>One table as CSV (RFC 4180), for the ministry's spreadsheets.</summary>
    public byte[] Csv(string table)
    {
        var csv = new List<object?[]>();
        void Row(params object?[] cells) => csv.Add(cells);
        switch (table)
        {
            case "quota":
                Row("year", "region", "programme", "seats", "used", "fill_percent");
                foreach (var q in QuotaFill)
                {
                    Row(Year, q.Region, q.Programme, q.Seats, q.Used, q.FillPercent);
                }

                break;
            case "arrivals":
                Row("year", "region", "cases", "persons", "northern");
                foreach (var a in ArrivalsByRegion)
                {
                    Row(Year, a.Key, a.Cases, a.Persons, NorthernRegions.Contains(a.Key));
                }

                break;
            case "payments":
                Row("year", "kind", "paid_count", "paid_kzt", "due_count", "due_kzt", "failed_count");
                foreach (var p in Payments)
                {
                    Row(Year, p.Kind, p.PaidCount, p.PaidKzt, p.DueCount, p.DueKzt, p.FailedCount);
                }

                break;
            case "refunds":
                Row("status", "claims", "amount_kzt");
                foreach (var r in RefundClaims)
                {
                    Row(r.Status, r.Claims, r.AmountKzt);
                }

                break;
            case "cohorts":
                Row("cohort", "arrived", "left_early", "return_rate_percent");
                foreach (var c in ReturnRateByCohort)
                {
                    Row(c.Cohort, c.Arrived, c.LeftEarly, c.ReturnRatePercent);
                }

                break;
            default:
                Row("year", "origin", "destination", "age_band", "persons");
                foreach (var f in Flows)
                {
                    Row(Year, f.Origin, f.Destination, f.AgeBand, f.Persons);
                }

                break;
        }

        return CsvExport.Utf8(csv);
    }
}

/// <summary>Computes the ministry's measures from the cases: arrivals, the northern share, quota fill, payments, refunds, returns, flows.</summary>
public sealed class ResettlementMeasuresQuery(KoshiDbContext db, ResettlementService service)
{
    public async Task<ResettlementMeasures> ForAsync(Identity.Actor actor, int year, CancellationToken ct)
    {
        var today = service.Today;
        var rules = service.Rules;
        var cases = await db.ResettlementCases.AsNoTracking()
            .Where(c => c.ArrivedOn != null)
            .Select(c => new { c.Origin, Destination = c.Destination, c.ArrivedOn, c.DepartedOn, c.ApplicantBirthDate, Persons = c.Members.Count + 1, c.Status })
            .ToListAsync(ct);
        var thisYear = cases.Where(c => c.ArrivedOn!.Value.Year == year).ToList();
        var northern = rules.Northern(year);
        var participants = thisYear.Sum(c => c.Persons);
        var north = thisYear.Where(c => northern.Contains(c.Destination.Value)).Sum(c => c.Persons);

        var quota = (await service.QuotaAsync(actor, year, ct))
            .Select(q => new QuotaFill(q.Region.Value, ResettlementService.Name(q.Programme), q.Seats, q.Used, Percent(q.Used, q.Seats))).ToList();
        var arrivals = thisYear.GroupBy(c => c.Destination.Value)
            .Select(g => new CountLine(g.Key, g.Count(), g.Sum(c => c.Persons))).OrderByDescending(l => l.Persons).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();

        var payments = await db.ResettlementCases.AsNoTracking().SelectMany(c => c.Payments)
            .Where(p => p.DueOn.Year == year)
            .Select(p => new { p.Kind, p.Status, p.PaidKzt, p.PlannedKzt, p.DueOn })
            .ToListAsync(ct);
        var paymentLines = payments.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => new PaymentLine(
            g.Key.ToString().ToLowerInvariant(),
            g.Count(p => p.Status == PaymentStatus.Paid), g.Where(p => p.Status == PaymentStatus.Paid).Sum(p => p.PaidKzt ?? 0),
            g.Count(p => p.Status is PaymentStatus.Scheduled or PaymentStatus.Failed && p.DueOn <= today),
            g.Where(p => p.Status is PaymentStatus.Scheduled or PaymentStatus.Failed && p.DueOn <= today).Any(p => p.PlannedKzt is null) ? null
                : g.Where(p => p.Status is PaymentStatus.Scheduled or PaymentStatus.Failed && p.DueOn <= today).Sum(p => p.PlannedKzt ?? 0),
            g.Count(p => p.Status == PaymentStatus.Failed))).ToList();

        var refunds = (await db.ResettlementCases.AsNoTracking().Where(c => c.RefundStatus != RefundStatus.None)
                .Select(c => new { c.RefundStatus, c.RefundKzt }).ToListAsync(ct))
            .GroupBy(c => c.RefundStatus).OrderBy(g => g.Key)
            .Select(g => new RefundLine(g.Key.ToString().ToLowerInvariant(), g.Count(), g.Sum(c => c.RefundKzt ?? 0))).ToList();

        var cohorts = cases.GroupBy(c => c.ArrivedOn!.Value.Year).OrderBy(g => g.Key).Select(g =>
        {
            var arrived = g.Sum(c => c.Persons);
            var left = g.Where(c => c.DepartedOn is not null).Sum(c => c.Persons);
            return new CohortLine(g.Key, arrived, left, Percent(left, arrived));
        }).ToList();

        var flows = thisYear.GroupBy(c => (c.Origin, Destination: c.Destination.Value, Band: AgeBand(c.ApplicantBirthDate, c.ArrivedOn!.Value)))
            .Select(g => new FlowLine(g.Key.Origin, g.Key.Destination, g.Key.Band, g.Sum(c => c.Persons)))
            .OrderByDescending(f => f.Persons).ThenBy(f => f.Origin, StringComparer.Ordinal).ThenBy(f => f.Destination, StringComparer.Ordinal).ToList();

        return new ResettlementMeasures(
            year, participants, north, Percent(north, participants), rules.NorthernReference(year), northern.Order(StringComparer.Ordinal).ToList(),
            quota, arrivals, paymentLines, refunds, cohorts, flows,
            "Persons count the whole family. Age bands are the applicant's age on arrival, from Koshi's own records (no published age breakdown exists). " +
            "Demo data, where loaded, is illustrative.");
    }

    public static string AgeBand(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
        return age switch { < 25 => "0-24", < 35 => "25-34", < 45 => "35-44", < 55 => "45-54", _ => "55+" };
    }

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}
