using System.Globalization;
using Koshi.Policy;
using Koshi.Web.ForeignLabour;

namespace Koshi.Web.Resettlement;

/// <summary>What the support rule set answers for a family on a date: the gates with their sources, and the amounts.</summary>
public sealed record SupportQuote(bool Eligible, IReadOnlyList<RuleCheck> Checks, decimal RelocationKzt, decimal RentMonthlyKzt, int RentMonths, decimal CertificateKzt, string Source);

/// <summary>The refund the pack computes for one paid support payment.</summary>
public sealed record RefundQuote(bool Owes, decimal RefundKzt, string Basis, int UnservedMonths, int InstalmentsMax, string Source);

/// <summary>
/// Resettlement law from the policy pack: eligibility gates and support amounts (resettlement-support), the refund on
/// early departure (resettlement-refund), quotas, northern regions and the social contract's term. No figure of the law
/// is held here.
/// </summary>
public sealed class ResettlementRules(PolicyPack pack)
{
    private static readonly string[] Gates = ["destination_allowed", "origin_allowed", "job_seeker_registered", "registration_long_enough", "kandas_status_met"];

    public string PackHash => pack.ContentHash;

    public SupportQuote Support(ResettlementApplication application, int familySize, DateOnly on)
    {
        var rules = pack.RuleSet("resettlement-support");
        var result = rules.Evaluate(rules.Case(new Dictionary<string, object?>
        {
            ["kind"] = application.Programme == Programme.Kandas ? "kandas" : "resettler",
            ["origin_region"] = application.Origin,
            ["registered_job_seeker"] = application.RegisteredJobSeeker,
            ["permanent_registration_months"] = Math.Min(application.PermanentRegistrationMonths, 1200),
            ["kandas_condition"] = application.KandasCondition,
            ["family_size"] = Math.Min(familySize, 20),
            ["months"] = 12,
            ["housing_cost"] = application.HousingCost,
            ["destination_region"] = application.Destination.Value,
        }), on);
        var checks = Gates.Select(gate =>
        {
            var output = result.Outputs.Single(o => o.Name == gate);
            var passed = result.Bool(gate);
            var title = output.Title.En;
            return new RuleCheck(gate.Replace('_', '-'), passed, (passed ? "Met: " : "Not met: ") + title + ".", result.Cite(gate));
        }).ToList();
        return new SupportQuote(
            result.Bool("eligible"), checks, result.Decimal("relocation_subsidy_kzt"), result.Decimal("rent_support_monthly_kzt"),
            (int)result.Decimal("rent_support_months"), result.Decimal("housing_certificate_kzt"),
            result.Cite("relocation_subsidy_mrp", "rent_support_monthly_mrp", "housing_certificate_kzt"));
    }

    public RefundQuote Refund(DateOnly contractStart, DateOnly departure, DateOnly paidOn, decimal amount)
    {
        var rules = pack.RuleSet("resettlement-refund");
        var result = rules.Evaluate(rules.Case(new Dictionary<string, object?>
        {
            ["contract_start"] = contractStart,
            ["departure_date"] = departure,
            ["paid_on"] = paidOn,
            ["amount_paid"] = amount,
        }), departure);
        return new RefundQuote(
            result.Bool("owes"), result.Decimal("refund_kzt"), result.Text("basis"), (int)result.Decimal("unserved_months"),
            (int)result.Decimal("instalments_max"), result.Cite("owes", "refund_kzt", "basis"));
    }

    private static readonly string[] SubsidyConditions = ["in_programme", "employed_long_enough", "housed_long_enough"];

    /// <summary>The employer subsidy for a participant hired and housed by an employer, as of the day the claim is decided.</summary>
    public EmployerSubsidyQuote EmployerSubsidy(bool settled, DateOnly arrivedOn, DateOnly hiredOn, DateOnly housedFrom, DateOnly on)
    {
        var rules = pack.RuleSet("resettlement-employer-subsidy");
        var result = rules.Evaluate(rules.Case(new Dictionary<string, object?>
        {
            ["participant_settled"] = settled,
            ["arrived_on"] = arrivedOn,
            ["hired_on"] = hiredOn,
            ["housed_from"] = housedFrom,
            ["claim_date"] = on,
        }), on);
        var checks = SubsidyConditions.Select(condition =>
        {
            var output = result.Outputs.Single(o => o.Name == condition);
            var passed = result.Bool(condition);
            return new RuleCheck(condition.Replace('_', '-'), passed, (passed ? "Met: " : "Not met: ") + output.Title.En + ".", result.Cite(condition));
        }).ToList();
        return new EmployerSubsidyQuote(result.Bool("eligible"), checks, result.Decimal("subsidy_kzt"), result.Cite("subsidy_mrp", "subsidy_kzt"));
    }

    /// <summary>Days the officer has to decide an application made on the date (the queue's overdue mark).</summary>
    public int DecisionDays(DateOnly on) => Convert.ToInt32(DecisionTerm(on).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pack's decision term in force on the date, with its start and source (for the audit log).</summary>
    public DatedValue DecisionTerm(DateOnly on) =>
        pack.Parameter(DecisionDaysName)?.ValueOn(on) ?? throw new PolicyEvaluationException($"the pack gives no value of '{DecisionDaysName}' on {on:yyyy-MM-dd}");

    public const string DecisionDaysName = "resettlement.decision_days";

    public int ContractYears(DateOnly on) => (int)Number("resettlement.social_contract_years", on);

    /// <summary>The published regional quota of a year for a region and programme (0 where the region has none).</summary>
    public int Quota(int year, string region, Programme programme)
    {
        var name = programme == Programme.Kandas ? "kandas.regional_quota" : "resettlement.regional_quota";
        var value = pack.Parameter(name)?.ValueOn(new DateOnly(year, 12, 31))?.Value;
        return value is IReadOnlyDictionary<string, decimal> map && map.TryGetValue(region, out var seats) ? (int)seats : 0;
    }

    public IReadOnlyList<string> QuotaRegions(int year, Programme programme)
    {
        var name = programme == Programme.Kandas ? "kandas.regional_quota" : "resettlement.regional_quota";
        var value = pack.Parameter(name)?.ValueOn(new DateOnly(year, 12, 31))?.Value;
        return value is IReadOnlyDictionary<string, decimal> map ? map.Keys.Order(StringComparer.Ordinal).ToList() : [];
    }

    public string QuotaSource(int year, Programme programme)
    {
        var value = pack.Parameter(programme == Programme.Kandas ? "kandas.regional_quota" : "resettlement.regional_quota")?.ValueOn(new DateOnly(year, 12, 31));
        return value is null ? string.Empty : value.Provisional ? $"{value.Source} (provisional: {value.Note})".TrimStart() : value.Source ?? string.Empty;
    }

    public IReadOnlySet<string> Northern(int year) => Set("resettlement.northern_regions", new DateOnly(year, 12, 31));

    public decimal? NorthernReference(int year) =>
        pack.Parameter("resettlement.northern_share_reference_pct")?.ValueOn(new DateOnly(year, 12, 31)) is { } v ? Convert.ToDecimal(v.Value, CultureInfo.InvariantCulture) : null;

    private IReadOnlySet<string> Set(string name, DateOnly on) =>
        pack.Parameter(name)?.ValueOn(on)?.Value as IReadOnlySet<string> ?? new HashSet<string>();

    private decimal Number(string name, DateOnly on) =>
        Convert.ToDecimal(pack.Parameter(name)?.ValueOn(on)?.Value ?? throw new PolicyEvaluationException($"the pack gives no value of '{name}' on {on:yyyy-MM-dd}"), CultureInfo.InvariantCulture);
}
