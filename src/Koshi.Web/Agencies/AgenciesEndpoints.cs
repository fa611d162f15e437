using System.Text.RegularExpressions;
using Koshi.Policy;
using Koshi.Web.Identity;
using System.Text.Json;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies;

public sealed record AgencyRequest(string? Bin, string? Name, string? Region, string? Address, string? Director, string[]? Services, string[]? Countries);

public sealed record PlacementRequest(
    PlacementKind? Kind, string? WorkerIin, string? WorkerPassport, string? Country, string? EmployerName, string[]? Terms, bool? Deposit,
    decimal? FeeChargedKzt, DateOnly? PlacedOn, Guid? WorkPermitId);

public sealed record ReportRequest(int? Year, int? Quarter, int? Applicants, int? PlacedDomestic);

public sealed record ComplaintRequest(string? AgencyBin, string? Category, string? Text, string? Contact);

public sealed record TriageRequest(ComplaintStatus? Status, string? Note, Guid? InspectionId);

public sealed record StatusRequest(AgencyStatus? Status, string? Reason);

public sealed record PlanRequest(int? Year, int? Quarter, int? Capacity, int? RandomSlots, int? Seed);

public sealed record OutcomeRequest(string[]? Failed, DateOnly? InspectedOn);

public sealed record StatusChangeView(AgencyStatus From, AgencyStatus To, string Reason, DateOnly On, string By);

public sealed record AgencyView(
    Guid Id, string Bin, string Name, string Region, string Address, string Director, IReadOnlyList<string> Services, IReadOnlyList<string> Countries,
    AgencyStatus Status, string? Conditions, DateTimeOffset AppliedAt, DateOnly? RegisteredOn, bool Illustrative, IReadOnlyList<StatusChangeView> History)
{
    public static AgencyView From(Agency a) => new(
        a.Id, a.Bin, a.Name, a.Region.Value, a.Address, a.Director, a.ServiceList, a.CountryList, a.Status, a.Conditions, a.AppliedAt, a.RegisteredOn,
        a.Illustrative, [.. a.History.OrderBy(h => h.At).Select(h => new StatusChangeView(h.From, h.To, h.Reason, h.On, h.By))]);
}

/// <summary>What anyone may see of an agency: no director, no address, no reasons written by officers, no people.</summary>
public sealed record PublicStatusView(AgencyStatus Status, DateOnly On);

public sealed record PublicAgencyView(
    string Bin, string Name, string Region, IReadOnlyList<string> Services, IReadOnlyList<string> Countries, AgencyStatus Status, bool InGoodStanding,
    bool UnderConditions, DateOnly? RegisteredOn, IReadOnlyList<PublicStatusView> History, bool Illustrative)
{
    public static PublicAgencyView From(Agency a) => new(
        a.Bin, a.Name, a.Region.Value, a.ServiceList, a.CountryList, a.Status, a.Status == AgencyStatus.Active && a.Conditions is null, a.Conditions is not null,
        a.RegisteredOn, [.. a.History.OrderBy(h => h.At).Select(h => new PublicStatusView(h.To, h.On))], a.Illustrative);
}

public sealed record PlacementView(
    Guid Id, PlacementKind Kind, string WorkerId, string Country, string EmployerName, IReadOnlyList<string> Terms, bool Deposit, decimal FeeChargedKzt,
    DateOnly PlacedOn, Guid? WorkPermitId, int MissingTerms, bool DepositMissing, bool FeeViolation, bool Compliant, bool Illustrative)
{
    public static PlacementView From(Placement p) => new(
        p.Id, p.Kind, p.WorkerId, p.Country, p.EmployerName, p.Terms.Length == 0 ? [] : p.Terms.Split(','), p.Deposit, p.FeeChargedKzt, p.PlacedOn,
        p.WorkPermitId, p.MissingTerms, p.DepositMissing, p.FeeViolation, p.Compliant, p.Illustrative);
}

public sealed record PlacementRecorded(PlacementView Placement, IReadOnlyList<string> Violations, string Source);

public sealed record ReportView(int Year, int Quarter, int Applicants, int PlacedAbroad, int Recruited, int PlacedDomestic, DateOnly SubmittedOn)
{
    public static ReportView From(AgencyReport r) => new(r.Year, r.Quarter, r.Applicants, r.PlacedAbroad, r.Recruited, r.PlacedDomestic, r.SubmittedOn);
}

public sealed record ComplaintView(
    Guid Id, Guid AgencyId, string Category, string Text, bool Anonymous, string? Contact, DateTimeOffset FiledAt, ComplaintStatus Status, string? Note, Guid? InspectionId,
    bool Illustrative)
{
    public static ComplaintView From(Complaint c) => new(c.Id, c.AgencyId, c.Category, c.Text, c.UserId is null, c.Contact, c.FiledAt, c.Status, c.Note, c.InspectionId, c.Illustrative);
}

