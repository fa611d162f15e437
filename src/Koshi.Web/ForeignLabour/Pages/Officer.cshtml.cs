using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>The regional officer's view: the region's permit applications (waiting ones first) and its quota use.</summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class OfficerModel(PermitRegister register, QuotaAdministration quotas, LabourRules rules) : PageModel
{
    public List<WorkPermit> Permits { get; private set; } = [];

    public List<QuotaAllocation> Quota { get; private set; } = [];

    public string RegionName { get; private set; } = "—";

    public DateOnly Today => register.Today;

    /// <summary>Where an application stands against the decision term (null when the term does not run for it).</summary>
    public PermitClock? Clock(WorkPermit p) => PermitDecisionTerm.Clock(p, Today, rules);

    public int Year => Today.Year;

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    /// <summary>The search, filters and order, from the query string (what cannot be read is left at its default).</summary>
    public PermitQueueFilter Filter { get; private set; } = new(null, null, false, null, PermitSort.Waiting);

    public int Total { get; private set; }

    public const int PageSize = 50;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? LabourFormat.Region(region.Value) : "—";
        var query = Request.Query;
        Filter = PermitQueueFilter.Read(query["q"], query["status"], query["mine"], query["overdue"], null, query["sort"], PermitSort.Waiting, []);

        // Read from the query string: Razor Pages keep "page" as a route value of their own.
        var paging = Paging.ForPage(int.TryParse(query["page"], out var number) ? number : null, PageSize, PageSize);
        var permits = register.Queue(actor, Filter, rules);
        var total = await permits.CountAsync(ct);
        Total = total;
        Permits = await permits.Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        Pager = PagerView.For(paging, total, Request);
        var quota = await quotas.QuotaFor(actor, Year, null).ToListAsync(ct);
        Quota = [.. quota.OrderBy(q => PackNames.PoolOrder(q.Pool))];
    }
}
