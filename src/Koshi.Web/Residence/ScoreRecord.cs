namespace Koshi.Web.Residence;

/// <summary>The automated score as made: inputs, explanation, pack version and the as-of date, never recomputed.</summary>
public sealed class ScoreRecord
{
    private ScoreRecord()
    {
    }

    public ScoreRecord(
        string inputsJson, string explanationJson, string packHash, DateOnly asOf, DateOnly lawDate,
        string decision, bool passed, long total, long? passMark, IEnumerable<string> failedGates, DateTimeOffset scoredAt)
    {
        InputsJson = inputsJson;
        ExplanationJson = explanationJson;
        PackHash = packHash;
        AsOf = asOf;
        LawDate = lawDate;
        Outcome = decision;
        Passed = passed;
        Total = total;
        PassMark = passMark;
        FailedGatesList = string.Join(',', failedGates);
        ScoredAt = scoredAt;
    }

    public string InputsJson { get; private set; } = "{}";

    public string ExplanationJson { get; private set; } = "{}";

    public string PackHash { get; private set; } = string.Empty;

    public DateOnly AsOf { get; private set; }

    public DateOnly LawDate { get; private set; }

    /// <summary>The engine's decision: pass, fail-gate or fail-score.</summary>
    public string Outcome { get; private set; } = string.Empty;

    public bool Passed { get; private set; }

    public long Total { get; private set; }

    public long? PassMark { get; private set; }

    public string FailedGatesList { get; private set; } = string.Empty;

    public IReadOnlyList<string> FailedGates => FailedGatesList.Length == 0 ? [] : FailedGatesList.Split(',');

    public DateTimeOffset ScoredAt { get; private set; }
}
