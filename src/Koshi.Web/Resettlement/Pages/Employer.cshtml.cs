using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Ui.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>The employer's page: claim the subsidy for a resettled participant hired and housed, and follow the claims.</summary>
[Authorize(Policy = Policies.PageEmployer)]
public sealed class EmployerModel(EmployerSubsidyService service, Text text) : PageModel
{
    public List<EmployerSubsidyClaim> Claims { get; private set; } = [];

    public List<FieldProblem> Errors { get; } = [];

    public string? ErrorSource { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostClaimAsync(string? caseReference, string? participantIin, DateOnly? hiredOn, DateOnly? housedFrom, string? payoutAccount, CancellationToken ct)
    {
        var (input, errors) = EmployerSubsidyEndpoints.Validate(new SubsidyClaimRequest(
            caseReference?.Trim().ToUpperInvariant(), participantIin?.Trim(), hiredOn, housedFrom, payoutAccount?.Trim().ToUpperInvariant()));
        if (input is null)
        {
            Errors.AddRange(errors.Select(e => Fields.TryGetValue(e.Item1, out var f)
                ? new FieldProblem(f.Id, text[f.Label] + ": " + ProblemTexts.Translate(e.Item2))
                : new FieldProblem(FormId, ProblemTexts.Translate(e.Item2))));
            await LoadAsync(ct);
            return Page();
        }

        var outcome = await service.SubmitAsync(Actor.From(User), input, ct);
        if (outcome.Refusal is { } refusal)
        {
            Errors.Add(new(FormId, refusal.Code == RefusalCodes.NotEligible
                ? text["rs.not-eligible"] + " " + string.Join("; ", refusal.Rules.Select(gate => text["rs.gate." + gate]))
                : text.Refusal(refusal)));
            ErrorSource = refusal.Source;
            await LoadAsync(ct);
            return Page();
        }

        return Redirect("/resettlement/employer");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Claims = await service.VisibleTo(Actor.From(User)).OrderByDescending(c => c.SubmittedAt).Take(500).ToListAsync(ct);

    /// <summary>The id of the claim form: a refusal of the whole claim links there.</summary>
    public const string FormId = "rs-claim";

    /// <summary>The claim form's fields by the name the checks give them: the field's id and its label.</summary>
    public static readonly IReadOnlyDictionary<string, (string Id, string Label)> Fields = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["caseReference"] = ("rs-claim-case", "rs.employer.case"),
        ["participantIin"] = ("rs-claim-iin", "rs.employer.iin"),
        ["hiredOn"] = ("rs-claim-hired", "rs.employer.hired"),
        ["housedFrom"] = ("rs-claim-housed", "rs.employer.housed"),
        ["payoutAccount"] = ("rs-claim-account", "rs.employer.account"),
    };
}
