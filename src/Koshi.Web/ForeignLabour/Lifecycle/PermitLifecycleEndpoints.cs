using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using static Koshi.Web.ForeignLabour.LabourFields;

namespace Koshi.Web.ForeignLabour;

public sealed record ReasonRequest(string? Reason);

public sealed record PaymentRequest(string? Account);

public sealed record ExtensionRequest(int? Days);

public sealed record EndRequest(DateOnly? EndOn, string? Reason);

/// <summary>The permit lifecycle's endpoints: decision, payment, issue, extension, revocation, early end.</summary>
internal static partial class PermitLifecycleEndpoints
{
    public static RouteGroupBuilder MapPermitLifecycleApi(this RouteGroupBuilder api)
    {
        api.MapPost("/permits/{id:guid}/approve", Approve).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ApprovePermit").WithSummary("Approve: the fee is invoiced in MRP from the pack");
        api.MapPost("/permits/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RefusePermit").WithSummary("Refuse with reasons");
        api.MapPost("/permits/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("WithdrawPermit").WithSummary("Withdraw your application");
        api.MapPost("/permits/{id:guid}/pay", Pay).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("PayPermitFee").WithSummary("Pay the open invoice through the payment gateway, at the MRP of today");
        api.MapPost("/permits/{id:guid}/issue", Issue).RequireAuthorization(Policies.ApiOfficer)
            .WithName("IssuePermit").WithSummary("Issue a paid permit, taking its quota seat");
        api.MapPost("/permits/{id:guid}/extend", Extend).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("ExtendPermit").WithSummary("Ask to extend a permit in force; the fee is due again");
        api.MapPost("/permits/{id:guid}/revoke", Revoke).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RevokePermit").WithSummary("Revoke with a reason; the quota seat is given back");
        api.MapPost("/permits/{id:guid}/end", End).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("EndPermit").WithSummary("End the employment early; the quota seat is given back");
        return api;
    }

    /// <summary>The permit after an action, or why not: a bad field, no such permit, a refusal, or a system that did not answer.</summary>
    internal static Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem> Answer(PermitOutcome outcome, DateOnly today)
    {
        if (outcome.NotFound || outcome.Permit is null && outcome.Refusal is null)
        {
            return NotFoundProblem.Of("permit");
        }

        if (outcome.Refusal is { } refusal)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal)
                : refusal.ServiceUnavailable ? UnavailableProblem.From(refusal)
                : ConflictProblem.From(refusal);
        }

        return TypedResults.Ok(PermitView.From(outcome.Permit!, today));
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Approve(
        Guid id, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct) =>
        Answer(await lifecycle.ApproveAsync(id, Actor.From(http.User), ct), lifecycle.Today);

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Refuse(
        Guid id, ReasonRequest request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxText)
        {
            return BadRequestProblem.Invalid("reason", $"Required: the reasons for the refusal (at most {MaxText} characters).");
        }

        return Answer(await lifecycle.RefuseAsync(id, Actor.From(http.User), request.Reason.Trim(), ct), lifecycle.Today);
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Withdraw(
        Guid id, ReasonRequest? request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        if (request?.Reason is { Length: > MaxText })
        {
            return BadRequestProblem.Invalid("reason", $"At most {MaxText} characters.");
        }

        return Answer(await lifecycle.WithdrawAsync(id, Actor.From(http.User), request?.Reason, ct), lifecycle.Today);
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Pay(
        Guid id, PaymentRequest request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        if (request.Account is null || !Account().IsMatch(request.Account))
        {
            return BadRequestProblem.Invalid("account", "Required: the payer's IBAN, KZ followed by 18 digits and letters.");
        }

        return Answer(await lifecycle.PayAsync(id, Actor.From(http.User), request.Account, ct), lifecycle.Today);
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Issue(
        Guid id, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct) =>
        Answer(await lifecycle.IssueAsync(id, Actor.From(http.User), ct), lifecycle.Today);

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Extend(
        Guid id, ExtensionRequest request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        if (request.Days is null or < 1 or > 3650)
        {
            return BadRequestProblem.Invalid("days", "Required: the days to add (1 to 3,650; the pack sets each permit's maximum).");
        }

        return Answer(await lifecycle.ExtendAsync(id, Actor.From(http.User), request.Days.Value, ct), lifecycle.Today);
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> Revoke(
        Guid id, ReasonRequest request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxText)
        {
            return BadRequestProblem.Invalid("reason", $"Required: the reason for revoking (at most {MaxText} characters).");
        }

        return Answer(await lifecycle.RevokeAsync(id, Actor.From(http.User), request.Reason.Trim(), ct), lifecycle.Today);
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> End(
        Guid id, EndRequest request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        if (request.EndOn is null)
        {
            return BadRequestProblem.Invalid("endOn", "Required: the last day of employment.");
        }

        if (request.Reason is { Length: > MaxText })
        {
            return BadRequestProblem.Invalid("reason", $"At most {MaxText} characters.");
        }

        return Answer(await lifecycle.EndAsync(id, Actor.From(http.User), request.EndOn.Value, request.Reason, ct), lifecycle.Today);
    }

    [GeneratedRegex("^KZ[0-9A-Z]{18}$")]
    private static partial Regex Account();
}
