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

    /// <summary>The field a refused action named (such as "at" for an interview time that has passed), to mark it on the form.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>What the officer typed into the interview form, kept when it is refused.</summary>
    public string? PostedAt { get; private set; }

    public string? PostedPlace { get; private set; }

    public IReadOnlyList<AnswerRow> Answers { get; private set; } = [];

    public KaztestRules? KaztestRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostChecksAsync(Guid id, CancellationToken ct) =>
        await After(id, await service.RunChecksAsync(id, Actor.From(User), ct), ct);

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, string? at, string? place, CancellationToken ct)
    {
        // datetime-local carries no offset: the officer's clock is Kazakhstan time (UTC+5 since 2024).
        // Years at the ends of the calendar cannot carry an offset; no interview is held then.
        if (!DateTime.TryParseExact(at, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 2000 or > 2999)
        {
            return await RefusedSchedule(id, new Refusal("required", text["error.fill-all"], "at"), at, place, ct);
        }

        var offset = TimeSpan.FromHours(configuration.GetValue("Koshi:UtcOffsetHours", 5));
        var outcome = await service.ScheduleInterviewAsync(id, Actor.From(User), new DateTimeOffset(local, offset), place ?? string.Empty, ct);
        return outcome.Refusal is not null && !outcome.NotFound ? await RefusedSchedule(id, outcome.Refusal, at, place, ct) : await After(id, outcome, ct);
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, bool passed, string? notes, CancellationToken ct) =>
        await After(id, await service.RecordInterviewAsync(id, Actor.From(User), passed, notes ?? string.Empty, ct), ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string? outcome, string? ground, string? reasons, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reasons))
        {
            return await Show(id, new Refusal("required", text["error.fill-all"]), ct);
        }

        // A refusal cannot be undone: it needs the ticked confirmation, checked here and not only in the browser.
        if (outcome != "approve" && !Koshi.Web.Platform.Ui.Forms.FormChecks.Confirmed(Request))
        {
            return await Show(id, new Refusal("required", text["form.confirm-required"]), ct);
        }

        var actor = Actor.From(User);
        var result = outcome == "approve"
            ? await service.ApproveAsync(id, actor, reasons, ct)
            : await service.RefuseAsync(id, actor, ground ?? string.Empty, reasons, ct);
        return await After(id, result, ct);
    }

    private async Task<IActionResult> After(Guid id, ResidenceOutcome outcome, CancellationToken ct) =>
        outcome.NotFound ? NotFound() : outcome.Refusal is not null ? await Show(id, outcome.Refusal, ct) : Redirect($"/officer/cases/{id}");

    private async Task<IActionResult> Show(Guid id, Refusal refusal, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // The page's own checks give their message in the reader's language already.
        Error = refusal.Code == "required" ? refusal.Message : text.Refusal(refusal);
        return Page();
    }

    /// <summary>
    /// An interview refused for a bad value: 400 as the API answers, the field marked and what was typed kept.
    /// </summary>
    private Task<IActionResult> RefusedSchedule(Guid id, Refusal refusal, string? at, string? place, CancellationToken ct)
    {
        ErrorField = refusal.Field;
        PostedAt = at;
        PostedPlace = place;
        Response.StatusCode = refusal.Field is null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Show(id, refusal, ct);
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
        Answers = CaseAnswers.Rows(text, service.Questionnaire(), application.AnswersJson);
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
