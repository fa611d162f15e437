using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The applicant's page: apply with the family, and follow one's applications.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class IndexModel(ResettlementService service, Text text) : PageModel
{
    public const int MemberRows = 4;

    public List<ResettlementCase> Cases { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public string? ErrorSource { get; private set; }

    public IReadOnlyList<string> Receiving { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApplyAsync(
        Programme? programme, string? originRegion, string? destinationRegion, bool registeredJobSeeker, int? permanentRegistrationMonths,
        string? kandasCondition, decimal? housingCost, string? payoutAccount, string[]? memberName, string[]? memberIin, string[]? memberPassport,
        DateOnly?[]? memberBirth, string[]? memberRelation, CancellationToken ct)
    {
        var members = new List<MemberRequest>();
        for (var i = 0; i < (memberName?.Length ?? 0) && i < MemberRows; i++)
        {
            if (!string.IsNullOrWhiteSpace(memberName![i]))
            {
                members.Add(new MemberRequest(memberName[i], Blank(memberIin, i), Blank(memberPassport, i), memberBirth?.ElementAtOrDefault(i), Blank(memberRelation, i)));
            }
        }

        var (application, errors) = ResettlementEndpoints.Validate(new ResettlementApplicationRequest(
            programme, programme == Programme.Kandas ? null : originRegion, destinationRegion, registeredJobSeeker, permanentRegistrationMonths,
            kandasCondition, housingCost, payoutAccount?.Trim().ToUpperInvariant(), [.. members]));
        if (application is null)
        {
            Errors.AddRange(errors.Select(e => $"{e.Item1}: {e.Item2}"));
            await LoadAsync(ct);
            return Page();
        }

        var outcome = await service.ApplyAsync(Actor.From(User), application, ct);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(refusal.Code == RefusalCodes.NotEligible
                ? text["rs.not-eligible"] + " " + string.Join("; ", refusal.Rules.Select(gate => text["rs.gate." + gate]))
                : text.Refusal(refusal));
            ErrorSource = refusal.Source;
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/resettlement/cases/{outcome.Case!.Id}");
    }

    private static string? Blank(string[]? values, int i) => values?.ElementAtOrDefault(i) is { Length: > 0 } v ? v.Trim() : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Receiving = [.. service.Rules.QuotaRegions(service.Today.Year, Programme.Resettler).Union(service.Rules.QuotaRegions(service.Today.Year, Programme.Kandas)).Order(StringComparer.Ordinal)];
        Cases = await service.VisibleTo(Actor.From(User)).OrderByDescending(c => c.AppliedAt).ToListAsync(ct);
    }
}
