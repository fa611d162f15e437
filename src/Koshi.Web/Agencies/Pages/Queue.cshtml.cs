using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Agencies.Pages;

/// <summary>
/// The oversight officer's queues at volume, one at a time (<c>list</c>: registry, complaints or inspections): search by
/// BIN or name, status, risk band, region and sort are GET parameters, so a filtered queue can be bookmarked and its
/// pager keeps them. Actions stay on the officer's desk, which the rows link to.
/// </summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class QueueModel(AgenciesService service) : PageModel
{
    public const int PageSize = 25;

    public static readonly string[] Lists = ["registry", "complaints", "inspections"];

    public string List { get; private set; } = "registry";

    public AgencyQueueFilter Filter { get; private set; } = AgencyQueueFilter.Default;

    public IReadOnlyList<string> Statuses { get; private set; } = AgencyQueueFilter.AgencyStatuses;

    public List<RegistryItem> Registry { get; private set; } = [];

    public List<ComplaintItem> Complaints { get; private set; } = [];

    public List<InspectionItem> Inspections { get; private set; } = [];

    public int Total { get; private set; }

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Request.Query;
        List = Lists.Contains(query["list"].ToString()) ? query["list"].ToString() : "registry";
        Statuses = List switch
        {
            "complaints" => AgencyQueueFilter.ComplaintStatuses,
            "inspections" => AgencyQueueFilter.InspectionStatuses,
            _ => AgencyQueueFilter.AgencyStatuses,
        };

        // A page takes what it can of a hand-edited address: a value out of its set falls back to its default.
        Filter = AgencyQueueFilter.Read(query["q"], query["status"], query["band"], query["region"], query["sort"], Statuses, []);
        var paging = Paging.ForPage(Number("page"), Number("pageSize"), PageSize);
        switch (List)
        {
            case "complaints":
                (Complaints, Total) = await service.ComplaintQueueAsync(Filter, paging, ct);
                break;
            case "inspections":
                (Inspections, Total) = await service.InspectionQueueAsync(Filter, paging, ct);
                break;
            default:
                (Registry, Total) = await service.RegistryQueueAsync(Filter, paging, ct);
                break;
        }

        Pager = PagerView.For(paging, Total, Request);
    }

    private int? Number(string name) =>
        int.TryParse(Request.Query[name], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
