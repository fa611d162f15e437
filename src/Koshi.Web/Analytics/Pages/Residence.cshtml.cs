using Koshi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Analytics.Pages;

/// <summary>The residence statistics as a page: applications by region and stage, decisions and time limits.</summary>
[Authorize(Policy = Policies.PageAnalyst)]
public sealed class ResidenceModel(AnalyticsQuery query) : PageModel
{
    public Dashboard Data { get; private set; } = null!;

    public AnalyticsFilter Filter { get; private set; } = null!;

    public List<(string Field, string Message)> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? year, string? region, CancellationToken ct)
    {
        Filter = query.Filter(year, region, Errors);
        if (Errors.Count > 0)
        {
            Filter = query.Filter(null, null, []);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Data = await query.LoadAsync(Actor.From(User), Filter, ct);
        return Page();
    }
}
