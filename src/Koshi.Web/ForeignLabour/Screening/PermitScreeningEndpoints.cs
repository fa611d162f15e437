using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Koshi.Web.ForeignLabour.LabourFields;

namespace Koshi.Web.ForeignLabour;

public sealed record PermitApplicationRequest(
    PermitType? Type, PermitCategory? Category, string? VacancyReference, string? WorkerName, string? WorkerPassport, string? WorkerCitizenship,
    DateOnly? WorkerBirthDate, string? Isco, Qualification? Qualification, int? ExperienceYears, string? Region, DateOnly? StartOn, int? DurationDays,
    bool? HoldsResidencePermit = null, bool? FamilyReunification = null, bool? FullyForeignOwnedEmployer = null,
    string? HouseholdEmployerIin = null, string? HouseholdEmployerName = null,
    bool? EducationRelevant = null, bool? QualificationRecognised = null, string? LanguageLevel = null, string? AgencyBin = null);

/// <summary>Permit screening's endpoints: lodging an application, and the fee the pack would set for one.</summary>
internal static class PermitScreeningEndpoints
{
    public static RouteGroupBuilder MapPermitScreeningApi(this RouteGroupBuilder api)
    {
        api.MapPost("/permits", Apply).RequireAuthorization(Policies.ApiPermitHolder)
            .WithName("ApplyForPermit").WithSummary("Apply for a permit for a named worker; the automated checks run at once (accepts Idempotency-Key)");
        return api;
    }

    public static RouteGroupBuilder MapFeeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/fee", Fee).RequireAuthorization(Policies.ApiUser)
            .WithName("QuoteFee").WithSummary("The fee the pack sets for a permit type, category, OKED section and term, in MRP and tenge");
        return api;
    }

    private static async Task<Results<Created<PermitView>, Ok<PermitView>, BadRequestProblem, ConflictProblem, UnavailableProblem>> Apply(
        PermitApplicationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, PermitScreening screening,
        LabourRules rules, Agencies.AgenciesService agencies, CancellationToken ct)
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

        var passport = Value(PassportNumber.TryCreate(request.WorkerPassport, out var p, out var passportError), p, passportError, "workerPassport", errors);
        var citizenship = Value(CountryCode.TryCreate(request.WorkerCitizenship, out var c, out var countryError), c, countryError, "workerCitizenship", errors);
        if (citizenship is { IsKazakhstan: true })
        {
            errors.Add(("workerCitizenship", "Citizens of Kazakhstan need no permit."));
        }

        var today = screening.Today;
        var (minAge, maxAge) = rules.WorkerAge(today);
        if (request.WorkerBirthDate is not { } birth || birth > today.AddYears(-minAge) || birth < today.AddYears(-maxAge))
        {
            errors.Add(("workerBirthDate", $"Required: the worker's birth date; the worker must be {minAge} to {maxAge} years old."));
        }

        var isco = Value(IscoCode.TryCreate(request.Isco, out var i, out var iscoError), i, iscoError, "isco", errors);
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
            return BadRequestProblem.Invalid(errors);
        }

        var permitRequest = new PermitRequest(
            request.Type!.Value, request.Category ?? PermitCategory.None, request.WorkerName!.Trim(), passport!.Value,
            citizenship!.Value, request.WorkerBirthDate!.Value, isco!.Value, request.Qualification ?? Qualification.None,
            request.ExperienceYears ?? 0, region!.Value, request.StartOn!.Value, request.DurationDays!.Value,
            request.HoldsResidencePermit ?? false, request.FamilyReunification ?? false, request.FullyForeignOwnedEmployer ?? false,
            request.HouseholdEmployerIin, request.HouseholdEmployerName?.Trim(),
            request.EducationRelevant ?? false, request.QualificationRecognised ?? false, request.LanguageLevel ?? "none");
        var outcome = await screening.ApplyAsync(Actor.From(http.User), permitRequest, request.VacancyReference?.Trim(), idempotencyKey, ct);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal)
                : refusal.ServiceUnavailable ? UnavailableProblem.From(refusal)
                : ConflictProblem.From(refusal);
        }

        if (recruiter is not null)
        {
            await agencies.RecordRecruitmentAsync(
                recruiter, outcome.Permit!.Id, permitRequest.WorkerPassport.Value, permitRequest.WorkerCitizenship.Value, outcome.Permit.EmployerName, ct);
        }

        var view = PermitView.From(outcome.Permit!, today);
        return outcome.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/labour/permits/{view.Id}", view);
    }

    private static Results<Ok<FeeQuote>, BadRequestProblem, ConflictProblem> Fee(
        PermitScreening screening, LabourRules rules, string? type, string? category, string? okedSection, int? durationDays, DateOnly? on)
    {
        var errors = new List<(string, string)>();
        var permitType = Choice<PermitType>(type, "type", errors);
        var permitCategory = category is null ? PermitCategory.None : Choice<PermitCategory>(category, "category", errors);
        var section = okedSection is null ? null
            : Value(OkedSection.TryCreate(okedSection, out var s, out var okedError), s, okedError, "okedSection", errors);
        if (durationDays is null or < 1 or > 3650)
        {
            errors.Add(("durationDays", "Required: the term in days (1 to 3,650)."));
        }

        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var date = on ?? screening.Today;
        try
        {
            var (allowed, terms, sectorGroup, field) = rules.Terms(permitType!.Value, permitCategory!.Value, durationDays!.Value, false, section?.Value, date);
            if (!allowed)
            {
                var refusal = new Refusal("permit-terms", terms.Detail, field, terms.Source);
                return refusal.Field is not null ? BadRequestProblem.From(refusal) : ConflictProblem.From(refusal);
            }

            return TypedResults.Ok(rules.Fee(permitType.Value, permitCategory.Value, sectorGroup, durationDays.Value, date));
        }
        catch (PolicyEvaluationException e)
        {
            return BadRequestProblem.Invalid("on", "The policy pack has no fee for that date: " + e.Message);
        }
    }
}
