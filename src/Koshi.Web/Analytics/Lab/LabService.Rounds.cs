using System.Security.Cryptography;
using System.Text.Json;
using Koshi.Policy;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Analytics.Lab;

/// <summary>A round simulation to run: the pool (<c>live</c>: as it waits now, for the next round; <c>last</c>: as the latest
/// published round found it; <c>file</c>: an uploaded pool file), the seats the reform offers, and the assessment's changed parameters.</summary>
public sealed record LabRoundRequest(string? Region, string? Pool, string? Source, int? Seats, DateOnly? From, Dictionary<string, string?>? Parameters, PoolFile? PoolFile);

/// <summary>One side of a round simulation: what the round gives, and the skilled share against first come, first served.</summary>
public sealed record LabRoundOutcome(
    int Seats, int Applicants, int Admitted, int? CutOff, int SkilledAdmitted, int SkilledFirstCome, int InDemandAdmitted, int InDemandFirstCome,
    int QualifiedAdmitted, int QualifiedFirstCome, decimal? SkilledShare, decimal? SkilledShareFirstCome, int AssessedDifferently)
{
    public static LabRoundOutcome From(RoundOutcome o) => new(
        o.Seats, o.Applicants, o.Admitted, o.CutOff, o.SkilledAdmitted, o.SkilledFirstCome, o.InDemandAdmitted, o.InDemandFirstCome, o.QualifiedAdmitted,
        o.QualifiedFirstCome, Share(o.SkilledAdmitted, o.Admitted), Share(o.SkilledFirstCome, o.Admitted), o.PointsChanged.Count);

    private static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}

/// <summary>A round simulation's result: counts only (no application ids, no names), with the published round it is checked against.</summary>
public sealed record LabRoundResult(
    string Region, string Pool, string Source, DateOnly AsOf, int? PublishedRound, int? PublishedCutOff, int? PublishedAdmitted,
    LabRoundOutcome Baseline, LabRoundOutcome Reform, int AdmittedChanged);

public sealed partial class LabService
{
    /// <summary>The round simulation's target: the worker assessment, with the parameters it reads.</summary>
    public LabTarget? RoundTarget => Pack.TryGetScheme(PackContract.WorkerScheme, out var scheme)
        ? new LabTarget("round", "round", scheme.Id, scheme.Title, scheme.Parameters, false)
        : null;

