using Koshi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The ministry's page: the programme's measures for a year as tables, each downloadable as CSV.</summary>
[Authorize(Policy = Policies.PageAnalyst)]
public sealed class MinistryModel(ResettlementService service, ResettlementMeasuresQuery query) : PageModel
{
    public ResettlementMeasures Measures { get; private set; } = null!;

    public int Year { get; private set; }

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        Year = year is >= 2022 and <= 2100 ? year.Value : service.Today.Year;
        Measures = await query.ForAsync(Actor.From(User), Year, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(int? year, string? table, CancellationToken ct)
    {
        if (table is null || !ResettlementMeasures.Tables.Contains(table))
        {
            return NotFound();
        }

        Year = year is >= 2022 and <= 2100 ? year.Value : service.Today.Year;
        var measures = await query.ForAsync(Actor.From(User), Year, ct);
        return File(measures.Csv(table), "text/csv; charset=utf-8", $"resettlement-{table}-{Year}.csv");
    }
}
