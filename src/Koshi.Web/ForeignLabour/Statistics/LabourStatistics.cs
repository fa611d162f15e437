using Koshi.Policy;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

public sealed record ShareLine(string Key, int Admitted, int Skilled)
{
    public decimal? SharePercent => Percent(Skilled, Admitted);

    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}

public sealed record TargetPoint(int Year, decimal? TargetPercent, string? Source);

public sealed record SkilledShare(
    int Year, int Admitted, int Skilled, decimal? SharePercent, decimal? TargetPercent, string? TargetSource,
    IReadOnlyList<TargetPoint> Trajectory, IReadOnlyList<ShareLine> ByRegion, IReadOnlyList<ShareLine> BySector, IReadOnlyList<ShareLine> ByCountry);

/// <summary>Statistics of admission: the skilled share of the workers admitted, against the pack's path to its target.</summary>
public sealed class LabourStatistics(KoshiDbContext db, LabourRules rules)
{
    /// <summary>The share of skilled workers among those admitted in the year (permits issued), overall and by region, sector and country.</summary>
    public async Task<SkilledShare> SkilledShareAsync(int year, CancellationToken ct)
    {
        // Only the permit kinds the pack counts (household workers and business immigrants are outside the share).
        var on = new DateOnly(year, 12, 31);
        List<PermitType> counted;
        try
        {
            counted = Enum.GetValues<PermitType>().Where(t => rules.Skill(t, PermitCategory.None, "XX", on).Counted).ToList();
        }
        catch (PolicyEvaluationException)
        {
            counted = [.. Enum.GetValues<PermitType>()];
        }

        var rows = await db.WorkPermits
            .Where(p => p.QuotaYear == year && counted.Contains(p.Type) && (p.Status == PermitStatus.Issued || p.Status == PermitStatus.Revoked || p.Status == PermitStatus.Ended))
            .GroupBy(p => new { p.Region, p.OkedSection, p.WorkerCitizenship, p.Skilled })
            .Select(g => new { g.Key.Region, g.Key.OkedSection, g.Key.WorkerCitizenship, g.Key.Skilled, Count = g.Count() })
            .ToListAsync(ct);
        static List<ShareLine> By<TKey>(IEnumerable<(TKey Key, bool Skilled, int Count)> lines, Func<TKey, string> name) where TKey : notnull =>
            lines.GroupBy(l => l.Key).Select(g => new ShareLine(name(g.Key), g.Sum(l => l.Count), g.Where(l => l.Skilled).Sum(l => l.Count)))
                .OrderByDescending(l => l.Admitted).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();

        var admitted = rows.Sum(r => r.Count);
        var skilled = rows.Where(r => r.Skilled).Sum(r => r.Count);
        var trajectory = rules.SkilledTargetYears().Select(y => new TargetPoint(y, rules.SkilledTarget(y), rules.SkilledTargetSource(y))).ToList();
        return new SkilledShare(
            year, admitted, skilled, ShareLine.Percent(skilled, admitted), rules.SkilledTarget(year), rules.SkilledTargetSource(year), trajectory,
            By(rows.Select(r => (r.Region.Value, r.Skilled, r.Count)), k => k),
            By(rows.Select(r => (r.OkedSection.Value, r.Skilled, r.Count)), k => k),
            By(rows.Select(r => (r.WorkerCitizenship.Value, r.Skilled, r.Count)), k => k));
    }
}
