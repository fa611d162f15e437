using System.Globalization;
using System.Text.Json.Nodes;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Ui.Forms;
using Koshi.Web.Reference;
using Koshi.Web.Residence.Scoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

/// <summary>One question of the form: its definition (from the pack), what was entered, and the error if any.</summary>
public sealed record QuestionField(string Key, QuestionDefinition Definition, IReadOnlyList<string> Values, string? Error,
    IReadOnlyDictionary<string, string[]> AllValues, IReadOnlyDictionary<string, string> AllErrors)
{
    /// <summary>The element id of the question (the error summary links here).</summary>
    public string Id => "q-" + Key.Replace('.', '-');

    public string ErrorId => Id + "-error";

    public bool IsCountry => Definition.AsksForCountry;

    public bool HasAnyError => Error is not null || AllErrors.Keys.Any(k => k.StartsWith(Key + ".", StringComparison.Ordinal));

    public QuestionField Child(QuestionDefinition field)
    {
        var key = Key + "." + field.Name;
        return new QuestionField(key, field, AllValues.GetValueOrDefault(key) ?? [], AllErrors.GetValueOrDefault(key), AllValues, AllErrors);
    }
}

/// <summary>A section of the questionnaire with its state for the contents list.</summary>
public sealed record QuestionSection(string Id, IReadOnlyList<QuestionField> Fields, string Status);

/// <summary>
/// The questionnaire rendered from the scheme's inputs, in sections, with the questions that do not concern the
/// applicant hidden; preview the score, then submit it. Errors are listed at the top, each linked to its question.
/// </summary>
[Authorize(Policy = Policies.PageApplicant)]
public sealed class QuestionnaireModel(ResidenceService service, Text text) : PageModel
{
    public List<QuestionSection> Sections { get; private set; } = [];

    public IReadOnlyList<QuestionDefinition> Questions { get; private set; } = [];

    public ScoreView? Preview { get; private set; }

    public string? Error { get; private set; }

    public List<FieldProblem> Problems { get; } = [];

    /// <summary>What the application already records and is not asked again (the passport's country): question and answer.</summary>
    public List<(string Input, string Question, string Answer)> Known { get; } = [];

    public IReadOnlyDictionary<string, QuestionDefinition> InputDefinitions { get; private set; } = new Dictionary<string, QuestionDefinition>();

    private Dictionary<string, string[]> values = [];

    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    private bool posted;

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

