using Koshi.Policy;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Analytics.Lab;

/// <summary>One fee invoice of the permit register as the fee rule set reads it: the inputs the platform fed when it fixed the
/// fee, and what it invoiced. Held in memory for the run only; the employer is an opaque key, never a name or BIN.</summary>
public sealed record RegisterFeeRow(Guid Permit, string Employer, PermitType Type, PermitCategory Category, string SectorGroup, int DurationDays,
    DateOnly QuotedOn, decimal InvoicedMrp, decimal InvoicedKzt);

/// <summary>Revenue of one group of invoices (a sector group or a permit category), baseline against reform.</summary>
public sealed record LabFeeGroup(string Group, int Invoices, decimal BaselineMrp, decimal ReformMrp, decimal BaselineKzt, decimal ReformKzt);

/// <summary>The fee reform over the permit register: revenue in MRP and tenge, by sector group and by category, and how many
/// employers pay more, less or the same. Counts and sums only: no permit, worker or employer is named.</summary>
public sealed record LabFeeResult(
    int Year, decimal MrpOfYear, decimal ReformMrpOfYear, int Permits, int Invoices, int Employers, int HouseholdLeftOut,
    decimal InvoicedMrp, decimal InvoicedKzt, decimal BaselineMrp, decimal ReformMrp, decimal BaselineKzt, decimal ReformKzt,
    int BaselineDiffers, IReadOnlyList<LabFeeGroup> BySectorGroup, IReadOnlyList<LabFeeGroup> ByCategory,
    int EmployersPayMore, int EmployersPayLess, int EmployersPaySame);

public sealed partial class LabService
{
    /// <summary>The rule set the register feeds: the employer's fee for a permit.</summary>
    public const string FeeRuleSet = "employer-fee";

    /// <summary>The as-of date of a register run of a year: the year's last day, or today while the year runs.</summary>
    public static DateOnly RegisterAsOf(int? year, DateOnly today) =>
        year is >= 2000 and <= 2100 && new DateOnly(year.Value, 12, 31) is var end && end < today ? end : today;

    /// <summary>Whether the permit register can be the population of the target.</summary>
    public static bool TakesRegister(LabTarget target) => target is { Kind: "ruleset", Id: FeeRuleSet };

