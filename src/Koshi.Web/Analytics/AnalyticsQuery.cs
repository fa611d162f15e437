using Koshi.Policy;
using Koshi.Web.Agencies;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Koshi.Web.Residence.Scoring;
using Koshi.Web.Resettlement;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Analytics;

/// <summary>The dashboard's filters: a year and, optionally, one region.</summary>
public sealed record AnalyticsFilter(int Year, string? Region);

/// <summary>Every table of the dashboard for one filter, in the catalogue's order.</summary>
public sealed record Dashboard(AnalyticsFilter Filter, DateOnly Today, int? LimitDays, IReadOnlyList<Dataset> Tables)
{
    public Dataset this[string name] => Tables.Single(t => t.Name == name);
}

/// <summary>
/// Gathers the ministry's measures from the capabilities' own queries (skilled share, quota, resettlement and agency
/// measures); only the residence pipeline is counted here, from the applications' stages and dates. Aggregates only.
/// </summary>
public sealed class AnalyticsQuery(
    KoshiDbContext db, LabourStatistics labour, QuotaAdministration quotas, ResettlementMeasuresQuery resettlement, AgenciesService agencies, IResidenceScoring scoring, TimeProvider time)
{
    public const int FirstYear = 2022;

    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    /// <summary>Reads the filters; a bad year or region is named in <paramref name="errors"/>.</summary>
    public AnalyticsFilter Filter(int? year, string? region, List<(string Field, string Message)> errors)
    {
        if (year is { } y && (y < FirstYear || y > Today.Year + 5))
        {
            errors.Add(("year", $"A year from {FirstYear} to {Today.Year + 5}."));
        }

        string? code = null;
        if (!string.IsNullOrEmpty(region))
        {
            if (RegionCode.TryParse(region, out var parsed) && parsed is { } r)
            {
                code = r.Value;
            }
            else
            {
                errors.Add(("region", "A region code such as KZ-71 (see /api/v1/reference/regions)."));
            }
        }

        return new AnalyticsFilter(year ?? Today.Year, code);
    }

    public async Task<Dashboard> LoadAsync(Actor actor, AnalyticsFilter filter, CancellationToken ct)
    {
        var (year, region) = (filter.Year, filter.Region);
        var today = Today;
        int? limit;
        try
        {
            limit = scoring.PilotTermsOn(today).ProcessingDays;
        }
        catch (Exception e) when (e is PolicyEvaluationException or ScoringUnavailableException)
        {
            limit = null;
        }

        // Skilled share: every year from the first target year (or the filter's year) to this year, against the path.
        var share = await labour.SkilledShareAsync(year, ct);
        var years = share.Trajectory.Select(p => p.Year).Append(year).Where(y => y <= today.Year).Distinct().Order().ToList();
        var shareRows = new List<object?[]>();
        foreach (var y in years)
        {
            var s = y == year ? share : await labour.SkilledShareAsync(y, ct);
            var (admitted, skilled) = region is null ? (s.Admitted, s.Skilled)
                : s.ByRegion.FirstOrDefault(l => l.Key == region) is { } line ? (line.Admitted, line.Skilled) : (0, 0);
            shareRows.Add([y, admitted, skilled, ShareLine.Percent(skilled, admitted), s.TargetPercent]);
        }

        foreach (var p in share.Trajectory.Where(p => p.Year > today.Year && p.Year >= (years.Count == 0 ? 0 : years[0])))
        {
            shareRows.Add([p.Year, null, null, null, p.TargetPercent]);
        }

        var regionCode = region is null ? (RegionCode?)null : RegionCode.TryParse(region, out var rc) ? rc : null;
        var quota = await quotas.QuotaFor(actor, year, regionCode).AsNoTracking().ToListAsync(ct);
        var quotaRows = quota.OrderBy(q => q.Region.Value, StringComparer.Ordinal).ThenBy(q => PackNames.Pools.ToList().IndexOf(q.Pool))
            .Select(q => new object?[] { year, q.Region.Value, q.Pool, q.Seats, q.Used, ShareLine.Percent(q.Used, q.Seats) }).ToList();

        var (stages, timeliness, allDays) = await ResidenceAsync(year, region, today, limit, ct);

        var measures = await resettlement.ForAsync(actor, year, ct);
        var rsQuota = measures.QuotaFill.Where(q => region is null || q.Region == region)
            .Select(q => new object?[] { year, q.Region, q.Programme, q.Seats, q.Used, q.FillPercent }).ToList();

        var agency = await agencies.MeasuresAsync(ct);
        IEnumerable<(string Status, int Count)> statuses = region is null
            ? agency.ByStatus.Select(s => (s.Key, s.Value))
            : agency.ByRegion.Where(r => r.Region == region).SelectMany(r => new[] { ("pending", r.Pending), ("active", r.Active), ("suspended", r.Suspended), ("excluded", r.Excluded) });
        string[] statusOrder = ["pending", "active", "suspended", "excluded"];
        var statusRows = statusOrder.Select(s => new object?[] { s, statuses.Where(x => x.Status == s).Sum(x => x.Count) }).ToList();

        var decided = timeliness.Sum(r => (int)r[3]!);
        var approved = timeliness.Sum(r => (int)r[4]!);
        var within = timeliness.Sum(r => (int)r[7]!);
        var quotaSeats = quota.Sum(q => q.Seats);
        var quotaUsed = quota.Sum(q => q.Used);
        var targeted = agency.HitRates.FirstOrDefault(h => h.Selection == "targeted");
        var rsSeats = rsQuota.Sum(r => (int)r[3]!);
        var rsUsed = rsQuota.Sum(r => (int)r[4]!);
        var (admittedNow, skilledNow) = shareRows.Where(r => (int)r[0]! == year).Select(r => ((int?)r[1] ?? 0, (int?)r[2] ?? 0)).FirstOrDefault();
        var kpis = new List<object?[]>
        {
            new object?[] { "skilled-share", ShareLine.Percent(skilledNow, admittedNow), share.TargetPercent, "percent", share.TargetSource },
            new object?[] { "quota-use", ShareLine.Percent(quotaUsed, quotaSeats), null, "percent", null },
            new object?[] { "residence-pass-rate", ShareLine.Percent(approved, decided), null, "percent", null },
            new object?[] { "residence-median-days", Median(allDays), limit is null ? null : (decimal)limit, "days", null },
            new object?[] { "residence-within-limit", ShareLine.Percent(within, decided), 100m, "percent", null },
            new object?[] { "residence-overdue", (decimal)timeliness.Sum(r => (int)r[9]!), 0m, "count", null },
            new object?[] { "resettlement-northern-share", measures.NorthernSharePercent, measures.NorthernReferencePercent, "percent", null },
            new object?[] { "resettlement-quota-fill", ShareLine.Percent(rsUsed, rsSeats), null, "percent", null },
            new object?[] { "agencies-active", (decimal)(int)statusRows[1][1]!, null, "count", null },
            new object?[] { "agencies-targeted-hit-rate", targeted?.HitRatePercent, null, "percent", null },
        };

        return new Dashboard(filter, today, limit,
        [
            Catalogue.Kpis.With(kpis),
            Catalogue.SkilledShare.With(shareRows),
            Catalogue.QuotaUse.With(quotaRows),
            Catalogue.Countries.With([.. share.ByCountry.Select(l => new object?[] { year, l.Key, l.Admitted, l.Skilled, l.SharePercent })]),
            Catalogue.Sectors.With([.. share.BySector.Select(l => new object?[] { year, l.Key, l.Admitted, l.Skilled, l.SharePercent })]),
            Catalogue.ResidenceStages.With(stages),
            Catalogue.ResidenceTimeliness.With(timeliness),
            Catalogue.ResettlementQuota.With(rsQuota),
            Catalogue.Northern.With([[year, measures.Participants, measures.NorthernParticipants, measures.NorthernSharePercent, measures.NorthernReferencePercent]]),
            Catalogue.AgencyStatus.With(statusRows),
            Catalogue.HitRates.With([.. agency.HitRates.Select(h => new object?[] { h.Selection, h.Planned, h.Done, h.FoundViolation, h.HitRatePercent })]),
        ]);
    }

    private sealed record Application(string Region, ResidenceStage Stage, DateOnly LodgedOn, int ProcessingDays, DateTimeOffset? DecidedAt);

    private async Task<List<Application>> ApplicationsAsync(int year, string? region, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var rows = db.ResidenceApplications.AsNoTracking().Where(a => a.LodgedOn >= from && a.LodgedOn <= to);
        if (region is not null && RegionCode.TryParse(region, out var code) && code is { } r)
        {
            rows = rows.Where(a => a.Region == r);
        }

        // Only the columns counted: no name, IIN or answers leave the database for this view.
        var list = await rows.Select(a => new { a.Region, a.Stage, a.LodgedOn, a.ProcessingDays, DecidedAt = a.Decision == null ? (DateTimeOffset?)null : a.Decision.DecidedAt })
            .ToListAsync(ct);
        return [.. list.Select(a => new Application(a.Region.Value, a.Stage, a.LodgedOn, a.ProcessingDays, a.DecidedAt))];
    }

    private async Task<(List<object?[]> Stages, List<object?[]> Timeliness, List<int> Days)> ResidenceAsync(int year, string? region, DateOnly today, int? limit, CancellationToken ct)
    {
        var apps = await ApplicationsAsync(year, region, ct);
        var stages = apps.GroupBy(a => (a.Region, a.Stage)).OrderBy(g => g.Key.Region, StringComparer.Ordinal).ThenBy(g => g.Key.Stage)
            .Select(g => new object?[] { year, g.Key.Region, g.Key.Stage.ToString(), g.Count() }).ToList();
        var timeliness = apps.GroupBy(a => a.Region).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var decided = g.Where(a => a.Stage is ResidenceStage.Approved or ResidenceStage.Refused && a.DecidedAt is not null).ToList();
            var days = decided.Select(a => LegalClock.DateOf(a.DecidedAt!.Value).DayNumber - a.LodgedOn.DayNumber).ToList();
            var open = g.Where(a => a.Stage is not (ResidenceStage.Approved or ResidenceStage.Refused or ResidenceStage.Withdrawn)).ToList();
            var approved = decided.Count(a => a.Stage == ResidenceStage.Approved);
            return new object?[]
            {
                year, g.Key, g.Count(), decided.Count, approved, ShareLine.Percent(approved, decided.Count), Median(days),
                decided.Count(a => LegalClock.DateOf(a.DecidedAt!.Value) <= a.LodgedOn.AddDays(a.ProcessingDays)),
                open.Count, open.Count(a => today > a.LodgedOn.AddDays(a.ProcessingDays)), limit,
            };
        }).ToList();
        var all = apps.Where(a => a.Stage is ResidenceStage.Approved or ResidenceStage.Refused && a.DecidedAt is not null)
            .Select(a => LegalClock.DateOf(a.DecidedAt!.Value).DayNumber - a.LodgedOn.DayNumber).ToList();
        return (stages, timeliness, all);
    }

    public static decimal? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }
}
