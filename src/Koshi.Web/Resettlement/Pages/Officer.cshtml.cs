using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The employment-centre officer's queue: families settling in the region, waiting ones first; open refund claims; the quota.</summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class OfficerModel(ResettlementService service, EmployerSubsidyService subsidies, Text text) : PageModel
{
    public List<EmployerSubsidyClaim> Claims { get; private set; } = [];

    public string? Error { get; private set; }

    public string? ErrorSource { get; private set; }

    public const int PageSize = 25;

    public List<ResettlementQueueItem> Cases { get; private set; } = [];

    public ResettlementQueueFilter Filter { get; private set; } = ResettlementQueueFilter.Default;

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    public int Total { get; private set; }

    /// <summary>The programmes the region's quota has this year, for the programme filter.</summary>
    public IReadOnlyList<Programme> Programmes { get; } = Enum.GetValues<Programme>();

    public List<ResettlementCase> Refunds { get; private set; } = [];

    public List<ResettlementQuota> Quota { get; private set; } = [];

    public string RegionName { get; private set; } = "—";

    public int Year => service.Today.Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        RegionName = RegionCode.TryParse(actor.Region, out var region) ? Rs.Region(region.Value.Value) : "—";
        // Search, filters, sort and page are GET parameters, so a filtered queue can be bookmarked and its pager keeps them;
        // a value out of its set falls back to its default, as on the residence queue.
        var query = Request.Query;
        Filter = ResettlementQueueFilter.Read(query["q"], query["stage"], query["mine"], query["overdue"], null, query["programme"], query["sort"], []);
        var paging = Paging.ForPage(Number("page"), Number("pageSize"), PageSize);
        (Cases, Total) = await service.QueueAsync(actor, Filter, paging, ct);
        Pager = PagerView.For(paging, Total, Request);
        Refunds = await service.VisibleTo(actor).Where(c => c.RefundStatus == RefundStatus.Open).OrderBy(c => c.DepartedOn).Take(500).ToListAsync(ct);
        Quota = await service.QuotaAsync(actor, Year, ct);
        Claims = await subsidies.VisibleTo(actor).Where(c => c.Status == SubsidyClaimStatus.Submitted || (c.Status == SubsidyClaimStatus.Approved && c.PaidAt == null))
            .OrderBy(c => c.SubmittedAt).Take(500).ToListAsync(ct);
    }

    private int? Number(string name) =>
        int.TryParse(Request.Query[name], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Approves an employer's subsidy claim and pays it (or retries its failed payment).</summary>
    public async Task<IActionResult> OnPostApproveClaimAsync(Guid id, CancellationToken ct) =>
        await Decided(await subsidies.ApproveAsync(id, Actor.From(User), ct), $"rs-claim-{id}", ct);

    public async Task<IActionResult> OnPostRefuseClaimAsync(Guid id, string? reason, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > 2000
            ? await Decided(new Refusal(RefusalCodes.Required, "reason: required, up to 2,000 characters.", "reason"), $"rs-claim-{id}-reason", ct)
            : await Decided(await subsidies.RefuseAsync(id, Actor.From(User), reason.Trim(), ct), $"rs-claim-{id}", ct);

    /// <summary>The id of what a refused decision is about (the claim's row, or its reason field): the error summary links there.</summary>
    public string? ErrorAt { get; private set; }

    private async Task<IActionResult> Decided(ClaimOutcome outcome, string at, CancellationToken ct)
    {
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Refusal is { } refusal)
        {
            Error = refusal.Code == RefusalCodes.NotEligible
                ? text["rs.not-eligible"] + " " + string.Join("; ", refusal.Rules.Select(gate => text["rs.gate." + gate]))
                : text.Refusal(refusal);
            ErrorSource = refusal.Source;
            ErrorAt = at;
            await OnGetAsync(ct);
            return Page();
        }

        return Redirect("/resettlement/officer");
    }
}
