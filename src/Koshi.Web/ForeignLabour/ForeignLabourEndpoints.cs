using System.Text.RegularExpressions;
using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

public sealed record EmployerRequest(string? Name, string? OkedSection, string? Region, int[]? KazakhStaff, int[]? ForeignStaff);

public sealed record VacancyRequest(string? Title, string? Isco, PermitCategory? Category, string? Region, int? Positions);

public sealed record PermitApplicationRequest(
    PermitType? Type, PermitCategory? Category, string? VacancyReference, string? WorkerName, string? WorkerPassport, string? WorkerCitizenship,
    DateOnly? WorkerBirthDate, string? Isco, Qualification? Qualification, int? ExperienceYears, string? Region, DateOnly? StartOn, int? DurationDays,
    bool? HoldsResidencePermit = null, bool? FamilyReunification = null, bool? FullyForeignOwnedEmployer = null,
    string? HouseholdEmployerIin = null, string? HouseholdEmployerName = null,
    bool? EducationRelevant = null, bool? QualificationRecognised = null, string? LanguageLevel = null, string? AgencyBin = null);

public sealed record ReasonRequest(string? Reason);

public sealed record PaymentRequest(string? Account);

public sealed record ExtensionRequest(int? Days);

public sealed record EndRequest(DateOnly? EndOn, string? Reason);

public sealed record SeatsRequest(int? Seats, string? Reason);

/// <summary>Seats of a pool moved from one region to another, with one reason.</summary>
public sealed record MoveSeatsRequest(string? Pool, string? From, string? To, int? Seats, string? Reason);

public sealed record QuotaMoveView(QuotaView From, QuotaView To, string Reason);

public sealed record EmployerView(Guid Id, string Bin, string Name, string OkedSection, string Region, IReadOnlyList<int> KazakhStaff, IReadOnlyList<int> ForeignStaff)
{
    public static EmployerView From(Employer e) => new(e.Id, e.Bin, e.Name, e.OkedSection, e.Region.Value, e.Staff.Kazakh, e.Staff.Foreign);
}

public sealed record VacancyView(Guid Id, string Reference, string Title, string Isco, PermitCategory Category, string Region, int Positions, DateOnly PostedOn, DateOnly? ClosedOn)
{
    public static VacancyView From(Vacancy v) => new(v.Id, v.Reference, v.Title, v.Isco, v.Category, v.Region.Value, v.Positions, v.PostedOn, v.ClosedOn);
}

public sealed record InvoiceView(
    string Number, InvoicePurpose Purpose, int DurationDays, decimal FeeMrp, decimal QuotedKzt, DateOnly QuotedOn, string FeeRule,
    InvoiceStatus Status, DateTimeOffset? PaidAt, decimal? PaidKzt, decimal? MrpOnPayment, string? PaymentReference)
{
    public static InvoiceView From(PermitInvoice i) => new(
        i.Number, i.Purpose, i.DurationDays, i.FeeMrp, i.QuotedKzt, i.QuotedOn, i.FeeRule, i.Status, i.PaidAt, i.PaidKzt, i.MrpOnPayment, i.PaymentReference);
}

