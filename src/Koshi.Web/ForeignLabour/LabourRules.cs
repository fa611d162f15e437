using System.Globalization;
using Koshi.Policy;

namespace Koshi.Web.ForeignLabour;

/// <summary>The fee the pack sets for a permit or an extension.</summary>
public sealed record FeeQuote(bool Exempt, decimal FeeMrp, decimal FeeKzt, decimal Mrp, string Rule, string Source);

/// <summary>The national quota of a year as the pack computes it.</summary>
public sealed record NationalQuota(int Year, long Total, long Household, IReadOnlyDictionary<string, long> ByPool, string Source);

/// <summary>
/// Foreign-labour law from the policy pack's rule sets (permit-terms, employer-fee, household-worker-tax,
/// foreign-labour-quota, local-content, vacancy-rule, skill-classification). Every answer carries the source the pack
/// gives; the platform holds no figure of the law itself.
/// </summary>
public sealed class LabourRules(PolicyPack pack)
{
    public string PackHash => pack.ContentHash;

    public RuleSetResult Evaluate(string ruleSet, DateOnly on, IReadOnlyDictionary<string, object?> inputs)
    {
        var rules = pack.RuleSet(ruleSet);
        return rules.Evaluate(rules.Case(inputs), on);
    }

    /// <summary>Whether the law allows the permit's type, category and term; <c>Field</c> names the request field at fault.</summary>
    public (bool Allowed, RuleCheck Check, string SectorGroup, string? Field) Terms(
        PermitType type, PermitCategory category, int durationDays, bool extension, string okedSection, DateOnly on)
    {
        var result = Evaluate("permit-terms", on, new Dictionary<string, object?>
        {
            ["permit_type"] = PackNames.Of(type),
            ["category"] = PackNames.Of(category),
            ["duration_days"] = durationDays,
            ["extension"] = extension,
            ["oked_section"] = okedSection,
        });
        var maxDays = result.Decimal("max_days");
        var detail = !result.Bool("category_fits")
            ? $"A {PackNames.Of(type)} permit cannot have category {PackNames.Of(category)}."
            : !result.Bool("term_fits") ? $"{durationDays} days is longer than the {maxDays} days the law allows for this permit."
            : extension && !result.Bool("extendable") ? "This permit cannot be extended."
            : $"{durationDays} days within the {maxDays} allowed.";
        var allowed = result.Bool("allowed");
        var field = !result.Bool("category_fits") ? "category" : !result.Bool("term_fits") ? "durationDays" : null;
        return (allowed, new RuleCheck("permit-terms", allowed, detail, Cite(result, "max_days", "category_fits", "extendable")),
            result.Text("sector_group"), field);
    }

    public FeeQuote Fee(PermitType type, PermitCategory category, string sectorGroup, int durationDays, DateOnly on)
    {
        switch (type)
        {
            case PermitType.Household:
                var months = Math.Clamp((durationDays + 29) / 30, 1, 12);
                var tax = Evaluate("household-worker-tax", on, new Dictionary<string, object?> { ["months"] = months });
                return new FeeQuote(false, tax.Decimal("iit_monthly_mrp") * months, tax.Decimal("iit_total_kzt"), Mrp(on),
                    $"household-worker-tax: prepaid income tax for {months} month(s)", Cite(tax, "iit_monthly_mrp"));
            case PermitType.BusinessImmigrant:
                return new FeeQuote(true, 0, 0, Mrp(on), "The pack sets no employer fee for business immigrants (C5 visa).", string.Empty);
        }

        var fee = Evaluate("employer-fee", on, new Dictionary<string, object?>
        {
            ["permit_type"] = PackNames.Of(type),
            ["category"] = type == PermitType.Employer ? PackNames.Of(category) : "none",
            ["sector_group"] = type == PermitType.Employer ? sectorGroup : "none",
            ["duration_days"] = durationDays,
        });
        var row = fee.Outputs.Single(o => o.Name == "fee_mrp").Rows is [var first, ..] ? first.Label : "fee table";
        return new FeeQuote(fee.Bool("fee_exempt"), fee.Decimal("fee_mrp"), fee.Decimal("fee_kzt"), Mrp(on), "employer-fee: " + row, Cite(fee, "fee_mrp", "fee_exempt"));
    }

    /// <summary>Whether the permit counts against a quota, and which pool: outside-quota types and EAEU citizens do not.</summary>
    public (string? Pool, RuleCheck Check) QuotaPool(PermitType type, PermitCategory category, string citizenship, DateOnly on)
    {
        var result = Evaluate("foreign-labour-quota", on, new Dictionary<string, object?>
        {
            ["permit_type"] = PackNames.Of(type),
            ["category"] = PackNames.Of(category),
            ["citizenship"] = citizenship,
        });
        var pool = PackNames.Pool(result.Text("quota_pool"), category);
        var why = result.Outputs.Single(o => o.Name == "in_quota").Rows is [var first, ..] ? first.Label : null;
        return (pool, new RuleCheck("quota-pool", true, pool is null ? $"Outside the quota: {why}." : $"Counts against the {pool} quota.", Cite(result, "in_quota")));
    }

    /// <summary>The national quota of the year, or null when the pack has no law for that year.</summary>
    public NationalQuota? TryNational(int year)
    {
        try
        {
            return year is >= 1 and <= 9998 ? National(year) : null;
        }
        catch (PolicyEvaluationException)
        {
            return null;
        }
    }

