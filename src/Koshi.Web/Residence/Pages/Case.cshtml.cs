using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Ui.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

/// <summary>The applicant's view of one application: every stage, the score explained, the clock, notifications.</summary>
[Authorize(Policy = Policies.PageApplicant)]
public sealed class CaseModel(ResidenceService service, Text text) : PageModel
{
    public ResidenceApplication Application { get; private set; } = null!;

    public ScoreView? Score { get; private set; }

    public DateOnly Today => service.Today;

    public IReadOnlyDictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition> InputDefinitions { get; private set; } = new Dictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition>();

    public string? Error { get; private set; }

    public KaztestRules? KaztestRules { get; private set; }

    /// <summary>What to fix in the last post, each linked to its field.</summary>
    public List<FieldProblem> Problems { get; } = [];

    /// <summary>The confirmation of what was just done (after the redirect that follows a successful post).</summary>
    public ConfirmationPanel? Confirmation { get; private set; }

    /// <summary>Attempts still allowed by the pack's KAZTEST rules, when they are known.</summary>
    public int? AttemptsLeft => KaztestRules is { } rules ? Math.Max(0, rules.MaxAttempts - Application.KaztestAttempts.Count) : null;

    public string? ErrorFor(string field) => Problems.FirstOrDefault(p => p.FieldId == field)?.Message;

    // The fields of the pages' forms by the names the domain gives them in a refusal.
    private static readonly Dictionary<string, string> FieldIds = new(StringComparer.Ordinal)
    {
        ["listeningPercent"] = "listening", ["readingPercent"] = "reading", ["takenOn"] = "takenOn", ["certificate"] = "certificate",
        ["reason"] = "withdraw-reason",
    };

    private static readonly HashSet<string> KaztestFields = new(StringComparer.Ordinal) { "listening", "reading", "takenOn", "certificate", "kaztest-form" };

    private static readonly HashSet<string> WithdrawFields = new(StringComparer.Ordinal) { "withdraw-reason", "withdraw-confirm", "withdraw-form" };

    /// <summary>
    /// Where a problem's summary entry leads on the page as it is now: to its field while the form is shown, else to the
    /// part of the page that says why the form is gone (the test stage, the case's stage).
    /// </summary>
    private string Anchor(string field) => field switch
    {
        _ when KaztestFields.Contains(field) && Application.Stage != ResidenceStage.LanguageTest => "stage-kaztest",
        _ when WithdrawFields.Contains(field) && Application.IsClosed => "case-stage",
        _ => field,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Confirmation = ConfirmationFor(done);
        return Page();
    }

    /// <summary>The panel for what was just done, told from the case as it is now (a hand-typed address shows nothing false).</summary>
    private ConfirmationPanel? ConfirmationFor(string? done)
    {
        var last = Application.KaztestAttempts.OrderBy(a => a.Number).LastOrDefault();
        return done switch
        {
            "kaztest" when last is { Passed: true } => new(text["kaztest.recorded-passed"], text["kaztest.recorded-passed-body"]),
            "kaztest" when last is not null => new(text["kaztest.recorded-failed"], text.Format("kaztest.recorded-failed-body", AttemptsLeft ?? 0)),
            "questionnaire" when Application.Score is not null => new(text["qs.submitted"], text["qs.submitted-body"]),
            "withdrawn" when Application.Stage == ResidenceStage.Withdrawn => new(text["withdraw.done"]),
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostKaztestAsync(Guid id, int? listening, int? reading, DateOnly? takenOn, string? certificate, CancellationToken ct)
    {
        // Past the test stage the form is gone: say so, rather than list fields the page no longer has.
        if (await service.FindAsync(id, Actor.From(User), ct) is not { } current)
        {
            return NotFound();
        }

        if (current.Stage != ResidenceStage.LanguageTest)
        {
            return await Show(id, [new FieldProblem("stage-kaztest", text["refusal.wrong-stage"])], ct);
        }

        var missing = new List<FieldProblem>();
        void Require(bool given, string field, string label)
        {
            if (!given)
            {
                missing.Add(new FieldProblem(field, label + ": " + text["error.fill-all"]));
            }
        }

        Require(listening is not null, "listening", text["field.listeningPercent"]);
        Require(reading is not null, "reading", text["field.readingPercent"]);
        Require(takenOn is not null, "takenOn", text["field.takenOn"]);
        Require(!string.IsNullOrWhiteSpace(certificate), "certificate", text["field.certificate"]);
        if (missing.Count > 0)
        {
            return await Show(id, missing, ct);
        }

        var outcome = await service.RecordKaztestAsync(id, Actor.From(User), listening!.Value, reading!.Value, takenOn!.Value, certificate!.Trim(), ct);
        return outcome.NotFound ? NotFound() : outcome.Refusal is not null ? await Show(id, outcome.Refusal, "kaztest-form", ct) : Redirect($"/residence/{id}?done=kaztest#confirmation");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason, CancellationToken ct)
    {
        // Withdrawing cannot be undone: without the ticked confirmation nothing changes.
        if (!FormChecks.Confirmed(Request))
        {
            return await Show(id, [new FieldProblem("withdraw-confirm", text["form.confirm-required"])], ct);
        }

        var outcome = await service.WithdrawAsync(id, Actor.From(User), reason, ct);
        return outcome.NotFound ? NotFound() : outcome.Refusal is not null ? await Show(id, outcome.Refusal, "withdraw-form", ct) : Redirect($"/residence/{id}?done=withdrawn#confirmation");
    }

    /// <param name="form">The form the refused post came from: the summary links there when the refusal names no field of it.</param>
    private Task<IActionResult> Show(Guid id, Refusal refusal, string form, CancellationToken ct)
    {
        Error = RefusalTexts.Describe(text, refusal);
        var field = refusal.Field is { } f && FieldIds.TryGetValue(f, out var known) ? known : form;
        return Show(id, [new FieldProblem(field, Error)], ct);
    }

    private async Task<IActionResult> Show(Guid id, List<FieldProblem> problems, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Problems.AddRange(problems.Select(p => p with { FieldId = Anchor(p.FieldId) }));
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
