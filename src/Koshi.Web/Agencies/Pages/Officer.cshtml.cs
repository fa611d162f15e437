using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies.Pages;

/// <summary>
/// The officer's oversight desk: the national registry with each agency's risk, accepting and changing status,
/// triaging complaints, drawing the quarter's inspection plan and following its inspections.
/// </summary>
[Authorize(Policy = Policies.PageOfficer)]
public sealed class OfficerModel(AgenciesService service, Text text) : PageModel
{
    public List<Agency> Registry { get; private set; } = [];

    public Dictionary<Guid, RiskScore> Risk { get; private set; } = [];

    public Dictionary<Guid, string> Names { get; private set; } = [];

    public List<Complaint> Complaints { get; private set; } = [];

    public InspectionPlan? Plan { get; private set; }

    public List<Inspection> Inspections { get; private set; } = [];

    public (int Year, int Quarter) Quarter => AgencyReport.QuarterOf(service.Today);

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Registry = await service.Agencies.Include(a => a.History).OrderBy(a => a.Status).ThenBy(a => a.Name).ToListAsync(ct);
        Names = Registry.ToDictionary(a => a.Id, a => a.Name);
        var scored = await service.RisksAsync([.. Registry.Where(a => a.Status is AgencyStatus.Active or AgencyStatus.Suspended)], ct);
        Risk = scored.ToDictionary(r => r.Agency.Id, r => r.Risk);
        // Active agencies by risk, highest first; pending ones first of all since they wait for the officer.
        Registry = [.. Registry.OrderBy(a => a.Status == AgencyStatus.Pending ? 0 : 1).ThenByDescending(a => Risk.GetValueOrDefault(a.Id)?.Score ?? -1).ThenBy(a => a.Name, StringComparer.Ordinal)];
        Complaints = [.. (await service.ComplaintsAsync(null, ct)).OrderBy(c => c.Status == ComplaintStatus.New ? 0 : 1).ThenByDescending(c => c.FiledAt).Take(200)];
        Plan = await service.PlanOfAsync(Quarter.Year, Quarter.Quarter, ct);
        var open = await service.OpenInspectionsAsync(ct);
        Inspections = Plan is null ? open : [.. (await service.InspectionsOfPlanAsync(Plan.Id, ct)).Concat(open.Where(i => i.PlanId != Plan.Id))];
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        await Done((await service.AcceptAsync(id, Actor.From(User), ct)).Refusal, "#registry-section", ct);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status, string? reason, CancellationToken ct)
    {
        // A number parses as any enum value, defined or not: only the named statuses are accepted.
        if (!Enum.TryParse<AgencyStatus>(status, out var to) || !Enum.IsDefined(to) || int.TryParse(status, out _) || to == AgencyStatus.Pending || string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return await Show(text["agencies.error.fields"] + " " + text["agencies.field.status"] + ", " + text["agencies.field.reason"], ct);
        }

        // Suspending or excluding an agency stops its work: it needs the ticked confirmation, checked here and not only in the browser.
        if (to is AgencyStatus.Suspended or AgencyStatus.Excluded && !Koshi.Web.Platform.Ui.Forms.FormChecks.Confirmed(Request))
        {
            return await Show(text["form.confirm-required"], ct);
        }

        return await Done((await service.ChangeStatusAsync(id, Actor.From(User), to, reason.Trim(), ct)).Refusal, "#registry-section", ct);
    }

    public async Task<IActionResult> OnPostTriageAsync(Guid id, string? status, string? note, CancellationToken ct)
    {
        if (!Enum.TryParse<ComplaintStatus>(status, out var to) || !Enum.IsDefined(to) || int.TryParse(status, out _) || to == ComplaintStatus.New || note is { Length: > 2000 }
            || (to == ComplaintStatus.Dismissed && string.IsNullOrWhiteSpace(note)))
        {
            return await Show(text["agencies.error.fields"] + " " + text["agencies.field.reason"], ct);
        }

        var (_, refusal) = await service.TriageAsync(id, Actor.From(User), to, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), null, ct);
        return await Done(refusal, "#complaints-section", ct);
    }

    public async Task<IActionResult> OnPostPlanAsync(int? capacity, int? randomSlots, int? seed, CancellationToken ct)
    {
        if (capacity is null or < 1 or > 10_000 || randomSlots is < 0 || randomSlots > capacity)
        {
            return await Show(text["agencies.error.fields"] + " " + text["agencies.field.capacity"] + ", " + text["agencies.field.random"], ct);
        }

        var (_, refusal) = await service.PlanAsync(Actor.From(User), Quarter.Year, Quarter.Quarter, capacity.Value, randomSlots ?? 0, seed ?? Random.Shared.Next(), ct);
        return await Done(refusal, "#plan-section", ct);
    }

    private async Task<IActionResult> Done(Refusal? refusal, string anchor, CancellationToken ct) =>
        refusal is null ? Redirect("/agencies/officer" + anchor) : await Show(text.Refusal(refusal), ct);

    private async Task<IActionResult> Show(string error, CancellationToken ct)
    {
        await OnGetAsync(ct);
        Error = error;
        return Page();
    }
}
