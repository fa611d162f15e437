using System.Collections.Frozen;
using System.Globalization;
using Koshi.Policy;

namespace Koshi.Web.Agencies;

/// <summary>The pack's verdict on a placement: terms missing from a contract for work abroad, the deposit, the fee ban.</summary>
public sealed record PlacementCheck(int MissingTerms, bool DepositMissing, bool FeeViolation, string Source);

/// <summary>A quarterly report's standing on a date: on_time, late, missing or open.</summary>
public sealed record ReportStanding(int Year, int Quarter, DateOnly DueOn, string Status, int DaysLate, DateOnly? SubmittedOn);

/// <summary>The signals a risk score is computed from.</summary>
public sealed record RiskSignals(
    int Complaints, int LateReports, int PastCriticalFindings, int PastPoints, int FeeViolations, int PlacementsAbroad, int WatchPlacements, int RegistrationMonths);

/// <summary>One signal's share of a risk score.</summary>
public sealed record RiskPart(string Signal, int Points);

/// <summary>An agency's risk score with each signal's points, the band, and the pack's sources.</summary>
public sealed record RiskScore(int Score, string Band, IReadOnlyList<RiskPart> Parts, RiskSignals Signals, string Source);

/// <summary>An inspection standard as the pack sets it on a date.</summary>
public sealed record InspectionStandard(string Id, LocalizedText Title, bool Critical, int Weight);

/// <summary>What the pack makes of an inspection's findings.</summary>
public sealed record InspectionFindings(
    IReadOnlyList<string> Failed, int Points, int CriticalFailures, string Measure, string Art98Sanction, decimal Art98FineKzt, string Explanation);

/// <summary>
/// Agency law from the policy pack (agency-placement, agency-report, agency-risk, agency-inspection and the agency.*
/// parameters). The platform holds no figure of that law itself.
/// </summary>
public sealed class AgencyRules(PolicyPack pack)
{
    public string PackHash => pack.ContentHash;

    public bool RegimeInForce(DateOnly on) => pack.Parameter("agency.oversight_regime")?.ValueOn(on)?.Value is true;

    /// <summary>The contract terms the pack knows (the placement rule set's term values).</summary>
    public IReadOnlyList<string> ContractTerms(DateOnly on) =>
        pack.Parameter("agency.abroad_contract_terms")?.ValueOn(on)?.Value is FrozenSet<string> set ? [.. set.Order(StringComparer.Ordinal)] : [];

    public FrozenSet<string> WatchDestinations(DateOnly on) =>
        pack.Parameter("agency.risk.watch_destinations")?.ValueOn(on)?.Value as FrozenSet<string> ?? FrozenSet<string>.Empty;

    public IReadOnlyList<InspectionStandard> Standards(DateOnly on)
    {
        var weights = pack.Parameter("agency.standard_weights")?.ValueOn(on)?.Value as FrozenDictionary<string, decimal>
            ?? throw new PolicyEvaluationException($"the pack gives no inspection standards on {on:yyyy-MM-dd}");
        var critical = pack.Parameter("agency.critical_standards")?.ValueOn(on)?.Value as FrozenSet<string> ?? FrozenSet<string>.Empty;
        var titles = pack.RuleSet("agency-inspection").Inputs.Single(i => i.Name == "failed").Values.ToDictionary(v => v.Id, v => v.Title, StringComparer.Ordinal);
        return [.. weights.Select(w => new InspectionStandard(w.Key, titles.GetValueOrDefault(w.Key) ?? new LocalizedText(w.Key), critical.Contains(w.Key), (int)w.Value))
            .OrderByDescending(s => s.Critical).ThenByDescending(s => s.Weight).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public PlacementCheck Placement(PlacementKind kind, decimal fee, bool deposit, IEnumerable<string> terms, DateOnly on)
    {
        var result = Evaluate("agency-placement", on, new Dictionary<string, object?>
        {
            ["abroad"] = kind == PlacementKind.Abroad,
            ["fee_charged_kzt"] = fee,
            ["deposit"] = deposit,
            ["terms"] = terms.ToArray(),
        });
        return new PlacementCheck((int)result.Decimal("missing_terms"), result.Bool("deposit_missing"), result.Bool("fee_violation"),
            result.Cite("missing_terms", "deposit_missing", "fee_violation"));
    }

    public ReportStanding Report(int year, int quarter, DateOnly? submittedOn, DateOnly today)
    {
        var result = Evaluate("agency-report", today, new Dictionary<string, object?>
        {
            ["quarter_end"] = AgencyReport.QuarterEnd(year, quarter),
            ["submitted"] = submittedOn is not null,
            ["checked_on"] = submittedOn ?? today,
        });
        return new ReportStanding(year, quarter, (DateOnly)result["due_date"], result.Text("status"), (int)result.Decimal("days_late"), submittedOn);
    }

    public RiskScore Risk(RiskSignals s, DateOnly on)
    {
        var result = Evaluate("agency-risk", on, new Dictionary<string, object?>
        {
            ["complaints_12m"] = Math.Min(s.Complaints, 100_000),
            ["late_reports_4q"] = Math.Min(s.LateReports, 4),
            ["past_critical_findings"] = Math.Min(s.PastCriticalFindings, 1000),
            ["past_points"] = Math.Min(s.PastPoints, 10_000),
            ["fee_violations_12m"] = Math.Min(s.FeeViolations, 100_000),
            ["placements_abroad_12m"] = Math.Min(s.PlacementsAbroad, 1_000_000),
            ["watch_placements_12m"] = Math.Min(s.WatchPlacements, 1_000_000),
            ["registration_months"] = Math.Clamp(s.RegistrationMonths, 0, 1200),
        });
        string[] parts = ["complaint_points", "report_points", "finding_points", "fee_points", "volume_points", "destination_points", "age_points"];
        return new RiskScore((int)result.Decimal("score"), result.Text("band"),
            [.. parts.Select(p => new RiskPart(p.Replace("_points", string.Empty, StringComparison.Ordinal), (int)result.Decimal(p)))], s,
            result.Cite([.. parts, "band"]));
    }

    public InspectionFindings Inspection(IReadOnlyList<string> failed, bool suspendedWithinYear, bool art98WithinYear, DateOnly on)
    {
        var result = Evaluate("agency-inspection", on, new Dictionary<string, object?>
        {
            ["failed"] = failed.ToArray(),
            ["suspended_within_year"] = suspendedWithinYear,
            ["art98_within_year"] = art98WithinYear,
        });
        var measure = result.Text("measure");
        var why = result.Outputs.Single(o => o.Name == "measure").Rows is [var row, ..] ? row.Label : "no threshold reached";
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"{result.Decimal("weighted_points")} point(s), {result.Decimal("critical_failures")} critical standard(s) failed: {measure} ({why}); art. 98: {result.Text("art98_sanction")}. Sources: {result.Cite("weighted_points", "critical_failures", "measure", "art98_sanction", "art98_fine_mrp")}");
        return new InspectionFindings(failed, (int)result.Decimal("weighted_points"), (int)result.Decimal("critical_failures"), measure,
            result.Text("art98_sanction"), result.Decimal("art98_fine_kzt"), explanation);
    }

    private RuleSetResult Evaluate(string ruleSet, DateOnly on, IReadOnlyDictionary<string, object?> inputs)
    {
        var rules = pack.RuleSet(ruleSet);
        return rules.Evaluate(rules.Case(inputs), on);
    }
}
