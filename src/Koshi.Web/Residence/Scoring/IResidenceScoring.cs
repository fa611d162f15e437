using System.Text.Json.Nodes;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;

namespace Koshi.Web.Residence.Scoring;

/// <summary>
/// The residence points test as the policy pack defines it: what it asks (the scheme's inputs) and the score of a
/// case as of a date, with the explanation to store. The policy engine is the only implementation that decides.
/// </summary>
public interface IResidenceScoring
{
    /// <summary>The content hash of the pack in use ("sha256:…").</summary>
    string PackHash { get; }

    /// <summary>Every input of the scheme, in the pack's order.</summary>
    IReadOnlyList<QuestionDefinition> Inputs { get; }

    /// <summary>Scores a case as of a date. Throws <see cref="ScoringInputException"/> naming each bad field.</summary>
    ScoreResult Score(JsonObject caseInput, DateOnly asOf);

    /// <summary>The KAZTEST rules (minimum per section, attempts allowed) of the pack in force on a date.</summary>
    KaztestRules KaztestRulesOn(DateOnly date);

    /// <summary>The pilot's processing limit in days and its pass mark, as of the date (from the pack).</summary>
    PilotTerms PilotTermsOn(DateOnly date);

    /// <summary>Reads back a stored explanation exactly as it was made.</summary>
    ScoreResult Explain(string explanationJson);
}

public enum QuestionKind
{
    Integer,
    Decimal,
    Bool,
    Date,
    Text,
    Enum,
    Set,
    Record,
}

public sealed record QuestionOption(string Id, LocalizedString Title);

public sealed record QuestionDefinition(
    string Name,
    QuestionKind Kind,
    LocalizedString Title,
    IReadOnlyList<QuestionOption> Options,
    bool Required,
    JsonNode? Default,
    decimal? Min,
    decimal? Max,
    string? Pattern,
    bool Changeable,
    IReadOnlyList<QuestionDefinition> Fields)
{
    /// <summary>A two-letter country code: chosen from the list of countries by name, and shown by name.</summary>
    public bool AsksForCountry => Kind == QuestionKind.Text && Pattern == "^[A-Z]{2}$";
}

public sealed record GateLine(string Id, LocalizedString Title, bool Passed, LocalizedString? Reason);

/// <summary>
/// One criterion's points and why: whether it applied, the table rows matched (as the pack labels them), the best
/// indicator of a best-of criterion, whether a cap cut it, and whether the figure is provisional.
/// </summary>
public sealed record CriterionLine(
    string Id, LocalizedString Title, long Points, string? Detail,
    bool Applicable = true, bool Provisional = false, string? CappedBy = null, string? Indicator = null, IReadOnlyList<string>? Rows = null);

public sealed record InputChange(string Input, string? From, string To);

public sealed record PathToPass(IReadOnlyList<InputChange> Changes, long? TotalAfter);

/// <summary>A score with its explanation: every gate, every criterion's points and the changes that would reach the pass mark.</summary>
public sealed record ScoreResult(
    string Decision,
    bool Passed,
    long Total,
    long? PassMark,
    DateOnly LawDate,
    DateOnly AsOf,
    string PackHash,
    IReadOnlyList<GateLine> Gates,
    IReadOnlyList<CriterionLine> Criteria,
    IReadOnlyList<PathToPass> PathsToPass,
    string ExplanationJson)
{
    public IEnumerable<string> FailedGates => Gates.Where(g => !g.Passed).Select(g => g.Id);
}

public sealed record FieldError(string Field, string Message);

/// <summary>The case does not fit the scheme's inputs: each bad field is named.</summary>
public sealed class ScoringInputException(IReadOnlyList<FieldError> errors)
    : ProblemException("The case does not fit the scheme's inputs: " + string.Join("; ", errors.Select(e => e.Field + ": " + e.Message)))
{
    public IReadOnlyList<FieldError> FieldErrors { get; } = errors;

    public override int Status => StatusCodes.Status400BadRequest;

    public override string Title => "The answers do not fit the questionnaire.";

    public override Dictionary<string, string[]> Errors =>
        FieldErrors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}

/// <summary>No policy pack could be used, so no score can be given (the platform answers 503, never a guess).</summary>
public sealed class ScoringUnavailableException(string message) : ProblemException(message)
{
    public override int Status => StatusCodes.Status503ServiceUnavailable;

    public override string Title => "The law cannot be applied: no policy pack is loaded.";

    public override bool MessageIsForPeople => true;

    public override bool Expected => true;
}

/// <summary>The law could not be applied to the case as of its date (e.g. a parameter has no value then).</summary>
public sealed class ScoringEvaluationException(string message, Exception inner) : ProblemException(message, inner)
{
    public override int Status => StatusCodes.Status422UnprocessableEntity;

    public override string Title => "The law could not be applied to this case as of its date.";

    public override bool MessageIsForPeople => true;
}

/// <summary>The figures of the pilot that pages and deadlines show: days to decide and the pass mark.</summary>
public sealed record PilotTerms(int ProcessingDays, long PassMark);