    /// <summary>
    /// The permit register of a year as the fee rule set's population: every fee invoice (permit and extension, not cancelled) fixed in
    /// that year for a permit that was approved (paid or not), issued, or has since ended. Household permits pay income tax by another
    /// rule set and are left out (counted). Read on the server; the rows keep no names or passports.
    /// </summary>
    public async Task<LabPopulation?> RegisterAsync(KoshiDbContext db, LabTarget target, int? year, List<(string Field, string Message)> errors, CancellationToken ct)
    {
        if (!TakesRegister(target))
        {
            errors.Add(("population", LabProblems.Say("lab.error.register-ruleset", Text.Language, "ruleset:" + FeeRuleSet)));
            return null;
        }

        if (year is not (>= 2000 and <= 2100))
        {
            errors.Add(("year", LabProblems.Say("lab.error.year", Text.Language)));
            return null;
        }

        var (first, last) = (new DateOnly(year.Value, 1, 1), new DateOnly(year.Value, 12, 31));
        var closed = new[] { PermitStatus.Submitted, PermitStatus.Refused, PermitStatus.Withdrawn, PermitStatus.Lapsed };
        // One row an invoice of the year, filtered by the database and read as it streams: the register is never held whole.
        var invoices = db.WorkPermits.AsNoTracking()
            .Where(p => !closed.Contains(p.Status))
            .SelectMany(
                p => p.Invoices.Where(i => i.Status != InvoiceStatus.Cancelled && i.QuotedOn >= first && i.QuotedOn <= last),
                (p, i) => new { p.Id, p.EmployerId, p.OwnerId, p.Type, p.Category, p.SectorGroup, i.DurationDays, i.QuotedOn, i.FeeMrp, i.QuotedKzt })
            .AsAsyncEnumerable();
        var rows = new List<RegisterFeeRow>();
        var household = new HashSet<Guid>();
        await foreach (var i in invoices.WithCancellation(ct))
        {
            if (i.Type == PermitType.Household)
            {
                household.Add(i.Id);
                continue;
            }

            var employer = i.EmployerId?.ToString("N") ?? i.OwnerId;
            rows.Add(new RegisterFeeRow(i.Id, employer, i.Type, i.Category, i.SectorGroup, i.DurationDays, i.QuotedOn, i.FeeMrp.Amount, i.QuotedKzt.Amount));
        }

        if (rows.Count == 0)
        {
            errors.Add(("year", LabProblems.Say("lab.error.register-empty", Text.Language, year)));
            return null;
        }

        // The hash names the rows the run read (invoice inputs and amounts, no identities), so two runs over one register compare.
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows
            .OrderBy(r => r.Permit).ThenBy(r => r.QuotedOn).ThenBy(r => r.DurationDays)
            .Select(r => FormattableString.Invariant($"{r.Permit:N},{r.Type},{r.Category},{r.SectorGroup},{r.DurationDays},{r.QuotedOn:yyyy-MM-dd},{r.InvoicedMrp},{r.InvoicedKzt}")))));
        return new LabPopulation($"permit register, fees invoiced in {year}: {rows.Count} invoice(s) of {rows.Select(r => r.Permit).Distinct().Count()} permit(s)",
            "register:sha256:" + Convert.ToHexStringLower(digest), null, rows.Count, null, null)
        { Register = rows, RegisterYear = year.Value, HouseholdLeftOut = household.Count };
    }

    /// <summary>Every invoice's fee again under the pack in force and under the reform, through <see cref="LabourRules.Fee"/> with the
    /// inputs and date the platform used when it invoiced, so the baseline reproduces the register's invoices.</summary>
    private static LabFeeResult RunRegister(LabPopulation population, PolicyPack baselinePack, PolicyPack reformPack, IProgress<long> progress, CancellationToken ct)
    {
        var (baseline, reform) = (new LabourRules(baselinePack), new LabourRules(reformPack));
        var cache = new Dictionary<(bool, PermitType, PermitCategory, string, int, DateOnly), FeeQuote>();
        FeeQuote Quote(bool isReform, RegisterFeeRow r)
        {
            var key = (isReform, r.Type, r.Category, r.SectorGroup, r.DurationDays, r.QuotedOn);
            if (!cache.TryGetValue(key, out var quote))
            {
                quote = cache[key] = (isReform ? reform : baseline).Fee(r.Type, r.Category, r.SectorGroup, r.DurationDays, r.QuotedOn);
            }

            return quote;
        }

        var rows = population.Register!;
        var year = population.RegisterYear!.Value;
        var priced = new List<(RegisterFeeRow Row, FeeQuote Baseline, FeeQuote Reform)>(rows.Count);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            priced.Add((row, Quote(false, row), Quote(true, row)));
            if (priced.Count % 256 == 0)
            {
                progress.Report(priced.Count);
            }
        }

        progress.Report(priced.Count);
        List<LabFeeGroup> By(Func<RegisterFeeRow, string> group) => [.. priced.GroupBy(p => group(p.Row)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LabFeeGroup(g.Key, g.Count(), g.Sum(p => p.Baseline.FeeMrp), g.Sum(p => p.Reform.FeeMrp), g.Sum(p => p.Baseline.FeeKzt), g.Sum(p => p.Reform.FeeKzt)))];
        var employers = priced.GroupBy(p => p.Row.Employer).Select(g => g.Sum(p => p.Reform.FeeKzt) - g.Sum(p => p.Baseline.FeeKzt)).ToList();
        return new LabFeeResult(
            year, baseline.Mrp(new DateOnly(year, 1, 1)), reform.Mrp(new DateOnly(year, 1, 1)), rows.Select(r => r.Permit).Distinct().Count(), rows.Count, employers.Count, population.HouseholdLeftOut,
            rows.Sum(r => r.InvoicedMrp), rows.Sum(r => r.InvoicedKzt),
            priced.Sum(p => p.Baseline.FeeMrp), priced.Sum(p => p.Reform.FeeMrp), priced.Sum(p => p.Baseline.FeeKzt), priced.Sum(p => p.Reform.FeeKzt),
            priced.Count(p => p.Baseline.FeeMrp != p.Row.InvoicedMrp || p.Baseline.FeeKzt != p.Row.InvoicedKzt),
            By(r => r.Type == PermitType.Employer ? r.SectorGroup : "none"),
            By(r => r.Type == PermitType.Employer ? PackNames.Of(r.Category) : PackNames.Of(r.Type)),
            employers.Count(d => d > 0), employers.Count(d => d < 0), employers.Count(d => d == 0));
    }
}
