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
[Authorize(Policy = Policies.PageAnalyst)]
public sealed class MinistryModel(QuotaAdministration quotas, LabourStatistics statistics, LabourRules rules, AllocationRoundService rounds, Text text) : PageModel
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

    /// <summary>The rows a change just saved, read back from the database (region, pool), and the change's reason.</summary>
    public List<QuotaAllocation> Saved { get; private set; } = [];

    public string? SavedReason { get; private set; }

    /// <summary>After a refusal: the cell the change was for, with what is saved there now.</summary>
    public (string Region, string Pool, int Seats)? Unchanged { get; private set; }

    /// <summary>The values of a refused form, given back to correct (they are not saved).</summary>
    public Dictionary<string, string> Attempt { get; private set; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(int? year, string? saved, CancellationToken ct)
    {
        await LoadAsync(year, ct);
        // "KZ-71.cat3" or "KZ-71.cat3,KZ-55.cat3": the cells just changed, shown as the database holds them now.
        foreach (var cell in (saved ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Take(2))
        {
            if (cell.Split('.') is [var region, var pool] && Quota.TryGetValue(region, out var byPool) && byPool.TryGetValue(pool, out var row))
            {
                Saved.Add(row);
            }
        }

        if (Saved.Count > 0)
        {
            var first = Saved[0];
            SavedReason = await quotas.QuotaHistoryAsync(first.Year, first.Region, first.Pool, ct) is { Count: > 0 } history ? history[^1].Reason : null;
        }
    }

    private async Task LoadAsync(int? year, CancellationToken ct)
    {
        Year = year is >= 2020 and <= 2100 ? year.Value : quotas.Today.Year;
        // Without a quota in the pack for that year, the regional rows (if any) are shown alone.
        National = rules.TryNational(Year);

        var rows = await quotas.QuotaFor(Actor.From(User), Year, null).AsNoTracking().ToListAsync(ct);
        Quota = new(rows.GroupBy(q => q.Region.Value).ToDictionary(g => g.Key, g => g.ToDictionary(q => q.Pool, StringComparer.Ordinal)), StringComparer.Ordinal);
        Share = await statistics.SkilledShareAsync(Year, ct);
        Rounds = await rounds.RoundsAsync(Year, null, null, ct);
    }

    public async Task<IActionResult> OnPostSeatsAsync(int? year, string? region, string? pool, int? seats, string? reason, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        var invalid = new List<string>();
        if (year is not (>= 2020 and <= 2100) || rules.TryNational(year.Value) is null)
        {
            invalid.Add("labour.field.year");
        }

        if (!RegionCode.TryParse(region, out var code))
        {
            invalid.Add("field.region");
        }

        if (!QuotaPool.TryCreate(pool, out _, out _))
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

        Attempt = new(StringComparer.Ordinal) { ["form"] = "seats", ["region"] = region ?? string.Empty, ["pool"] = pool ?? string.Empty, ["seats"] = seats?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, ["reason"] = reason ?? string.Empty };
        if (invalid.Count > 0 || code is null)
        {
            await LoadAsync(year, ct);
            Error = text["labour.error.fields"] + " " + string.Join(", ", invalid.Select(f => text[f]));
            return Page();
        }

        var (_, refusal) = await quotas.SetSeatsAsync(Actor.From(User), year!.Value, code.Value, pool!, seats!.Value, reason!.Trim(), ct);
        if (refusal is not null)
        {
            return await Refused(year, refusal, code.Value.Value, pool!, ct);
        }

        return Redirect($"/labour/ministry?year={year}&saved={code.Value.Value}.{pool}#quota-saved");
    }

    /// <summary>Moves seats of a pool between two regions as one change with one reason.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int? year, string? pool, string? from, string? to, int? seats, string? reason, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        var invalid = new List<string>();
        if (year is not (>= 2020 and <= 2100) || rules.TryNational(year.Value) is null)
        {
            invalid.Add("labour.field.year");
        }

        if (!QuotaPool.TryCreate(pool, out _, out _))
        {
            invalid.Add("labour.field.pool");
        }

        if (!RegionCode.TryParse(from, out var source))
        {
            invalid.Add("quota.move.from");
        }

        if (!RegionCode.TryParse(to, out var target) || target == source)
        {
            invalid.Add("quota.move.to");
        }

        if (seats is null or < 1 or > 1_000_000)
        {
            invalid.Add("quota.move.seats");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            invalid.Add("labour.field.reason");
        }

        Attempt = new(StringComparer.Ordinal) { ["form"] = "move", ["pool"] = pool ?? string.Empty, ["from"] = from ?? string.Empty, ["to"] = to ?? string.Empty, ["seats"] = seats?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, ["reason"] = reason ?? string.Empty };
        if (invalid.Count > 0 || source is null || target is null)
        {
            await LoadAsync(year, ct);
            Error = text["labour.error.fields"] + " " + string.Join(", ", invalid.Select(f => text[f]));
            return Page();
        }

        var (_, refusal) = await quotas.MoveSeatsAsync(Actor.From(User), year!.Value, source.Value, target.Value, pool!, seats!.Value, reason!.Trim(), ct);
        if (refusal is not null)
        {
            return await Refused(year, refusal, source.Value.Value, pool!, ct);
        }

        return Redirect($"/labour/ministry?year={year}&saved={source.Value.Value}.{pool},{target.Value.Value}.{pool}#quota-saved");
    }

    /// <summary>The page again with the refusal, the refused values in the form, and what is saved in the cell now.</summary>
    private async Task<IActionResult> Refused(int? year, Refusal refusal, string region, string pool, CancellationToken ct)
    {
        await LoadAsync(year, ct);
        Error = text.Refusal(refusal);
        ErrorSource = refusal.Source;
        var seats = Quota.TryGetValue(region, out var byPool) && byPool.TryGetValue(pool, out var row) ? row.Seats : 0;
        Unchanged = (region, pool, seats);
        return Page();
    }
}
