using System.Globalization;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Agencies.Pages;

/// <summary>The agency's portal: its registration and status, quarterly reports, and the placements it records.</summary>
[Authorize(Policy = Policies.PageAgency)]
public sealed class PortalModel(AgenciesService service, Text text) : PageModel
{
    public Agency? Agency { get; private set; }

    public List<ReportStanding> Reports { get; private set; } = [];

    public List<Placement> Placements { get; private set; } = [];

    public IReadOnlyList<string> Terms { get; private set; } = [];

    public DateOnly Today => service.Today;

    public (int Year, int Quarter) DefaultQuarter => AgencyReport.Previous(AgencyReport.QuarterOf(Today));

    public string? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The text keys of the fields the last post got wrong (their pickers show the error).</summary>
    public IReadOnlyList<string> InvalidFields { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agency = await service.AgencyOfAsync(Actor.From(User), ct);
        Terms = service.Rules.ContractTerms(Today);
        if (Agency is not null)
        {
            Reports = await service.ReportStandingsAsync(Agency, ct);
            Placements = await service.PlacementsOfAsync(Agency.Id, ct);
        }
    }

    public async Task<IActionResult> OnPostDetailsAsync(string? name, string? region, string? address, string? director, string[]? services, string? countries, CancellationToken ct)
    {
        var actor = Actor.From(User);
        var invalid = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 300)
        {
            invalid.Add("agencies.field.name");
        }

        if (!RegionCode.TryParse(region, out var code))
        {
            invalid.Add("agencies.field.region");
        }

        if (string.IsNullOrWhiteSpace(address) || address.Length > 500)
        {
            invalid.Add("agencies.field.address");
        }

        if (string.IsNullOrWhiteSpace(director) || director.Length > 200)
        {
            invalid.Add("agencies.field.director");
        }

        services ??= [];
        if (services.Length == 0 || services.Any(s => !AgencyServices.All.Contains(s)))
        {
            invalid.Add("agencies.field.services");
        }

        // Countries are chosen by name in any of the three languages (or by code); one name that is not a country names the field.
        var list = Pickers.ResolveCountries(countries)?.ToList() ?? [];
        if (Pickers.ResolveCountries(countries) is null || list.Count > 100)
        {
            invalid.Add("agencies.field.countries");
        }

        if (invalid.Count > 0 || code is null)
        {
            return await Invalid("details", invalid, ct);
        }

        var details = new AgencyDetails(name!.Trim(), code.Value, address!.Trim(), director!.Trim(), services, list);
        Refusal? refusal;
        if (await service.AgencyOfAsync(actor, ct) is null)
        {
            var bin = await BinOfAsync(actor, ct);
            if (bin is null)
            {
                return await Refused("details", new Refusal("no-bin", "Your account has no valid BIN."), ct);
            }

            (_, refusal) = await service.RegisterAsync(actor, bin.Value, details, ct);
        }
        else
        {
            (_, refusal) = await service.UpdateAsync(actor, details, ct);
        }