    /// <summary>
    /// Simulates the next allocation round of a pool under the pack in force and under a reform (changed assessment
    /// parameters, other seats): the same ranking <see cref="RoundSimulation"/> runs for <c>koshi round simulate</c> and the
    /// rounds themselves. Quick enough to answer at once; kept like every lab run. Errors name the field.
    /// </summary>
    public async Task<LabRun?> SimulateRoundAsync(KoshiDbContext db, AllocationRoundService rounds, Actor actor, LabRoundRequest request,
        List<(string Field, string Message)> errors, CancellationToken ct)
    {
        if (RoundTarget is not { } target)
        {
            errors.Add(("target", LabProblems.Say("lab.error.no-scheme", Text.Language, PackContract.WorkerScheme)));
            return null;
        }

        var source = request.Source ?? "live";
        if (source is not ("live" or "last" or "file"))
        {
            errors.Add(("source", LabProblems.Say("lab.error.round-source", Text.Language)));
        }

        if (request.Seats is < 0 or > 1_000_000)
        {
            errors.Add(("seats", LabProblems.Say("lab.error.seats", Text.Language)));
        }

        RegionCode? region = null;
        if (source != "file" && !RegionCode.TryParse(request.Region, out region))
        {
            errors.Add(("region", LabProblems.Say("lab.error.region", Text.Language)));
        }

        if (source != "file" && (request.Pool is null || !PackNames.Pools.Contains(request.Pool)))
        {
            errors.Add(("pool", LabProblems.Say("lab.error.pool", Text.Language, string.Join(", ", PackNames.Pools))));
        }

        if (source == "file")
        {
            if (request.PoolFile is null)
            {
                errors.Add(("poolFile", LabProblems.Say("lab.error.pool-file-missing", Text.Language)));
            }
            else
            {
                errors.AddRange(request.PoolFile.Problems().Select(p => ("poolFile", LabProblems.Say("lab.error.pool-file-content", Text.Language, p.Path, p.Message))));
            }
        }

        var parameters = request.Parameters ?? [];
        UnknownParameters(target, parameters, errors);

        if (errors.Count > 0)
        {
            return null;
        }

        PoolFile file;
        AllocationRound? published = null;
        string description;
        switch (source)
        {
            case "file":
                file = request.PoolFile!;
                description = $"pool file of {file.Region} {file.Pool} as of {file.AsOf:yyyy-MM-dd}, {file.Applications.Count} applications";
                break;
            case "last":
                if (await rounds.PoolFileAtLastRoundAsync(region!.Value, request.Pool!, ct) is not { } atRound)
                {
                    errors.Add(("source", LabProblems.Say("lab.error.no-round", Text.Language, region.Value, request.Pool!)));
                    return null;
                }

                (file, published) = atRound;
                description = $"pool of {file.Region} {file.Pool} as round {published.Number} of {published.Year} found it, {file.Applications.Count} applications";
                break;
            default:
                file = await rounds.PoolFileAsync(region!.Value, request.Pool!, ct);
                description = $"pool of {file.Region} {file.Pool} waiting on {file.AsOf:yyyy-MM-dd}, {file.Applications.Count} applications";
                break;
        }

        var changes = Changes(target, parameters, request.From, file.AsOf, "Changed in the policy lab");
        var reform = Reform(changes, errors);
        if (errors.Count > 0 || reform is null)
        {
            return null;
        }

        RoundOutcome before, after;
        try
        {
            before = RoundSimulation.Run(new LabourRules(Pack), file);
            after = RoundSimulation.Run(new LabourRules(reform), file, request.Seats);
        }
        catch (Exception ex) when (ex is PolicyEvaluationException or KeyNotFoundException or InvalidOperationException)
        {
            errors.Add(("parameters", LabProblems.Say("lab.error.cannot-assess", Text.Language, ex.Message)));
            return null;
        }

        var result = new LabRoundResult(file.Region, file.Pool, source, file.AsOf, published?.Number, published?.CutOff, published?.Admitted,
            LabRoundOutcome.From(before), LabRoundOutcome.From(after), after.AdmittedIds.Except(before.AdmittedIds).Count());
        var reformDescription = string.Join("; ", changes.Select(c => $"{c.Name} = {c.Value} from {c.From:yyyy-MM-dd}")
            .Concat(request.Seats is { } seats && seats != file.Seats ? [$"seats = {seats}"] : []));
        var poolHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(file, Json)));
        var now = time.GetUtcNow();
        var record = new LabRunRecord
        {
            Id = Guid.CreateVersion7(now), Owner = actor.Id, Target = $"round:{file.Region}:{file.Pool}", Status = LabStatus.Done, AsOf = file.AsOf,
            BaselineHash = Pack.ContentHash, ReformHash = reform.ContentHash, ReformDescription = reformDescription.Length == 0 ? "no change" : Clip(reformDescription, 4000),
            ChangesJson = JsonSerializer.Serialize(changes, Json), PopulationDescription = Clip(description, 500), PopulationHash = poolHash,
            Total = file.Applications.Count, Done = file.Applications.Count, Started = now, Finished = now, Heartbeat = TimeProvider.System.GetUtcNow(),
            ResultJson = JsonSerializer.Serialize(new LabResult(null, null, null, null, result), Json),
        };
        db.LabRuns.Add(record);
        db.Audit.Action = "analytics.lab.round";
        await db.SaveChangesAsync(ct);
        return FromRecord(record);
    }
}
