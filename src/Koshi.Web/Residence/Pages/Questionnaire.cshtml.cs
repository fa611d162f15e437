using System.Globalization;
using System.Text.Json.Nodes;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Residence.Scoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

/// <summary>One question of the form: its definition (from the pack), what was entered, and the error if any.</summary>
public sealed record QuestionField(string Key, QuestionDefinition Definition, IReadOnlyList<string> Values, string? Error,
    IReadOnlyDictionary<string, string[]> AllValues, IReadOnlyDictionary<string, string> AllErrors)
{
    public QuestionField Child(QuestionDefinition field)
    {
        var key = Key + "." + field.Name;
        return new QuestionField(key, field, AllValues.GetValueOrDefault(key) ?? [], AllErrors.GetValueOrDefault(key), AllValues, AllErrors);
    }
}

/// <summary>The questionnaire rendered from the scheme's inputs; preview the score, then submit it.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class QuestionnaireModel(ResidenceService service, Text text) : PageModel
{
    public List<QuestionField> Fields { get; private set; } = [];

    public ScoreView? Preview { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyDictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition> InputDefinitions { get; private set; } = new Dictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition>();

    private Dictionary<string, string[]> values = [];

    private Dictionary<string, string> errors = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(User), ct);
        if (application is null)
        {
            return NotFound();
        }

        if (application.Stage != ResidenceStage.Questionnaire)
        {
            return Redirect($"/residence/{id}");
        }

        Build();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        var answers = ReadAnswers();
        if (answers is not null)
        {
            try
            {
                var (application, score) = await service.PreviewScoreAsync(id, Actor.From(User), answers, ct);
                if (application is null)
                {
                    return NotFound();
                }

                Preview = ScoreView.From(score!);
            }
            catch (ScoringInputException e)
            {
                Fail(e);
            }
            catch (ScoringUnavailableException)
            {
                Error = text["error.scoring-unavailable"];
            }
        }

        Build();
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        var answers = ReadAnswers();
        if (answers is not null)
        {
            try
            {
                var outcome = await service.SubmitQuestionnaireAsync(id, Actor.From(User), answers, ct);
                if (outcome.NotFound)
                {
                    return NotFound();
                }

                if (outcome.Refusal is null)
                {
                    return Redirect($"/residence/{id}");
                }

                Error = text.Refusal(outcome.Refusal);
            }
            catch (ScoringInputException e)
            {
                Fail(e);
            }
            catch (ScoringUnavailableException)
            {
                Error = text["error.scoring-unavailable"];
            }
        }

        Build();
        return Page();
    }

    private void Fail(ScoringInputException e)
    {
        Error = text["error.check-fields"];
        foreach (var error in e.Errors)
        {
            errors[error.Field] = Koshi.Web.Platform.Problems.ProblemTexts.Translate(error.Message);
        }
    }

    private void Build()
    {
        InputDefinitions = service.InputDefinitions();
        Fields = service.Questionnaire()
            .Select(q => new QuestionField(q.Name, q, values.GetValueOrDefault(q.Name) ?? [], errors.GetValueOrDefault(q.Name), values, errors))
            .ToList();
    }

    /// <summary>Reads the form into the case's JSON, typed as the scheme declares; blank answers are left to the pack's defaults.</summary>
    private JsonObject? ReadAnswers()
    {
        values = Request.Form.Keys.Where(k => k.StartsWith("q.", StringComparison.Ordinal))
            .ToDictionary(k => k[2..], k => Request.Form[k].Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal);
        var answers = new JsonObject();
        foreach (var question in service.Questionnaire())
        {
            if (Read(question, question.Name) is { } node)
            {
                answers[question.Name] = node;
            }
        }

        if (errors.Count > 0)
        {
            Error = text["error.check-fields"];
            return null;
        }

        return answers;
    }

    private JsonNode? Read(QuestionDefinition question, string key)
    {
        if (question.Kind == QuestionKind.Record)
        {
            var record = new JsonObject();
            foreach (var field in question.Fields)
            {
                if (Read(field, key + "." + field.Name) is { } node)
                {
                    record[field.Name] = node;
                }
            }

            return record.Count == 0 ? null : record;
        }

        var raw = values.GetValueOrDefault(key) ?? [];
        if (question.Kind == QuestionKind.Set)
        {
            return new JsonArray(raw.Where(v => v.Length > 0).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        var value = raw.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        switch (question.Kind)
        {
            case QuestionKind.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return JsonValue.Create(l);
            case QuestionKind.Decimal when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(d);
            case QuestionKind.Bool when bool.TryParse(value, out var b):
                return JsonValue.Create(b);
            case QuestionKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
            case QuestionKind.Text or QuestionKind.Enum:
                return JsonValue.Create(value);
            default:
                errors[key] = text["error.wrong-format"];
                return null;
        }
    }
}
