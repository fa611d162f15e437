using System.Text.Json.Nodes;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Koshi.Web.ForeignLabour;

public sealed record EvidenceRequest(bool? Accepted, string? Reason = null);

public sealed record RoundRequest(string? Region, string? Pool, int? Seats);

/// <summary>A worker's assessment as the employer and the officer see it: points, tier, what counted, what would raise it, pool position.</summary>
public sealed record AssessmentView(
    Guid PermitId, int? Points, string? Tier, bool InDemand, DateOnly? LawDate, string? PackHash, IReadOnlyDictionary<string, EvidenceStatus> Evidence,
    IReadOnlyDictionary<string, string> EvidenceReasons, bool Ranked, Guid? RoundId, int? PoolPosition, int? PoolWaiting, JsonNode? Explanation, JsonNode? Raises);

/// <summary>A published round: aggregate figures only.</summary>
public sealed record RoundView(
    Guid Id, int Year, string Region, string Pool, int Number, int SeatsOffered, int Applicants, int Admitted, int? CutOff,
    DateTimeOffset? CutOffLodgedBefore, string PackHash, DateTimeOffset At, DateOnly? Slot, int SkilledAdmitted, int SkilledFirstCome,
    int InDemandAdmitted, int InDemandFirstCome, int QualifiedAdmitted, int QualifiedFirstCome)
{
    public static RoundView From(AllocationRound r) => new(
        r.Id, r.Year, r.Region.Value, r.Pool, r.Number, r.SeatsOffered, r.Applicants, r.Admitted, r.CutOff, r.CutOffLodgedBefore, r.PackHash, r.At,
        r.Slot, r.SkilledAdmitted, r.SkilledFirstCome, r.InDemandAdmitted, r.InDemandFirstCome, r.QualifiedAdmitted, r.QualifiedFirstCome);
}

public static partial class ForeignLabourEndpoints
{
    /// <summary>The longest reason an officer gives for one evidence check.</summary>
    public const int MaxEvidenceReason = 1000;

    private static void MapSkills(RouteGroupBuilder api)
    {
        api.MapGet("/permits/{id:guid}/assessment", GetAssessment).RequireAuthorization(Policies.ApiPermitReader)
            .WithName("GetWorkerAssessment").WithSummary("The worker's assessment: points, tier, explanation, the changes that would raise it, evidence checks and pool position")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/permits/{id:guid}/evidence/{item}", CheckEvidence).RequireAuthorization(Policies.ApiOfficer)
            .WithName("CheckEvidence").WithSummary("Accept or reject one declared fact (education, experience, qualification, language); the worker is assessed again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/rounds", ListRounds).AllowAnonymous()
            .WithName("ListRounds").WithSummary("Published allocation rounds of a year, open to anyone: seats, applicants, admitted, cut-off and the skilled share against first come, first served (no personal data)");
        api.MapGet("/rounds/measures", RoundMeasuresOf).AllowAnonymous()
            .WithName("RoundMeasures").WithSummary("A year's rounds measured, open to anyone: share of seats to in-demand occupations by region, the skilled share with ranking and first come, first served on the same pools, each pool's cut-off over time");
        api.MapGet("/rounds/pool", ExportPool).RequireAuthorization(Policies.ApiAnalyst)
            .WithName("ExportPool").WithSummary("A ranked pool as it waits now, for `koshi round simulate`: each application's counted facts and points (no names) and this year's free seats");
        api.MapPost("/rounds", RunRound).RequireAuthorization(Policies.ApiAdmin)
            .WithName("RunRound").WithSummary("Run an allocation round of a ranked pool: this year's free seats (or fewer) go to the highest-ranked, ties to the earlier lodgement");
    }

