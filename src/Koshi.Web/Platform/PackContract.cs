using Koshi.Policy;

namespace Koshi.Web.Platform;

/// <summary>The kind of value the platform gives to or reads from the pack.</summary>
public enum PackValue
{
    /// <summary>An integer or a decimal.</summary>
    Number,
    Bool,
    Text,
    Date,

    /// <summary>One of the pack's named values (an enum input).</summary>
    Choice,

    /// <summary>A set of the pack's named values (a set input, such as the contract terms of a placement).</summary>
    Set,
}

public sealed record PackField(string Name, PackValue Kind);

/// <summary>A rule set the platform evaluates: the inputs it gives and the outputs it reads.</summary>
public sealed record RuleSetNeed(string Id, IReadOnlyList<PackField> Inputs, IReadOnlyList<PackField> Outputs);

/// <summary>A pack the platform cannot work with: it lacks what the platform reaches for by name.</summary>
public sealed class PackContractException(IReadOnlyList<string> problems)
    : Exception("The policy pack does not give what the platform needs: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Everything the platform reaches for in the policy pack by name, in one place, checked when the pack loads: a pack
/// that renamed an input or output fails startup with the name instead of failing (or, for the residence questionnaire,
/// asking applicants for what the platform should fill) at the first request.
/// </summary>
public static class PackContract
{
    private static PackField Number(string name) => new(name, PackValue.Number);

    private static PackField Bool(string name) => new(name, PackValue.Bool);

    private static PackField Text(string name) => new(name, PackValue.Text);

    private static PackField Date(string name) => new(name, PackValue.Date);

    private static PackField Choice(string name) => new(name, PackValue.Choice);

    private static PackField Set(string name) => new(name, PackValue.Set);

    /// <summary>The rule sets of foreign labour (read by <c>LabourRules</c>).</summary>
    public static IReadOnlyList<RuleSetNeed> RuleSets { get; } =
    [
        new("permit-terms",
            [Choice("permit_type"), Choice("category"), Number("duration_days"), Bool("extension"), Number("extensions_so_far"), Text("oked_section")],
            [Number("max_days"), Bool("category_fits"), Bool("term_fits"), Bool("extendable"), Bool("extensions_left"), Bool("allowed"), Text("sector_group")]),
        new("household-worker-tax",
            [Number("duration_days"), Bool("tax_resident")],
            [Number("months"), Number("iit_monthly_mrp"), Number("iit_total_kzt")]),
        new("fee-in-tenge",
            [Number("fee_mrp")],
            [Number("fee_kzt")]),
        new("employer-fee",
            [Choice("permit_type"), Choice("category"), Choice("sector_group"), Number("duration_days")],
            [Number("fee_mrp"), Bool("fee_exempt"), Number("fee_kzt")]),
        new("foreign-labour-quota",
            [Choice("permit_type"), Choice("category"), Text("citizenship"), Bool("holds_residence_permit"), Bool("family_reunification"), Bool("fully_foreign_owned_employer")],
            [Text("quota_pool"), Bool("in_quota"), Bool("permit_required"), Number("quota_national"), Number("quota_published"), Number("quota_household"),
             Number("quota_cat1"), Number("quota_cat2"), Number("quota_cat3"), Number("quota_cat4"), Number("quota_seasonal")]),
        new("local-content",
            [Choice("category"), Number("kazakh_cat1_2"), Number("foreign_cat1_2"), Number("kazakh_cat3_4"), Number("foreign_cat3_4"),
             Number("ict_staff"), Number("kazakh_in_category"), Number("employees_before")],
            [Bool("local_content_met"), Bool("ict_within_limit"), Bool("small_firm"), Text("pool"), Number("kazakh_share_pct"), Number("min_kazakh_share_pct")]),
        new("vacancy-rule",
            [Date("posted_date"), Date("application_date"), Text("vacancy_isco"), Text("application_isco"), Text("vacancy_region"), Text("application_region"),
             Choice("vacancy_category"), Choice("application_category"), Number("vacancy_positions"), Number("permits_on_vacancy")],
            [Bool("satisfied"), Number("days_posted"), Date("earliest_application_date"), Bool("period_over"), Bool("same_occupation"), Bool("same_region"),
             Bool("same_category"), Bool("positions_free"), Number("positions_left")]),
        new("occupation-demand",
            [Text("region"), Text("isco")],
            [Bool("on_national_list"), Bool("regional_shortage"), Bool("in_demand")]),
        new("worker-tier",
            [Number("points")],
            [Text("tier"), Bool("qualified")]),
        new("skill-classification",
            [Choice("permit_type"), Choice("category"), Text("citizenship")],
            [Bool("counted"), Bool("skilled")]),
    ];

    /// <summary>The rule sets of resettlement (read by <c>ResettlementRules</c>).</summary>
    public static IReadOnlyList<RuleSetNeed> ResettlementRuleSets { get; } =
    [
        new("resettlement-support",
            [Choice("kind"), Text("origin_region"), Bool("registered_job_seeker"), Number("permanent_registration_months"), Text("kandas_condition"),
             Number("family_size"), Number("months"), Number("housing_cost"), Text("destination_region")],
            [Bool("destination_allowed"), Bool("origin_allowed"), Bool("job_seeker_registered"), Bool("registration_long_enough"), Bool("kandas_status_met"),
             Bool("eligible"), Number("relocation_subsidy_mrp"), Number("relocation_subsidy_kzt"), Number("rent_support_monthly_mrp"), Number("rent_support_monthly_kzt"),
             Number("rent_support_months"), Number("housing_certificate_kzt")]),
        new("resettlement-refund",
            [Date("contract_start"), Date("departure_date"), Date("paid_on"), Number("amount_paid")],
            [Bool("owes"), Number("refund_kzt"), Text("basis"), Number("unserved_months"), Number("instalments_max")]),
        new("resettlement-employer-subsidy",
            [Bool("participant_settled"), Date("arrived_on"), Date("hired_on"), Date("housed_from"), Date("claim_date")],
            [Bool("in_programme"), Bool("employed_long_enough"), Bool("housed_long_enough"), Bool("eligible"), Number("subsidy_mrp"), Number("subsidy_kzt")]),
    ];

    /// <summary>The rule sets of private employment agencies (read by <c>AgencyRules</c>).</summary>
    public static IReadOnlyList<RuleSetNeed> AgencyRuleSets { get; } =
    [
        new("agency-placement",
            [Bool("abroad"), Number("fee_charged_kzt"), Bool("deposit"), Set("terms")],
            [Number("missing_terms"), Bool("deposit_missing"), Bool("fee_violation")]),
        new("agency-report",
            [Date("quarter_end"), Bool("submitted"), Date("checked_on")],
            [Date("due_date"), Text("status"), Number("days_late")]),
        new("agency-risk",
            [Number("complaints_12m"), Number("late_reports_4q"), Number("past_critical_findings"), Number("past_points"), Number("fee_violations_12m"),
             Number("placements_abroad_12m"), Number("watch_placements_12m"), Number("registration_months")],
            [Number("complaint_points"), Number("report_points"), Number("finding_points"), Number("fee_points"), Number("volume_points"),
             Number("destination_points"), Number("age_points"), Number("score"), Text("band")]),
        new("agency-inspection",
            [Set("failed"), Bool("suspended_within_year"), Bool("art98_within_year")],
            [Number("weighted_points"), Number("critical_failures"), Text("measure"), Text("art98_sanction"), Number("art98_fine_mrp"), Number("art98_fine_kzt")]),
    ];

    /// <summary>The scheme residence applications are scored by.</summary>
    public const string ResidenceScheme = "permanent-residence";

    /// <summary>
    /// The scheme inputs the platform fills from the application (see <c>ResidenceCaseFacts</c>); the questionnaire
    /// asks for every other input, so each of these must exist under exactly this name.
    /// </summary>
    public static IReadOnlyList<PackField> ResidenceFilledInputs { get; } =
    [
        Choice("applicant_kind"), Date("lodgement_date"), Date("birth_date"), Choice("sex"), Text("destination_region"),
        Number("kaztest_listening_pct"), Number("kaztest_reading_pct"), Number("kaztest_attempts"),
    ];

    /// <summary>
    /// The scheme inputs the platform fills when the application records them (the citizenship of an applicant registered
    /// by passport, see <c>ResidenceCaseFacts</c>) and the applicant answers otherwise.
    /// </summary>
    public static IReadOnlyList<PackField> ResidenceRecordedInputs { get; } = [Text("citizenship")];

    /// <summary>The ranking scheme foreign workers are assessed by (read by <c>LabourRules.Assess</c>).</summary>
    public const string WorkerScheme = "worker-assessment";

    /// <summary>The worker-assessment inputs the platform fills, every one of them.</summary>
    public static IReadOnlyList<PackField> WorkerInputs { get; } =
    [
        Date("lodgement_date"), Choice("education"), Bool("education_relevant"), Number("experience_years"), Bool("qualification_recognised"),
        Choice("language_level"), Bool("on_national_list"), Bool("regional_shortage"),
    ];

    /// <summary>Parameters the platform reads directly.</summary>
    public static IReadOnlyList<string> Parameters { get; } =
    [
        "mrp", "kaztest.min_section_pct", "kaztest.max_attempts", "labour.skilled_share_target", "household.max_immigrants_per_employer",
        "labour.worker_min_age", "labour.worker_max_age", "labour.local_content.declaration_lead_days", "residence.processing_days", "residence.pass_mark",
        "labour.ranked_pools", "labour.round_day_of_month", "labour.pool_wait_limit_days", "residence.appeal_period_months",
        "resettlement.social_contract_years", "resettlement.regional_quota", "kandas.regional_quota", "resettlement.northern_regions",
        "resettlement.northern_share_reference_pct", "resettlement.decision_days", "labour.permit_decision_working_days",
        "agency.oversight_regime", "agency.abroad_contract_terms", "agency.risk.watch_destinations", "agency.standard_weights", "agency.critical_standards",
    ];

    /// <summary>What the pack lacks of the contract, each problem naming the rule set or scheme and the input or output.</summary>
    public static IReadOnlyList<string> Check(PolicyPack pack)
    {
        var problems = new List<string>();
        foreach (var need in RuleSets.Concat(ResettlementRuleSets).Concat(AgencyRuleSets))
        {
            var ruleSet = pack.RuleSets.FirstOrDefault(r => r.Id == need.Id);
            if (ruleSet is null)
            {
                problems.Add($"rule set '{need.Id}' is missing");
                continue;
            }

            CheckInputs($"rule set '{need.Id}'", ruleSet.Inputs, need.Inputs, problems, allGiven: true);
            foreach (var output in need.Outputs)
            {
                var kind = ruleSet.OutputKind(output.Name);
                if (kind is null)
                {
                    problems.Add($"rule set '{need.Id}' has no output '{output.Name}'");
                }
                else if (!Fits(output.Kind, kind.Value))
                {
                    problems.Add($"rule set '{need.Id}' output '{output.Name}' is {kind.Value.ToString().ToLowerInvariant()}, the platform reads {Describe(output.Kind)}");
                }
            }
        }

        if (!pack.TryGetScheme(ResidenceScheme, out var scheme))
        {
            problems.Add($"scheme '{ResidenceScheme}' is missing");
        }
        else
        {
            CheckInputs($"scheme '{ResidenceScheme}'", scheme.Inputs, [.. ResidenceFilledInputs, .. ResidenceRecordedInputs], problems, allGiven: false);
        }

        if (!pack.TryGetScheme(WorkerScheme, out var worker))
        {
            problems.Add($"scheme '{WorkerScheme}' is missing");
        }
        else
        {
            CheckInputs($"scheme '{WorkerScheme}'", worker.Inputs, WorkerInputs, problems, allGiven: true);
        }

        problems.AddRange(Parameters.Where(name => pack.Parameter(name) is null).Select(name => $"parameter '{name}' is missing"));
        return problems;
    }

    /// <summary>Throws <see cref="PackContractException"/> naming every gap.</summary>
    public static void Verify(PolicyPack pack)
    {
        var problems = Check(pack);
        if (problems.Count > 0)
        {
            throw new PackContractException(problems);
        }
    }

    /// <param name="allGiven">The platform gives every input of a rule set, so a required input it does not know is a gap too.</param>
    private static void CheckInputs(string owner, IReadOnlyList<InputDefinition> declared, IReadOnlyList<PackField> given, List<string> problems, bool allGiven)
    {
        foreach (var field in given)
        {
            var input = declared.FirstOrDefault(i => i.Name == field.Name);
            if (input is null)
            {
                problems.Add($"{owner} has no input '{field.Name}'");
            }
            else if (!Fits(field.Kind, input.Kind))
            {
                problems.Add($"{owner} input '{field.Name}' is {input.Kind.ToString().ToLowerInvariant()}, the platform gives {Describe(field.Kind)}");
            }
        }

        if (allGiven)
        {
            problems.AddRange(declared.Where(i => i.Required && given.All(f => f.Name != i.Name))
                .Select(i => $"{owner} requires input '{i.Name}', which the platform does not give"));
        }
    }

    private static bool Fits(PackValue kind, InputKind input) => kind switch
    {
        PackValue.Number => input is InputKind.Integer or InputKind.Decimal,
        PackValue.Bool => input == InputKind.Bool,
        PackValue.Text => input is InputKind.Text or InputKind.Enum,
        PackValue.Date => input == InputKind.Date,
        PackValue.Choice => input is InputKind.Enum or InputKind.Text,
        PackValue.Set => input == InputKind.Set,
        _ => false,
    };

    private static bool Fits(PackValue kind, ValueKind output) => kind switch
    {
        PackValue.Number => output is ValueKind.Integer or ValueKind.Decimal,
        PackValue.Bool => output == ValueKind.Bool,
        PackValue.Text or PackValue.Choice => output is ValueKind.Text or ValueKind.Enum,
        PackValue.Date => output == ValueKind.Date,
        PackValue.Set => output is ValueKind.Set or ValueKind.TextSet,
        _ => false,
    };

    private static string Describe(PackValue kind) => kind switch
    {
        PackValue.Number => "a number",
        PackValue.Bool => "a bool",
        PackValue.Date => "a date",
        PackValue.Choice => "a named value",
        PackValue.Set => "a set of named values",
        _ => "a text",
    };
}