        Build(application);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(User), ct);
        if (application is null)
        {
            return NotFound();
        }

        if (ReadAnswers(application) is { } answers)
        {
            try
            {
                var (found, score) = await service.PreviewScoreAsync(id, Actor.From(User), answers, ct);
                if (found is null)
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

        Build(application);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(User), ct);
        if (application is null)
        {
            return NotFound();
        }

        if (ReadAnswers(application) is { } answers)
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
                    // The case page opens on the confirmation, with the score under it.
                    return Redirect($"/residence/{id}?done=questionnaire#confirmation");
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

        Build(application);
        return Page();
    }

    /// <summary>The pack's own check found something the page did not: shown on the question, in the page's language.</summary>
    private void Fail(ScoringInputException e)
    {
        var definitions = service.InputDefinitions();
        foreach (var error in e.FieldErrors)
        {
            var title = definitions.TryGetValue(error.Field, out var d) ? d.Title.Current : text["error.check-fields"];
            errors.TryAdd(error.Field, text.Format(error.Message.StartsWith("is required", StringComparison.Ordinal) ? "qs.error.required" : "qs.error.format", title));
        }
    }

    private void Build(ResidenceApplication application)
    {
        InputDefinitions = service.InputDefinitions();
        Questions = service.Questionnaire(application);
        foreach (var (input, value) in service.RecordedFacts(application))
        {
            var definition = InputDefinitions.GetValueOrDefault(input);
            var answer = definition?.AsksForCountry == true ? FormChecks.Display(PickerKind.Country, value.ToString(), Text.Language) : value.ToString();
            Known.Add((input, definition?.Title.Current ?? input, answer));
        }

        Sections = QuestionnaireLayout.For(Questions, application.Kind)
            .Select(s =>
            {
                var fields = s.Questions
                    .Select(q => new QuestionField(q.Name, q, values.GetValueOrDefault(q.Name) ?? [], errors.GetValueOrDefault(q.Name), values, errors))
                    .ToList();
                var status = !posted ? "todo" : fields.Any(f => f.HasAnyError) ? "errors" : "done";
                return new QuestionSection(s.Id, fields, status);
            })
            .ToList();

        // The summary lists the problems in the order of the questions, each linked to its field.
        var ids = InputDefinitions.Keys.ToList();
        foreach (var (key, message) in errors.OrderBy(e => ids.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue))
        {
            Problems.Add(new FieldProblem("q-" + key.Replace('.', '-'), message));
        }

        if (Problems.Count == 0 && errors.Count == 0 && Error is not null)
        {
            Problems.Add(new FieldProblem("questionnaire", Error));
        }
    }

    /// <summary>Reads the form into the case's JSON, typed as the scheme declares; blank and hidden answers are left to the pack's defaults.</summary>
    private JsonObject? ReadAnswers(ResidenceApplication application)
    {
        posted = true;
        values = Request.Form.Keys.Where(k => k.StartsWith("q.", StringComparison.Ordinal))
            .ToDictionary(k => k[2..], k => Request.Form[k].Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal);
        // Only the questions the page asks are read: what the application records is not the applicant's to change here.
        var questions = service.Questionnaire(application);
        var answers = new JsonObject();
        foreach (var (_, sectionQuestions) in QuestionnaireLayout.For(questions, application.Kind))
        {
            foreach (var question in sectionQuestions)
            {
                if (QuestionnaireLayout.ConditionOf(question, questions) is { } condition && !condition.Rule.MetBy(values))
                {
                    continue;
                }

                if (Read(question, question.Name) is { } node)
                {
                    answers[question.Name] = node;
                }
            }
        }

        CheckFamily(answers, questions);
        return errors.Count > 0 ? null : answers;
    }

    /// <summary>Of the family members moving, those aged 16 or over cannot be more than all of them.</summary>
    private void CheckFamily(JsonObject answers, IReadOnlyList<QuestionDefinition> questions)
    {
        long? Value(string name) =>
            answers[name] is JsonValue v && v.TryGetValue<long>(out var l) ? l
            : questions.FirstOrDefault(q => q.Name == name)?.Default is JsonValue d && d.TryGetValue<long>(out var dl) ? dl : null;

        if (Value("family_members") is { } all && Value("family_members_16_plus") is { } adults && adults > all
            && questions.FirstOrDefault(q => q.Name == "family_members_16_plus") is { } question)
        {
            errors.TryAdd(question.Name, text.Format("qs.error.family", question.Title.Current));
        }
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

        var title = question.Title.Current;
        var value = raw.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (question.Required && question.Default is null)
            {
                errors[key] = text.Format("qs.error.required", title);
            }

            return null;
        }

        var asked = new QuestionField(key, question, raw, null, values, errors);
        if (asked.IsCountry)
        {
            if (Pickers.Resolve(PickerKind.Country, value) is { } code)
            {
                return JsonValue.Create(code);
            }

            errors[key] = text.Format("qs.error.country", title);
            return null;
        }

        switch (question.Kind)
        {
            case QuestionKind.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return InRange(l, question, key) ? JsonValue.Create(l) : null;
            case QuestionKind.Decimal when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d):
                return InRange(d, question, key) ? JsonValue.Create(d) : null;
            case QuestionKind.Bool when bool.TryParse(value, out var b):
                return JsonValue.Create(b);
            case QuestionKind.Enum when question.Options.Any(o => o.Id == value):
                return JsonValue.Create(value);
            case QuestionKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                return JsonValue.Create(value);
            case QuestionKind.Text when question.Pattern is null || System.Text.RegularExpressions.Regex.IsMatch(value, question.Pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)):
                return JsonValue.Create(value);
            default:
                errors[key] = text.Format("qs.error.format", title);
                return null;
        }
    }

    private bool InRange(decimal number, QuestionDefinition question, string key)
    {
        if ((question.Min is { } min && number < min) || (question.Max is { } max && number > max))
        {
            errors[key] = question.Max is { } top
                ? text.Format("qs.error.range", question.Title.Current, Number(question.Min ?? 0), Number(top))
                : text.Format("qs.error.minimum", question.Title.Current, Number(question.Min ?? 0));
            return false;
        }

        return true;
    }

    private static string Number(decimal value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