public sealed record PermitView(
    Guid Id, string? Number, string Status, PermitType Type, PermitCategory Category, string? QuotaPool, string EmployerName, string EmployerIdentifier,
    string OkedSection, string SectorGroup, string WorkerName, string WorkerPassport, string WorkerCitizenship, DateOnly WorkerBirthDate,
    string Isco, int IscoSkillLevel, Qualification Qualification, int ExperienceYears, bool Skilled, string Region, DateOnly StartOn, int DurationDays,
    DateOnly EndOn, DateTimeOffset AppliedAt, DateTimeOffset? IssuedAt, string? Reason, string PackHash, IReadOnlyList<RuleCheck> Checks,
    IReadOnlyList<InvoiceView> Invoices, int Version)
{
    public static PermitView From(WorkPermit p, DateOnly today) => new(
        p.Id, p.Number, p.StatusOn(today), p.Type, p.Category, p.Pool, p.EmployerName, p.EmployerIdentifier, p.OkedSection, p.SectorGroup,
        p.WorkerName, p.WorkerPassport, p.WorkerCitizenship, p.WorkerBirthDate, p.Isco, p.IscoSkillLevel, p.Qualification, p.ExperienceYears, p.Skilled,
        p.Region.Value, p.StartOn, p.DurationDays, p.EndOn, p.AppliedAt, p.IssuedAt, p.Reason, p.PackHash,
        System.Text.Json.JsonSerializer.Deserialize<List<RuleCheck>>(p.ChecksJson, System.Text.Json.JsonSerializerOptions.Web) ?? [],
        p.Invoices.Select(InvoiceView.From).ToList(), p.Version)
    {
        AssessmentPoints = p.AssessmentPoints, AssessmentTier = p.AssessmentTier, Ranked = p.Ranked, RoundId = p.RoundId,
    };

    /// <summary>The worker-assessment points (the full explanation is at /permits/{id}/assessment).</summary>
    public int? AssessmentPoints { get; init; }

    public string? AssessmentTier { get; init; }

    /// <summary>The application waits in a ranked pool for an allocation round.</summary>
    public bool Ranked { get; init; }

    /// <summary>The round that admitted it, if one has.</summary>
    public Guid? RoundId { get; init; }
}

public sealed record QuotaView(int Year, string Region, string Pool, int Seats, int Used, int Free, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static QuotaView From(QuotaAllocation q) => new(q.Year, q.Region.Value, q.Pool, q.Seats, q.Used, q.Seats - q.Used, q.UpdatedAt, q.UpdatedBy);
}

public sealed record QuotaTableView(int Year, NationalQuota? National, IReadOnlyList<QuotaView> Allocations);

public sealed record QuotaChangeView(int SeatsBefore, int SeatsAfter, string Reason, string ChangedBy, DateTimeOffset At);

/// <summary>The foreign-labour JSON API under /api/v1/labour.</summary>
public static partial class ForeignLabourEndpoints
{
    private const int MaxText = 2000;

