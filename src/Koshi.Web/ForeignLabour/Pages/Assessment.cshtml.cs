using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>One criterion of the worker's assessment as the explanation recorded it.</summary>
public sealed record AssessmentCriterion(string Id, string Title, long Points);

/// <summary>One declared fact with the officer's check of it.</summary>
public sealed record EvidenceLine(string Item, string Declared, EvidenceStatus Status, string? Reason);

/// <summary>
/// A worker's assessment: for the employer, the points, tier, what counted, what would raise it and the place in the
/// pool against the pool's last cut-off; for the region's officer, the declared evidence to accept or reject with a reason.
/// </summary>
[Authorize(Policy = Policies.PagePermitReader)]
public sealed class AssessmentModel(PermitRegister register, PermitLifecycle lifecycle, AllocationRoundService rounds, Text text) : PageModel
{
    public WorkPermit Permit { get; private set; } = null!;

    public List<AssessmentCriterion> Criteria { get; private set; } = [];

    public List<WorkerRaise> Raises { get; private set; } = [];

    public List<EvidenceLine> Evidence { get; private set; } = [];

    public (int Position, int Waiting)? PoolPlace { get; private set; }

    /// <summary>The pool's latest round, for the employer to weigh the points against.</summary>
    public AllocationRound? LastRound { get; private set; }

    public bool IsOfficer { get; private set; }

    /// <summary>Evidence can still be checked: the application is open.</summary>
    public bool Open => Permit.Status is PermitStatus.Submitted or PermitStatus.Approved or PermitStatus.Paid;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEvidenceAsync(Guid id, string? item, string? decision, string? reason, CancellationToken ct)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var invalid = new List<string>();
        if (item is null || !WorkerFacts.Items.Contains(item))
        {
            invalid.Add("skills.evidence.item");
        }

        if (decision is not ("accept" or "reject"))
        {
            invalid.Add("skills.evidence.decision");
        }

        if ((decision == "reject" && reason is null) || reason is { Length: > ForeignLabourEndpoints.MaxEvidenceReason })
        {
            invalid.Add("skills.evidence.reason");
        }

        if (invalid.Count > 0)
        {
            return await Show(id, text["labour.error.fields"] + " " + string.Join(", ", invalid.Select(f => text[f])), ct);
        }

        var outcome = await lifecycle.CheckEvidenceAsync(id, Actor.From(User), item!, decision == "accept", ct, reason);
        return outcome.NotFound || (outcome.Permit is null && outcome.Refusal is null) ? NotFound()
            : outcome.Refusal is not null ? await Show(id, text.Refusal(outcome.Refusal), ct)
            : Redirect($"/labour/permits/{id}/assessment#evidence");
    }

    private async Task<IActionResult> Show(Guid id, string error, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Error = error;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor.From(User);
        if (await register.FindAsync(id, actor, ct) is not { } permit)
        {
            return false;
        }

        Permit = permit;
        IsOfficer = actor.IsIn(Roles.Officer);
        PoolPlace = await rounds.PositionAsync(permit, ct);
        if (permit.Ranked && permit.Pool is not null)
        {
            LastRound = (await rounds.RoundsAsync(register.Today.Year, permit.Region, permit.Pool, ct)).LastOrDefault();
        }

        var stored = permit.AssessmentJson is null ? null : JsonNode.Parse(permit.AssessmentJson);
        Criteria = stored?["explanation"]?["criteria"]?.AsArray().Select(c => new AssessmentCriterion(
            c?["id"]?.GetValue<string>() ?? "?",
            c?["title"]?[Text.Language]?.GetValue<string>() ?? c?["title"]?["en"]?.GetValue<string>() ?? c?["id"]?.GetValue<string>() ?? "?",
            c?["points"]?.GetValue<long>() ?? 0)).ToList() ?? [];
        Raises = stored?["raises"]?.Deserialize<List<WorkerRaise>>(JsonSerializerOptions.Web) ?? [];
        var checks = permit.Evidence;
        var reasons = permit.EvidenceReasons;
        var facts = permit.DeclaredFacts;
        Evidence = WorkerFacts.Items.Select(item => new EvidenceLine(item, item switch
        {
            "education" => LabourFormat.Qualification(text, facts.Education) + (facts.EducationRelevant ? " · " + text["skills.evidence.relevant"] : string.Empty),
            "experience" => text.Format("skills.evidence.years", facts.ExperienceYears),
            "qualification" => facts.QualificationRecognised ? text["labour.yes"] : text["labour.no"],
            _ => facts.LanguageLevel.ToUpperInvariant(),
        }, checks.GetValueOrDefault(item), reasons.GetValueOrDefault(item))).ToList();
        return true;
    }
}
