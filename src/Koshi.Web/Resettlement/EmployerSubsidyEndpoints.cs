using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

public sealed record SubsidyClaimRequest(string? CaseReference, string? ParticipantIin, DateOnly? HiredOn, DateOnly? HousedFrom, string? PayoutAccount);

public sealed record SubsidyClaimView(
    Guid Id, string Reference, string CaseReference, string ParticipantName, string Region, string EmployerBin, string EmployerName, DateOnly HiredOn,
    DateOnly HousedFrom, string PayoutAccount, SubsidyClaimStatus Status, IReadOnlyList<RuleCheck> Checks, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt,
    string? DecidedBy, string? Reason, decimal? AmountKzt, string? AmountSource, int Attempts, string? PaymentError, decimal? PaidKzt, DateTimeOffset? PaidAt,
    string? GatewayReference, int Version)
{
    public static SubsidyClaimView From(EmployerSubsidyClaim c) => new(
        c.Id, c.Reference, c.CaseReference, c.ParticipantName, c.Region.Value, c.EmployerBin, c.EmployerName, c.HiredOn, c.HousedFrom, c.PayoutAccount, c.Status,
        JsonSerializer.Deserialize<List<RuleCheck>>(c.ChecksJson, JsonSerializerOptions.Web) ?? [], c.SubmittedAt, c.DecidedAt, c.DecidedBy, c.Reason,
        c.AmountKzt, c.AmountSource, c.Attempts, c.PaymentError, c.PaidKzt, c.PaidAt, c.GatewayReference, c.Version);
}

/// <summary>The employer subsidy API under /api/v1/resettlement/employer-claims.</summary>
public static partial class EmployerSubsidyEndpoints
{
    public static IEndpointRouteBuilder MapEmployerSubsidyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/resettlement").WithTags("Resettlement")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/employer-claims", Submit).RequireAuthorization(Policies.ApiEmployer)
            .WithName("ClaimEmployerSubsidy").WithSummary("Claim the subsidy for hiring and housing a resettled participant (case reference and IIN); the pack checks the conditions at once")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/employer-claims", List).RequireAuthorization(Policies.ApiClaimReader)
            .WithName("ListEmployerSubsidyClaims").WithSummary("Claims visible to you (yours, or those of participants settled in your region); filter by status");
        api.MapGet("/employer-claims/{id:guid}", Get).RequireAuthorization(Policies.ApiClaimReader)
            .WithName("GetEmployerSubsidyClaim").WithSummary("One claim with its conditions and sources, the amount and the payment").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/employer-claims/{id:guid}/approve", Approve).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ApproveEmployerSubsidy").WithSummary("Approve and pay at the pack's amount as of today (simulated treasury); approving again retries a failed payment")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/employer-claims/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RefuseEmployerSubsidy").WithSummary("Refuse the claim with a reason").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Checks every field of a claim; the pack then decides the conditions on the valid ones.</summary>
    public static (SubsidyClaimInput? Input, List<(string, string)> Errors) Validate(SubsidyClaimRequest request)
    {
        var errors = new List<(string, string)>();
        if (request.CaseReference is null || !CaseReference().IsMatch(request.CaseReference))
        {
            errors.Add(("caseReference", "Required: the participant's case reference, such as RS-2026-0123456789."));
        }

        if (!Iin.TryParse(request.ParticipantIin, out var iin, out var why))
        {
            errors.Add(("participantIin", why ?? "Required: the participant's IIN."));
        }

        if (request.HiredOn is not { } hired || hired < new DateOnly(2000, 1, 1))
        {
            errors.Add(("hiredOn", "Required: the date the participant was hired, from 2000."));
        }

        if (request.HousedFrom is not { } housed || housed < new DateOnly(2000, 1, 1))
        {
            errors.Add(("housedFrom", "Required: the date you began to house the participant, from 2000."));
        }

        if (request.PayoutAccount is null || !Iban().IsMatch(request.PayoutAccount))
        {
            errors.Add(("payoutAccount", "Required: a Kazakh IBAN, KZ and 18 letters or digits."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new SubsidyClaimInput(request.CaseReference!, iin!.Value.Value, request.HiredOn!.Value, request.HousedFrom!.Value, request.PayoutAccount!), errors);
    }

    private static Results<Ok<SubsidyClaimView>, ProblemHttpResult> Answer(ClaimOutcome outcome) =>
        outcome.NotFound ? ProblemsExtensions.NotFound("employer subsidy claim")
        : outcome.Refusal is { } refusal ? ProblemsExtensions.FromRefusal(refusal)
        : TypedResults.Ok(SubsidyClaimView.From(outcome.Claim!));

    private static async Task<Results<Created<SubsidyClaimView>, ProblemHttpResult>> Submit(
        SubsidyClaimRequest request, HttpContext http, EmployerSubsidyService service, CancellationToken ct)
    {
        var (input, errors) = Validate(request);
        if (input is null)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var outcome = await service.SubmitAsync(Actor.From(http.User), input, ct);
        return outcome.Refusal is { } refusal
            ? ProblemsExtensions.FromRefusal(refusal)
            : TypedResults.Created($"/api/v1/resettlement/employer-claims/{outcome.Claim!.Id}", SubsidyClaimView.From(outcome.Claim));
    }

    private static async Task<Results<Ok<List<SubsidyClaimView>>, ProblemHttpResult>> List(HttpContext http, EmployerSubsidyService service, string? status, CancellationToken ct)
    {
        var query = service.VisibleTo(Actor.From(http.User));
        if (status is not null)
        {
            if (!Enum.TryParse<SubsidyClaimStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s) || char.IsDigit(status[0]))
            {
                return ProblemsExtensions.Invalid("status", "One of: submitted, approved, refused.");
            }

            query = query.Where(c => c.Status == s);
        }

        var claims = await query.OrderByDescending(c => c.SubmittedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(claims.Select(SubsidyClaimView.From).ToList());
    }

    private static async Task<Results<Ok<SubsidyClaimView>, ProblemHttpResult>> Get(Guid id, HttpContext http, EmployerSubsidyService service, CancellationToken ct) =>
        await service.FindAsync(id, Actor.From(http.User), ct) is { } c ? TypedResults.Ok(SubsidyClaimView.From(c)) : ProblemsExtensions.NotFound("employer subsidy claim");

    private static async Task<Results<Ok<SubsidyClaimView>, ProblemHttpResult>> Approve(Guid id, HttpContext http, EmployerSubsidyService service, CancellationToken ct) =>
        Answer(await service.ApproveAsync(id, Actor.From(http.User), ct));

    private static async Task<Results<Ok<SubsidyClaimView>, ProblemHttpResult>> Refuse(Guid id, CaseReasonRequest request, HttpContext http, EmployerSubsidyService service, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000 ? ProblemsExtensions.Invalid("reason", "Required: the reason, up to 2,000 characters.")
        : Answer(await service.RefuseAsync(id, Actor.From(http.User), request.Reason.Trim(), ct));

    [GeneratedRegex("^RS-[0-9]{4}-[0-9A-F]{10}$")]
    private static partial Regex CaseReference();

    [GeneratedRegex("^KZ[0-9A-Z]{18}$")]
    private static partial Regex Iban();
}
