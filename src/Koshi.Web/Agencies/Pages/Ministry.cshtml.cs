using Koshi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Agencies.Pages;

/// <summary>The ministry's measures: agencies by status and region, placements by country, complaints, risk and hit rates.</summary>
[Authorize(Policy = Policies.PageAnalyst)]
public sealed class MinistryModel(AgenciesService service) : PageModel
{
    public AgencyMeasures Measures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Measures = await service.MeasuresAsync(ct);
}