        return refusal is not null ? await Refused("details", refusal, ct) : Redirect("/agencies/portal#agency");
    }

    public async Task<IActionResult> OnPostReportAsync(int? year, int? quarter, int? applicants, int? domestic, CancellationToken ct)
    {
        var invalid = new List<string>();
        if (year is null or < 2023 or > 2100)
        {
            invalid.Add("agencies.field.year");
        }

        if (quarter is null or < 1 or > 4)
        {
            invalid.Add("agencies.field.quarter");
        }

        if (applicants is null or < 0 or > 10_000_000)
        {
            invalid.Add("agencies.field.applicants");
        }

        if (domestic is < 0 or > 10_000_000)
        {
            invalid.Add("agencies.field.domestic");
        }

        if (invalid.Count > 0)
        {
            return await Invalid("report", invalid, ct);
        }

        var (_, refusal) = await service.SubmitReportAsync(Actor.From(User), year!.Value, quarter!.Value, applicants!.Value, domestic ?? 0, ct);
        return refusal is not null ? await Refused("report", refusal, ct) : Redirect("/agencies/portal#reports-section");
    }

    public async Task<IActionResult> OnPostPlacementAsync(
        string? kind, string? workerIin, string? workerPassport, string? country, string? employerName, string[]? terms, bool deposit, decimal? fee, string? placedOn,
        string? workPermitId, CancellationToken ct)
    {
        var invalid = new List<string>();
        var today = Today;
        string? workerId = null;
        if (!Enum.TryParse<PlacementKind>(kind, out var placementKind) || !Enum.IsDefined(placementKind))
        {
            invalid.Add("agencies.field.kind");
        }
        else if (placementKind == PlacementKind.Abroad)
        {
            if (Iin.TryParse(workerIin?.Trim(), out var iin, out _))
            {
                workerId = iin.Value.Value;
            }
            else
            {
                invalid.Add("agencies.field.worker-iin");
            }
        }
        else if (workerPassport is { Length: >= 5 and <= 20 } passport && passport.All(char.IsAsciiLetterOrDigit))
        {
            workerId = passport.ToUpperInvariant();
        }
        else
        {
            invalid.Add("agencies.field.worker-passport");
        }

        var countryCode = Pickers.Resolve(PickerKind.Country, country);
        if (!Countries.IsKnown(countryCode) || countryCode == "KZ")
        {
            invalid.Add("agencies.field.country");
        }

        if (string.IsNullOrWhiteSpace(employerName) || employerName.Length > 300)
        {
            invalid.Add("agencies.field.employer");
        }

        var known = service.Rules.ContractTerms(today);
        terms ??= [];
        if (terms.Any(t => !known.Contains(t)))
        {
            invalid.Add("agencies.field.terms");
        }

        if (fee is < 0 or > 100_000_000)
        {
            invalid.Add("agencies.field.fee");
        }

        if (!DateOnly.TryParseExact(placedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) || on > today || on < today.AddYears(-5))
        {
            invalid.Add("agencies.field.placed-on");
        }

        Guid? permit = null;
        if (!string.IsNullOrWhiteSpace(workPermitId))
        {
            if (Guid.TryParse(workPermitId.Trim(), out var parsed) && placementKind == PlacementKind.Recruited)
            {
                permit = parsed;
            }
            else
            {
                invalid.Add("agencies.field.permit");
            }
        }

        if (invalid.Count > 0)
        {
            return await Invalid("placement", invalid, ct);
        }

        var record = new PlacementRecord(placementKind, workerId!, countryCode!, employerName!.Trim(), terms, placementKind == PlacementKind.Abroad && deposit, fee ?? 0, on, permit);
        var (_, refusal) = await service.RecordPlacementAsync(Actor.From(User), record, ct);
        return refusal is not null ? await Refused("placement", refusal, ct) : Redirect("/agencies/portal#placements-section");
    }

    private async Task<Bin?> BinOfAsync(Actor actor, CancellationToken ct)
    {
        var users = HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KoshiUser>>();
        var user = await users.FindByIdAsync(actor.Id);
        ct.ThrowIfCancellationRequested();
        return Bin.TryParse(user?.Bin, out var bin, out _) ? bin : null;
    }

    private async Task<IActionResult> Invalid(string form, List<string> fields, CancellationToken ct)
    {
        await OnGetAsync(ct);
        ErrorFor = form;
        InvalidFields = fields;
        Error = text["agencies.error.fields"] + " " + string.Join(", ", fields.Select(f => text[f]));
        return Page();
    }

    private async Task<IActionResult> Refused(string form, Refusal refusal, CancellationToken ct)
    {
        await OnGetAsync(ct);
        ErrorFor = form;
        Error = text.Refusal(refusal);
        return Page();
    }
}