    private static async Task<Results<Ok<AssessmentView>, NotFoundProblem>> GetAssessment(
        Guid id, HttpContext http, PermitRegister register, AllocationRoundService rounds, CancellationToken ct)
    {
        if (await register.FindAsync(id, Actor.From(http.User), ct) is not { } p)
        {
            return NotFoundProblem.Of("permit");
        }

        var position = await rounds.PositionAsync(p, ct);
        var stored = p.AssessmentJson is null ? null : JsonNode.Parse(p.AssessmentJson);
        return TypedResults.Ok(new AssessmentView(
            p.Id, p.AssessmentPoints, p.AssessmentTier, p.AssessmentInDemand, p.AssessmentLawDate, p.AssessmentPackHash, p.Evidence, p.EvidenceReasons, p.Ranked, p.RoundId,
            position?.Position, position?.Waiting, stored?["explanation"]?.DeepClone(), stored?["raises"]?.DeepClone()));
    }

    private static async Task<Results<Ok<PermitView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnavailableProblem>> CheckEvidence(
        Guid id, string item, EvidenceRequest request, HttpContext http, PermitLifecycle lifecycle, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (!WorkerFacts.Items.Contains(item))
        {
            errors.Add(("item", $"One of {string.Join(", ", WorkerFacts.Items)}."));
        }

        if (request.Accepted is null)
        {
            errors.Add(("accepted", "Required: true to accept the evidence, false to reject it."));
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (request.Accepted == false && reason is null)
        {
            errors.Add(("reason", "Required when the evidence is rejected: what the employer would have to show."));
        }
        else if (reason is { Length: > MaxEvidenceReason })
        {
            errors.Add(("reason", $"At most {MaxEvidenceReason} characters."));
        }

        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        return PermitLifecycleEndpoints.Answer(await lifecycle.CheckEvidenceAsync(id, Actor.From(http.User), item, request.Accepted!.Value, ct, reason), lifecycle.Today);
    }

    private static async Task<Results<Ok<List<RoundView>>, BadRequestProblem>> ListRounds(
        AllocationRoundService rounds, int? year, string? region, string? pool, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = region is null ? null : LabourFields.Region(region, "region", errors);
        if (pool is not null)
        {
            LabourFields.Pool(pool, "pool", errors);
        }

        if (year is < 2020 or > 2100)
        {
            errors.Add(("year", "A year from 2020 to 2100."));
        }

        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var list = await rounds.RoundsAsync(year ?? rounds.Today.Year, code, pool, ct);
        return TypedResults.Ok(list.Select(RoundView.From).ToList());
    }

    private static async Task<Results<Ok<RoundMeasures>, BadRequestProblem>> RoundMeasuresOf(AllocationRoundService rounds, int? year, CancellationToken ct)
    {
        if (year is < 2020 or > 2100)
        {
            return BadRequestProblem.Invalid("year", "A year from 2020 to 2100.");
        }

        var y = year ?? rounds.Today.Year;
        return TypedResults.Ok(RoundMeasures.Of(y, await rounds.RoundsAsync(y, null, null, ct)));
    }

    private static async Task<Results<Ok<PoolFile>, BadRequestProblem>> ExportPool(AllocationRoundService rounds, string? region, string? pool, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = LabourFields.Region(region, "region", errors);
        LabourFields.Pool(pool, "pool", errors);

        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        return TypedResults.Ok(await rounds.PoolFileAsync(code!.Value, pool!, ct));
    }

    private static async Task<Results<Created<RoundView>, BadRequestProblem, ConflictProblem>> RunRound(
        RoundRequest request, HttpContext http, AllocationRoundService rounds, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = LabourFields.Region(request.Region, "region", errors);
        LabourFields.Pool(request.Pool, "pool", errors);

        if (request.Seats is < 0 or > 1_000_000)
        {
            errors.Add(("seats", "From 0 to 1,000,000; leave it out to offer every free seat."));
        }

        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var (round, refusal) = await rounds.RunAsync(Actor.From(http.User), code!.Value, request.Pool!, request.Seats, ct);
        // A pool the law does not rank names its field (400); a round lost to concurrent ones is a conflict (409).
        if (refusal is not null)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal) : ConflictProblem.From(refusal);
        }

        return TypedResults.Created($"/api/v1/labour/rounds?year={round!.Year}&region={round.Region.Value}&pool={round.Pool}", RoundView.From(round));
    }
}
