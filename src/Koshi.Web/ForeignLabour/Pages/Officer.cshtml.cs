using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>The regional officer's view: the region's permit applications (waiting ones first) and its quota use.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class OfficerModel(ForeignLabourService service) : PageModel
{
    public List<WorkPermit> Permits { get; private set; } = [];

    public List<QuotaAllocation> Quota { get; private set; } = [];

    public string RegionName { get; private set; } = "—";

    public DateOnly Today => service.Today;

    public int Year => service.Today.Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? LabourFormat.Region(region.Value) : "—";
        var permits = await service.VisibleTo(actor).OrderByDescending(p => p.AppliedAt).Take(500).ToListAsync(ct);

        // Waiting for the officer first (to decide, then to issue), then those waiting for the employer, then the rest.
        Permits = [.. permits.OrderBy(p => p.Status switch
        {
            PermitStatus.Submitted => 0,
            PermitStatus.Paid => 1,
            PermitStatus.Approved => 2,
            _ => 3,
        }).ThenBy(p => p.Status == PermitStatus.Submitted ? p.AppliedAt : DateTimeOffset.MaxValue).ThenByDescending(p => p.AppliedAt)];
        var quota = await service.QuotaFor(actor, Year, null).ToListAsync(ct);
        Quota = [.. quota.OrderBy(q => PackNames.PoolOrder(q.Pool))];
    }
}
