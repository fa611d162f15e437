using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>What the employer fills in to apply for a permit; every field as typed, parsed by the page.</summary>
public sealed class PermitForm
{
    public string? Type { get; set; }

    public string? Category { get; set; }

    public string? VacancyReference { get; set; }

    public string? WorkerName { get; set; }

    public string? WorkerPassport { get; set; }

    public string? WorkerCitizenship { get; set; }

    public string? WorkerBirthDate { get; set; }

    public string? Isco { get; set; }

    public string? Qualification { get; set; }

    public int? ExperienceYears { get; set; }

    public string? Region { get; set; }

    public string? StartOn { get; set; }

    public int? DurationDays { get; set; }
}

/// <summary>The employer's dashboard: the organisation, its vacancies, the region's quota, its permits and the application form.</summary>
[Authorize(Policy = Policies.PageEmployer)]
public sealed class DashboardModel(
    EmployerRegistry employers, PermitRegister register, PermitScreening screening, QuotaAdministration quota, LabourRules rules, Text text) : PageModel
{
    public Employer? Organisation { get; private set; }

    public List<Vacancy> Vacancies { get; private set; } = [];

    public List<WorkPermit> Permits { get; private set; } = [];

    public List<QuotaAllocation> Quota { get; private set; } = [];

    public DateOnly Today => register.Today;

    public int Year => Today.Year;

    /// <summary>Which form the error belongs to: employer, vacancy or apply.</summary>
    public string? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorSource { get; private set; }

    /// <summary>The text keys of the fields the last post got wrong (their pickers show the error).</summary>
    public IReadOnlyList<string> InvalidFields { get; private set; } = [];

    public PermitForm Form { get; private set; } = new();

    public const int PageSize = 50;

    public PagerView Pager { get; private set; } = new(1, 1, 0, null, null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Organisation = await employers.EmployerOfAsync(actor, ct);
        Vacancies = await employers.VacanciesOfAsync(actor, ct);
        // The permits a page at a time (page in the query string), newest first.
        var paging = Paging.ForPage(int.TryParse(Request.Query["page"], out var number) ? number : null, PageSize, PageSize);
        var permits = register.VisibleTo(actor);
        var total = await permits.CountAsync(ct);
        Permits = await permits.OrderByDescending(p => p.AppliedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        Pager = PagerView.For(paging, total, Request);
        if (Organisation is not null)
        {
            var rows = await quota.QuotaFor(actor, Year, Organisation.Region).ToListAsync(ct);
            Quota = [.. rows.OrderBy(q => PackNames.PoolOrder(q.Pool))];
        }

        Form.Region ??= Organisation?.Region.Value;
        Form.StartOn ??= LabourFormat.Iso(Today.AddDays(7));
        Form.DurationDays ??= 365;
    }

    public async Task<IActionResult> OnPostEmployerAsync(string? name, string? okedSection, string? region, int[]? kazakh, int[]? foreign, CancellationToken ct)
    {
        var invalid = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 300)
        {
            invalid.Add("labour.field.name");
        }

        if (!OkedSection.TryCreate(okedSection, out var section, out _))
        {
            invalid.Add("labour.field.oked");
        }

        if (!RegionCode.TryParse(region, out var code))
        {
            invalid.Add("field.region");
        }

        if (!Staff(kazakh))
        {
            invalid.Add("labour.field.kazakh-staff");
        }

        if (!Staff(foreign))
        {
            invalid.Add("labour.field.foreign-staff");
        }

        if (invalid.Count > 0 || code is null)
        {
            return await Invalid("employer", invalid, ct);
        }

        var (_, refusal) = await employers.RegisterEmployerAsync(Actor.From(User), name!.Trim(), section, code.Value, new StaffDeclaration(kazakh!, foreign!), ct);
        return refusal is not null ? await Refused("employer", refusal, ct) : Redirect("/labour#organisation");
    }

    public async Task<IActionResult> OnPostVacancyAsync(string? title, string? isco, string? category, string? region, int? positions, CancellationToken ct)
    {
        var invalid = new List<string>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > 300)
        {
            invalid.Add("labour.field.title");
        }

        // Chosen by title from the list of occupations; the code behind the title is checked by the same rule as the API's.
        if (!IscoCode.TryCreate(Pickers.Resolve(PickerKind.Occupation, isco), out var occupation, out _))
        {
            invalid.Add("labour.field.isco");
        }

        if (!TryCategory(category, out var cat) || cat == PermitCategory.None)
        {
            invalid.Add("labour.field.category");
        }

        if (!RegionCode.TryParse(region, out var code))
        {
            invalid.Add("field.region");
        }

        if (positions is null or < 1 or > 10000)
        {
            invalid.Add("labour.field.positions");
        }

        if (invalid.Count > 0 || code is null)
        {
            return await Invalid("vacancy", invalid, ct);
        }

        var (_, refusal) = await employers.PostVacancyAsync(Actor.From(User), title!.Trim(), occupation, cat, code.Value, positions!.Value, ct);
        return refusal is not null ? await Refused("vacancy", refusal, ct) : Redirect("/labour#vacancies");
    }

    public async Task<IActionResult> OnPostApplyAsync(PermitForm form, CancellationToken ct)
    {
        Form = form;
        var today = Today;
        var invalid = new List<string>();
        if (!Enum.TryParse<PermitType>(form.Type, out var type) || !Enum.IsDefined(type) || !LabourFormat.EmployerTypes.Contains(type))
        {
            invalid.Add("labour.field.type");
        }

        var category = PermitCategory.None;
        if (!string.IsNullOrEmpty(form.Category) && !TryCategory(form.Category, out category))
        {
            invalid.Add("labour.field.category");
        }

        if (string.IsNullOrWhiteSpace(form.WorkerName) || form.WorkerName.Length > 200)
        {
            invalid.Add("labour.field.worker-name");
        }

        if (!PassportNumber.TryCreate(form.WorkerPassport, out var passport, out _))
        {
            invalid.Add("labour.field.passport");
        }

        // Chosen by name from the list of countries; the code behind the name is what is checked and stored.
        if (!CountryCode.TryCreate(Pickers.Resolve(PickerKind.Country, form.WorkerCitizenship), out var citizenship, out _) || citizenship.IsKazakhstan)
        {
            invalid.Add("labour.field.citizenship");
        }

        var (minAge, maxAge) = rules.WorkerAge(today);
        if (!LabourFormat.TryDate(form.WorkerBirthDate, out var birth) || birth > today.AddYears(-minAge) || birth < today.AddYears(-maxAge))
        {
            invalid.Add("labour.field.birth-date");
        }

        if (!IscoCode.TryCreate(Pickers.Resolve(PickerKind.Occupation, form.Isco), out var isco, out _))
        {
            invalid.Add("labour.field.isco");
        }

        var qualification = Koshi.Web.ForeignLabour.Qualification.None;
        if (!string.IsNullOrEmpty(form.Qualification) && (!Enum.TryParse(form.Qualification, out qualification) || !Enum.IsDefined(qualification)))
        {
            invalid.Add("labour.field.qualification");
        }

        if (form.ExperienceYears is < 0 or > 60)
        {
            invalid.Add("labour.field.experience");
        }

        if (!RegionCode.TryParse(form.Region, out var region))
        {
            invalid.Add("field.region");
        }

        if (!LabourFormat.TryDate(form.StartOn, out var start) || start < today || start > today.AddYears(1))
        {
            invalid.Add("labour.field.start");
        }

        if (form.DurationDays is null or < 1 or > 3650)
        {
            invalid.Add("labour.field.duration");
        }

        var reference = string.IsNullOrWhiteSpace(form.VacancyReference) ? null : form.VacancyReference.Trim();
        if (reference is { Length: > 30 })
        {
            invalid.Add("labour.field.vacancy");
        }

        if (invalid.Count > 0 || region is null)
        {
            return await Invalid("apply", invalid, ct);
        }

        var request = new PermitRequest(
            type, category, form.WorkerName!.Trim(), passport, citizenship, birth, isco, qualification, form.ExperienceYears ?? 0, region.Value, start, form.DurationDays!.Value);
        var outcome = await screening.ApplyAsync(Actor.From(User), request, reference, null, ct);
        return outcome.Refusal is not null || outcome.Permit is null
            ? await Refused("apply", outcome.Refusal ?? new Refusal("no-employer", "Register your organisation first."), ct)
            : Redirect($"/labour/permits/{outcome.Permit.Id}");
    }

    private static bool Staff(int[]? values) => values is { Length: 4 } && values.All(v => v is >= 0 and <= 1_000_000);

    private static bool TryCategory(string? value, out PermitCategory category) =>
        Enum.TryParse(value, out category) && Enum.IsDefined(category);

    private async Task<IActionResult> Invalid(string form, List<string> fields, CancellationToken ct)
    {
        await OnGetAsync(ct);
        ErrorFor = form;
        InvalidFields = fields;
        Error = text["labour.error.fields"] + " " + string.Join(", ", fields.Select(f => text[f]));
        return Page();
    }

    private async Task<IActionResult> Refused(string form, Refusal refusal, CancellationToken ct)
    {
        await OnGetAsync(ct);
        ErrorFor = form;
        Error = text.Refusal(refusal);
        ErrorSource = refusal.Source;
        return Page();
    }
}
