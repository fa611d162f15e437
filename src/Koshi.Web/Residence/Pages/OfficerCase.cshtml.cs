using System.Globalization;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

/// <summary>An officer's case page: score and re-score, interagency checks, interview, decision.</summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class OfficerCaseModel(ResidenceService service, Text text, TimeProvider time, IConfiguration configuration) : PageModel
{
    public ResidenceApplication Application { get; private set; } = null!;

    public ScoreView? Score { get; private set; }

    public RescoreView? Rescore { get; private set; }

    public DateOnly Today => service.Today;

    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyDictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition> InputDefinitions { get; private set; } = new Dictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition>();

    public string? Error { get; private set; }

    /// <summary>What to fix in the last post, linked to its field, or to its form or the case's stage when it names none.</summary>
    public List<Koshi.Web.Platform.Ui.Forms.FieldProblem> Problems { get; } = [];

    /// <summary>The message of one field of the page's forms (by element id), when the last post was refused for it.</summary>
    public string? ErrorFor(string elementId) => Problems.FirstOrDefault(p => p.FieldId == elementId) is { } problem ? Error : null;

    // The element each form's fields have on the page, by the names the domain gives them in a refusal.
    private static readonly Dictionary<(string Form, string Field), string> FieldIds = new()
    {
        [("Schedule", "at")] = "interview-at", [("Schedule", "place")] = "interview-place",
        [("Outcome", "notes")] = "interview-notes",
        [("Decide", "ground")] = "decision-ground", [("Decide", "reasons")] = "decision-reasons",
        [("Decide", "confirm")] = "decision-confirm",
    };

    /// <summary>What the officer typed into the interview form, kept when it is refused.</summary>
    public string? PostedAt { get; private set; }

    public string? PostedPlace { get; private set; }

    public IReadOnlyList<AnswerRow> Answers { get; private set; } = [];

    public KaztestRules? KaztestRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostChecksAsync(Guid id, CancellationToken ct) =>
        await After(id, "Checks", await service.RunChecksAsync(id, Actor.From(User), ct), ct);

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, string? at, string? place, CancellationToken ct)
    {
        // datetime-local carries no offset: the officer's clock is Kazakhstan time (UTC+5 since 2024).
        // Years at the ends of the calendar cannot carry an offset; no interview is held then.
        if (!DateTime.TryParseExact(at, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 2000 or > 2999)
        {
            return await RefusedSchedule(id, new Refusal("required", text["error.fill-all"], "at"), at, place, ct, ownCheck: true);
        }

        var offset = TimeSpan.FromHours(configuration.GetValue("Koshi:UtcOffsetHours", 5));
        var outcome = await service.ScheduleInterviewAsync(id, Actor.From(User), new DateTimeOffset(local, offset), place ?? string.Empty, ct);
        return outcome.Refusal is not null && !outcome.NotFound ? await RefusedSchedule(id, outcome.Refusal, at, place, ct) : await After(id, "Schedule", outcome, ct);
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, bool passed, string? notes, CancellationToken ct) =>
        await After(id, "Outcome", await service.RecordInterviewAsync(id, Actor.From(User), passed, notes ?? string.Empty, ct), ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? outcome, string? ground, string? reasons, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reasons))
        {
            return await Show(id, "Decide", new Refusal("required", text["error.fill-all"], "reasons"), ct, ownCheck: true);
        }

        // A refusal cannot be undone: it needs the ticked confirmation, checked here and not only in the browser.
        if (outcome != "approve" && !Koshi.Web.Platform.Ui.Forms.FormChecks.Confirmed(Request))
        {
            return await Show(id, "Decide", new Refusal("required", text["form.confirm-required"], "confirm"), ct, ownCheck: true);
        }

        var actor = Actor.From(User);
        var result = outcome == "approve"
            ? await service.ApproveAsync(id, actor, reasons, ct)
            : await service.RefuseAsync(id, actor, ground ?? string.Empty, reasons, ct);
        return await After(id, "Decide", result, ct);
    }

    private async Task<IActionResult> After(Guid id, string form, ResidenceOutcome outcome, CancellationToken ct) =>
        outcome.NotFound ? NotFound() : outcome.Refusal is not null ? await Show(id, form, outcome.Refusal, ct) : Redirect($"/officer/cases/{id}");

    /// <param name="form">The handler whose post was refused: its field, or its form, is where the summary leads.</param>
    /// <param name="ownCheck">The page's own check, whose message is in the reader's language already.</param>
    private async Task<IActionResult> Show(Guid id, string form, Refusal refusal, CancellationToken ct, bool ownCheck = false)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // The page's own checks give their message in the reader's language already.
        Error = ownCheck ? refusal.Message : RefusalTexts.Describe(text, refusal);
        var target = refusal.Field is { } field && FieldIds.TryGetValue((form, field), out var element) ? element : FormIds[form];
        var shown = Shown(target) ? target : Shown(SectionIds[form]) ? SectionIds[form] : "case-stage";
        var label = shown == target && refusal.Field is { } named && FieldLabels.TryGetValue(named, out var key) ? text[key] + ": " : string.Empty;
        Problems.Add(new Koshi.Web.Platform.Ui.Forms.FieldProblem(shown, label + Error));
        return Page();
    }

    // The forms and the sections that hold them: a refusal naming no field leads to its form, or, once the form is gone
    // (the case moved on), to its section or to the case's stage.
    private static readonly Dictionary<string, string> FormIds = new(StringComparer.Ordinal)
    {
        ["Checks"] = "checks-form", ["Schedule"] = "schedule-form", ["Outcome"] = "outcome-form", ["Decide"] = "decide-form",
    };

    private static readonly Dictionary<string, string> SectionIds = new(StringComparer.Ordinal)
    {
        ["Checks"] = "officer-checks", ["Schedule"] = "officer-interview", ["Outcome"] = "officer-interview", ["Decide"] = "officer-decide",
    };

    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["at"] = "interview.at", ["place"] = "interview.place", ["notes"] = "interview.notes", ["reasons"] = "decision.reasons", ["ground"] = "decision.ground",
    };

    // What the page draws at the case's stage; the view and the error summary (Shown) read the same answers.
    public bool ShowsChecks => Application.Checks.Count > 0;

    public bool CanRunChecks => ShowsChecks && Application.Stage == ResidenceStage.Checks;

    public bool ShowsInterview => Application.Stage == ResidenceStage.Interview || Application.Interview is not null;

    public bool CanSchedule => Application.Stage == ResidenceStage.Interview && Application.Interview is null;

    public bool CanRecordOutcome => Application.Stage == ResidenceStage.Interview && Application.Interview is { Outcome: null };

    public bool CanDecide => Application.Stage == ResidenceStage.Decision;

    public bool CanRefuse => CanDecide && Application.FailedGrounds().Count > 0;

    /// <summary>Whether the page as it is now has the element (the forms follow the case's stage, as the page draws them).</summary>
    private bool Shown(string element) => element switch
    {
        "checks-form" => CanRunChecks,
        "officer-checks" => ShowsChecks,
        "schedule-form" or "interview-at" or "interview-place" => CanSchedule,
        "outcome-form" or "interview-notes" => CanRecordOutcome,
        "officer-interview" => ShowsInterview,
        "decide-form" or "officer-decide" or "decision-reasons" => CanDecide,
        "decision-ground" or "decision-confirm" => CanRefuse,
        _ => false,
    };

    /// <summary>
    /// An interview refused for a bad value: 400 as the API answers, the field marked and what was typed kept.
    /// </summary>
    private Task<IActionResult> RefusedSchedule(Guid id, Refusal refusal, string? at, string? place, CancellationToken ct, bool ownCheck = false)
    {
        PostedAt = at;
        PostedPlace = place;
        Response.StatusCode = refusal.Field is null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Show(id, "Schedule", refusal, ct, ownCheck);
    }

    private KaztestRules? Rules(ResidenceApplication application)
    {
        try
        {
            return service.KaztestRulesOn(application.LodgedOn);
        }
        catch (Exception e) when (e is Koshi.Web.Residence.Scoring.ScoringUnavailableException or Koshi.Web.Residence.Scoring.ScoringEvaluationException)
        {
            return null;
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(User), ct);
        if (application is null)
        {
            return false;
        }

        Application = application;
        KaztestRules = Rules(application);
        InputDefinitions = service.InputDefinitions();
        Answers = CaseAnswers.Rows(text, service.Questionnaire(), service.AnswersAsRead(application));
        if (application.Score is not null)
        {
            var (asMade, current, error) = service.Rescore(application.Score);
            Score = ScoreView.From(asMade);
            Rescore = new RescoreView(
                Score, current is null ? null : ScoreView.From(current), error,
                current is not null && current.Total != asMade.Total, current is not null && current.Decision != asMade.Decision, current?.PackHash ?? string.Empty);
        }

        return true;
    }
}
