using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

/// <summary>
/// The officer's queue: search, filters, sort and pages are GET parameters (q, stage, mine, overdue, sort, page), so a
/// filtered page can be bookmarked and its pager keeps the filters.
/// </summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class QueueModel(ResidenceService service) : PageModel
{
    public const int PageSize = 25;

    public List<QueueItem> Items { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public QueueFilter Filter { get; private set; } = QueueFilter.Default;

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    public int Total { get; private set; }

    /// <summary>Whether anything narrows the list, so the page can say how many were found and offer to clear.</summary>
    public bool Narrowed => Filter.Search is not null || Filter.Stage != QueueFilter.Open || Filter.NeedsAction || Filter.Overdue;

    public async Task OnGetAsync(string? q, string? stage, string? mine, string? overdue, string? sort, CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? region.Value.Region.Name.Current : "—";

        // A page takes what it can of a hand-edited address: a value out of its set falls back to its default.
        Filter = QueueFilter.Read(q, stage, mine, overdue, sort, []);
        // "page" is Razor Pages' own route value, so the page number is read from the query itself.
        var paging = Paging.ForPage(Number("page"), Number("pageSize"), PageSize);
        (Items, Total) = await service.QueueAsync(actor, Filter, paging, ct);
        Pager = PagerView.For(paging, Total, Request);
    }

    private int? Number(string name) =>
        int.TryParse(Request.Query[name], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
