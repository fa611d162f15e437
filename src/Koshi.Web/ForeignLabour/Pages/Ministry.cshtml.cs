using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>
/// The ministry's view: the year's national quota from the pack, its distribution by region and pool with use, where
/// admitted workers come from and work, and the skilled share against the path to 2030; the administrator sets seats.
/// </summary>
[Authorize(Roles = $"{Roles.Analyst},{Roles.Admin}")]
public sealed class MinistryModel(ForeignLabourService service, AllocationRoundService rounds, Text text) : PageModel
{
    public int Year { get; private set; }

    public NationalQuota? National { get; private set; }

    /// <summary>Allocations by region code, then by pool.</summary>
    public SortedDictionary<string, Dictionary<string, QuotaAllocation>> Quota { get; private set; } = new(StringComparer.Ordinal);

    public SkilledShare Share { get; private set; } = null!;

    /// <summary>The year's published allocation rounds, by region, pool and number.</summary>
    public List<AllocationRound> Rounds { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public string? Error { get; private set; }

    public string? ErrorSource { get; private set; }

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        Year = year is >= 2020 and <= 2100 ? year.Value : service.Today.Year;
        // Without a quota in the pack for that year, the regional rows (if any) are shown alone.
        National = service.Rules.TryNational(Year);

        var rows = await service.QuotaFor(Actor.From(User), Year, null).ToListAsync(ct);
        Quota = new(rows.GroupBy(q => q.Region.Value).ToDictionary(g => g.Key, g => g.ToDictionary(q => q.Pool, StringComparer.Ordinal)), StringComparer.Ordinal);
        Share = await service.SkilledShareAsync(Year, ct);
        Rounds = await rounds.RoundsAsync(Year, null, null, ct);
    }

    public async Task<IActionResult> OnPostSeatsAsync(int? year, string? region, string? pool, int? seats, string? reason, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        var invalid = new List<string>();
        if (year is not (>= 2020 and <= 2100) || service.Rules.TryNational(year.Value) is null)
        {
            invalid.Add("labour.field.year");
        }

        if (!RegionCode.TryParse(region, out var code))
        {
            invalid.Add("field.region");
        }

        if (pool is null || !PackNames.Pools.Contains(pool))
        {
            invalid.Add("labour.field.pool");
        }

        if (seats is null or < 0 or > 1_000_000)
        {
            invalid.Add("labour.quota.seats");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            invalid.Add("labour.field.reason");
        }

        if (invalid.Count > 0 || code is null)
        {
            await OnGetAsync(year, ct);
            Error = text["labour.error.fields"] + " " + string.Join(", ", invalid.Select(f => text[f]));
            return Page();
        }

        var (_, refusal) = await service.SetSeatsAsync(Actor.From(User), year!.Value, code.Value, pool!, seats!.Value, reason!.Trim(), ct);
        if (refusal is not null)
        {
            await OnGetAsync(year, ct);
            Error = text.Refusal(refusal);
            ErrorSource = refusal.Source;
            return Page();
        }

        return Redirect($"/labour/ministry?year={year}#quota");
    }
}
