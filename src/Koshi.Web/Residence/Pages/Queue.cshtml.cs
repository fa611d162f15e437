using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Pages;

[Authorize(Roles = Roles.Officer)]
public sealed class QueueModel(ResidenceService service) : PageModel
{
    public List<QueueItem> Items { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? region.Value.Region.Name.Current : "—";
        Items = await ResidenceEndpoints.QueueFor(actor, service, ct);
    }
}