/// <summary>What the complainant gets back: the reference to quote, not the officer's handling.</summary>
public sealed record ComplaintReceipt(Guid Id, string AgencyBin, DateTimeOffset FiledAt, ComplaintStatus Status);

public sealed record RiskView(Guid AgencyId, string Bin, string Name, string Region, AgencyStatus Status, RiskScore Risk);

public sealed record InspectionView(
    Guid Id, Guid AgencyId, Guid? PlanId, InspectionSelection Selection, int RiskScore, string RiskBand, DateOnly? InspectedOn, IReadOnlyList<string> Failed,
    int Points, int CriticalFailures, string? Measure, string? Art98Sanction, decimal Art98FineKzt, string? Explanation, string? Inspector)
{
    public static InspectionView From(Inspection i) => new(
        i.Id, i.AgencyId, i.PlanId, i.Selection, i.RiskScore, i.RiskBand, i.InspectedOn, i.FailedList, i.Points, i.CriticalFailures, i.Measure,
        i.Art98Sanction, i.Art98FineKzt, i.Explanation, i.Inspector);
}

public sealed record PlanView(Guid Id, int Year, int Quarter, int Capacity, int RandomSlots, int Seed, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<InspectionView> Inspections);

public sealed record OutcomeView(InspectionView Inspection, AgencyView Agency);

public sealed record MyAgencyView(AgencyView Agency, IReadOnlyList<ReportStanding> Reports);

public sealed record AgencyFileView(AgencyView Agency, RiskScore Risk, IReadOnlyList<ReportStanding> Reports, IReadOnlyList<InspectionView> Inspections, int Placements, int Complaints);

