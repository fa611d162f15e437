using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies.Pages;

public sealed class ComplaintForm
{
    public string? AgencyBin { get; set; }

    public string? Category { get; set; }

    public string? Text { get; set; }

    public string? Contact { get; set; }
}

/// <summary>The public lookup anyone may use (no personal data shown), and the complaint form, signed in or not.</summary>
[AllowAnonymous]
public sealed class LookupModel(AgenciesService service, Text text) : PageModel
{
    public string? Query { get; private set; }

    public List<Agency> Found { get; private set; } = [];

    public ComplaintForm Form { get; private set; } = new();

    public string? Error { get; private set; }

    /// <summary>The text keys of the complaint's fields that were refused; the error summary links to each.</summary>
    public IReadOnlyList<string> InvalidFields { get; private set; } = [];

    public string? FiledReference { get; private set; }

    public async Task OnGetAsync(string? q, string? filed, CancellationToken ct)
    {
        Query = q is { Length: <= 100 } ? q.Trim() : null;
        FiledReference = Guid.TryParse(filed, out var id) ? id.ToString() : null;
        var all = await service.Agencies.Include(a => a.History).Where(a => a.Status != AgencyStatus.Pending).ToListAsync(ct);
        var found = string.IsNullOrEmpty(Query) ? all
            : all.Where(a => a.Bin.StartsWith(Query, StringComparison.Ordinal) || a.Name.Contains(Query, StringComparison.OrdinalIgnoreCase));
        Found = [.. found.OrderBy(a => a.Name, StringComparer.Ordinal).Take(100)];
    }

    public async Task<IActionResult> OnPostComplaintAsync(ComplaintForm form, CancellationToken ct)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        var invalid = new List<string>();
        if (!Bin.TryParse(form.AgencyBin?.Trim(), out var bin, out _))
        {
            invalid.Add("agencies.field.bin");
        }

        if (form.Category is null || !ComplaintCategories.All.Contains(form.Category))
        {
            invalid.Add("agencies.field.category");
        }

        if (string.IsNullOrWhiteSpace(form.Text) || form.Text.Length > 4000)
        {
            invalid.Add("agencies.field.text");
        }

        if ((!signedIn && string.IsNullOrWhiteSpace(form.Contact)) || form.Contact is { Length: > 200 })
        {
            invalid.Add("agencies.field.contact");
        }

        if (invalid.Count == 0)
        {
            var (complaint, refusal) = await service.FileComplaintAsync(signedIn ? Actor.From(User) : null, bin!.Value.Value, form.Category!, form.Text!.Trim(), form.Contact?.Trim(), ct);
            if (refusal is null)
            {
                return Redirect($"/agencies?filed={complaint!.Id}#complaint");
            }

            await OnGetAsync(null, null, ct);
            Form = form;
            Error = text.Refusal(refusal);
            return Page();
        }

        await OnGetAsync(null, null, ct);
        Form = form;
        Error = text["agencies.error.fields"] + " " + string.Join(", ", invalid.Select(f => text[f]));
        InvalidFields = invalid;
        return Page();
    }
}
