using Koshi.Policy;
using Koshi.Policy.Population;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Analytics.Lab;

public sealed record LabParameterValue(DateOnly From, string Value, string? Source, bool Provisional, string? Note);

public sealed record LabParameter(string Name, LocalizedText Title, string Type, string? Unit, IReadOnlyList<LabParameterValue> Values);

public sealed record LabTargetView(string Key, string Kind, string Id, LocalizedText Title, bool CanGenerate, IReadOnlyList<LabParameter> Parameters);

/// <summary>The population: drawn from the pack's profile (<c>Count</c>, <c>Seed</c>), or with <c>Source</c> <c>register</c> the fee invoices
/// of the permit register fixed in <c>Year</c> (for <c>ruleset:employer-fee</c> only).</summary>
public sealed record LabPopulationRequest(int? Count, int? Seed, string? Source = null, int? Year = null);

/// <summary>A run to start: the target (<c>scheme:ID</c> or <c>ruleset:ID</c>), parameter values as the pack's YAML writes them (replacing the
/// value in force on the as-of date, or from <c>From</c> on when given), and the population to draw.</summary>
public sealed record LabRunRequest(string? Target, DateOnly? AsOf, DateOnly? From, Dictionary<string, string?>? Parameters, LabPopulationRequest? Population);

public sealed record LabRunView(
    Guid Id, string Target, string Status, long Done, long Total, DateOnly AsOf, string BaselinePackHash, string ReformPackHash, string Reform,
    IReadOnlyList<ParameterChange> Changes, string Population, string PopulationHash, int? Seed, string? Error,
    SimulationReport? Scheme, RuleSetSimulationReport? RuleSet, FairnessReport? FairnessBaseline, FairnessReport? FairnessReform, LabRoundResult? Round,
    LabFeeResult? Fees)
{
    public static LabRunView From(LabRun run) => new(
        run.Id, run.Target.Key, run.Status.ToString().ToLowerInvariant(), run.Done, run.Total, run.AsOf, run.BaselineHash, run.ReformHash, run.ReformDescription,
        run.Changes, run.Population.Description, run.Population.Hash, run.Population.Seed, run.Error,
        run.Scheme, run.RuleSet, run.FairnessBaseline, run.FairnessReform, run.Round, run.Fees);
}

