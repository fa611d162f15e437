using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>The regional officer's view: the region's permit applications (waiting ones first) and its quota use.</summary>
[Authorize(Roles = Roles.Officer)]
public sealed class OfficerModel(PermitRegister register, QuotaAdministration quotas) : PageModel
{
    public List<WorkPermit> Permits { get; private set; } = [];

    public List<QuotaAllocation> Quota { get; private set; } = [];

    public string RegionName { get; private set; } = "—";

    public DateOnly Today => register.Today;

    public int Year => Today.Year;

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    /// <summary>The status shown (null: all), from the query string.</summary>
    public PermitStatus? Status { get; private set; }

    public const int PageSize = 50;

    public async Task OnGetAsync(string? status, CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? LabourFormat.Region(region.Value) : "—";
        var query = register.VisibleTo(actor);
        if (Enum.TryParse<PermitStatus>(status, ignoreCase: true, out var wanted) && Enum.IsDefined(wanted) && !int.TryParse(status, out _))
        {
            Status = wanted;
            query = query.Where(p => p.Status == wanted);
        }

        // Waiting for the officer first (to decide, oldest first; then to issue), then those waiting for the employer, then
        // the rest, newest first; ordered by the database so each page follows the one before.
        // Read from the query string: Razor Pages keep "page" as a route value of their own.
        var paging = Paging.ForPage(int.TryParse(Request.Query["page"], out var number) ? number : null, PageSize, PageSize);
        var total = await query.CountAsync(ct);
        Permits = await query
            .OrderBy(p => p.Status == PermitStatus.Submitted ? 0 : p.Status == PermitStatus.Paid ? 1 : p.Status == PermitStatus.Approved ? 2 : 3)
            .ThenBy(p => p.Status == PermitStatus.Submitted ? p.AppliedAt : DateTimeOffset.MinValue)
            .ThenByDescending(p => p.AppliedAt)
            .ThenBy(p => p.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        Pager = PagerView.For(paging, total, Request);
        var quota = await quotas.QuotaFor(actor, Year, null).ToListAsync(ct);
        Quota = [.. quota.OrderBy(q => PackNames.PoolOrder(q.Pool))];
    }
}