/// <summary>The agencies JSON API under /api/v1/agencies.</summary>
public static partial class AgenciesEndpoints
{
    private const int MaxText = 2000;

    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/agencies").WithTags("Private employment agencies")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/public", Lookup).AllowAnonymous()
            .WithName("LookUpAgencies").WithSummary("Public lookup: registered agencies by BIN or name, with their standing (no personal data)");
        api.MapGet("/public/{bin}", LookupOne).AllowAnonymous()
            .WithName("LookUpAgency").WithSummary("Public lookup of one agency by BIN").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/standards", Standards).AllowAnonymous()
            .WithName("AgencyStandards").WithSummary("The standards an inspection checks, critical or not, with their weights, from the pack");
        api.MapPost("/complaints", FileComplaint).AllowAnonymous()
            .WithName("FileAgencyComplaint").WithSummary("File a complaint against an agency: signed in (bearer token), or anonymously with a contact").ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/registration", Register).RequireAuthorization(Policies.ApiAgency)
            .WithName("RegisterAgency").WithSummary("Apply to the registry under your account's BIN; an officer accepts (accepts Idempotency-Key)").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/mine", Mine).RequireAuthorization(Policies.ApiAgency)
            .WithName("MyAgency").WithSummary("Your agency: registry status with its history, and the standing of your quarterly reports").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/mine", UpdateMine).RequireAuthorization(Policies.ApiAgency)
            .WithName("UpdateMyAgency").WithSummary("Update your agency's address, director, services and countries").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/mine/placements", MyPlacements).RequireAuthorization(Policies.ApiAgency)
            .WithName("MyPlacements").WithSummary("Your recorded placements with the pack's flags").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/mine/placements", RecordPlacement).RequireAuthorization(Policies.ApiAgency)
            .WithName("RecordPlacement").WithSummary("Record a citizen placed abroad or a foreign worker recruited; a fee charged to the worker is recorded and flagged (accepts Idempotency-Key)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/mine/reports", MyReports).RequireAuthorization(Policies.ApiAgency)
            .WithName("MyReports").WithSummary("Your quarterly reports as submitted").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/mine/reports", SubmitReport).RequireAuthorization(Policies.ApiAgency)
            .WithName("SubmitReport").WithSummary("Submit the quarterly report of an ended quarter (placements are counted from your records; accepts Idempotency-Key)").ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/registry", Registry).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyRegistry").WithSummary("The registry, with filters by status and region");
        api.MapGet("/registry/{id:guid}", AgencyFile).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyFile").WithSummary("One agency's file: details, history, explained risk, reports, inspections").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/registry/{id:guid}/accept", Accept).RequireAuthorization(Policies.ApiOfficer)
            .WithName("AcceptAgency").WithSummary("Accept an applying agency into the registry").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/registry/{id:guid}/status", ChangeStatus).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ChangeAgencyStatus").WithSummary("Suspend, exclude or reinstate an agency, with a reason").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/complaints", Complaints).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyComplaints").WithSummary("Complaints, filtered by status");
        api.MapPost("/complaints/{id:guid}/triage", Triage).RequireAuthorization(Policies.ApiOfficer)
            .WithName("TriageComplaint").WithSummary("Triage a complaint: keep, dismiss, or send to an inspection").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/risk", Risk).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("AgencyRisk").WithSummary("Risk scores of active and suspended agencies, highest first, each explained");
        api.MapPost("/inspection-plans", Plan).RequireAuthorization(Policies.ApiOfficer)
            .WithName("DrawInspectionPlan").WithSummary("Draw the quarter's plan within a capacity: highest risk plus a seeded random sample").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/inspection-plans/{year:int}/{quarter:int}", GetPlan).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("InspectionPlan").WithSummary("A quarter's plan with its inspections").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/inspection-plans/{year:int}/{quarter:int}/redraw", Redraw).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("RedrawInspectionPlan").WithSummary("Run the quarter's draw again from its recorded candidates and seed, beside the agencies the plan holds")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/inspections/{id:guid}", GetInspection).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyInspection").WithSummary("One inspection").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/inspections/{id:guid}/outcome", Outcome).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RecordInspectionOutcome").WithSummary("Record the standards found not met; the pack sets the measure, which takes effect on the registry")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/queues/registry", RegistryQueue).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyRegistryQueue")
            .WithSummary("The registry as a queue: applications awaiting acceptance first, then by risk; search by BIN or name, filter by status, risk band and region, sort and page (X-Total-Count, Link)");
        api.MapGet("/queues/complaints", ComplaintQueue).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyComplaintQueue")
            .WithSummary("Complaints as a queue: search by the agency's BIN or name, filter by status, the agency's risk band and region, sort and page");
        api.MapGet("/queues/inspections", InspectionQueue).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("AgencyInspectionQueue")
            .WithSummary("Inspections due by risk: search by the agency's BIN or name, filter by open or done, risk band and region, sort and page");
        api.MapGet("/measures", Measures).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("AgencyMeasures").WithSummary("For the ministry: agencies by status and region, placements by country, complaints, risk, hit rates");
        return app;
    }

    private static async Task<Results<Ok<List<PublicAgencyView>>, ProblemHttpResult>> Lookup(AgenciesService service, string? q, CancellationToken ct)
    {
        if (q is { Length: > 100 })
        {
            return ProblemsExtensions.Invalid("q", "At most 100 characters.");
        }

        // The registry is small (tens of agencies): the name is matched in memory, the same on both databases.
        var all = await service.Agencies.Include(a => a.History).Where(a => a.Status != AgencyStatus.Pending).ToListAsync(ct);
        var text = q?.Trim() ?? string.Empty;
        var found = text.Length == 0 ? all
            : Digits().IsMatch(text) ? all.Where(a => a.Bin.StartsWith(text, StringComparison.Ordinal))
            : all.Where(a => a.Name.Contains(text, StringComparison.OrdinalIgnoreCase));
        return TypedResults.Ok(found.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Bin, StringComparer.Ordinal).Take(100).Select(PublicAgencyView.From).ToList());
    }

    private static async Task<Results<Ok<PublicAgencyView>, ProblemHttpResult>> LookupOne(string bin, AgenciesService service, CancellationToken ct)
    {
        if (!Bin.TryParse(bin, out var parsed, out var error))
        {
            return ProblemsExtensions.Invalid("bin", error!);
        }

        return await service.FindByBinAsync(parsed.Value.Value, ct) is { Status: not AgencyStatus.Pending } agency
            ? TypedResults.Ok(PublicAgencyView.From(agency))
            : TypedResults.Problem(title: "Not found.", detail: "No agency with this BIN is in the registry.", statusCode: StatusCodes.Status404NotFound);
    }

    private static Results<Ok<List<InspectionStandard>>, ProblemHttpResult> Standards(AgenciesService service, DateOnly? on)
    {
        try
        {
            return TypedResults.Ok(service.Rules.Standards(on ?? service.Today).ToList());
        }
        catch (PolicyEvaluationException e)
        {
            return ProblemsExtensions.Invalid("on", e.Message);
        }
    }

    private static async Task<Results<Created<ComplaintReceipt>, ProblemHttpResult>> FileComplaint(ComplaintRequest request, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        // The endpoint is open to all; a bearer token, when sent, makes the complaint a signed-in one.
        var signedIn = await http.AuthenticateAsync(IdentityConstants.BearerScheme);
        var actor = signedIn.Succeeded ? Actor.From(signedIn.Principal!) : null;
        var errors = new List<(string, string)>();
        if (!Bin.TryParse(request.AgencyBin, out var bin, out var binError))
        {
            errors.Add(("agencyBin", binError!));
        }

        if (request.Category is null || !ComplaintCategories.All.Contains(request.Category))
        {
            errors.Add(("category", $"Required: one of {string.Join(", ", ComplaintCategories.All)}."));
        }

        Text(request.Text, "text", 4000, errors);
        if (actor is null && (string.IsNullOrWhiteSpace(request.Contact) || request.Contact.Length > 200))
        {
            errors.Add(("contact", "Required when not signed in: a phone number or e-mail address to reach you (at most 200 characters)."));
        }
        else if (request.Contact is { Length: > 200 })
        {
            errors.Add(("contact", "At most 200 characters."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (complaint, refusal) = await service.FileComplaintAsync(actor, bin!.Value.Value, request.Category!, request.Text!.Trim(), request.Contact?.Trim(), ct);
        return refusal is not null
            ? ProblemsExtensions.FromRefusal(refusal)
            : TypedResults.Created($"/api/v1/agencies/complaints/{complaint!.Id}", new ComplaintReceipt(complaint.Id, bin.Value.Value, complaint.FiledAt, complaint.Status));
    }

    private static async Task<Results<Created<AgencyView>, Ok<AgencyView>, ProblemHttpResult>> Register(
        AgencyRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (!Bin.TryParse(request.Bin, out var bin, out var binError))
        {
            errors.Add(("bin", binError!));
        }

        var details = Details(request, errors);
        var idempotency = IdempotentRequest.From(idempotencyKey, "agencies.registration", JsonSerializer.Serialize(request), errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var actor = Actor.From(http.User);
        switch (await service.ReplayAsync(actor, idempotency, ct))
        {
            case { Refusal: { } reused }:
                return ProblemsExtensions.FromRefusal(reused);
            case { ResourceId: { } earlier }:
                return await service.FindAsync(Guid.Parse(earlier), ct) is { } found ? TypedResults.Ok(AgencyView.From(found)) : ProblemsExtensions.NotFound("agency");
        }

        var (agency, refusal) = await service.RegisterAsync(actor, bin!.Value, details!, ct, idempotency);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Created("/api/v1/agencies/mine", AgencyView.From(agency!));
    }

    private static async Task<Results<Ok<MyAgencyView>, ProblemHttpResult>> Mine(HttpContext http, AgenciesService service, CancellationToken ct)
    {
        if (await service.AgencyOfAsync(Actor.From(http.User), ct) is not { } agency)
        {
            return ProblemsExtensions.NotFound("agency registered for your account");
        }

        return TypedResults.Ok(new MyAgencyView(AgencyView.From(agency), await service.ReportStandingsAsync(agency, ct)));
    }

    private static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> UpdateMine(AgencyRequest request, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var details = Details(request, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (agency, refusal) = await service.UpdateAsync(Actor.From(http.User), details!, ct);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Ok(AgencyView.From(agency!));
    }

    private static async Task<Results<Ok<List<PlacementView>>, ProblemHttpResult>> MyPlacements(HttpContext http, AgenciesService service, CancellationToken ct) =>
        await service.AgencyOfAsync(Actor.From(http.User), ct) is { } agency
            ? TypedResults.Ok((await service.PlacementsOfAsync(agency.Id, ct)).Select(PlacementView.From).ToList())
            : ProblemsExtensions.NotFound("agency registered for your account");

    private static async Task<Results<Created<PlacementRecorded>, Ok<PlacementRecorded>, ProblemHttpResult>> RecordPlacement(
        PlacementRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var idempotency = IdempotentRequest.From(idempotencyKey, "agencies.placement", JsonSerializer.Serialize(request), errors);
        var today = service.Today;
        string? workerId = null;
        switch (request.Kind)
        {
            case null:
                errors.Add(("kind", "Required: abroad (a citizen placed abroad) or recruited (a foreign worker for an employer in Kazakhstan)."));
                break;
            case PlacementKind.Abroad:
                if (!Iin.TryParse(request.WorkerIin, out var iin, out var iinError))
                {
                    errors.Add(("workerIin", iinError!));
                }
                else
                {
                    workerId = iin.Value.Value;
                }

                break;
            case PlacementKind.Recruited:
                if (request.WorkerPassport is null || !Passport().IsMatch(request.WorkerPassport))
                {
                    errors.Add(("workerPassport", "Required: the foreign worker's passport number, 5 to 20 letters and digits."));
                }
                else
                {
                    workerId = request.WorkerPassport.ToUpperInvariant();
                }

                break;
        }

        if (!Countries.IsKnown(request.Country))
        {
            errors.Add(("country", request.Country is null ? "Required: an ISO 3166-1 alpha-2 country code." : $"'{request.Country}' is not an ISO 3166-1 alpha-2 country code."));
        }
        else if (request.Country == "KZ")
        {
            errors.Add(("country", request.Kind == PlacementKind.Recruited ? "A citizen of Kazakhstan is not a foreign worker." : "A placement abroad names a country other than Kazakhstan."));
        }

        Text(request.EmployerName, "employerName", 300, errors);
        var terms = request.Terms ?? [];
        if (terms.Length > 0)
        {
            try
            {
                var known = service.Rules.ContractTerms(request.PlacedOn is { } d && d <= today ? d : today);
                if (terms.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
                {
                    errors.Add(("terms", $"'{unknown}' is not a contract term the pack knows ({string.Join(", ", known)})."));
                }
            }
            catch (PolicyEvaluationException e)
            {
                errors.Add(("terms", e.Message));
            }
        }

        if (request.FeeChargedKzt is < 0 or > 100_000_000)
        {
            errors.Add(("feeChargedKzt", "From 0 to 100,000,000 tenge."));
        }

        if (request.PlacedOn is not { } placedOn)
        {
            errors.Add(("placedOn", "Required: the day the worker was placed."));
        }
        else if (placedOn > today)
        {
            errors.Add(("placedOn", $"A placement is recorded once made: {placedOn:yyyy-MM-dd} is in the future."));
        }
        else if (placedOn < today.AddYears(-5))
        {
            errors.Add(("placedOn", "At most five years ago."));
        }

        if (request.WorkPermitId is not null && request.Kind == PlacementKind.Abroad)
        {
            errors.Add(("workPermitId", "Only a recruited foreign worker arrives on a Kazakh work permit."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var record = new PlacementRecord(request.Kind!.Value, workerId!, request.Country!, request.EmployerName!.Trim(), terms, request.Deposit ?? false,
            request.FeeChargedKzt ?? 0, request.PlacedOn!.Value, request.WorkPermitId);
        var actor = Actor.From(http.User);
        switch (await service.ReplayAsync(actor, idempotency, ct))
        {
            case { Refusal: { } reused }:
                return ProblemsExtensions.FromRefusal(reused);
            case { ResourceId: { } earlier }:
                return await service.PlacementAsync(Guid.Parse(earlier), ct) is { } found ? TypedResults.Ok(Recorded(found, service)) : ProblemsExtensions.NotFound("placement");
        }

        var (placement, refusal) = await service.RecordPlacementAsync(actor, record, ct, idempotency);
        if (refusal is not null)
        {
            return ProblemsExtensions.FromRefusal(refusal);
        }

        return TypedResults.Created($"/api/v1/agencies/mine/placements/{placement!.Id}", Recorded(placement, service));
    }

    /// <summary>A recorded placement with the pack's violations and their sources.</summary>
    private static PlacementRecorded Recorded(Placement placement, AgenciesService service)
    {
        var terms = placement.Terms.Length == 0 ? [] : placement.Terms.Split(',');
        var check = service.Rules.Placement(placement.Kind, placement.FeeChargedKzt, placement.Deposit, terms, placement.PlacedOn);
        var violations = new List<string>();
        if (placement.FeeViolation)
        {
            violations.Add("fee-charged-to-worker");
        }

        if (placement.DepositMissing)
        {
            violations.Add("return-deposit-missing");
        }

        if (placement.MissingTerms > 0)
        {
            violations.Add("contract-terms-missing");
        }

        return new PlacementRecorded(PlacementView.From(placement), violations, check.Source);
    }

    private static async Task<Results<Ok<List<ReportView>>, ProblemHttpResult>> MyReports(HttpContext http, AgenciesService service, CancellationToken ct) =>
        await service.AgencyOfAsync(Actor.From(http.User), ct) is { } agency
            ? TypedResults.Ok((await service.ReportsOfAsync(agency.Id, ct)).Select(ReportView.From).ToList())
            : ProblemsExtensions.NotFound("agency registered for your account");

    private static async Task<Results<Created<ReportView>, Ok<ReportView>, ProblemHttpResult>> SubmitReport(
        ReportRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var idempotency = IdempotentRequest.From(idempotencyKey, "agencies.report", JsonSerializer.Serialize(request), errors);
        if (request.Year is null or < 2023 or > 2100)
        {
            errors.Add(("year", "Required: the year of the quarter, 2023 or later."));
        }

        if (request.Quarter is null or < 1 or > 4)
        {
            errors.Add(("quarter", "Required: the quarter, 1 to 4."));
        }

        if (request.Applicants is null or < 0 or > 10_000_000)
        {
            errors.Add(("applicants", "Required: the number of job-seekers who applied in the quarter (0 to 10,000,000)."));
        }

        if (request.PlacedDomestic is < 0 or > 10_000_000)
        {
            errors.Add(("placedDomestic", "From 0 to 10,000,000."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var actor = Actor.From(http.User);
        switch (await service.ReplayAsync(actor, idempotency, ct))
        {
            case { Refusal: { } reused }:
                return ProblemsExtensions.FromRefusal(reused);
            case { ResourceId: { } earlier }:
                return await service.ReportAsync(Guid.Parse(earlier), ct) is { } found ? TypedResults.Ok(ReportView.From(found)) : ProblemsExtensions.NotFound("report");
        }

        var (report, refusal) = await service.SubmitReportAsync(actor, request.Year!.Value, request.Quarter!.Value, request.Applicants!.Value, request.PlacedDomestic ?? 0, ct, idempotency);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Created("/api/v1/agencies/mine/reports", ReportView.From(report!));
    }

    private static async Task<Results<Ok<List<AgencyView>>, ProblemHttpResult>> Registry(AgenciesService service, string? status, string? region, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        AgencyStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<AgencyStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add(("status", "One of pending, active, suspended, excluded."));
            }
        }

        RegionCode? code = null;
        if (region is not null)
        {
            if (RegionCode.TryParse(region, out var parsedRegion))
            {
                code = parsedRegion;
            }
            else
            {
                errors.Add(("region", $"'{region}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
            }
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var query = service.Agencies.Include(a => a.History).AsQueryable();
        if (wanted is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (code is { } c)
        {
            query = query.Where(a => a.Region == c);
        }

        var list = await query.OrderBy(a => a.Status).ThenBy(a => a.Name).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(list.Select(AgencyView.From).ToList());
    }

    private static Task<Results<Ok<List<RegistryItem>>, ProblemHttpResult>> RegistryQueue(
        HttpContext http, AgenciesService service, string? q, string? status, string? band, string? region, string? sort, int? page, int? pageSize, CancellationToken ct) =>
        QueueAnswer(http, q, status, band, region, sort, page, pageSize, AgencyQueueFilter.AgencyStatuses, (f, p) => service.RegistryQueueAsync(f, p, ct));

    private static Task<Results<Ok<List<ComplaintItem>>, ProblemHttpResult>> ComplaintQueue(
        HttpContext http, AgenciesService service, string? q, string? status, string? band, string? region, string? sort, int? page, int? pageSize, CancellationToken ct) =>
        QueueAnswer(http, q, status, band, region, sort, page, pageSize, AgencyQueueFilter.ComplaintStatuses, (f, p) => service.ComplaintQueueAsync(f, p, ct));

    private static Task<Results<Ok<List<InspectionItem>>, ProblemHttpResult>> InspectionQueue(
        HttpContext http, AgenciesService service, string? q, string? status, string? band, string? region, string? sort, int? page, int? pageSize, CancellationToken ct) =>
        QueueAnswer(http, q, status, band, region, sort, page, pageSize, AgencyQueueFilter.InspectionStatuses, (f, p) => service.InspectionQueueAsync(f, p, ct));

    /// <summary>The three queues read the same parameters and answer the same way: a page, its total and the next page's link.</summary>
    private static async Task<Results<Ok<List<T>>, ProblemHttpResult>> QueueAnswer<T>(
        HttpContext http, string? q, string? status, string? band, string? region, string? sort, int? page, int? pageSize, IReadOnlyList<string> statuses,
        Func<AgencyQueueFilter, Paging, Task<(List<T> Items, int Total)>> load)
    {
        var errors = new List<(string Field, string Message)>();
        var paging = Paging.Read(page, pageSize, errors);
        var filter = AgencyQueueFilter.Read(q, status, band, region, sort, statuses, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (items, total) = await load(filter, paging);
        paging.WriteHeaders(http, total);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Ok<AgencyFileView>, ProblemHttpResult>> AgencyFile(Guid id, AgenciesService service, CancellationToken ct)
    {
        if (await service.FindAsync(id, ct) is not { } agency)
        {
            return ProblemsExtensions.NotFound("agency");
        }

        var risk = (await service.RisksAsync([agency], ct))[0].Risk;
        var inspections = await service.InspectionsOfAgencyAsync(id, ct);
        var (placements, complaints) = await service.CountsAsync(id, ct);
        return TypedResults.Ok(new AgencyFileView(AgencyView.From(agency), risk, await service.ReportStandingsAsync(agency, ct),
            inspections.Select(InspectionView.From).ToList(), placements, complaints));
    }

    private static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> Accept(Guid id, HttpContext http, AgenciesService service, CancellationToken ct) =>
        Answer(await service.AcceptAsync(id, Actor.From(http.User), ct));

    private static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> ChangeStatus(Guid id, StatusRequest request, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.Status is null or AgencyStatus.Pending)
        {
            errors.Add(("status", "Required: active (reinstate), suspended or excluded."));
        }

        Text(request.Reason, "reason", MaxText, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        return Answer(await service.ChangeStatusAsync(id, Actor.From(http.User), request.Status!.Value, request.Reason!.Trim(), ct));
    }

    private static async Task<Results<Ok<List<ComplaintView>>, ProblemHttpResult>> Complaints(AgenciesService service, string? status, CancellationToken ct)
    {
        ComplaintStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ComplaintStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return ProblemsExtensions.Invalid("status", "One of new, triaged, inspection, dismissed.");
            }

            wanted = parsed;
        }

        return TypedResults.Ok((await service.ComplaintsAsync(wanted, ct)).Select(ComplaintView.From).ToList());
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> Triage(Guid id, TriageRequest request, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.Status is null or ComplaintStatus.New)
        {
            errors.Add(("status", "Required: triaged (kept for the agency's risk), inspection or dismissed."));
        }

        if (request.Note is { Length: > MaxText })
        {
            errors.Add(("note", $"At most {MaxText} characters."));
        }

        if (request.Status == ComplaintStatus.Dismissed && string.IsNullOrWhiteSpace(request.Note))
        {
            errors.Add(("note", "Required when dismissing: why."));
        }

        if (request.InspectionId is not null && request.Status != ComplaintStatus.Inspection)
        {
            errors.Add(("inspectionId", "Only a complaint sent to an inspection is linked to one."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (complaint, refusal) = await service.TriageAsync(id, Actor.From(http.User), request.Status!.Value, request.Note?.Trim(), request.InspectionId, ct);
        if (complaint is null)
        {
            return ProblemsExtensions.NotFound("complaint");
        }

        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal) : TypedResults.Ok(ComplaintView.From(complaint));
    }

    private static async Task<Ok<List<RiskView>>> Risk(AgenciesService service, CancellationToken ct)
    {
        var agencies = await service.Agencies.Include(a => a.History).Where(a => a.Status == AgencyStatus.Active || a.Status == AgencyStatus.Suspended).ToListAsync(ct);
        var risks = await service.RisksAsync(agencies, ct);
        return TypedResults.Ok(risks.OrderByDescending(r => r.Risk.Score).ThenBy(r => r.Agency.Bin, StringComparer.Ordinal)
            .Select(r => new RiskView(r.Agency.Id, r.Agency.Bin, r.Agency.Name, r.Agency.Region.Value, r.Agency.Status, r.Risk)).ToList());
    }

    private static async Task<Results<Created<PlanView>, ProblemHttpResult>> Plan(PlanRequest request, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var (year, quarter) = AgencyReport.QuarterOf(service.Today);
        if (request.Year is { } y && y != year && y != year + 1)
        {
            errors.Add(("year", "This year or the next."));
        }

        if (request.Quarter is < 1 or > 4)
        {
            errors.Add(("quarter", "The quarter, 1 to 4."));
        }

        if (request.Capacity is null or < 1 or > 10_000)
        {
            errors.Add(("capacity", "Required: how many inspections the quarter can take (1 to 10,000)."));
        }

        var capacity = request.Capacity ?? 0;
        // Without a stated share, a quarter of the capacity goes to the random sample: enough to compare against targeting.
        var randomSlots = request.RandomSlots ?? (capacity + 3) / 4;
        if (randomSlots < 0 || randomSlots > capacity)
        {
            errors.Add(("randomSlots", "From 0 to the capacity."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var seed = request.Seed ?? Random.Shared.Next();
        var (plan, refusal) = await service.PlanAsync(Actor.From(http.User), request.Year ?? year, request.Quarter ?? quarter, capacity, randomSlots, seed, ct);
        if (refusal is not null)
        {
            return ProblemsExtensions.FromRefusal(refusal);
        }

        var inspections = await service.InspectionsOfPlanAsync(plan!.Id, ct);
        return TypedResults.Created($"/api/v1/agencies/inspection-plans/{plan.Year}/{plan.Quarter}", View(plan, inspections));
    }

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> GetPlan(int year, int quarter, AgenciesService service, CancellationToken ct)
    {
        if (await service.PlanOfAsync(year, quarter, ct) is not { } plan)
        {
            return ProblemsExtensions.NotFound("inspection plan for that quarter");
        }

        return TypedResults.Ok(View(plan, await service.InspectionsOfPlanAsync(plan.Id, ct)));
    }

    private static async Task<Results<Ok<PlanRedraw>, ProblemHttpResult>> Redraw(int year, int quarter, AgenciesService service, CancellationToken ct)
    {
        var (redraw, refusal) = await service.RedrawAsync(year, quarter, ct);
        return refusal is not null ? ProblemsExtensions.FromRefusal(refusal)
            : redraw is null ? ProblemsExtensions.NotFound("inspection plan for that quarter")
            : TypedResults.Ok(redraw);
    }

    private static async Task<Results<Ok<InspectionView>, ProblemHttpResult>> GetInspection(Guid id, AgenciesService service, CancellationToken ct) =>
        await service.InspectionAsync(id, ct) is { } inspection ? TypedResults.Ok(InspectionView.From(inspection)) : ProblemsExtensions.NotFound("inspection");

    private static async Task<Results<Ok<OutcomeView>, ProblemHttpResult>> Outcome(Guid id, OutcomeRequest request, HttpContext http, AgenciesService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.Failed is null)
        {
            errors.Add(("failed", "Required: the standards found not met (an empty list when all were met)."));
        }

        var today = service.Today;
        var on = request.InspectedOn ?? today;
        if (on > today)
        {
            errors.Add(("inspectedOn", $"An outcome is recorded once the inspection is done: {on:yyyy-MM-dd} is in the future."));
        }
        else if (on < today.AddYears(-1))
        {
            errors.Add(("inspectedOn", "At most a year ago."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (inspection, refusal) = await service.RecordOutcomeAsync(id, Actor.From(http.User), [.. request.Failed!.Distinct(StringComparer.Ordinal)], on, ct);
        if (inspection is null)
        {
            return ProblemsExtensions.NotFound("inspection");
        }

        if (refusal is not null)
        {
            return ProblemsExtensions.FromRefusal(refusal);
        }

        var agency = await service.FindAsync(inspection.AgencyId, ct);
        return TypedResults.Ok(new OutcomeView(InspectionView.From(inspection), AgencyView.From(agency!)));
    }

    private static async Task<Ok<AgencyMeasures>> Measures(AgenciesService service, CancellationToken ct) => TypedResults.Ok(await service.MeasuresAsync(ct));

    private static PlanView View(InspectionPlan plan, IEnumerable<Inspection> inspections) =>
        new(plan.Id, plan.Year, plan.Quarter, plan.Capacity, plan.RandomSlots, plan.Seed, plan.CreatedBy, plan.CreatedAt, inspections.Select(InspectionView.From).ToList());

    private static Results<Ok<AgencyView>, ProblemHttpResult> Answer((Agency? Agency, Refusal? Refusal) outcome) =>
        outcome.Agency is null ? ProblemsExtensions.NotFound("agency")
        : outcome.Refusal is not null ? ProblemsExtensions.FromRefusal(outcome.Refusal)
        : TypedResults.Ok(AgencyView.From(outcome.Agency));

    private static AgencyDetails? Details(AgencyRequest request, List<(string, string)> errors)
    {
        Text(request.Name, "name", 300, errors);
        Text(request.Address, "address", 500, errors);
        Text(request.Director, "director", 200, errors);
        RegionCode? region = null;
        if (RegionCode.TryParse(request.Region, out var parsed))
        {
            region = parsed;
        }
        else
        {
            errors.Add(("region", request.Region is null ? "Required: an ISO 3166-2 region code such as KZ-71." : $"'{request.Region}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
        }

        var services = request.Services ?? [];
        if (services.Length == 0 || services.Any(s => !AgencyServices.All.Contains(s)))
        {
            errors.Add(("services", $"Required: one or more of {string.Join(", ", AgencyServices.All)}."));
        }

        var countries = request.Countries ?? [];
        if (countries.FirstOrDefault(c => !Countries.IsKnown(c)) is { } unknown)
        {
            errors.Add(("countries", $"'{unknown}' is not an ISO 3166-1 alpha-2 country code."));
        }
        else if (countries.Length > 100)
        {
            errors.Add(("countries", "At most 100 countries."));
        }
        else if (countries.Length == 0 && services.Any(s => s is AgencyServices.PlaceAbroad or AgencyServices.RecruitForeign))
        {
            errors.Add(("countries", "Name the countries you place workers in or recruit them from."));
        }

        return region is null ? null : new AgencyDetails(request.Name?.Trim() ?? string.Empty, region.Value, request.Address?.Trim() ?? string.Empty,
            request.Director?.Trim() ?? string.Empty, services, countries);
    }

    private static void Text(string? value, string field, int max, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors.Add((field, $"Required: at most {max} characters."));
        }
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[A-Z0-9]{5,20}$", RegexOptions.IgnoreCase)]
    private static partial Regex Passport();
}
