using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The employer's page: claim the subsidy for a resettled participant hired and housed, and follow the claims.</summary>
[Authorize(Roles = Roles.Employer)]
public sealed class EmployerModel(EmployerSubsidyService service, Text text) : PageModel
{
    public List<EmployerSubsidyClaim> Claims { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public string? ErrorSource { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostClaimAsync(string? caseReference, string? participantIin, DateOnly? hiredOn, DateOnly? housedFrom, string? payoutAccount, CancellationToken ct)
    {
        var (input, errors) = EmployerSubsidyEndpoints.Validate(new SubsidyClaimRequest(
            caseReference?.Trim().ToUpperInvariant(), participantIin?.Trim(), hiredOn, housedFrom, payoutAccount?.Trim().ToUpperInvariant()));
        if (input is null)
        {
            Errors.AddRange(errors.Select(e => $"{e.Item1}: {e.Item2}"));
            await LoadAsync(ct);
            return Page();
        }

        var outcome = await service.SubmitAsync(Actor.From(User), input, ct);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(refusal.Code == RefusalCodes.NotEligible
                ? text["rs.not-eligible"] + " " + string.Join("; ", refusal.Rules.Select(gate => text["rs.gate." + gate]))
                : text.Refusal(refusal));
            ErrorSource = refusal.Source;
            await LoadAsync(ct);
            return Page();
        }

        return Redirect("/resettlement/employer");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Claims = await service.VisibleTo(Actor.From(User)).OrderByDescending(c => c.SubmittedAt).Take(500).ToListAsync(ct);
}
