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

    public static IReadOnlyCollection<string> FilledInputs => Providers.Keys;

    public static bool IsFilledByPlatform(string inputName) => Providers.ContainsKey(inputName);

    /// <summary>The questions the applicant answers: every scheme input the platform does not fill.</summary>
    public static IEnumerable<QuestionDefinition> Questionnaire(IResidenceScoring scoring) =>
        scoring.Inputs.Where(i => !Providers.ContainsKey(i.Name));

    /// <summary>The case for the engine: the applicant's answers plus the platform's facts (facts win).</summary>
    public static JsonObject BuildCase(ResidenceApplication application, JsonObject answers, IResidenceScoring scoring)
    {
        var input = new JsonObject();
        foreach (var definition in scoring.Inputs)
        {
            if (Providers.TryGetValue(definition.Name, out var provide))
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