/// <summary>The policy lab through the API: targets with their parameters, runs started, read, exported and cancelled.</summary>
public static class LabEndpoints
{
    public static void MapLabApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics/lab").WithTags("Analytics")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Policies.ApiAnalyst);
        api.MapGet("/targets", (LabService lab) => TypedResults.Ok(lab.Targets.Select(View).ToList()))
            .WithName("LabTargets").WithSummary("The schemes and rule sets the lab runs, each with the parameters it reads (title, unit, dated values, source)");
        api.MapPost("/rounds", SimulateRound).WithName("LabSimulateRound")
            .WithSummary("Simulate the next allocation round of a pool (live, as the last round found it, or a pool file) under a changed assessment or other seats: cut-off, admitted and skilled share against the baseline; kept as a run");
        api.MapPost("/runs", Start).WithName("LabStartRun")
            .WithSummary("Start a baseline-versus-reform run over a population drawn from the pack's profile, or (employer-fee) over the permit register's fees of a year; answers when done or after 2.5 s, then poll");
        api.MapGet("/runs/{id:guid}", async (Guid id, LabService lab, KoshiDbContext db, HttpContext http, CancellationToken ct) =>
                await lab.FindAsync(db, id, Actor.From(http.User), ct) is { } run ? Results.Ok(LabRunView.From(run)) : ProblemsExtensions.NotFound("lab run"))
            .WithName("LabRun").WithSummary("A run (the caller's own; an administrator's any): its status and progress, and when done the totals, flips, breakdowns and fairness report");
        api.MapGet("/runs", async (LabService lab, KoshiDbContext db, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok((await lab.RecentAsync(db, Actor.From(http.User), 50, ct)).Select(LabRunView.From).ToList()))
            .WithName("LabRuns").WithSummary("The caller's kept runs, newest first (an administrator's: everyone's), with both pack hashes and the population's hash and seed");
        foreach (var format in new[] { "csv", "parquet" })
        {
            api.MapGet("/runs/{id:guid}/" + format, async (Guid id, LabService lab, KoshiDbContext db, HttpContext http, CancellationToken ct) =>
                    await lab.FindAsync(db, id, Actor.From(http.User), ct) is { Status: LabStatus.Done } run
                        ? Results.File(format == "csv" ? LabExport.Csv(run) : LabExport.Parquet(run),
                            format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet", $"koshi-lab-{run.Id:N}.{format}")
                        : ProblemsExtensions.NotFound("finished lab run"))
                .WithName(format == "csv" ? "LabRunCsv" : "LabRunParquet")
                .WithSummary($"A finished run's result as {format.ToUpperInvariant()} (section, measure, group, baseline, reform)");
        }

        api.MapDelete("/runs/{id:guid}", async (Guid id, LabService lab, KoshiDbContext db, HttpContext http, CancellationToken ct) =>
                await lab.FindAsync(db, id, Actor.From(http.User), ct) is null ? ProblemsExtensions.NotFound("lab run")
                : await lab.CancelAsync(db, id, Actor.From(http.User), ct) ? Results.NoContent()
                : TypedResults.Problem(title: "The run is not running.", detail: "Only a running run can be cancelled.", statusCode: StatusCodes.Status409Conflict))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("LabCancelRun").WithSummary("Cancel a running run (409 once it has finished)");
    }

    public static LabTargetView View(LabTarget target) => new(target.Key, target.Kind, target.Id, target.Title, target.CanGenerate,
        target.Parameters.Select(p => new LabParameter(p.Name, p.Title, p.Type.ToString().ToLowerInvariant(), p.Unit,
            p.Values.Select(v => new LabParameterValue(v.From, v.Display, v.Source, v.Provisional, v.Note)).ToList())).ToList());

    private static async Task<IResult> SimulateRound(LabRoundRequest request, LabService lab, KoshiDbContext db, ForeignLabour.AllocationRoundService rounds,
        HttpContext http, CancellationToken ct)
    {
        var errors = new List<(string Field, string Message)>();
        var run = await lab.SimulateRoundAsync(db, rounds, Actor.From(http.User), request, errors, ct);
        return run is null ? ProblemsExtensions.Invalid(errors) : Results.Created($"/api/v1/analytics/lab/runs/{run.Id}", LabRunView.From(run));
    }

    private static async Task<IResult> Start(LabRunRequest request, LabService lab, TimeProvider time, KoshiDbContext db, HttpContext http, CancellationToken ct)
    {
        var errors = new List<(string Field, string Message)>();
        var target = lab.Target(request.Target);
        if (target is null)
        {
            return ProblemsExtensions.Invalid("target", "one of " + string.Join(", ", lab.Targets.Select(t => t.Key)));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var register = request.Population?.Source == "register";
        if (request.Population?.Source is { } source && source is not ("register" or "generate"))
        {
            return ProblemsExtensions.Invalid("population.source", "one of generate, register");
        }

        // A register run reads the law of its year: a change replaces the value in force then.
        var asOf = request.AsOf ?? (register ? LabService.RegisterAsOf(request.Population!.Year, today) : today);
        var changes = LabService.Changes(target, request.Parameters ?? [], request.From, asOf, "Changed in the policy lab");
        LabService.UnknownParameters(target, request.Parameters ?? [], errors);

        var population = register
            ? await lab.RegisterAsync(db, target, request.Population!.Year, errors, ct)
            : lab.Generated(target, request.Population?.Count, request.Population?.Seed, errors);
        var reform = errors.Count == 0 ? lab.Reform(changes, errors) : null;
        if (errors.Count > 0 || reform is null || population is null)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var run = await lab.StartAsync(db, Actor.From(http.User), target, reform, changes.Count == 0 ? "no change" : $"{changes.Count} parameter(s) changed", changes, population,
            asOf, null, ct);
        await Task.WhenAny(run.Job, Task.Delay(LabService.InlineWait, ct));
        return Results.Created($"/api/v1/analytics/lab/runs/{run.Id}", LabRunView.From(run));
    }
}