    public NationalQuota National(int year)
    {
        var on = new DateOnly(year, 12, 31);
        // The quota outputs do not depend on the permit; the rule set still needs a permit to read, so any valid one does.
        var result = Evaluate("foreign-labour-quota", on, new Dictionary<string, object?> { ["permit_type"] = "employer", ["category"] = "cat1", ["citizenship"] = "CN" });
        var byPool = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pool in new[] { "cat1", "cat2", "cat3", "cat4", "seasonal" })
        {
            byPool[pool] = (long)result.Decimal("quota_" + pool);
        }

        byPool["household"] = (long)result.Decimal("quota_household");
        return new NationalQuota(year, (long)result.Decimal("quota_national"), byPool["household"], byPool, Cite(result, "quota_national", "quota_cat1"));
    }

    public RuleCheck LocalContent(PermitType type, PermitCategory category, int kazakh, int foreignAfter, int ictAfter, DateOnly on)
    {
        var result = Evaluate("local-content", on, new Dictionary<string, object?>
        {
            ["category"] = PackNames.Of(category),
            ["kazakh_staff"] = kazakh,
            ["foreign_staff"] = Math.Max(1, foreignAfter),
            ["ict_staff"] = ictAfter,
        });
        if (type == PermitType.Ict)
        {
            var within = result.Bool("ict_within_limit");
            return new RuleCheck("ict-limit", within,
                $"{ictAfter} intra-corporate transferee(s) against {kazakh} Kazakh staff in the category after hiring.", Cite(result, "ict_within_limit"));
        }

        var met = result.Bool("local_content_met");
        return new RuleCheck("local-content", met,
            string.Create(CultureInfo.InvariantCulture, $"Kazakh citizens {result.Decimal("kazakh_share_pct")} % of the category after hiring; at least {result.Decimal("min_kazakh_share_pct")} % required."),
            Cite(result, "min_kazakh_share_pct", "local_content_met"));
    }

    public RuleCheck VacancyRule(DateOnly postedOn, DateOnly appliedOn)
    {
        var result = Evaluate("vacancy-rule", appliedOn, new Dictionary<string, object?> { ["posted_date"] = postedOn, ["application_date"] = appliedOn });
        var satisfied = result.Bool("satisfied");
        var minimum = result.Outputs.Single(o => o.Name == "satisfied").Parameters is [var used, ..] ? used.Value : "?";
        return new RuleCheck("vacancy-posted", satisfied,
            $"The vacancy has been public for {result.Decimal("days_posted")} day(s); at least {minimum} are required.", Cite(result, "satisfied"));
    }

    public (bool Skilled, RuleCheck Check) Skill(int iscoSkillLevel, Qualification qualification, int experienceYears, DateOnly on)
    {
        var result = Evaluate("skill-classification", on, new Dictionary<string, object?>
        {
            ["isco_skill_level"] = iscoSkillLevel,
            ["qualification"] = PackNames.Of(qualification),
            ["experience_years"] = Math.Min(experienceYears, 50),
        });
        var skilled = result.Bool("skilled");
        return (skilled, new RuleCheck("skill-classification", true,
            $"ISCO skill level {iscoSkillLevel}, {PackNames.Of(qualification)} qualification, {experienceYears} year(s): {(skilled ? "skilled" : "not skilled")}.",
            Cite(result, "skilled")));
    }

    /// <summary>The skilled-share target of the year (the trajectory to 95 % in 2030), or null outside the pack's years.</summary>
    public decimal? SkilledTarget(int year)
    {
        var parameter = pack.Parameter("labour.skilled_share_target");
        var value = parameter?.ValueOn(new DateOnly(year, 12, 31));
        return value is null ? null : Convert.ToDecimal(value.Value, CultureInfo.InvariantCulture);
    }

    public string? SkilledTargetSource(int year) => pack.Parameter("labour.skilled_share_target")?.ValueOn(new DateOnly(year, 12, 31)) is { } v
        ? v.Source ?? (v.Provisional ? "provisional: " + v.Note : null)
        : null;

    /// <summary>A number parameter as of the date, with its source (marked when provisional).</summary>
    public (decimal Value, string? Source) Number(string name, DateOnly on)
    {
        var value = pack.Parameter(name)?.ValueOn(on) ?? throw new PolicyEvaluationException($"the pack gives no value of '{name}' on {on:yyyy-MM-dd}");
        var source = value.Provisional ? $"{value.Source} (provisional: {value.Note})" : value.Source;
        return (Convert.ToDecimal(value.Value, CultureInfo.InvariantCulture), source);
    }

    public decimal Mrp(DateOnly on) =>
        Convert.ToDecimal(pack.Parameter("mrp")?.ValueOn(on)?.Value ?? throw new PolicyEvaluationException($"the pack has no MRP on {on:yyyy-MM-dd}"), CultureInfo.InvariantCulture);

    /// <summary>The sources of the named outputs and of every parameter they used, marked where provisional.</summary>
    private static string Cite(RuleSetResult result, params string[] outputs)
    {
        var parts = new List<string>();
        foreach (var output in result.Outputs.Where(o => outputs.Contains(o.Name)))
        {
            if (output.Source is { Length: > 0 } source)
            {
                parts.Add(source);
            }

            foreach (var parameter in output.Parameters)
            {
                var text = parameter.Source ?? (parameter.Provisional ? $"{parameter.Name} (provisional: {parameter.Note})" : null);
                if (text is not null && !parts.Contains(text))
                {
                    parts.Add(parameter.Provisional && parameter.Source is not null ? text + " (provisional)" : text);
                }
            }
        }

        return string.Join("; ", parts.Distinct());
    }
}
