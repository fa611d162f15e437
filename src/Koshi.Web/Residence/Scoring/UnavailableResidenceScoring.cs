namespace Koshi.Web.Residence.Scoring;

/// <summary>
/// Used when no policy pack could be loaded: the questionnaire is empty and every score request is answered with
/// 503 problem details. Nothing is ever scored by a stand-in.
/// </summary>
public sealed class UnavailableResidenceScoring(string reason) : IResidenceScoring
{
    public string PackHash => "none";

    public IReadOnlyList<QuestionDefinition> Inputs => [];

    public string Reason { get; } = reason;

    public ScoreResult Score(System.Text.Json.Nodes.JsonObject caseInput, DateOnly asOf) => throw new ScoringUnavailableException(Reason);

    public KaztestRules KaztestRulesOn(DateOnly date) => throw new ScoringUnavailableException(Reason);

    public PilotTerms PilotTermsOn(DateOnly date) => throw new ScoringUnavailableException(Reason);

    public ScoreResult Explain(string explanationJson) => throw new ScoringUnavailableException(Reason);
}
