using System.Globalization;
using System.Text.Json.Nodes;
using Koshi.Web.Platform;
using Koshi.Web.Residence.Scoring;

namespace Koshi.Web.Residence;

/// <summary>
/// Inputs of the scheme that the platform already knows and fills itself, so the applicant is never asked for them
/// (and cannot contradict them): the lodgement date, the birth date and sex from the IIN, the KAZTEST result, the region.
/// Only inputs the scheme actually declares are filled; the rest of the questionnaire comes from the pack.
/// </summary>
public static class ResidenceCaseFacts
{
    /// <summary>One provider for each input of <see cref="PackContract.ResidenceFilledInputs"/> (a test holds them equal).</summary>
    private static readonly Dictionary<string, Func<ResidenceApplication, QuestionDefinition, JsonNode?>> Providers = new(StringComparer.Ordinal)
    {
        ["lodgement_date"] = (a, _) => Date(a.LodgedOn),
        ["birth_date"] = (a, _) => Date(a.BirthDate),
        // From the IIN; an applicant known by passport only has not stated it.
        ["sex"] = (a, q) => Choice(q, a.ApplicantIin is not { } iin ? "not_stated" : iin.Sex == Reference.Sex.Female ? "female" : "male"),
        ["kaztest_listening_pct"] = (a, _) => BestAttempt(a)?.ListeningPercent,
        ["kaztest_reading_pct"] = (a, _) => BestAttempt(a)?.ReadingPercent,
        ["kaztest_attempts"] = (a, _) => a.KaztestAttempts.Count,
        ["destination_region"] = (a, q) => Choice(q, a.Region.Value),
        ["applicant_kind"] = (a, q) => Choice(q, a.Kind == ResidenceKind.KandasStatus ? "kandas" : "foreigner", a.Kind == ResidenceKind.KandasStatus ? "kandas" : "foreign"),
    };

    /// <summary>
    /// One provider for each input of <see cref="PackContract.ResidenceRecordedInputs"/>: inputs the platform fills when
    /// the application records them, and the applicant answers otherwise. An applicant registered by passport gave its
    /// country at registration; the questionnaire does not ask again, and an answer that contradicts it is refused.
    /// </summary>
    private static readonly Dictionary<string, Func<ResidenceApplication, JsonNode?>> Recorded = new(StringComparer.Ordinal)
    {
        ["citizenship"] = a => a.ApplicantCitizenship is { Length: > 0 } country ? JsonValue.Create(country) : null,
    };

    /// <summary>The message of an answer that contradicts what the application records (translated in ProblemTexts).</summary>
    public const string ContradictsRecord = "Does not match the citizenship of the passport the account was registered with; it is filled in from that passport.";

    public static IReadOnlyCollection<string> FilledInputs => Providers.Keys;

    public static IReadOnlyCollection<string> RecordedInputs => Recorded.Keys;

    public static bool IsFilledByPlatform(string inputName) => Providers.ContainsKey(inputName);

    /// <summary>The questions of the scheme the applicant answers: every scheme input the platform does not fill.</summary>
    public static IEnumerable<QuestionDefinition> Questionnaire(IResidenceScoring scoring) =>
        scoring.Inputs.Where(i => !Providers.ContainsKey(i.Name));

    /// <summary>The questions this applicant answers: the scheme's, less what this application already records.</summary>
    public static IEnumerable<QuestionDefinition> Questionnaire(IResidenceScoring scoring, ResidenceApplication application) =>
        Questionnaire(scoring).Where(i => !Recorded.TryGetValue(i.Name, out var record) || record(application) is null);

    /// <summary>What this application records of the scheme's inputs, by input name (none for an applicant with an IIN).</summary>
    public static IReadOnlyDictionary<string, JsonNode> RecordedFacts(ResidenceApplication application, IResidenceScoring scoring) =>
        scoring.Inputs
            .Select(i => (i.Name, Value: Recorded.TryGetValue(i.Name, out var record) ? record(application) : null))
            .Where(f => f.Value is not null)
            .ToDictionary(f => f.Name, f => f.Value!, StringComparer.Ordinal);

    /// <summary>The case for the engine: the applicant's answers plus the platform's facts (facts win).</summary>
    public static JsonObject BuildCase(ResidenceApplication application, JsonObject answers, IResidenceScoring scoring)
    {
        var input = new JsonObject();
        var contradicted = new List<FieldError>();
        foreach (var definition in scoring.Inputs)
        {
            if (Recorded.TryGetValue(definition.Name, out var record) && record(application) is { } fact)
            {
                // The same value given again is accepted (an API client may send every answer); another value is refused.
                if (answers.TryGetPropertyValue(definition.Name, out var given)
                    && !string.Equals((given as JsonValue)?.ToString().Trim(), fact.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    contradicted.Add(new FieldError(definition.Name, ContradictsRecord));
                }

                input[definition.Name] = fact;
            }
            else if (Providers.TryGetValue(definition.Name, out var provide))
            {
                var value = provide(application, definition);
                if (value is not null)
                {
                    input[definition.Name] = value;
                }
            }
            else if (answers.TryGetPropertyValue(definition.Name, out var answer))
            {
                input[definition.Name] = answer?.DeepClone();
            }
        }

        if (contradicted.Count > 0)
        {
            throw new ScoringInputException(contradicted);
        }

        foreach (var (name, _) in answers)
        {
            if (!scoring.Inputs.Any(i => i.Name == name))
            {
                throw new ScoringInputException([new FieldError(name, "The questionnaire has no such question.")]);
            }

            if (Providers.ContainsKey(name))
            {
                throw new ScoringInputException([new FieldError(name, "This is filled in by the platform from the application, not by the applicant.")]);
            }
        }

        return input;
    }

    private static KaztestAttempt? BestAttempt(ResidenceApplication application) =>
        application.KaztestAttempts.Where(a => a.Passed).OrderBy(a => a.Number).LastOrDefault()
        ?? application.KaztestAttempts.OrderBy(a => a.Number).LastOrDefault();

    private static JsonValue Date(DateOnly date) => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static JsonValue? Choice(QuestionDefinition input, params string[] candidates)
    {
        if (input.Kind != QuestionKind.Enum)
        {
            return JsonValue.Create(candidates[0]);
        }

        foreach (var candidate in candidates)
        {
            var match = input.Options.FirstOrDefault(o => string.Equals(o.Id, candidate, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return JsonValue.Create(match.Id);
            }
        }

        return null;
    }
}
