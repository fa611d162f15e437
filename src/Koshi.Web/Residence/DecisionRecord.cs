namespace Koshi.Web.Residence;

public enum DecisionOutcome
{
    Approved,
    Refused,
}

/// <summary>
/// A decision as made: the outcome, the ground and reasons, who and when, and a copy of the score it rests on
/// (inputs, explanation, pack version, as-of date) so it can be shown exactly as made for as long as it is kept.
/// </summary>
public sealed class DecisionRecord
{
    private DecisionRecord()
    {
    }

    internal DecisionRecord(
        DecisionOutcome outcome, string? ground, string? groundDetail, string reasons, string decidedBy, DateTimeOffset decidedAt, ScoreRecord? score)
    {
        Outcome = outcome;
        Ground = ground;
        GroundDetail = groundDetail;
        Reasons = reasons;
        DecidedBy = decidedBy;
        DecidedAt = decidedAt;
        InputsJson = score?.InputsJson;
        ExplanationJson = score?.ExplanationJson;
        PackHash = score?.PackHash;
        AsOf = score?.AsOf;
        Total = score?.Total;
        PassMark = score?.PassMark;
    }

    public DecisionOutcome Outcome { get; private set; }

    public string? Ground { get; private set; }

    public string? GroundDetail { get; private set; }

    public string Reasons { get; private set; } = string.Empty;

    public string DecidedBy { get; private set; } = string.Empty;

    public DateTimeOffset DecidedAt { get; private set; }

    public string? InputsJson { get; private set; }

    public string? ExplanationJson { get; private set; }

    public string? PackHash { get; private set; }

    public DateOnly? AsOf { get; private set; }

    public long? Total { get; private set; }

    public long? PassMark { get; private set; }
}
