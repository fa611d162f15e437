using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Residence.Pages;

[Authorize(Policy = Policies.PageApplicant)]
public sealed class MyApplicationsModel(ResidenceService service, Text text) : PageModel
{
    public List<ResidenceApplication> Applications { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The field a refused lodgement is about ("kind" or "region"), or null when it is about the form as a whole.</summary>
    public string? ErrorField { get; private set; }

    /// <summary>What the summary links to: the refused field, or the form.</summary>
    public string ErrorTarget => ErrorField ?? "lodge-form";

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    /// <summary>Shown once, right after registration (which redirects here with welcome=1).</summary>
    public Koshi.Web.Platform.Ui.Forms.ConfirmationPanel? Confirmation { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Confirmation = Request.Query["welcome"] == "1" ? new(text["register.done"], text["register.done-body"]) : null;
        var paging = Paging.ForPage(int.TryParse(Request.Query["page"], out var number) ? number : null, 50, 50);
        var mine = service.VisibleTo(Actor.From(User));
        var total = await mine.CountAsync(ct);
        Applications = await mine.OrderByDescending(a => a.LodgedAt).ThenBy(a => a.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        Pager = PagerView.For(paging, total, Request);
    }

    public async Task<IActionResult> OnPostAsync(ResidenceKind kind, string? region, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind) || !RegionCode.TryParse(region, out var code))
        {
            Error = text["error.invalid-choice"];
            ErrorField = !Enum.IsDefined(kind) ? "kind" : "region";
            await OnGetAsync(ct);
            return Page();
        }

        var outcome = await service.LodgeAsync(Actor.From(User), kind, code.Value, null, ct);
        if (outcome.Refusal is not null)
        {
            Error = RefusalTexts.Describe(text, outcome.Refusal);
            ErrorField = outcome.Refusal.Field is "kind" or "region" ? outcome.Refusal.Field : null;
            await OnGetAsync(ct);
            return Page();
        }

        return Redirect($"/residence/{outcome.Application!.Id}");
    }
}
