using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

/// <summary>The applicant's view of one application: every stage, the score explained, the clock, notifications.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CaseModel(ResidenceService service, Text text) : PageModel
{
    public ResidenceApplication Application { get; private set; } = null!;

    public ScoreView? Score { get; private set; }

    public DateOnly Today => service.Today;

    public IReadOnlyDictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition> InputDefinitions { get; private set; } = new Dictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition>();

    public string? Error { get; private set; }

    public KaztestRules? KaztestRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostKaztestAsync(Guid id, int? listening, int? reading, DateOnly? takenOn, string? certificate, CancellationToken ct)
    {
        if (listening is null || reading is null || takenOn is null || string.IsNullOrWhiteSpace(certificate))
        {
            return await Show(id, new Refusal("required", text["error.fill-all"]), ct);
        }

        var outcome = await service.RecordKaztestAsync(id, Actor.From(User), listening.Value, reading.Value, takenOn.Value, certificate.Trim(), ct);
        return outcome.NotFound ? NotFound() : outcome.Refusal is not null ? await Show(id, outcome.Refusal, ct) : Redirect($"/residence/{id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason, CancellationToken ct)
    {
        var outcome = await service.WithdrawAsync(id, Actor.From(User), reason, ct);
        return outcome.NotFound ? NotFound() : outcome.Refusal is not null ? await Show(id, outcome.Refusal, ct) : Redirect($"/residence/{id}");
    }

    private async Task<IActionResult> Show(Guid id, Refusal refusal, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Error = text.Refusal(refusal);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(User), ct);
        if (application is null)
        {
            return false;
        }

        Application = application;
        try
        {
            KaztestRules = service.KaztestRulesOn(application.LodgedOn);
        }
        catch (Exception e) when (e is Koshi.Web.Residence.Scoring.ScoringUnavailableException or Koshi.Web.Residence.Scoring.ScoringEvaluationException)
        {
            KaztestRules = null;
        }

        Score = application.Score is null ? null : ScoreView.From(service.Explain(application.Score.ExplanationJson));
        InputDefinitions = service.InputDefinitions();
        return true;
    }
}