    public static IEndpointRouteBuilder MapForeignLabourApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/labour").WithTags("Foreign labour")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/employer", GetEmployer).RequireAuthorization(Policies.ApiEmployer)
            .WithName("GetEmployer").WithSummary("Your organisation: BIN, OKED section, region, declared staff").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/employer", PutEmployer).RequireAuthorization(Policies.ApiEmployer)
            .WithName("RegisterEmployer").WithSummary("Register or update your organisation (the BIN is your account's) and its staff by category").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/vacancies", ListVacancies).RequireAuthorization(Policies.ApiEmployer)
            .WithName("ListVacancies").WithSummary("Your vacancies");
        api.MapPost("/vacancies", PostVacancy).RequireAuthorization(Policies.ApiEmployer)
            .WithName("PostVacancy").WithSummary("Post a vacancy for local candidates; a permit may quote it once public long enough").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits", Apply).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("ApplyForPermit").WithSummary("Apply for a permit for a named worker; the automated checks run at once (accepts Idempotency-Key)")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/permits", ListPermits).RequireAuthorization(Policies.ApiPermitReader)
            .WithName("ListPermits").WithSummary("Permits visible to you (yours, or your region's), newest first; filter by status and region; page and pageSize (at most 500), total in X-Total-Count, next page in Link");
        api.MapGet("/permits/{id:guid}", GetPermit).RequireAuthorization(Policies.ApiPermitReader)
            .WithName("GetPermit").WithSummary("One permit with its checks, sources and invoices").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/permits/{id:guid}/approve", Approve).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ApprovePermit").WithSummary("Approve: the fee is invoiced in MRP from the pack").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RefusePermit").WithSummary("Refuse with reasons").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("WithdrawPermit").WithSummary("Withdraw your application").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits/{id:guid}/pay", Pay).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("PayPermitFee").WithSummary("Pay the open invoice through the payment gateway, at the MRP of today")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/permits/{id:guid}/issue", Issue).RequireAuthorization(Policies.ApiOfficer)
            .WithName("IssuePermit").WithSummary("Issue a paid permit, taking its quota seat").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits/{id:guid}/extend", Extend).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("ExtendPermit").WithSummary("Ask to extend a permit in force; the fee is due again").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits/{id:guid}/revoke", Revoke).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RevokePermit").WithSummary("Revoke with a reason; the quota seat is given back").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/permits/{id:guid}/end", End).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("EndPermit").WithSummary("End the employment early; the quota seat is given back").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/quota", Quota).RequireAuthorization(Policies.ApiUser)
            .WithName("QuotaTable").WithSummary("The year's quota by region and pool with use, and the national figures from the pack");
        api.MapPut("/quota/{year:int}/{region}/{pool}", SetSeats).RequireAuthorization(Policies.ApiAdmin)
            .WithName("SetQuotaSeats").WithSummary("Set a region's seats in a pool (distribution or mid-year redistribution), with a reason").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/quota/{year:int}/moves", MoveSeats).RequireAuthorization(Policies.ApiAdmin)
            .WithName("MoveQuotaSeats").WithSummary("Move seats of a pool from one region to another as one change with one reason (both or neither)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/quota/{year:int}/{region}/{pool}/history", QuotaHistory).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("QuotaHistory").WithSummary("Every change of a region's allocation");
        api.MapGet("/fee", Fee).RequireAuthorization(Policies.ApiUser)
            .WithName("QuoteFee").WithSummary("The fee the pack sets for a permit type, category, OKED section and term, in MRP and tenge");
        api.MapGet("/skilled-share", Skilled).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("SkilledShare").WithSummary("Share of skilled workers among those admitted in the year, against the path to 95 % in 2030");
        MapSkills(api);
        return app;
    }

    private static async Task<Results<Ok<EmployerView>, ProblemHttpResult>> GetEmployer(HttpContext http, ForeignLabourService service, CancellationToken ct) =>
        await service.EmployerOfAsync(Actor.From(http.User), ct) is { } employer ? TypedResults.Ok(EmployerView.From(employer)) : ProblemsExtensions.NotFound("employer registered for your account");

    private static async Task<Results<Ok<EmployerView>, ProblemHttpResult>> PutEmployer(EmployerRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        Text(request.Name, "name", 300, errors);
        if (request.OkedSection is null || !OkedSection().IsMatch(request.OkedSection))
        {
            errors.Add(("okedSection", "Required: the OKED section letter, A to U."));
        }

        var region = Region(request.Region, "region", errors);
        var kazakh = Staff(request.KazakhStaff, "kazakhStaff", errors);
        var foreign = Staff(request.ForeignStaff, "foreignStaff", errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (employer, refusal) = await service.RegisterEmployerAsync(
            Actor.From(http.User), request.Name!.Trim(), request.OkedSection!, region!.Value, new StaffDeclaration(kazakh, foreign), ct);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Ok(EmployerView.From(employer!));
    }

    private static async Task<Results<Ok<List<VacancyView>>, ProblemHttpResult>> ListVacancies(HttpContext http, ForeignLabourService service, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var vacancies = await service.VacanciesOfAsync(Actor.From(http.User), ct);
        paging.WriteHeaders(http, vacancies.Count);
        return TypedResults.Ok(vacancies.Skip(paging.Skip).Take(paging.Size).Select(VacancyView.From).ToList());
    }

    private static async Task<Results<Created<VacancyView>, ProblemHttpResult>> PostVacancy(VacancyRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        Text(request.Title, "title", 300, errors);
        Occupation(request.Isco, errors);
        if (request.Category is null or PermitCategory.None)
        {
            errors.Add(("category", "Required: cat1, cat2, cat3 or cat4."));
        }

        var region = Region(request.Region, "region", errors);
        if (request.Positions is null or < 1 or > 10000)
        {
            errors.Add(("positions", "Required: 1 to 10,000 positions."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (vacancy, refusal) = await service.PostVacancyAsync(
            Actor.From(http.User), request.Title!.Trim(), request.Isco!, request.Category!.Value, region!.Value, request.Positions!.Value, ct);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Created($"/api/v1/labour/vacancies/{vacancy!.Id}", VacancyView.From(vacancy));
    }

    private static async Task<Results<Created<PermitView>, Ok<PermitView>, ProblemHttpResult>> Apply(
        PermitApplicationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, ForeignLabourService service,
        Agencies.AgenciesService agencies, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.Type is null)
        {
            errors.Add(("type", "Required: employer, seasonal, ict, business-immigrant or household."));
        }

        Text(request.WorkerName, "workerName", 200, errors);
        // A household permit is applied for by the immigrant, naming the individual who will employ them.
        if (request.Type == PermitType.Household)
        {
            if (!Iin.TryParse(request.HouseholdEmployerIin, out _, out var iinError))
            {
                errors.Add(("householdEmployerIin", "Required for a household permit: the IIN of the person who will employ you (" + iinError + ")."));
            }

            if (string.IsNullOrWhiteSpace(request.HouseholdEmployerName) || request.HouseholdEmployerName.Length > 200)
            {
                errors.Add(("householdEmployerName", "Required for a household permit: the full name of the person who will employ you (at most 200 characters)."));
            }
        }

        if (request.WorkerPassport is null || !Passport().IsMatch(request.WorkerPassport))
        {
            errors.Add(("workerPassport", "Required: the passport number, 5 to 20 letters and digits."));
        }

        if (request.WorkerCitizenship is null || !Country().IsMatch(request.WorkerCitizenship))
        {
            errors.Add(("workerCitizenship", "Required: an ISO 3166-1 alpha-2 country code such as CN or UZ."));
        }
        else if (request.WorkerCitizenship == "KZ")
        {
            errors.Add(("workerCitizenship", "Citizens of Kazakhstan need no permit."));
        }

        var today = service.Today;
        var (minAge, maxAge) = service.Rules.WorkerAge(today);
        if (request.WorkerBirthDate is not { } birth || birth > today.AddYears(-minAge) || birth < today.AddYears(-maxAge))
        {
            errors.Add(("workerBirthDate", $"Required: the worker's birth date; the worker must be {minAge} to {maxAge} years old."));
        }

        Occupation(request.Isco, errors);
        if (request.LanguageLevel is { } level && !WorkerFacts.LanguageLevels.Contains(level))
        {
            errors.Add(("languageLevel", $"'{level}' is not one of {string.Join(", ", WorkerFacts.LanguageLevels)}."));
        }

        if (request.ExperienceYears is < 0 or > 60)
        {
            errors.Add(("experienceYears", "From 0 to 60 years."));
        }

        var region = Region(request.Region, "region", errors);
        if (request.StartOn is not { } start || start < today || start > today.AddYears(1))
        {
            errors.Add(("startOn", "Required: the first day of work, from today to a year ahead."));
        }

        if (request.DurationDays is null or < 1 or > 3650)
        {
            errors.Add(("durationDays", "Required: the term in days (1 to 3,650; the pack sets each permit's maximum)."));
        }

        if (request.VacancyReference is { Length: > 30 })
        {
            errors.Add(("vacancyReference", "At most 30 characters."));
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 200))
        {
            errors.Add(("Idempotency-Key", "An Idempotency-Key is 1 to 200 characters."));
        }

        // The recruiting agency, when the application names one, must be in the registry, active, and recruit foreign workers.
        var recruiter = request.AgencyBin is null ? null : await agencies.RecruiterAsync(request.AgencyBin, errors, ct);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var permitRequest = new PermitRequest(
            request.Type!.Value, request.Category ?? PermitCategory.None, request.WorkerName!.Trim(), request.WorkerPassport!.ToUpperInvariant(),
            request.WorkerCitizenship!, request.WorkerBirthDate!.Value, request.Isco!, request.Qualification ?? Qualification.None,
            request.ExperienceYears ?? 0, region!.Value, request.StartOn!.Value, request.DurationDays!.Value,
            request.HoldsResidencePermit ?? false, request.FamilyReunification ?? false, request.FullyForeignOwnedEmployer ?? false,
            request.HouseholdEmployerIin, request.HouseholdEmployerName?.Trim(),
            request.EducationRelevant ?? false, request.QualificationRecognised ?? false, request.LanguageLevel ?? "none");
        var outcome = await service.ApplyAsync(Actor.From(http.User), permitRequest, request.VacancyReference?.Trim(), idempotencyKey, ct);
        if (outcome.Refusal is not null)
        {
            return ProblemsExtensions.FromRefusal(outcome.Refusal);
        }

        if (recruiter is not null)
        {
            await agencies.RecordRecruitmentAsync(recruiter, outcome.Permit!.Id, permitRequest.WorkerPassport, permitRequest.WorkerCitizenship, outcome.Permit.EmployerName, ct);
        }

        var view = PermitView.From(outcome.Permit!, today);
        return outcome.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/labour/permits/{view.Id}", view);
    }

    /// <summary>
    /// One page of the permits visible to the caller, newest first; the total is in X-Total-Count and the next page in a
    /// Link header (rel="next"), so the body stays a plain list and no caller is cut off silently.
    /// </summary>
    private static async Task<Results<Ok<List<PermitView>>, ProblemHttpResult>> ListPermits(
        HttpContext http, ForeignLabourService service, string? status, string? region, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var wanted = status is null ? null : Choice<PermitStatus>(status, "status", errors);
        var inRegion = region is null ? null : Region(region, "region", errors);
        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var query = service.VisibleTo(Actor.From(http.User));
        if (wanted is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (inRegion is { } r)
        {
            query = query.Where(p => p.Region == r);
        }

        var total = await query.CountAsync(ct);
        var permits = await query.OrderByDescending(p => p.AppliedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        paging.WriteHeaders(http, total);
        return TypedResults.Ok(permits.Select(p => PermitView.From(p, service.Today)).ToList());
    }

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> GetPermit(Guid id, HttpContext http, ForeignLabourService service, CancellationToken ct) =>
        await service.FindAsync(id, Actor.From(http.User), ct) is { } permit ? TypedResults.Ok(PermitView.From(permit, service.Today)) : ProblemsExtensions.NotFound("permit");

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Approve(Guid id, HttpContext http, ForeignLabourService service, CancellationToken ct) =>
        Answer(await service.ApproveAsync(id, Actor.From(http.User), ct), service);

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Refuse(Guid id, ReasonRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxText)
        {
            return ProblemsExtensions.Invalid("reason", $"Required: the reasons for the refusal (at most {MaxText} characters).");
        }

        return Answer(await service.RefuseAsync(id, Actor.From(http.User), request.Reason.Trim(), ct), service);
    }

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Withdraw(Guid id, ReasonRequest? request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        if (request?.Reason is { Length: > MaxText })
        {
            return ProblemsExtensions.Invalid("reason", $"At most {MaxText} characters.");
        }

        return Answer(await service.WithdrawAsync(id, Actor.From(http.User), request?.Reason, ct), service);
    }

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Pay(Guid id, PaymentRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        if (request.Account is null || !Account().IsMatch(request.Account))
        {
            return ProblemsExtensions.Invalid("account", "Required: the payer's IBAN, KZ followed by 18 digits and letters.");
        }

        return Answer(await service.PayAsync(id, Actor.From(http.User), request.Account, ct), service);
    }

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Issue(Guid id, HttpContext http, ForeignLabourService service, CancellationToken ct) =>
        Answer(await service.IssueAsync(id, Actor.From(http.User), ct), service);

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Extend(Guid id, ExtensionRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        if (request.Days is null or < 1 or > 3650)
        {
            return ProblemsExtensions.Invalid("days", "Required: the days to add (1 to 3,650; the pack sets each permit's maximum).");
        }

        return Answer(await service.ExtendAsync(id, Actor.From(http.User), request.Days.Value, ct), service);
    }

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> Revoke(Guid id, ReasonRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxText)
        {
            return ProblemsExtensions.Invalid("reason", $"Required: the reason for revoking (at most {MaxText} characters).");
        }

        return Answer(await service.RevokeAsync(id, Actor.From(http.User), request.Reason.Trim(), ct), service);
    }

    private static async Task<Results<Ok<PermitView>, ProblemHttpResult>> End(Guid id, EndRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        if (request.EndOn is null)
        {
            return ProblemsExtensions.Invalid("endOn", "Required: the last day of employment.");
        }

        if (request.Reason is { Length: > MaxText })
        {
            return ProblemsExtensions.Invalid("reason", $"At most {MaxText} characters.");
        }

        return Answer(await service.EndAsync(id, Actor.From(http.User), request.EndOn.Value, request.Reason, ct), service);
    }

    private static async Task<Results<Ok<QuotaTableView>, ProblemHttpResult>> Quota(HttpContext http, ForeignLabourService service, int? year, string? region, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var y = year ?? service.Today.Year;
        if (y is < 2020 or > 2100)
        {
            errors.Add(("year", "A year from 2020 to 2100."));
        }

        RegionCode? code = null;
        if (region is not null)
        {
            code = Region(region, "region", errors);
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        // Without a quota in the pack for that year, the regional rows (if any) are shown alone.
        var national = service.Rules.TryNational(y);

        var rows = await service.QuotaFor(Actor.From(http.User), y, code).ToListAsync(ct);
        var views = rows.Select(QuotaView.From).OrderBy(q => q.Region, StringComparer.Ordinal).ThenBy(q => PackNames.PoolOrder(q.Pool)).ToList();
        return TypedResults.Ok(new QuotaTableView(y, national, views));
    }

    private static async Task<Results<Ok<QuotaView>, ProblemHttpResult>> SetSeats(
        int year, string region, string pool, SeatsRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = Region(region, "region", errors);
        if (!PackNames.Pools.Contains(pool))
        {
            errors.Add(("pool", "One of cat1, cat2, cat3, cat4, seasonal, household."));
        }

        if (year is < 2020 or > 2100)
        {
            errors.Add(("year", "A year from 2020 to 2100."));
        }
        else if (service.Rules.TryNational(year) is null)
        {
            errors.Add(("year", $"The policy pack has no foreign-labour quota for {year}."));
        }

        if (request.Seats is null or < 0 or > 1_000_000)
        {
            errors.Add(("seats", "Required: 0 to 1,000,000 seats."));
        }

        Text(request.Reason, "reason", 1000, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (allocation, refusal) = await service.SetSeatsAsync(Actor.From(http.User), year, code!.Value, pool, request.Seats!.Value, request.Reason!.Trim(), ct);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Ok(QuotaView.From(allocation!));
    }

    private static async Task<Results<Ok<QuotaMoveView>, ProblemHttpResult>> MoveSeats(
        int year, MoveSeatsRequest request, HttpContext http, ForeignLabourService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (year is < 2020 or > 2100 || service.Rules.TryNational(year) is null)
        {
            errors.Add(("year", $"The policy pack has no foreign-labour quota for {year}."));
        }

        if (request.Pool is null || !PackNames.Pools.Contains(request.Pool))
        {
            errors.Add(("pool", "One of cat1, cat2, cat3, cat4, seasonal, household."));
        }

        var from = Region(request.From, "from", errors);
        var to = Region(request.To, "to", errors);
        if (from is not null && from == to)
        {
            errors.Add(("to", "A region other than the one giving the seats."));
        }

        if (request.Seats is null or < 1 or > 1_000_000)
        {
            errors.Add(("seats", "Required: 1 to 1,000,000 seats."));
        }

        Text(request.Reason, "reason", 1000, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (move, refusal) = await service.MoveSeatsAsync(Actor.From(http.User), year, from!.Value, to!.Value, request.Pool!, request.Seats!.Value, request.Reason!.Trim(), ct);
        return refusal is not null
            ? ProblemsExtensions.FromRefusal(refusal)
            : TypedResults.Ok(new QuotaMoveView(QuotaView.From(move!.From), QuotaView.From(move.To), move.Reason));
    }

    private static async Task<Results<Ok<List<QuotaChangeView>>, ProblemHttpResult>> QuotaHistory(int year, string region, string pool, ForeignLabourService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = Region(region, "region", errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var changes = await service.QuotaHistoryAsync(year, code!.Value, pool, ct);
        return TypedResults.Ok(changes.Select(c => new QuotaChangeView(c.SeatsBefore, c.SeatsAfter, c.Reason, c.ChangedBy, c.At)).ToList());
    }

    private static Results<Ok<FeeQuote>, ProblemHttpResult> Fee(
        ForeignLabourService service, string? type, string? category, string? okedSection, int? durationDays, DateOnly? on)
    {
        var errors = new List<(string, string)>();
        var permitType = Choice<PermitType>(type, "type", errors);
        var permitCategory = category is null ? PermitCategory.None : Choice<PermitCategory>(category, "category", errors);

        if (okedSection is not null && !OkedSection().IsMatch(okedSection))
        {
            errors.Add(("okedSection", "The OKED section letter, A to U."));
        }

        if (durationDays is null or < 1 or > 3650)
        {
            errors.Add(("durationDays", "Required: the term in days (1 to 3,650)."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var date = on ?? service.Today;
        try
        {
            var (allowed, terms, sectorGroup, field) = service.Rules.Terms(permitType!.Value, permitCategory!.Value, durationDays!.Value, false, okedSection, date);
            if (!allowed)
            {
                return ProblemsExtensions.FromRefusal(new Refusal("permit-terms", terms.Detail, field, terms.Source));
            }

            return TypedResults.Ok(service.Rules.Fee(permitType.Value, permitCategory.Value, sectorGroup, durationDays.Value, date));
        }
        catch (PolicyEvaluationException e)
        {
            return ProblemsExtensions.Invalid("on", "The policy pack has no fee for that date: " + e.Message);
        }
    }

    private static async Task<Results<Ok<SkilledShare>, ProblemHttpResult>> Skilled(ForeignLabourService service, int? year, CancellationToken ct)
    {
        var y = year ?? service.Today.Year;
        return y is < 2020 or > 2100 ? ProblemsExtensions.Invalid("year", "A year from 2020 to 2100.") : TypedResults.Ok(await service.SkilledShareAsync(y, ct));
    }

    private static Results<Ok<PermitView>, ProblemHttpResult> Answer(PermitOutcome outcome, ForeignLabourService service)
    {
        if (outcome.NotFound || outcome.Permit is null && outcome.Refusal is null)
        {
            return ProblemsExtensions.NotFound("permit");
        }

        return outcome.Refusal is not null ? ProblemsExtensions.FromRefusal(outcome.Refusal) : TypedResults.Ok(PermitView.From(outcome.Permit!, service.Today));
    }

    /// <summary>Reads an enum from a query string the way the JSON bodies spell it (kebab-case, e.g. business-immigrant).</summary>
    private static T? Choice<T>(string? value, string field, List<(string, string)> errors)
        where T : struct, Enum
    {
        if (value is not null && !int.TryParse(value, out _)
            && Enum.TryParse<T>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        var names = string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
        errors.Add((field, value is null ? $"Required: one of {names}." : $"'{value}' is not one of {names}."));
        return null;
    }

    private static void Text(string? value, string field, int max, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors.Add((field, $"Required: at most {max} characters."));
        }
    }

    private static RegionCode? Region(string? value, string field, List<(string, string)> errors)
    {
        if (RegionCode.TryParse(value, out var code))
        {
            return code;
        }

        errors.Add((field, value is null ? "Required: an ISO 3166-2 region code such as KZ-71." : $"'{value}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
        return null;
    }

    private static void Occupation(string? isco, List<(string, string)> errors)
    {
        if (isco is null || !Occupations.ByCode.TryGetValue(isco, out var occupation) || occupation.Level != 4 || occupation.SkillLevel is null)
        {
            errors.Add(("isco", isco is null ? "Required: an ISCO-08 unit group code (4 digits)." : $"'{isco}' is not an ISCO-08 unit group with a skill level."));
        }
    }

    private static int[] Staff(int[]? values, string field, List<(string, string)> errors)
    {
        if (values is null)
        {
            return [0, 0, 0, 0];
        }

        if (values.Length != 4 || values.Any(v => v is < 0 or > 1_000_000))
        {
            errors.Add((field, "Four headcounts, for categories 1 to 4, each 0 to 1,000,000."));
            return [0, 0, 0, 0];
        }

        return values;
    }

    [GeneratedRegex("^[A-U]$")]
    private static partial Regex OkedSection();

    [GeneratedRegex("^[A-Z0-9]{5,20}$", RegexOptions.IgnoreCase)]
    private static partial Regex Passport();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();

    [GeneratedRegex("^KZ[0-9A-Z]{18}$")]
    private static partial Regex Account();
}
