using Koshi.Web.Audit;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Administration.Pages;

/// <summary>
/// The administrator's start page: the audit log a page at a time (newest first, filtered by action), a check of the
/// whole log against its signed checkpoints on demand, the latest quota changes with their reasons, and any application.
/// </summary>
[Authorize(Policy = Policies.PageAdmin)]
public sealed class HomeModel(KoshiDbContext db, AuditSequencer sequencer, ResidenceService residence) : PageModel
{
    private const int AuditPageSize = 25;

    public List<AuditEntry> Entries { get; private set; } = [];

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    public string? ActionFilter { get; private set; }

    public AuditVerification? Verification { get; private set; }

    public List<QuotaChange> QuotaChanges { get; private set; } = [];

    public List<ResidenceApplication> Applications { get; private set; } = [];

    public string? Query { get; private set; }

    public bool BadQuery { get; private set; }

    public bool Searched { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? pageSize, string? action, string? q, CancellationToken ct)
    {
        Query = q?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            if (Guid.TryParse(Query, out var id) && await residence.FindAsync(id, Actor.From(User), ct) is not null)
            {
                return Redirect($"/admin/cases/{id}");
            }

            Searched = true;
            if (Iin.TryParse(Query, out var iin, out _))
            {
                var value = iin.Value;
                Applications = await residence.VisibleTo(Actor.From(User)).AsNoTracking().Where(a => a.ApplicantIin == value)
                    .OrderByDescending(a => a.LodgedAt).Take(50).ToListAsync(ct);
            }
            else
            {
                BadQuery = !Guid.TryParse(Query, out _);
            }
        }

        // "page" is the route value of Razor Pages itself, so the page number is read from the query.
        await LoadAsync(int.TryParse(Request.Query["page"], out var number) ? number : null, pageSize, action, ct);
        return Page();
    }

    /// <summary>Verify now: sequences what is pending, then checks every entry and every signed checkpoint.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        await sequencer.SequenceAsync(wait: true, cancellationToken: ct);
        Verification = await AuditVerifier.VerifyAsync(db, sequencer.File.ReadAll(), sequencer.Keys.Verify, ct);
        await LoadAsync(null, null, null, ct);
        return Page();
    }

    private async Task LoadAsync(int? page, int? pageSize, string? action, CancellationToken ct)
    {
        ActionFilter = string.IsNullOrWhiteSpace(action) ? null : action.Trim()[..Math.Min(action.Trim().Length, 100)];
        var entries = db.AuditEntries.AsNoTracking();
        if (ActionFilter is not null)
        {
            entries = entries.Where(e => e.Action.StartsWith(ActionFilter));
        }

        var total = await entries.CountAsync(ct);
        var paging = Paging.ForPage(page, pageSize, AuditPageSize);
        Entries = await entries.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        Pager = PagerView.For(paging, total, Request);
        QuotaChanges = await db.QuotaChanges.AsNoTracking().OrderByDescending(c => c.At).Take(20).ToListAsync(ct);
        if (!Searched)
        {
            Applications = await residence.VisibleTo(Actor.From(User)).AsNoTracking().OrderByDescending(a => a.LodgedAt).Take(10).ToListAsync(ct);
        }
    }
}
