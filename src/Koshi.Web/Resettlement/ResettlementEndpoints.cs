using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

public sealed record MemberRequest(string? Name, string? Iin, string? Passport, DateOnly? BirthDate, string? Relation);

public sealed record ResettlementApplicationRequest(
    Programme? Programme, string? OriginRegion, string? DestinationRegion, bool? RegisteredJobSeeker, int? PermanentRegistrationMonths,
    string? KandasCondition, decimal? HousingCost, string? PayoutAccount, MemberRequest[]? Members);

public sealed record ArrivalRequest(DateOnly? ArrivedOn);

public sealed record AccountRequest(string? PayoutAccount);

public sealed record RefundDecisionRequest(string? Reason);

public sealed record CaseReasonRequest(string? Reason);

public sealed record MemberView(string Name, string? Iin, string? Passport, DateOnly BirthDate, string Relation);

public sealed record PaymentView(
    string Reference, PaymentKind Kind, int Sequence, DateOnly DueOn, decimal? PlannedKzt, PaymentStatus Status, int Attempts, string? LastError,
    decimal? PaidKzt, DateTimeOffset? PaidAt, string? GatewayReference);

public sealed record RefundView(RefundStatus Status, decimal? AmountKzt, string? Basis, int? Instalments, string? Detail, string? DecidedBy, string? Reason);

public sealed record CaseView(
    Guid Id, string CaseNumber, string Reference, CaseStatus Status, Programme Programme, int Year, string ApplicantName, string ApplicantIin, string Origin, string Destination,
    int FamilySize, IReadOnlyList<MemberView> Members, bool RegisteredJobSeeker, int PermanentRegistrationMonths, string KandasCondition, decimal HousingCost,
    string PayoutAccount, IReadOnlyList<RuleCheck> Checks, string PackHash, DateTimeOffset AppliedAt, DateOnly? DueOn, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason,
    DateOnly? ArrivedOn, DateOnly? ContractEndsOn, DateOnly? LastAddressCheckOn, string? LastAddressCheck, DateOnly? DepartedOn,
    IReadOnlyList<PaymentView> Payments, RefundView Refund, int Version)
{
    public static CaseView From(ResettlementCase c) => new(
        c.Id, c.CaseNumber, c.Reference, c.Status, c.Programme, c.Year, c.ApplicantName, c.ApplicantIin, c.Origin, c.Destination.Value, c.FamilySize,
        c.Members.Select(m => new MemberView(m.Name, m.Iin, m.Passport, m.BirthDate, m.Relation)).ToList(),
        c.RegisteredJobSeeker, c.PermanentRegistrationMonths, c.KandasCondition, c.HousingCost, c.PayoutAccount,
        JsonSerializer.Deserialize<List<RuleCheck>>(c.ChecksJson, JsonSerializerOptions.Web) ?? [], c.PackHash, c.AppliedAt, c.DueOn, c.DecidedAt, c.DecidedBy, c.Reason,
        c.ArrivedOn, c.ContractEndsOn, c.LastAddressCheckOn, c.LastAddressCheck, c.DepartedOn,
        c.Payments.OrderBy(p => p.DueOn).ThenBy(p => p.Kind).ThenBy(p => p.Sequence)
            .Select(p => new PaymentView(p.Reference, p.Kind, p.Sequence, p.DueOn, p.PlannedKzt, p.Status, p.Attempts, p.LastError, p.PaidKzt, p.PaidAt, p.GatewayReference)).ToList(),
        new RefundView(c.RefundStatus, c.RefundKzt, c.RefundBasis, c.RefundInstalments, c.RefundDetail, c.RefundDecidedBy, c.RefundReason), c.Version);
}

public sealed record ResettlementQuotaView(int Year, string Region, Programme Programme, int Seats, int Used, int Free, string Source);

/// <summary>The resettlement JSON API under /api/v1/resettlement.</summary>
public static partial class ResettlementEndpoints
{
    public static readonly string[] Relations = ["spouse", "child", "parent", "other"];
    public static readonly string[] KandasConditions = ["none", "regional_quota", "demographic_settlement", "family_reunification"];

