using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Analytics.Pages;

/// <summary>The ministry's dashboard: every measure against its target, charts with their numbers, and the downloads.</summary>
[Authorize(Policy = Policies.PageAnalyst)]
public sealed class IndexModel(AnalyticsQuery query) : PageModel
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

    /// <summary>One table as CSV or Parquet, for the same filters as the page.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, int? year, string? region, CancellationToken ct)
    {
        var filter = query.Filter(year, region, Errors);
        if (Catalogue.Find(table) is null)
        {
            Errors.Add(("table", ProblemTexts.Translate("Required: one of " + string.Join(", ", Catalogue.All.Select(d => d.Name)) + ".")));
        }

        if (format is not ("csv" or "parquet"))
        {
            Errors.Add(("format", ProblemTexts.Translate("Required: one of csv, parquet.")));
        }

        if (Errors.Count > 0)
        {
            return BadRequest(new ValidationProblemDetails(Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())));
        }

        var data = (await query.LoadAsync(Actor.From(User), filter, ct))[table!];
        var (bytes, type, name) = Exports.File(data, format!, filter);
        return File(bytes, type, name);
    }
}
