using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using static Koshi.Web.ForeignLabour.LabourFields;

namespace Koshi.Web.ForeignLabour;

public sealed record EmployerRequest(string? Name, string? OkedSection, string? Region, int[]? KazakhStaff, int[]? ForeignStaff);

public sealed record VacancyRequest(string? Title, string? Isco, PermitCategory? Category, string? Region, int? Positions);

public sealed record EmployerView(Guid Id, string Bin, string Name, string OkedSection, string Region, IReadOnlyList<int> KazakhStaff, IReadOnlyList<int> ForeignStaff)
{
    public static EmployerView From(Employer e) => new(e.Id, e.Bin, e.Name, e.OkedSection.Value, e.Region.Value, e.Staff.Kazakh, e.Staff.Foreign);
}

public sealed record VacancyView(Guid Id, string Reference, string Title, string Isco, PermitCategory Category, string Region, int Positions, DateOnly PostedOn, DateOnly? ClosedOn)
{
    public static VacancyView From(Vacancy v) => new(v.Id, v.Reference, v.Title, v.Isco.Value, v.Category, v.Region.Value, v.Positions, v.PostedOn, v.ClosedOn);
}

/// <summary>The employer registry's endpoints: the organisation and its vacancies.</summary>
internal static class EmployerEndpoints
{
    public static RouteGroupBuilder MapEmployerApi(this RouteGroupBuilder api)
    {
        api.MapGet("/employer", GetEmployer).RequireAuthorization(Policies.ApiEmployer)
            .WithName("GetEmployer").WithSummary("Your organisation: BIN, OKED section, region, declared staff");
        api.MapPut("/employer", PutEmployer).RequireAuthorization(Policies.ApiEmployer)
            .WithName("RegisterEmployer").WithSummary("Register or update your organisation (the BIN is your account's) and its staff by category");
        api.MapGet("/vacancies", ListVacancies).RequireAuthorization(Policies.ApiEmployer)
            .WithName("ListVacancies").WithSummary("Your vacancies");
        api.MapPost("/vacancies", PostVacancy).RequireAuthorization(Policies.ApiEmployer)
            .WithName("PostVacancy").WithSummary("Post a vacancy for local candidates; a permit may quote it once public long enough");
        return api;
    }

    private static async Task<Results<Ok<EmployerView>, NotFoundProblem>> GetEmployer(HttpContext http, EmployerRegistry registry, CancellationToken ct) =>
        await registry.EmployerOfAsync(Actor.From(http.User), ct) is { } employer
            ? TypedResults.Ok(EmployerView.From(employer))
            : NotFoundProblem.Of("employer registered for your account");

    private static async Task<Results<Ok<EmployerView>, BadRequestProblem, ConflictProblem>> PutEmployer(
        EmployerRequest request, HttpContext http, EmployerRegistry registry, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        Text(request.Name, "name", 300, errors);
        var section = Value(OkedSection.TryCreate(request.OkedSection, out var oked, out var okedError), oked, okedError, "okedSection", errors);
        var region = Region(request.Region, "region", errors);
        var kazakh = Staff(request.KazakhStaff, "kazakhStaff", errors);
        var foreign = Staff(request.ForeignStaff, "foreignStaff", errors);
        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var (employer, refusal) = await registry.RegisterEmployerAsync(
            Actor.From(http.User), request.Name!.Trim(), section!.Value, region!.Value, new StaffDeclaration(kazakh, foreign), ct);
        if (refusal is not null)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal) : ConflictProblem.From(refusal);
        }

        return TypedResults.Ok(EmployerView.From(employer!));
    }

    private static async Task<Results<Ok<List<VacancyView>>, BadRequestProblem>> ListVacancies(
        HttpContext http, EmployerRegistry registry, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var paging = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var vacancies = await registry.VacanciesOfAsync(Actor.From(http.User), ct);
        paging.WriteHeaders(http, vacancies.Count);
        return TypedResults.Ok(vacancies.Skip(paging.Skip).Take(paging.Size).Select(VacancyView.From).ToList());
    }

    private static async Task<Results<Created<VacancyView>, BadRequestProblem, ConflictProblem>> PostVacancy(
        VacancyRequest request, HttpContext http, EmployerRegistry registry, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        Text(request.Title, "title", 300, errors);
        var isco = Value(IscoCode.TryCreate(request.Isco, out var code, out var iscoError), code, iscoError, "isco", errors);
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
            return BadRequestProblem.Invalid(errors);
        }

        var (vacancy, refusal) = await registry.PostVacancyAsync(
            Actor.From(http.User), request.Title!.Trim(), isco!.Value, request.Category!.Value, region!.Value, request.Positions!.Value, ct);
        if (refusal is not null)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal) : ConflictProblem.From(refusal);
        }

        return TypedResults.Created($"/api/v1/labour/vacancies/{vacancy!.Id}", VacancyView.From(vacancy));
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
}
