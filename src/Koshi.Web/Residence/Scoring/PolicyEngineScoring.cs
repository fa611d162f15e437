using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Policy;
using Koshi.Web.Platform.Localisation;
using Policy = Koshi.Policy;

namespace Koshi.Web.Residence.Scoring;

/// <summary>
/// Residence scoring by the policy engine: the pack's <c>permanent-residence</c> scheme, loaded once at startup.
/// </summary>
public sealed class PolicyEngineScoring : IResidenceScoring
{
    public const string SchemeId = Koshi.Web.Platform.PackContract.ResidenceScheme;

    private readonly Scheme scheme;
    private readonly PolicyPack pack;

    public PolicyEngineScoring(PolicyPack pack)
    {
        this.pack = pack;
        scheme = pack.Scheme(SchemeId);
        PackHash = pack.ContentHash;
        Inputs = scheme.Inputs.Select(i => Map(i, string.Empty)).ToList();
    }

    public string PackHash { get; }

    public IReadOnlyList<QuestionDefinition> Inputs { get; }

    /// <summary>
    /// The engine's message says what was wrong in its own terms (a pattern, an enum's ids); a person is told in plain
    /// words, which the problem details and the pages translate.
    /// </summary>
    private static string ForPeople(string engineMessage) =>
        engineMessage.StartsWith("is required", StringComparison.Ordinal) ? "Required."
        : engineMessage.StartsWith("unknown input", StringComparison.Ordinal) ? "The questionnaire has no such question."
        : engineMessage.Contains("is not one of", StringComparison.Ordinal) ? "Choose one of the answers offered."
        : engineMessage.Contains("does not match", StringComparison.Ordinal) ? "Not a valid answer to this question."
        : engineMessage.Contains("the minimum", StringComparison.Ordinal) || engineMessage.Contains("the maximum", StringComparison.Ordinal) ? "The answer is out of the allowed range."
        : "The answer has the wrong form.";

    public ScoreResult Score(JsonObject caseInput, DateOnly asOf)
    {
        CaseInput input;
        try
        {
            using var document = JsonDocument.Parse(caseInput.ToJsonString());
            input = scheme.ReadCase(document.RootElement);
        }
        catch (CaseInputException e)
        {
            throw new ScoringInputException(e.Errors.Select(x => new FieldError(x.Field, ForPeople(x.Message))).ToList());
        }

        try
        {
            var result = scheme.Evaluate(input, asOf);
            return Map(result, result.ToJson());
        }
        catch (PolicyEvaluationException e)
        {
            throw new ScoringEvaluationException(e.Message, e);
        }
    }

    /// <summary>
    /// Reads <c>kaztest.min_section_pct</c> and <c>kaztest.max_attempts</c> as of the date; a date before the pilot's
    /// first value takes the first value, as the scheme's law-date rule does for early lodgements.
    /// </summary>
    public KaztestRules KaztestRulesOn(DateOnly date) =>
        new((int)Number("kaztest.min_section_pct", date), (int)Number("kaztest.max_attempts", date));

    /// <summary>Reads <c>residence.processing_days</c> and <c>residence.pass_mark</c> as of the date, like the KAZTEST rules.</summary>
    public PilotTerms PilotTermsOn(DateOnly date) =>
        new((int)Number("residence.processing_days", date), (long)Number("residence.pass_mark", date));

    private decimal Number(string name, DateOnly date)
    {
        var parameter = pack.Parameter(name)
            ?? throw new ScoringEvaluationException($"The policy pack has no parameter '{name}'.", new KeyNotFoundException(name));
        var value = parameter.ValueOn(date) ?? (parameter.Values.Count > 0 && date < parameter.Values[0].From ? parameter.Values[0] : null)
            ?? throw new ScoringEvaluationException($"The policy pack gives no value of '{name}' on {date:yyyy-MM-dd}.", new KeyNotFoundException(name));
        return Convert.ToDecimal(value.Value, CultureInfo.InvariantCulture);
    }

    public ScoreResult Explain(string explanationJson) => Map(SchemeResult.FromJson(explanationJson), explanationJson);

    private static ScoreResult Map(SchemeResult result, string json) => new(
        result.Decision,
        result.Passed,
        result.Total,
        result.PassMark,
        result.LawDate,
        result.AsOf,
        result.Pack.Hash,
        result.Gates.Select(g => new GateLine(g.Id, Text(g.Title), g.Passed, g.Reason is null ? null : Text(g.Reason))).ToList(),
        result.Criteria.Select(c => new CriterionLine(
            c.Id, Text(c.Title), c.Points, Detail(c), c.Applicable, c.Provisional, c.CappedBy, c.Indicator, c.Rows.Select(r => r.Label).ToList())).ToList(),
        result.PathsToPass.Select(p => new PathToPass(p.Changes.Select(c => new InputChange(c.Input, c.From, c.To)).ToList(), p.Total)).ToList(),
        json);

    private static string? Detail(CriterionResult criterion)
    {
        var parts = new List<string>();
        if (!criterion.Applicable)
        {
            parts.Add("not applicable");
        }

        if (criterion.Indicator is not null)
        {
            parts.Add("best indicator: " + criterion.Indicator);
        }

        parts.AddRange(criterion.Rows.Select(r => r.Label));
        if (criterion.CappedBy is not null)
        {
            parts.Add($"capped by {criterion.CappedBy} (raw {criterion.RawPoints.ToString(CultureInfo.InvariantCulture)})");
        }

        if (criterion.Provisional)
        {
            parts.Add("provisional: " + (criterion.Note ?? "the law's figure is not public"));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static QuestionDefinition Map(InputDefinition input, string prefix) => new(
        input.Name.StartsWith(prefix, StringComparison.Ordinal) ? input.Name[prefix.Length..] : input.Name,
        input.Kind switch
        {
            InputKind.Integer => QuestionKind.Integer,
            InputKind.Decimal => QuestionKind.Decimal,
            InputKind.Bool => QuestionKind.Bool,
            InputKind.Date => QuestionKind.Date,
            InputKind.Text => QuestionKind.Text,
            InputKind.Enum => QuestionKind.Enum,
            InputKind.Set => QuestionKind.Set,
            _ => QuestionKind.Record,
        },
        Text(input.Title),
        input.Values.Select(v => new QuestionOption(v.Id, Text(v.Title))).ToList(),
        input.Required,
        Default(input.Default),
        input.Min,
        input.Max,
        input.Pattern,
        input.Changeable,
        input.Fields.Select(f => Map(f, input.Name + ".")).ToList());

    private static JsonNode? Default(object? value) => value switch
    {
        null => null,
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        string s => JsonValue.Create(s),
        string[] set => new JsonArray(set.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static LocalizedString Text(Policy.LocalizedText text) => new(text.For("kk"), text.For("ru"), text.En);
}
