using System.Text.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Ui.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>One case: the checks with their sources, the family, payments, the contract and refund claim; the owner's and the officer's actions.</summary>
[Authorize(Policy = Policies.PageCaseReader)]
public sealed class CaseModel(ResettlementService service, Text text) : PageModel
{
    public DateOnly Today => Koshi.Policy.LegalClock.DateOf(service.Now);

    public ResettlementCase Case { get; private set; } = null!;

    public List<RuleCheck> Checks { get; private set; } = [];

    public bool IsOfficer => User.IsInRole(Roles.Officer);

    public bool IsOwner { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorSource { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostArriveAsync(Guid id, CancellationToken ct) => Act(id, a => service.ArriveAsync(id, a, null, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        !FormChecks.Confirmed(Request) ? Unconfirmed(id, ct) : Act(id, a => service.WithdrawAsync(id, a, null, ct), ct);

    public Task<IActionResult> OnPostAccountAsync(Guid id, string? payoutAccount, CancellationToken ct) =>
        payoutAccount is { Length: 20 } account && account.StartsWith("KZ", StringComparison.Ordinal)
            ? Act(id, a => service.ChangeAccountAsync(id, a, account.ToUpperInvariant(), ct), ct)
            : Fail(id, new Refusal(RefusalCodes.OutOfRange, "payoutAccount: KZ and 18 letters or digits.", "payoutAccount"), ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => Act(id, a => service.ApproveAsync(id, a, ct), ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, string? reason, CancellationToken ct) =>
        !FormChecks.Confirmed(Request) ? Unconfirmed(id, ct)
        : string.IsNullOrWhiteSpace(reason) ? Fail(id, new Refusal(RefusalCodes.Required, "reason: required.", "reason"), ct) : Act(id, a => service.RefuseAsync(id, a, reason.Trim(), ct), ct);

    public Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) => Act(id, a => service.PayDueAsync(id, a, ct), ct);

    public Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct) => Act(id, a => service.CheckAddressAsync(id, a, ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(Guid id, string? reason, CancellationToken ct) => Act(id, a => service.DecideRefundAsync(id, a, true, reason, ct), ct);

    public Task<IActionResult> OnPostWaiveAsync(Guid id, string? reason, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reason) ? Fail(id, new Refusal(RefusalCodes.Required, "reason: required.", "reason"), ct) : Act(id, a => service.DecideRefundAsync(id, a, false, reason.Trim(), ct), ct);

    private async Task<IActionResult> Act(Guid id, Func<Actor, Task<CaseOutcome>> action, CancellationToken ct)
    {
        var outcome = await action(Actor.From(User));
        if (outcome.NotFound)
        {
            return NotFound();
        }

        return outcome.Refusal is { } refusal ? await Fail(id, refusal, ct) : Redirect($"/resettlement/cases/{id}");
    }

    /// <summary>Withdrawing and refusing cannot be undone: without the ticked confirmation nothing changes.</summary>
    private async Task<IActionResult> Unconfirmed(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Error = text["form.confirm-required"];
        return Page();
    }

    private async Task<IActionResult> Fail(Guid id, Refusal refusal, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Error = text.Refusal(refusal);
        ErrorSource = refusal.Source;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor.From(User);
        if (await service.FindAsync(id, actor, ct) is not { } found)
        {
            return false;
        }

        Case = found;
        IsOwner = found.OwnerId == actor.Id;
        Checks = JsonSerializer.Deserialize<List<RuleCheck>>(found.ChecksJson, JsonSerializerOptions.Web) ?? [];
        return true;
    }
}
