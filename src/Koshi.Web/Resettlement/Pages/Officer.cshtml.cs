using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The employment-centre officer's queue: families settling in the region, waiting ones first; open refund claims; the quota.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class OfficerModel(ResettlementService service) : PageModel
{
    public List<ResettlementCase> Cases { get; private set; } = [];

    public List<ResettlementCase> Refunds { get; private set; } = [];

    public List<ResettlementQuota> Quota { get; private set; } = [];

    public string RegionName { get; private set; } = "—";

    public int Year => service.Today.Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? Rs.Region(region.Value.Value) : "—";
        var open = new[] { CaseStatus.Submitted, CaseStatus.Approved, CaseStatus.Arrived };
        var cases = await service.VisibleTo(actor).Where(c => open.Contains(c.Status)).OrderBy(c => c.AppliedAt).Take(500).ToListAsync(ct);
        Cases = [.. cases.OrderBy(c => c.Status switch { CaseStatus.Submitted => 0, CaseStatus.Approved => 1, _ => 2 }).ThenBy(c => c.AppliedAt)];
        Refunds = await service.VisibleTo(actor).Where(c => c.RefundStatus == RefundStatus.Open).OrderBy(c => c.DepartedOn).Take(500).ToListAsync(ct);
        Quota = await service.QuotaAsync(actor, Year, ct);
    }
}