    public static IEndpointRouteBuilder MapResettlementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/resettlement").WithTags("Resettlement")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/applications", Apply).RequireAuthorization(Policies.ApiApplicant)
            .WithName("ApplyForResettlement").WithSummary("Apply with the family, naming the receiving region and programme; the pack decides eligibility at once (accepts Idempotency-Key)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/applications", List).RequireAuthorization(Policies.ApiCaseReader)
            .WithName("ListResettlementCases").WithSummary("Cases visible to you (yours, or those settling in your region); filter by status");
        api.MapGet("/queue", Queue).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("ResettlementQueue")
            .WithSummary("Cases settling in your region: search by case number, IIN or name; filter by status, waiting for you, overdue, region, programme; sort and page (X-Total-Count, Link)");
        api.MapGet("/applications/{id:guid}", Get).RequireAuthorization(Policies.ApiCaseReader)
            .WithName("GetResettlementCase").WithSummary("One case with its checks and sources, payments, contract and refund claim").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/applications/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.ApiApplicant)
            .WithName("WithdrawResettlement").WithSummary("Withdraw your submitted application").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/applications/{id:guid}/account", Account).RequireAuthorization(Policies.ApiApplicant)
            .WithName("ChangeResettlementAccount").WithSummary("Name another payout account (a refused payment is retried to it)").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/approve", Approve).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ApproveResettlement").WithSummary("Include the family in the regional quota: seats for every person are taken at once, or 409 naming the quota")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RefuseResettlement").WithSummary("Refuse with a reason").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/arrival", Arrive).RequireAuthorization(Policies.ApiCaseReader)
            .WithName("ConfirmResettlementArrival").WithSummary("Confirm arrival through the address register (simulator); the social contract starts and the support is scheduled")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/applications/{id:guid}/payments", Pay).RequireAuthorization(Policies.ApiOfficer)
            .WithName("PayResettlementSupport").WithSummary("Pay every support payment due by today through the treasury (simulator); failed ones stay to retry")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/address-check", AddressCheck).RequireAuthorization(Policies.ApiOfficer)
            .WithName("CheckResettlementAddress").WithSummary("Check the participant's registration; leaving before the contract ends opens a refund claim computed by the pack")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/applications/{id:guid}/refund/confirm", ConfirmRefund).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ConfirmResettlementRefund").WithSummary("Confirm the refund claim").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/refund/waive", WaiveRefund).RequireAuthorization(Policies.ApiOfficer)
            .WithName("WaiveResettlementRefund").WithSummary("Waive the refund claim, with a reason").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/quota", Quota).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("ResettlementQuota").WithSummary("The year's regional quotas by region and programme, with seats used");
        api.MapGet("/measures", Measures).RequireAuthorization(Policies.ApiAnalyst)
            .WithName("ResettlementMeasures").WithSummary("Northern share, quota fill, arrivals, payments, refund claims, return rate by cohort, flows by age band");
        api.MapGet("/measures/{table}.csv", MeasuresCsv).RequireAuthorization(Policies.ApiAnalyst)
            .WithName("ResettlementMeasuresCsv").WithSummary("One table of the measures as CSV: quota, arrivals, payments, refunds, cohorts or flows").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Results<Ok<CaseView>, ProblemHttpResult> Answer(CaseOutcome outcome) =>
        outcome.NotFound ? ProblemsExtensions.NotFound("resettlement case")
        : outcome.Refusal is { } refusal ? ProblemsExtensions.FromRefusal(refusal)
        : TypedResults.Ok(CaseView.From(outcome.Case!));

    private static async Task<Results<Created<CaseView>, Ok<CaseView>, ProblemHttpResult>> Apply(
        ResettlementApplicationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, ResettlementService service, CancellationToken ct)
    {
        var (application, errors) = Validate(request);
        var idempotency = IdempotentRequest.From(idempotencyKey, "resettlement.apply", JsonSerializer.Serialize(request), errors);
        if (application is null || errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var outcome = await service.ApplyAsync(Actor.From(http.User), application, ct, idempotency);
        return outcome.Refusal is { } refusal ? ProblemsExtensions.FromRefusal(refusal)
            : outcome.Replayed ? TypedResults.Ok(CaseView.From(outcome.Case!))
            : TypedResults.Created($"/api/v1/resettlement/applications/{outcome.Case!.Id}", CaseView.From(outcome.Case!));
    }

    /// <summary>Checks every field of an application; the pack then decides eligibility on the valid ones.</summary>
    public static (ResettlementApplication? Application, List<(string, string)> Errors) Validate(ResettlementApplicationRequest request)
    {
        var errors = new List<(string, string)>();
        if (request.Programme is null)
        {
            errors.Add(("programme", "Required: kandas or resettler."));
        }

        if (!RegionCode.TryParse(request.DestinationRegion, out var destination))
        {
            errors.Add(("destinationRegion", "Required: the receiving region's ISO 3166-2 code, such as KZ-55."));
        }

        var origin = "abroad";
        if (request.Programme == Programme.Resettler)
        {
            if (!RegionCode.TryParse(request.OriginRegion, out var from))
            {
                errors.Add(("originRegion", "Required for a resettler: the region of permanent registration, such as KZ-61."));
            }
            else
            {
                origin = from.Value.Value;
            }
        }
        else if (request.OriginRegion is not null and not "abroad")
        {
            errors.Add(("originRegion", "A kandas arrives from abroad: leave it out or give 'abroad'."));
        }

        if (request.PermanentRegistrationMonths is < 0 or > 1200)
        {
            errors.Add(("permanentRegistrationMonths", "0 to 1,200 months."));
        }

        var condition = request.KandasCondition ?? "none";
        if (!KandasConditions.Contains(condition))
        {
            errors.Add(("kandasCondition", "One of: " + string.Join(", ", KandasConditions) + "."));
        }

        if (request.HousingCost is < 0 or > 10_000_000_000m)
        {
            errors.Add(("housingCost", "The cost of the home bought, 0 to 10,000,000,000 KZT (0 if none)."));
        }

        if (request.PayoutAccount is null || !Iban().IsMatch(request.PayoutAccount))
        {
            errors.Add(("payoutAccount", "Required: a Kazakh IBAN, KZ and 18 letters or digits."));
        }

        var members = new List<MemberInput>();
        if (request.Members is { Length: > 19 })
        {
            errors.Add(("members", "At most 19 family members besides the applicant."));
        }

        for (var i = 0; i < (request.Members?.Length ?? 0) && i < 19; i++)
        {
            var member = request.Members![i];
            var at = $"members[{i}]";
            if (string.IsNullOrWhiteSpace(member?.Name) || member.Name.Length > 200)
            {
                errors.Add(($"{at}.name", "Required: the name, up to 200 characters."));
                continue;
            }

            if (member.Relation is null || !Relations.Contains(member.Relation))
            {
                errors.Add(($"{at}.relation", "One of: " + string.Join(", ", Relations) + "."));
            }

            if (member.BirthDate is null || member.BirthDate < new DateOnly(1900, 1, 1))
            {
                errors.Add(($"{at}.birthDate", "Required: the date of birth."));
            }

            if (member.Iin is not null)
            {
                if (!Iin.TryParse(member.Iin, out var iin, out var why))
                {
                    errors.Add(($"{at}.iin", why ?? "Not a valid IIN."));
                }
                else if (member.BirthDate is { } born && iin.Value.BirthDate != born)
                {
                    errors.Add(($"{at}.birthDate", "The date of birth differs from the one the IIN carries."));
                }
            }
            else if (request.Programme == Programme.Resettler)
            {
                errors.Add(($"{at}.iin", "Required: a resettler's family are citizens with IINs."));
            }
            else if (member.Passport is null || !Passport().IsMatch(member.Passport))
            {
                errors.Add(($"{at}.passport", "A kandas family member without an IIN gives a passport number, 5 to 20 letters and digits."));
            }

            if (member.Passport is not null && !Passport().IsMatch(member.Passport))
            {
                errors.Add(($"{at}.passport", "5 to 20 letters and digits."));
            }

            members.Add(new MemberInput(member.Name.Trim(), member.Iin, member.Iin is null ? member.Passport : null, member.BirthDate ?? default, member.Relation ?? "other"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ResettlementApplication(
            request.Programme!.Value, origin, destination!.Value, request.RegisteredJobSeeker ?? false, request.PermanentRegistrationMonths ?? 0, condition,
            request.HousingCost ?? 0, request.PayoutAccount!, members), errors);
    }

    private static async Task<Ok<List<CaseView>>> List(HttpContext http, ResettlementService service, CaseStatus? status, CancellationToken ct)
    {
        var query = service.VisibleTo(Actor.From(http.User));
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        var cases = await query.OrderByDescending(c => c.AppliedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(cases.Select(CaseView.From).ToList());
    }

    /// <summary>
    /// The officer's queue with the page's parameters: <c>q</c> (case number, IIN or name), <c>stage</c> (open, all or a
    /// status), <c>mine</c>, <c>overdue</c>, <c>region</c>, <c>programme</c>, <c>sort</c> (due, applied, newest, name),
    /// <c>page</c> and <c>pageSize</c>; the total in X-Total-Count and the next page in Link.
    /// </summary>
    private static async Task<Results<Ok<List<ResettlementQueueItem>>, ProblemHttpResult>> Queue(
        HttpContext http, ResettlementService service, string? q, string? stage, string? mine, string? overdue, string? region, string? programme, string? sort,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<(string Field, string Message)>();
        var paging = Paging.Read(page, pageSize, errors);
        var filter = ResettlementQueueFilter.Read(q, stage, mine, overdue, region, programme, sort, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (items, total) = await service.QueueAsync(Actor.From(http.User), filter, paging, ct);
        paging.WriteHeaders(http, total);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(Guid id, HttpContext http, ResettlementService service, CancellationToken ct) =>
        await service.FindAsync(id, Actor.From(http.User), ct) is { } c ? TypedResults.Ok(CaseView.From(c)) : ProblemsExtensions.NotFound("resettlement case");

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Withdraw(Guid id, CaseReasonRequest? request, HttpContext http, ResettlementService service, CancellationToken ct) =>
        request?.Reason is { Length: > 2000 } ? ProblemsExtensions.Invalid("reason", "At most 2,000 characters.")
        : Answer(await service.WithdrawAsync(id, Actor.From(http.User), request?.Reason, ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Account(Guid id, AccountRequest request, HttpContext http, ResettlementService service, CancellationToken ct) =>
        request.PayoutAccount is null || !Iban().IsMatch(request.PayoutAccount) ? ProblemsExtensions.Invalid("payoutAccount", "Required: a Kazakh IBAN, KZ and 18 letters or digits.")
        : Answer(await service.ChangeAccountAsync(id, Actor.From(http.User), request.PayoutAccount, ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Approve(Guid id, HttpContext http, ResettlementService service, CancellationToken ct) =>
        Answer(await service.ApproveAsync(id, Actor.From(http.User), ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Refuse(Guid id, CaseReasonRequest request, HttpContext http, ResettlementService service, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000 ? ProblemsExtensions.Invalid("reason", "Required: the reason, up to 2,000 characters.")
        : Answer(await service.RefuseAsync(id, Actor.From(http.User), request.Reason.Trim(), ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Arrive(Guid id, ArrivalRequest? request, HttpContext http, ResettlementService service, CancellationToken ct) =>
        Answer(await service.ArriveAsync(id, Actor.From(http.User), request?.ArrivedOn, ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Pay(Guid id, HttpContext http, ResettlementService service, CancellationToken ct) =>
        Answer(await service.PayDueAsync(id, Actor.From(http.User), ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> AddressCheck(Guid id, HttpContext http, ResettlementService service, CancellationToken ct) =>
        Answer(await service.CheckAddressAsync(id, Actor.From(http.User), ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> ConfirmRefund(Guid id, RefundDecisionRequest? request, HttpContext http, ResettlementService service, CancellationToken ct) =>
        request?.Reason is { Length: > 2000 } ? ProblemsExtensions.Invalid("reason", "At most 2,000 characters.")
        : Answer(await service.DecideRefundAsync(id, Actor.From(http.User), true, request?.Reason, ct));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> WaiveRefund(Guid id, RefundDecisionRequest request, HttpContext http, ResettlementService service, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000 ? ProblemsExtensions.Invalid("reason", "Required: why the refund is waived, up to 2,000 characters.")
        : Answer(await service.DecideRefundAsync(id, Actor.From(http.User), false, request.Reason.Trim(), ct));

    private static async Task<Results<Ok<List<ResettlementQuotaView>>, ProblemHttpResult>> Quota(HttpContext http, ResettlementService service, int? year, CancellationToken ct)
    {
        var y = year ?? service.Today.Year;
        if (y is < 2022 or > 2100)
        {
            return ProblemsExtensions.Invalid("year", "A year from 2022, when the pack's quotas begin.");
        }

        var rows = await service.QuotaAsync(Actor.From(http.User), y, ct);
        return TypedResults.Ok(rows.Select(q => new ResettlementQuotaView(q.Year, q.Region.Value, q.Programme, q.Seats, q.Used, q.Seats - q.Used, service.Rules.QuotaSource(q.Year, q.Programme))).ToList());
    }

    private static async Task<Results<Ok<ResettlementMeasures>, ProblemHttpResult>> Measures(HttpContext http, ResettlementService service, ResettlementMeasuresQuery query, int? year, CancellationToken ct)
    {
        var y = year ?? service.Today.Year;
        return y is < 2022 or > 2100 ? ProblemsExtensions.Invalid("year", "A year from 2022, when the pack's quotas begin.") : TypedResults.Ok(await query.ForAsync(Actor.From(http.User), y, ct));
    }

    private static async Task<IResult> MeasuresCsv(string table, HttpContext http, ResettlementService service, ResettlementMeasuresQuery query, int? year, CancellationToken ct)
    {
        if (!ResettlementMeasures.Tables.Contains(table))
        {
            return ProblemsExtensions.NotFound("table (one of " + string.Join(", ", ResettlementMeasures.Tables) + ")");
        }

        var y = year ?? service.Today.Year;
        if (y is < 2022 or > 2100)
        {
            return ProblemsExtensions.Invalid("year", "A year from 2022, when the pack's quotas begin.");
        }

        var measures = await query.ForAsync(Actor.From(http.User), y, ct);
        return TypedResults.File(measures.Csv(table), "text/csv; charset=utf-8", $"resettlement-{table}-{y}.csv");
    }

    [GeneratedRegex("^KZ[0-9A-Z]{18}$")]
    private static partial Regex Iban();

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex Passport();
}
