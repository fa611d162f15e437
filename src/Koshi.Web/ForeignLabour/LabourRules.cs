using System.Globalization;
using Koshi.Web.Reference;
using Koshi.Policy;

namespace Koshi.Web.ForeignLabour;

/// <summary>The fee the pack sets for a permit or an extension.</summary>
public sealed record FeeQuote(bool Exempt, decimal FeeMrp, decimal FeeKzt, decimal Mrp, string Rule, string Source);

/// <summary>
/// The national quota of a year as the pack computes it: <c>Total</c> is the sum of the employer pools it is split into;
/// <c>Published</c> is the total the ministry announced, which may differ when an increase was not split by category.
/// </summary>
public sealed record NationalQuota(int Year, long Total, long Household, IReadOnlyDictionary<string, long> ByPool, string Source, long Published = 0)
{
    public long Unsplit => Published - Total;
}

/// <summary>Whether the worker needs a permit at all, and why not (the pack's row label) when not.</summary>
public sealed record PermitRequirement(bool Required, string? Why, string Source);

/// <summary>The facts that exempt a worker from needing a permit, passed to the pack as its rule set's inputs.</summary>
public sealed record Exemptions(bool HoldsResidencePermit = false, bool FamilyReunification = false, bool FullyForeignOwnedEmployer = false);

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
    /// <remarks>Without an OKED section the pack's default for the input applies.</remarks>
    public (bool Allowed, RuleCheck Check, string SectorGroup, string? Field) Terms(
        PermitType type, PermitCategory category, int durationDays, bool extension, string? okedSection, DateOnly on, int extensionsSoFar = 0)
    {
        var result = Evaluate("permit-terms", on, new Dictionary<string, object?>
        {
            ["permit_type"] = PackNames.Of(type),
            ["category"] = PackNames.Of(category),
            ["duration_days"] = durationDays,
            ["extension"] = extension,
            ["extensions_so_far"] = extensionsSoFar,
            ["oked_section"] = okedSection,
        });
        var maxDays = result.Decimal("max_days");
        var detail = !result.Bool("category_fits")
            ? $"A {PackNames.Of(type)} permit cannot have category {PackNames.Of(category)}."
            : !result.Bool("term_fits") ? string.Create(CultureInfo.InvariantCulture, $"{durationDays} days is longer than the {maxDays} days the law allows for this permit.")
            : extension && !result.Bool("extendable") ? "This permit cannot be extended."
            : extension && !result.Bool("extensions_left") ? string.Create(CultureInfo.InvariantCulture, $"This permit has been extended {extensionsSoFar} time(s), the most the law allows.")
            : string.Create(CultureInfo.InvariantCulture, $"{durationDays} days within the {maxDays} allowed.");
        var allowed = result.Bool("allowed");
        var field = !result.Bool("category_fits") ? "category" : !result.Bool("term_fits") ? "durationDays" : null;
        return (allowed, new RuleCheck("permit-terms", allowed, detail, result.Cite("max_days", "category_fits", "extendable", "extensions_left")),
            result.Text("sector_group"), field);
    }

    public FeeQuote Fee(PermitType type, PermitCategory category, string sectorGroup, int durationDays, DateOnly on, bool taxResident = false)
    {
        switch (type)
        {
            case PermitType.Household:
                var tax = Evaluate("household-worker-tax", on, new Dictionary<string, object?> { ["duration_days"] = durationDays, ["tax_resident"] = taxResident });
                var months = tax.Decimal("months");
                return new FeeQuote(false, tax.Decimal("iit_monthly_mrp") * months, tax.Decimal("iit_total_kzt"), Mrp(on),
                    string.Create(CultureInfo.InvariantCulture, $"household-worker-tax: prepaid income tax for {months} month(s)"), tax.Cite("months", "iit_monthly_mrp"));
        }

        var fee = Evaluate("employer-fee", on, new Dictionary<string, object?>
        {
            ["permit_type"] = PackNames.Of(type),
            ["category"] = type == PermitType.Employer ? PackNames.Of(category) : "none",
            ["sector_group"] = type == PermitType.Employer ? sectorGroup : "none",
            ["duration_days"] = durationDays,
        });
        var row = fee.Outputs.Single(o => o.Name == "fee_mrp").Rows is [var first, ..] ? first.Label : "fee table";
        return new FeeQuote(fee.Bool("fee_exempt"), fee.Decimal("fee_mrp"), fee.Decimal("fee_kzt"), Mrp(on), "employer-fee: " + row, fee.Cite("fee_mrp", "fee_exempt"));
    }

    /// <summary>Whether the worker needs a permit at all: EAEU citizens and the other exempt groups need none, and so pay no fee.</summary>
    public PermitRequirement Requirement(PermitType type, PermitCategory category, string citizenship, Exemptions exemptions, DateOnly on)
    {
        var result = Evaluate("foreign-labour-quota", on, QuotaInputs(type, category, citizenship, exemptions));
        var required = result.Bool("permit_required");
        var why = result.Outputs.Single(o => o.Name == "permit_required").Rows is [var first, ..] ? first.Label : null;
        return new PermitRequirement(required, required ? null : why, result.Cite("permit_required"));
    }

    /// <summary>Whether the permit counts against a quota, and which pool: outside-quota types and EAEU citizens do not.</summary>
    public (string? Pool, RuleCheck Check) QuotaPool(PermitType type, PermitCategory category, string citizenship, DateOnly on, Exemptions? exemptions = null)
    {
        var result = Evaluate("foreign-labour-quota", on, QuotaInputs(type, category, citizenship, exemptions ?? new Exemptions()));
        var pool = PackNames.Pool(result.Text("quota_pool"), category);
        var why = result.Outputs.Single(o => o.Name == "in_quota").Rows is [var first, ..] ? first.Label : null;
        return (pool, new RuleCheck("quota-pool", true, pool is null ? $"Outside the quota: {why}." : $"Counts against the {pool} quota.", result.Cite("in_quota")));
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
        return new NationalQuota(year, (long)result.Decimal("quota_national"), byPool["household"], byPool,
            result.Cite("quota_national", "quota_published", "quota_cat1"), (long)result.Decimal("quota_published"));
    }

    /// <summary>
    /// The local-content ratio, pooled over categories 1–2 and 3–4, on the staff declaration in force plus the permits
    /// the employer holds or has applied for (<paramref name="onPermits"/>, by category 1–4, intra-corporate transfers apart).
    /// </summary>
    public RuleCheck LocalContent(PermitType type, PermitCategory category, StaffDeclaration staff, IReadOnlyList<int> onPermits, int ictInCategory, DateOnly on)
    {
        var isIct = type == PermitType.Ict;
        var foreign = Enumerable.Range(0, 4).Select(i => staff.Foreign[i] + onPermits[i]).ToArray();
        var employeesBefore = staff.Kazakh.Sum() + foreign.Sum() + ictInCategory;
        foreign[(int)category - 1] += isIct ? 0 : 1;
        var result = Evaluate("local-content", on, new Dictionary<string, object?>
        {
            ["category"] = PackNames.Of(category),
            ["kazakh_cat1_2"] = staff.Kazakh[0] + staff.Kazakh[1],
            ["foreign_cat1_2"] = foreign[0] + foreign[1],
            ["kazakh_cat3_4"] = staff.Kazakh[2] + staff.Kazakh[3],
            ["foreign_cat3_4"] = foreign[2] + foreign[3],
            ["ict_staff"] = ictInCategory + (isIct ? 1 : 0),
            ["kazakh_in_category"] = staff.KazakhIn(category),
            ["employees_before"] = employeesBefore,
        });
        if (isIct)
        {
            var within = result.Bool("ict_within_limit");
            return new RuleCheck("ict-limit", within,
                $"{ictInCategory + 1} intra-corporate transferee(s) against {staff.KazakhIn(category)} Kazakh staff in the category after hiring.", result.Cite("ict_within_limit"));
        }

        var met = result.Bool("local_content_met");
        var pool = result.Text("pool") == "cat1_2" ? "categories 1–2" : "categories 3–4";
        var detail = result.Bool("small_firm")
            ? $"{employeesBefore} employee(s): small employers are exempt from the local-content ratio."
            : string.Create(CultureInfo.InvariantCulture, $"Kazakh citizens {result.Decimal("kazakh_share_pct")} % of {pool} together after hiring; at least {result.Decimal("min_kazakh_share_pct")} % required.");
        return new RuleCheck("local-content", met, detail, result.Cite("min_kazakh_share_pct", "local_content_met", "small_firm"));
    }

    /// <summary>How many days a staff declaration must have stood before it counts for the local-content check.</summary>
    public int DeclarationLeadDays(DateOnly on) => (int)Number("labour.local_content.declaration_lead_days", on).Value;

    /// <summary>Whether the vacancy backs the application: public long enough, and the same job, region and category with a position left.</summary>
    public RuleCheck VacancyRule(Vacancy vacancy, PermitRequest request, int permitsOnVacancy, DateOnly appliedOn)
    {
        var result = Evaluate("vacancy-rule", appliedOn, new Dictionary<string, object?>
        {
            ["posted_date"] = vacancy.PostedOn,
            ["application_date"] = appliedOn,
            ["vacancy_isco"] = vacancy.Isco.Value,
            ["application_isco"] = request.Isco.Value,
            ["vacancy_region"] = vacancy.Region.Value,
            ["application_region"] = request.Region.Value,
            ["vacancy_category"] = PackNames.Of(vacancy.Category),
            ["application_category"] = PackNames.Of(request.Category),
            ["vacancy_positions"] = Math.Max(1, vacancy.Positions),
            ["permits_on_vacancy"] = permitsOnVacancy,
        });
        var satisfied = result.Bool("satisfied");
        var detail = !result.Bool("period_over")
            ? string.Create(CultureInfo.InvariantCulture, $"The vacancy has been public for {result.Decimal("days_posted")} day(s); an application may be filed from {(DateOnly)result["earliest_application_date"]:yyyy-MM-dd}.")
            : !result.Bool("same_occupation") ? $"The vacancy is for occupation {vacancy.Isco}, the application for {request.Isco}."
            : !result.Bool("same_region") ? $"The vacancy is in {vacancy.Region.Value}, the application for {request.Region.Value}."
            : !result.Bool("same_category") ? $"The vacancy is for {PackNames.Of(vacancy.Category)}, the application for {PackNames.Of(request.Category)}."
            : !result.Bool("positions_free") ? string.Create(CultureInfo.InvariantCulture, $"All {vacancy.Positions} position(s) of the vacancy already back a permit or an application.")
            : string.Create(CultureInfo.InvariantCulture, $"The vacancy has been public for {result.Decimal("days_posted")} day(s) and backs this application ({result.Decimal("positions_left")} position(s) left before it).");
        return new RuleCheck("vacancy-posted", satisfied, detail, result.Cite("satisfied", "earliest_application_date", "positions_free"))
        {
            Code = satisfied ? null : result.Bool("period_over") ? "vacancy-mismatch" : "vacancy-too-recent",
        };
    }

    /// <summary>Skilled by permit category, and whether the permit counts in the skilled share at all.</summary>
    public (bool Counted, bool Skilled, RuleCheck Check) Skill(PermitType type, PermitCategory category, string citizenship, DateOnly on)
    {
        var result = Evaluate("skill-classification", on, new Dictionary<string, object?>
        {
            ["permit_type"] = PackNames.Of(type),
            ["category"] = PackNames.Of(category),
            ["citizenship"] = citizenship,
        });
        var (counted, skilled) = (result.Bool("counted"), result.Bool("skilled"));
        var detail = !counted ? $"A {PackNames.Of(type)} permit is outside the skilled share."
            : $"{PackNames.Of(type)} permit, category {PackNames.Of(category)}: {(skilled ? "skilled" : "not skilled")}.";
        return (counted, skilled, new RuleCheck("skill-classification", true, detail, result.Cite("counted", "skilled")));
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

    /// <summary>The working days the local executive body has to decide a permit application lodged on the day (the earliest value
    /// of the pack for a day before it).</summary>
    public int PermitDecisionWorkingDays(DateOnly lodged)
    {
        var parameter = pack.Parameter(PermitDecisionTerm.Parameter) ?? throw new PolicyEvaluationException($"the pack has no '{PermitDecisionTerm.Parameter}'");
        var value = parameter.ValueOn(lodged) ?? parameter.Values[0];
        return Convert.ToInt32(value.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>A fee in MRP in tenge as of the day (the MRP of that day, rounded as the pack rounds money).</summary>
    public Tenge InTenge(Mrp fee, DateOnly on) =>
        Tenge.Of(Evaluate("fee-in-tenge", on, new Dictionary<string, object?> { ["fee_mrp"] = fee.Amount }).Decimal("fee_kzt"));

    /// <summary>Whether the pool's seats are allocated by ranked rounds on the day (the pack's <c>labour.ranked_pools</c>).</summary>
    public bool IsRanked(string? pool, DateOnly on) =>
        pool is not null && pack.Parameter("labour.ranked_pools")?.ValueOn(on)?.Value is IEnumerable<string> pools && pools.Contains(pool);

    /// <summary>The pools ranked on the day.</summary>
    public IReadOnlyList<string> RankedPools(DateOnly on) =>
        pack.Parameter("labour.ranked_pools")?.ValueOn(on)?.Value is IEnumerable<string> pools ? pools.ToList() : [];

    /// <summary>The scheduled round's slot for the day: the month's first day, and the day the round falls due in it.</summary>
    public (DateOnly Slot, DateOnly Due) RoundSlot(DateOnly on)
    {
        var day = (int)Number("labour.round_day_of_month", on).Value;
        var slot = new DateOnly(on.Year, on.Month, 1);
        return (slot, slot.AddDays(Math.Clamp(day, 1, DateTime.DaysInMonth(on.Year, on.Month)) - 1));
    }

    /// <summary>How many days an application may wait in a ranked pool, with the source.</summary>
    public (int Days, string? Source) PoolWaitLimit(DateOnly on)
    {
        var (value, source) = Number("labour.pool_wait_limit_days", on);
        return ((int)value, source);
    }

    /// <summary>The source of the ranked-pool list in force on the day, marked when provisional.</summary>
    public string? RankedPoolsSource(DateOnly on) => pack.Parameter("labour.ranked_pools")?.ValueOn(on) is { } v
        ? v.Provisional ? (v.Source is null ? $"provisional: {v.Note}" : $"{v.Source} (provisional: {v.Note})") : v.Source
        : null;

    /// <summary>
    /// The worker's assessment by the pack's <c>worker-assessment</c> scheme: the occupation's demand in the region
    /// (the <c>occupation-demand</c> rule set), the facts the officer has not rejected, points and the tier, the
    /// explanation, and the single changes that would raise the points (a ranking scheme has no pass mark to reach).
    /// </summary>
    public WorkerScore Assess(WorkerFacts facts, string isco, RegionCode region, DateOnly lodgedOn)
    {
        var demand = Evaluate("occupation-demand", lodgedOn, new Dictionary<string, object?> { ["region"] = region.Value, ["isco"] = isco });
        var inputs = new Dictionary<string, object?>
        {
            ["lodgement_date"] = lodgedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["education"] = PackNames.Of(facts.Education),
            ["education_relevant"] = facts.EducationRelevant,
            ["experience_years"] = facts.ExperienceYears,
            ["qualification_recognised"] = facts.QualificationRecognised,
            ["language_level"] = facts.LanguageLevel,
            ["on_national_list"] = demand.Bool("on_national_list"),
            ["regional_shortage"] = demand.Bool("regional_shortage"),
        };
        var scheme = pack.Scheme(Koshi.Web.Platform.PackContract.WorkerScheme);
        SchemeResult Score(Dictionary<string, object?> values) =>
            scheme.Evaluate(scheme.ReadCase(System.Text.Json.JsonSerializer.Serialize(values)), lodgedOn);
        var result = Score(inputs);
        var raises = new List<WorkerRaise>();
        foreach (var input in scheme.Inputs.Where(i => i.Changeable))
        {
            var from = inputs[input.Name];
            var to = input.Kind switch
            {
                InputKind.Bool when from is false => true,
                InputKind.Enum => input.Values.SkipWhile(v => v.Id != (string?)from).Skip(1).Select(v => (object?)v.Id).FirstOrDefault(),
                _ => null,
            };
            var candidates = input.Kind == InputKind.Integer && from is int years
                ? Enumerable.Range(years + 1, 10).Where(y => input.Max is null || y <= input.Max).Select(y => (object?)y)
                : to is null ? [] : [to];
            foreach (var candidate in candidates)
            {
                var changed = new Dictionary<string, object?>(inputs) { [input.Name] = candidate };
                var total = Score(changed).Total;
                if (total > result.Total)
                {
                    raises.Add(new WorkerRaise(input.Name, Convert.ToString(from, CultureInfo.InvariantCulture)!.ToLowerInvariant(),
                        Convert.ToString(candidate, CultureInfo.InvariantCulture)!.ToLowerInvariant(), total - result.Total));
                    break;
                }
            }
        }

        var tier = Evaluate("worker-tier", lodgedOn, new Dictionary<string, object?> { ["points"] = (int)result.Total }).Text("tier");
        return new WorkerScore((int)result.Total, tier, demand.Bool("in_demand"), result.LawDate, pack.ContentHash, result.ToJson(), raises);
    }

    /// <summary>Whether the pack's worker-tier reads the points as a qualified worker (for the rounds' measures).</summary>
    public bool Qualified(int points, DateOnly on) =>
        Evaluate("worker-tier", on, new Dictionary<string, object?> { ["points"] = points }).Bool("qualified");

    /// <summary>The years the pack sets a skilled-share target for.</summary>
    public IReadOnlyList<int> SkilledTargetYears() =>
        pack.Parameter("labour.skilled_share_target")?.Values.Select(v => v.From.Year).Distinct().Order().ToList() ?? [];

    /// <summary>The ages a foreign worker may have on the day.</summary>
    public (int Min, int Max) WorkerAge(DateOnly on) =>
        ((int)Number("labour.worker_min_age", on).Value, (int)Number("labour.worker_max_age", on).Value);

    /// <summary>The value of one MRP in tenge on the day.</summary>
    public Tenge MrpInTenge(DateOnly on) => Tenge.Of(Mrp(on));

    public decimal Mrp(DateOnly on) =>
        Convert.ToDecimal(pack.Parameter("mrp")?.ValueOn(on)?.Value ?? throw new PolicyEvaluationException($"the pack has no MRP on {on:yyyy-MM-dd}"), CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> QuotaInputs(PermitType type, PermitCategory category, string citizenship, Exemptions exemptions) => new()
    {
        ["permit_type"] = PackNames.Of(type),
        ["category"] = PackNames.Of(category),
        ["citizenship"] = citizenship,
        ["holds_residence_permit"] = exemptions.HoldsResidencePermit,
        ["family_reunification"] = exemptions.FamilyReunification,
        ["fully_foreign_owned_employer"] = exemptions.FullyForeignOwnedEmployer,
    };
}
