using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>One permit for its owner, the officer of its region and the administrator: details, checks, invoices, actions.</summary>
[Authorize(Policy = Policies.PagePermitReader)]
public sealed partial class PermitModel(PermitRegister register, PermitLifecycle lifecycle, AllocationRoundService rounds, Text text) : PageModel
{
    private const int MaxText = 2000;

    public WorkPermit Permit { get; private set; } = null!;

    public List<RuleCheck> Checks { get; private set; } = [];

    public DateOnly Today => register.Today;

    public string Status => Permit.StatusOn(Today);

    public bool IsOwner { get; private set; }

    /// <summary>Place in a ranked pool and how many wait there; null when the application does not wait in one.</summary>
    public (int Position, int Waiting)? PoolPlace { get; private set; }

    /// <summary>The single changes that would raise the worker's points, as the assessment found them.</summary>
    public List<WorkerRaise> Raises { get; private set; } = [];

    public bool IsOfficer { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorSource { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(Guid id, string? account, CancellationToken ct)
    {
        account = account?.Trim().ToUpperInvariant();
        return account is null || !Account().IsMatch(account)
            ? await Show(id, Invalid("labour.field.account"), ct)
            : await After(id, await lifecycle.PayAsync(id, Actor.From(User), account, ct), ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason, CancellationToken ct) =>
        !Koshi.Web.Platform.Ui.Forms.FormChecks.Confirmed(Request) ? await Show(id, NotConfirmed(), ct)
        : reason is { Length: > MaxText }
            ? await Show(id, Invalid("labour.field.reason"), ct)
            : await After(id, await lifecycle.WithdrawAsync(id, Actor.From(User), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct), ct);

    public async Task<IActionResult> OnPostExtendAsync(Guid id, int? days, CancellationToken ct) =>
        days is null or < 1 or > 3650
            ? await Show(id, Invalid("labour.field.extension-days"), ct)
            : await After(id, await lifecycle.ExtendAsync(id, Actor.From(User), days.Value, ct), ct);

    public async Task<IActionResult> OnPostEndAsync(Guid id, string? endOn, string? reason, CancellationToken ct) =>
        !LabourFormat.TryDate(endOn, out var on) || reason is { Length: > MaxText }
            ? await Show(id, Invalid("labour.field.end-on"), ct)
            : await After(id, await lifecycle.EndAsync(id, Actor.From(User), on, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct), ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await After(id, await lifecycle.ApproveAsync(id, Actor.From(User), ct), ct);

    public async Task<IActionResult> OnPostRefuseAsync(Guid id, string? reason, CancellationToken ct) =>
        !Koshi.Web.Platform.Ui.Forms.FormChecks.Confirmed(Request) ? await Show(id, NotConfirmed(), ct)
        : string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText
            ? await Show(id, Invalid("labour.field.reason"), ct)
            : await After(id, await lifecycle.RefuseAsync(id, Actor.From(User), reason.Trim(), ct), ct);

    public async Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct) =>
        await After(id, await lifecycle.IssueAsync(id, Actor.From(User), ct), ct);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, string? reason, CancellationToken ct) =>
        !Koshi.Web.Platform.Ui.Forms.FormChecks.Confirmed(Request) ? await Show(id, NotConfirmed(), ct)
        : string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText
            ? await Show(id, Invalid("labour.field.reason"), ct)
            : await After(id, await lifecycle.RevokeAsync(id, Actor.From(User), reason.Trim(), ct), ct);

    /// <summary>Withdrawing, refusing and revoking cannot be undone: the ticked confirmation is checked here, not only in the browser.</summary>
    private Refusal NotConfirmed() => new("required", text["form.confirm-required"]);

    private Refusal Invalid(string field) => new("required", text["labour.error.fields"] + " " + text[field]);

    private async Task<IActionResult> After(Guid id, PermitOutcome outcome, CancellationToken ct) =>
        outcome.NotFound || (outcome.Permit is null && outcome.Refusal is null) ? NotFound()
        : outcome.Refusal is not null ? await Show(id, outcome.Refusal, ct)
        : Redirect($"/labour/permits/{id}");

    private async Task<IActionResult> Show(Guid id, Refusal refusal, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Error = refusal.Code == "required" ? Koshi.Web.Platform.Problems.ProblemTexts.Translate(refusal.Message) : text.Refusal(refusal);
        ErrorSource = refusal.Source;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor.From(User);
        var permit = await register.FindAsync(id, actor, ct);
        if (permit is null)
        {
            return false;
        }

        Permit = permit;
        Checks = LabourFormat.Checks(permit.ChecksJson);
        IsOwner = permit.OwnerId == actor.Id;
        IsOfficer = actor.IsIn(Roles.Officer);
        PoolPlace = await rounds.PositionAsync(permit, ct);
        Raises = permit.AssessmentJson is null ? []
            : System.Text.Json.Nodes.JsonNode.Parse(permit.AssessmentJson)?["raises"]?.Deserialize<List<WorkerRaise>>(System.Text.Json.JsonSerializerOptions.Web) ?? [];
        return true;
    }

    [GeneratedRegex("^KZ[0-9A-Z]{18}$")]
    private static partial Regex Account();
}
