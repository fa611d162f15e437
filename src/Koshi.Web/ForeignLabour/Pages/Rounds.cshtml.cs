using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>
/// The published allocation rounds of a year (open to anyone, aggregate figures only): seats, applicants, admitted and
/// cut-off round after round, and what ranking did — the share of seats to in-demand occupations by region and the
/// skilled share against first come, first served on the same pools. The administrator starts a round here.
/// </summary>
[AllowAnonymous]
public sealed class RoundsModel(AllocationRoundService rounds, LabourRules rules, Text text) : PageModel
{
    public int Year { get; private set; }

    public List<AllocationRound> Rounds { get; private set; } = [];

    public RoundMeasures Measures { get; private set; } = null!;

    /// <summary>The pools ranked today, their source, and when the next scheduled round falls due.</summary>
    public IReadOnlyList<string> RankedPools { get; private set; } = [];

    public string? RankedSource { get; private set; }

    public DateOnly NextDue { get; private set; }

    public string? ScheduleSource { get; private set; }

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public string? Error { get; private set; }

    public string? ErrorSource { get; private set; }

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        var today = rounds.Today;
        Year = year is >= 2020 and <= 2100 ? year.Value : today.Year;
        Rounds = await rounds.RoundsAsync(Year, null, null, ct);
        Measures = RoundMeasures.Of(Year, Rounds);
        RankedPools = rules.RankedPools(today);
        RankedSource = rules.RankedPoolsSource(today);
        var (_, due) = rules.RoundSlot(today);
        NextDue = due >= today ? due : rules.RoundSlot(new DateOnly(today.Year, today.Month, 1).AddMonths(1)).Due;
        ScheduleSource = rules.Number("labour.round_day_of_month", today).Source;
    }

    public async Task<IActionResult> OnPostRunAsync(string? region, string? pool, string? seats, CancellationToken ct)
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        var invalid = new List<string>();
        if (!RegionCode.TryParse(region, out var code))
        {
            invalid.Add("field.region");
        }

        if (!QuotaPool.TryCreate(pool, out _, out _))
        {
            invalid.Add("labour.field.pool");
        }

        int? count = null;
        if (!string.IsNullOrWhiteSpace(seats))
        {
            if (int.TryParse(seats, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 1_000_000)
            {
                count = n;
            }
            else
            {
                invalid.Add("labour.rounds.offered");
            }
        }

        if (invalid.Count > 0 || code is null)
        {
            await OnGetAsync(null, ct);
            Error = text["labour.error.fields"] + " " + string.Join(", ", invalid.Select(f => text[f]));
            return Page();
        }

        var (_, refusal) = await rounds.RunAsync(Actor.From(User), code.Value, pool!, count, ct);
        if (refusal is not null)
        {
            await OnGetAsync(null, ct);
            Error = text.Refusal(refusal);
            ErrorSource = refusal.Source;
            return Page();
        }

        return Redirect("/labour/rounds#rounds");
    }
}
