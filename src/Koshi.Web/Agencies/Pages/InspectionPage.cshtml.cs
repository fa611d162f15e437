using System.Globalization;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Agencies.Pages;

/// <summary>One inspection: the agency's explained risk, and the form to record each standard's finding (officers only).</summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class InspectionPageModel(AgenciesService service, Text text) : PageModel
{
    public Inspection? Inspection { get; private set; }

    public Agency? Agency { get; private set; }

    public RiskScore? Risk { get; private set; }

    public IReadOnlyList<InspectionStandard> Standards { get; private set; } = [];

    public DateOnly Today => service.Today;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Inspection = await service.InspectionAsync(id, ct);
        if (Inspection is null)
        {
            return NotFound();
        }

        Agency = await service.FindAsync(Inspection.AgencyId, ct);
        Risk = (await service.RisksAsync([Agency!], ct))[0].Risk;
        Standards = service.Rules.Standards(Inspection.InspectedOn ?? Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string[]? failed, string? inspectedOn, CancellationToken ct)
    {
        var today = Today;
        if (!DateOnly.TryParseExact(inspectedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) || on > today || on < today.AddYears(-1))
        {
            return await Show(id, text["form.check-field"] + ": " + text["agencies.field.date"], ct, "inspectedOn");
        }

        var (inspection, refusal) = await service.RecordOutcomeAsync(id, Actor.From(User), [.. (failed ?? []).Distinct(StringComparer.Ordinal)], on, ct);
        if (inspection is null)
        {
            return NotFound();
        }

        return refusal is null ? Redirect($"/agencies/inspections/{id}") : await Show(id, text.Refusal(refusal), ct);
    }

    /// <summary>The id of what the error is about (the date field, or the whole outcome form): the error summary links there.</summary>
    public string ErrorAt { get; private set; } = "outcome-form";

    private async Task<IActionResult> Show(Guid id, string error, CancellationToken ct, string at = "outcome-form")
    {
        var result = await OnGetAsync(id, ct);
        Error = error;
        ErrorAt = at;
        return result;
    }
}
