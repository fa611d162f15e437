using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Residence.Scoring;

namespace Koshi.Web.Residence.Pages;

/// <summary>One answered question as a reader sees it: the question's title and the answer in words, in the page's language.</summary>
public sealed record AnswerRow(string Input, string Question, string Answer);

/// <summary>
/// The applicant's questionnaire as submitted, for the officer: each question of the pack by its title (a record's fields
/// under the record's title), options by their names, yes/no, dates and numbers in the reader's format.
/// </summary>
public static class CaseAnswers
{
    public static IReadOnlyList<AnswerRow> Rows(Text text, IEnumerable<QuestionDefinition> questions, string? answersJson)
    {
        if (answersJson is null || JsonNode.Parse(answersJson) is not JsonObject answers)
        {
            return [];
        }

        var rows = new List<AnswerRow>();
        foreach (var question in questions)
        {
            answers.TryGetPropertyValue(question.Name, out var value);
            Add(rows, text, question, question.Name, question.Title.Current, value);
        }

        return rows;
    }

    private static void Add(List<AnswerRow> rows, Text text, QuestionDefinition question, string input, string title, JsonNode? value)
    {
        if (question.Kind == QuestionKind.Record && question.Fields.Count > 0)
        {
            var records = value switch
            {
                JsonObject one => [one],
                JsonArray many => many.OfType<JsonObject>().ToList(),
                _ => new List<JsonObject>(),
            };
            if (records.Count == 0)
            {
                rows.Add(new AnswerRow(input, title, "—"));
                return;
            }

            for (var i = 0; i < records.Count; i++)
            {
                var heading = records.Count > 1 ? $"{title} {i + 1}" : title;
                foreach (var field in question.Fields)
                {
                    records[i].TryGetPropertyValue(field.Name, out var fieldValue);
                    Add(rows, text, field, input + "." + field.Name, heading + " — " + field.Title.Current, fieldValue);
                }
            }

            return;
        }

        rows.Add(new AnswerRow(input, title, Describe(text, question, value)));
    }

    private static string Describe(Text text, QuestionDefinition question, JsonNode? value)
    {
        if (value is null)
        {
            return "—";
        }

        if (value is JsonArray members)
        {
            var names = members.Select(m => Describe(text, question, m)).ToList();
            return names.Count == 0 ? "—" : string.Join(", ", names);
        }

        if (value is not JsonValue scalar)
        {
            return value.ToJsonString();
        }

        if (scalar.TryGetValue<bool>(out var flag))
        {
            return flag ? text["answer.yes"] : text["answer.no"];
        }

        var raw = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
        if (question.Options.FirstOrDefault(o => o.Id == raw) is { } option)
        {
            return GroundTexts.Option(text, option);
        }

        if (question.AsksForCountry && Koshi.Web.Reference.Countries.IsKnown(raw))
        {
            return Koshi.Web.Reference.Countries.Name(raw);
        }

        if (question.Kind == QuestionKind.Date && DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Text.Date(date);
        }

        if (question.Kind is QuestionKind.Integer or QuestionKind.Decimal
            && decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number.ToString("#,0.##", CultureInfo.CurrentCulture);
        }

        return raw;
    }
}
