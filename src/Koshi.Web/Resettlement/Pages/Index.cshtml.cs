using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Ui.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The applicant's page: apply with the family, and follow one's applications.</summary>
[Authorize(Policy = Policies.PageApplicant)]
public sealed partial class IndexModel(ResettlementService service, Text text) : PageModel
{
    public const int MemberRows = 4;

    public List<ResettlementCase> Cases { get; private set; } = [];

    public List<FieldProblem> Errors { get; } = [];

    public string? ErrorSource { get; private set; }

    public IReadOnlyList<string> Receiving { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApplyAsync(
        Programme? programme, string? originRegion, string? destinationRegion, bool registeredJobSeeker, int? permanentRegistrationMonths,
        string? kandasCondition, decimal? housingCost, string? payoutAccount, string[]? memberName, string[]? memberIin, string[]? memberPassport,
        DateOnly?[]? memberBirth, string[]? memberRelation, CancellationToken ct)
    {
        var members = new List<MemberRequest>();
        for (var i = 0; i < (memberName?.Length ?? 0) && i < MemberRows; i++)
        {
            if (!string.IsNullOrWhiteSpace(memberName![i]))
            {
                members.Add(new MemberRequest(memberName[i], Blank(memberIin, i), Blank(memberPassport, i), memberBirth?.ElementAtOrDefault(i), Blank(memberRelation, i)));
            }
        }

        var (application, errors) = ResettlementEndpoints.Validate(new ResettlementApplicationRequest(
            programme, programme == Programme.Kandas ? null : originRegion, destinationRegion, registeredJobSeeker, permanentRegistrationMonths,
            kandasCondition, housingCost, payoutAccount?.Trim().ToUpperInvariant(), [.. members]));
        if (application is null)
        {
            Errors.AddRange(errors.Select(e => Problem(e.Item1, e.Item2)));
            await LoadAsync(ct);
            return Page();
        }

        var outcome = await service.ApplyAsync(Actor.From(User), application, ct);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(new(FormId, refusal.Code == RefusalCodes.NotEligible
                ? text["rs.not-eligible"] + " " + string.Join("; ", refusal.Rules.Select(gate => text["rs.gate." + gate]))
                : text.Refusal(refusal)));
            ErrorSource = refusal.Source;
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/resettlement/cases/{outcome.Case!.Id}");
    }

    private static string? Blank(string[]? values, int i) => values?.ElementAtOrDefault(i) is { Length: > 0 } v ? v.Trim() : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Receiving = [.. service.Rules.QuotaRegions(service.Today.Year, Programme.Resettler).Union(service.Rules.QuotaRegions(service.Today.Year, Programme.Kandas)).Order(StringComparer.Ordinal)];
        Cases = await service.VisibleTo(Actor.From(User)).OrderByDescending(c => c.AppliedAt).ToListAsync(ct);
    }

    /// <summary>The id of the application form: a refusal of the whole application links there.</summary>
    public const string FormId = "rs-apply";

    /// <summary>The id of a field of the form, by the name the checks give it (a family member's by row).</summary>
    public static string FieldId(string field) =>
        MemberField().Match(field) is { Success: true } member ? $"rs-member-{member.Groups[1].Value}-{member.Groups[2].Value}" : Fields.TryGetValue(field, out var id) ? id.Id : FormId;

    private static readonly Dictionary<string, (string Id, string Label)> Fields = new(StringComparer.Ordinal)
    {
        ["programme"] = ("rs-programme", "rs.field.programme"),
        ["originRegion"] = ("rs-origin", "rs.field.origin"),
        ["destinationRegion"] = ("rs-destination", "rs.field.destination"),
        ["permanentRegistrationMonths"] = ("rs-months", "rs.field.months"),
        ["kandasCondition"] = ("rs-condition", "rs.field.condition"),
        ["housingCost"] = ("rs-housing", "rs.field.housing"),
        ["payoutAccount"] = ("rs-account", "rs.field.account"),
        ["members"] = ("rs-members", "rs.field.members"),
    };

    private static readonly Dictionary<string, string> MemberLabels = new(StringComparer.Ordinal)
    {
        ["name"] = "rs.field.name", ["iin"] = "rs.field.iin", ["passport"] = "rs.field.passport", ["birthDate"] = "rs.field.birth", ["relation"] = "rs.field.relation",
    };

    // One check's problem in the page's language, named by its field's label and linked to the field.
    private FieldProblem Problem(string field, string message)
    {
        var member = MemberField().Match(field);
        var label = member.Success
            ? text[MemberLabels.GetValueOrDefault(member.Groups[2].Value, "rs.field.members")] + " " + (int.Parse(member.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1)
            : Fields.TryGetValue(field, out var f) ? text[f.Label] : text["rs.field.members"];
        return new(FieldId(field), label + ": " + ProblemTexts.Translate(message));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^members\[(\d+)\]\.(\w+)$")]
    private static partial System.Text.RegularExpressions.Regex MemberField();
}
