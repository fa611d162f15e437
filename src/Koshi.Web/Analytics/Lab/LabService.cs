using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Koshi.Policy;
using Koshi.Policy.Population;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Analytics.Lab;

/// <summary>What the lab runs: a scheme (scored, with a fairness report) or a rule set (outputs compared row by row).</summary>
public sealed record LabTarget(string Key, string Kind, string Id, LocalizedText Title, IReadOnlyList<ParameterDefinition> Parameters, bool CanGenerate);

/// <summary>A population: drawn from the pack's profile with a seed, or read from an uploaded file (already checked).</summary>
public sealed record LabPopulation(string Description, string Hash, int? Seed, int Count, PopulationData? Data, int? Generate)
{
    /// <summary>The fee invoices of the permit register, read on the server for a register run (never kept).</summary>
    public IReadOnlyList<RegisterFeeRow>? Register { get; init; }

    public int? RegisterYear { get; init; }

    public int HouseholdLeftOut { get; init; }
}

public enum LabStatus
{
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>A finished run's reports, kept as JSON with its row of <see cref="LabRunRecord"/>.</summary>
public sealed record LabResult(SimulationReport? Scheme, RuleSetSimulationReport? RuleSet, FairnessReport? FairnessBaseline, FairnessReport? FairnessReform,
    LabRoundResult? Round = null, LabFeeResult? Fees = null);

/// <summary>One baseline-versus-reform run with both pack hashes and the population's hash and seed: the running job's
/// own object on the instance that runs it, or a kept run read back from the database.</summary>
public sealed class LabRun
{
    private long _done;

    public required Guid Id { get; init; }
    public required string Owner { get; init; }
    public required LabTarget Target { get; init; }
    public required DateOnly AsOf { get; init; }
    public required string BaselineHash { get; init; }
    public required string ReformHash { get; init; }
    public required string ReformDescription { get; init; }
    public required IReadOnlyList<ParameterChange> Changes { get; init; }
    public required LabPopulation Population { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Finished { get; internal set; }
    public LabStatus Status { get; internal set; } = LabStatus.Running;
    public string? Error { get; internal set; }
    public long Total { get; internal set; }
    public long Done => Interlocked.Read(ref _done);
    public SimulationReport? Scheme { get; internal set; }
    public RuleSetSimulationReport? RuleSet { get; internal set; }
    public FairnessReport? FairnessBaseline { get; internal set; }
    public FairnessReport? FairnessReform { get; internal set; }
    public LabRoundResult? Round { get; internal set; }
    public LabFeeResult? Fees { get; internal set; }
    internal CancellationTokenSource Cancel { get; } = new();
    internal Task Job { get; set; } = Task.CompletedTask;

    internal void Progress(long done) => Interlocked.Exchange(ref _done, done);
}

/// <summary>
/// The policy lab: builds a reform (changed parameters or an uploaded pack), reads or draws a population, and runs baseline
/// and reform in the background with the shared simulation and fairness code of Koshi.Policy. Every run is kept in the
/// database (<see cref="LabRunRecord"/>): its progress is written there while it runs, a cancel from any instance is read
/// from there, and its result stays there to be reopened and exported by the analyst who ran it and by administrators.
/// </summary>
public sealed partial class LabService(PolicyPackSource source, TimeProvider time, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<LabService> logger)
{
    public const int MaxPopulation = 2_000_000;

    /// <summary>A parameter's field, by the form and the API alike: <c>parameters.&lt;name&gt;</c>.</summary>
    public const string ParameterField = "parameters.";
    public const int Flips = 50;

    /// <summary>How often a running job writes its progress and reads whether it was cancelled.</summary>
    private static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(500);

    /// <summary>A run whose job has not written for this long (wall clock) stopped with its server.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long a request waits for its run before answering with the page that polls (a 200,000-person run fits).</summary>
    public static readonly TimeSpan InlineWait = TimeSpan.FromSeconds(2.5);

    /// <summary>The jobs running on this instance (their progress is fresher here than in the database).</summary>
    private readonly ConcurrentDictionary<Guid, LabRun> _running = new();

    public PolicyPack Pack => source.Pack ?? throw new InvalidOperationException("no policy pack loaded");

    public IReadOnlyList<LabTarget> Targets =>
    [
        .. Pack.Schemes.Select(s => new LabTarget("scheme:" + s.Id, "scheme", s.Id, s.Title, s.Parameters, Pack.Populations.Any(p => p.Scheme.Id == s.Id))),
        .. Pack.RuleSets.Select(r => new LabTarget("ruleset:" + r.Id, "ruleset", r.Id, r.Title, r.Parameters, false)),
    ];

    public LabTarget? Target(string? key) => Targets.FirstOrDefault(t => t.Key == key);

    /// <summary>A run the actor may see (their own; an administrator's any), or null.</summary>
    public async Task<LabRun?> FindAsync(KoshiDbContext db, Guid id, Actor actor, CancellationToken ct)
    {
        if (_running.TryGetValue(id, out var live))
        {
            return MaySee(live.Owner, actor) ? live : null;
        }

        var record = await db.LabRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return record is null || !MaySee(record.Owner, actor) ? null : FromRecord(record);
    }

    /// <summary>The actor's latest runs (an administrator sees everyone's), newest first, without their results.</summary>
    public async Task<IReadOnlyList<LabRun>> RecentAsync(KoshiDbContext db, Actor actor, int count, CancellationToken ct)
    {
        var runs = db.LabRuns.AsNoTracking();
        if (!actor.IsIn(Roles.Admin))
        {
            runs = runs.Where(r => r.Owner == actor.Id);
        }

        var rows = await runs.Select(r => new LabRunRecord
        {
            Id = r.Id, Owner = r.Owner, Target = r.Target, Status = r.Status, AsOf = r.AsOf, BaselineHash = r.BaselineHash, ReformHash = r.ReformHash,
            ReformDescription = r.ReformDescription, PopulationDescription = r.PopulationDescription, PopulationHash = r.PopulationHash, Seed = r.Seed,
            Total = r.Total, Done = r.Done, Started = r.Started, Finished = r.Finished, Heartbeat = r.Heartbeat, Error = r.Error,
        }).ToListAsync(ct);

        // Instants sort in memory: SQLite keeps them as numbers the provider cannot order by in every form.
        return [.. rows.OrderByDescending(r => r.Started).Take(count).Select(FromRecord)];
    }

    private static bool MaySee(string owner, Actor actor) => owner == actor.Id || actor.IsIn(Roles.Admin);

    /// <summary>The parameter changes a form asks for: a value that differs from the one in force on <paramref name="asOf"/>. Without
    /// <paramref name="from"/> a change replaces that value over its whole span (the date the pack gives it), so it reaches every
    /// case the value would have reached; with it, the changed value applies from that date on.</summary>
    /// <summary>A changed parameter the target does not have is refused on its own field.</summary>
    public static void UnknownParameters(LabTarget target, IReadOnlyDictionary<string, string?> values, List<(string Field, string Message)> errors)
    {
        foreach (var unknown in values.Keys.Where(k => target.Parameters.All(p => p.Name != k)))
        {
            errors.Add((ParameterField + unknown, LabProblems.Say("lab.error.not-parameter", Text.Language, target.Id)));
        }
    }

    public static List<ParameterChange> Changes(LabTarget target, IReadOnlyDictionary<string, string?> values, DateOnly? from, DateOnly asOf, string note)
    {
        var changes = new List<ParameterChange>();
        foreach (var parameter in target.Parameters)
        {
            if (values.TryGetValue(parameter.Name, out var text) && !string.IsNullOrWhiteSpace(text)
                && text.Trim() != parameter.ValueOn(asOf)?.Display)
            {
                changes.Add(new ParameterChange(parameter.Name, from ?? parameter.ValueOn(asOf)?.From ?? asOf, text.Trim(), note));
            }
        }

        return changes;
    }

    /// <summary>The baseline pack with the changes applied; problems come back as (field, message) in the request's language, the
    /// field naming the parameter.</summary>
    public PolicyPack? Reform(IReadOnlyList<ParameterChange> changes, List<(string Field, string Message)> errors)
    {
        if (changes.Count == 0)
        {
            return Pack;
        }

        var (pack, diagnostics) = PolicyPack.Check(Pack.Directory, changes);
        foreach (var d in diagnostics.Where(d => !d.IsWarning))
        {
            var field = d.Position.File == "reform" && d.Position.Line >= 1 && d.Position.Line <= changes.Count
                ? ParameterField + changes[d.Position.Line - 1].Name
                : "parameters";
            errors.Add((field, LabProblems.Change(d, Text.Language)));
        }

        return pack;
    }

    /// <summary>An uploaded reform pack: a zip of the pack's folder (pack.yaml at its root or one folder down).</summary>
    public static PolicyPack? ReformFromZip(Stream zip, string fileName, string workDirectory, List<(string Field, string Message)> errors)
    {
        var folder = Path.Combine(workDirectory, "reform-pack");
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
            archive.ExtractToDirectory(folder);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            errors.Add(("reformPack", LabProblems.Say("lab.problem.zip.bad", Text.Language, fileName, ex.Message)));
            return null;
        }

        var root = File.Exists(Path.Combine(folder, "pack.yaml"))
            ? folder
            : Directory.EnumerateDirectories(folder).FirstOrDefault(d => File.Exists(Path.Combine(d, "pack.yaml")));
        if (root is null)
        {
            errors.Add(("reformPack", LabProblems.Say("lab.problem.zip.no-pack", Text.Language, fileName)));
            return null;
        }

        var (pack, diagnostics) = PolicyPack.Check(root);
        foreach (var d in diagnostics.Where(d => !d.IsWarning).Take(20))
        {
            errors.Add(("reformPack", LabProblems.Pack(fileName, d, Text.Language)));
        }

        return pack;
    }

    /// <summary>Reads an uploaded population (.csv, .jsonl or .parquet) for the target; a bad row is named by file and line or row,
    /// and its field, in the request's language.</summary>
    public LabPopulation? Upload(LabTarget target, Stream content, string fileName, string workDirectory, List<(string Field, string Message)> errors)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".jsonl" or ".parquet"))
        {
            errors.Add(("population", LabProblems.Say("lab.problem.upload.kind", Text.Language, fileName)));
            return null;
        }

        var path = Path.Combine(workDirectory, "population" + extension);
        string hash;
        using (var file = File.Create(path))
        {
            content.CopyTo(file);
            file.Position = 0;
            hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(file));
        }

        try
        {
            var data = target.Kind == "scheme" ? PopulationData.Read(Pack.Scheme(target.Id), path) : PopulationData.Read(Pack.RuleSet(target.Id), path);
            if (data.Count == 0)
            {
                errors.Add(("population", LabProblems.Say("lab.problem.upload.empty", Text.Language, fileName)));
                return null;
            }

            if (data.Count > MaxPopulation)
            {
                errors.Add(("population", LabProblems.Say("lab.problem.upload.too-many", Text.Language, fileName, data.Count, MaxPopulation)));
                return null;
            }

            return new LabPopulation(fileName, hash, null, data.Count, data, null);
        }
        catch (PopulationFormatException ex)
        {
            errors.Add(("population", LabProblems.Population(fileName, extension == ".parquet", ex, Text.Language)));
            return null;
        }
    }

    /// <summary>A population to draw from the pack's profile when the run starts.</summary>
    public LabPopulation? Generated(LabTarget target, int? count, int? seed, List<(string Field, string Message)> errors)
    {
        if (!target.CanGenerate)
        {
            errors.Add(("population", LabProblems.Say("lab.error.no-profile", Text.Language, target.Id)));
            return null;
        }

        if (count is not (>= 1 and <= MaxPopulation))
        {
            errors.Add(("count", LabProblems.Say("lab.error.count", Text.Language, MaxPopulation)));
            return null;
        }

        var profile = Pack.Populations.First(p => p.Scheme.Id == target.Id);
        var s = seed ?? 1;
        return new LabPopulation($"profile of {target.Id} as of {profile.AsOf:yyyy-MM-dd}, {count} people, seed {s}",
            $"profile:{Pack.ContentHash}:{target.Id}:{count}:{s}", s, count.Value, null, count);
    }

    /// <summary>Keeps the run in the database (an audited save under the analyst's name) and starts its job.</summary>
    public async Task<LabRun> StartAsync(KoshiDbContext db, Actor actor, LabTarget target, PolicyPack reform, string reformDescription, IReadOnlyList<ParameterChange> changes,
        LabPopulation population, DateOnly asOf, string? workDirectory, CancellationToken ct)
    {
        var run = new LabRun
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Owner = actor.Id,
            Target = target,
            AsOf = asOf,
            BaselineHash = Pack.ContentHash,
            ReformHash = reform.ContentHash,
            ReformDescription = reformDescription,
            Changes = changes,
            Population = population,
            Started = time.GetUtcNow(),
            Total = population.Count,
        };
        db.LabRuns.Add(new LabRunRecord
        {
            Id = run.Id, Owner = run.Owner, Target = target.Key, Status = LabStatus.Running, AsOf = asOf, BaselineHash = run.BaselineHash,
            ReformHash = run.ReformHash, ReformDescription = Clip(reformDescription, 4000), ChangesJson = JsonSerializer.Serialize(changes, Json),
            PopulationDescription = Clip(population.Description, 500), PopulationHash = population.Hash, Seed = population.Seed, Total = population.Count,
            Started = run.Started, Heartbeat = TimeProvider.System.GetUtcNow(),
        });
        db.Audit.Action = "analytics.lab.run";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            DeleteQuietly(workDirectory);
            throw;
        }

        _running[run.Id] = run;
        var progress = new Progress(run);
        run.Job = Task.Run(async () =>
        {
            using var stop = new CancellationTokenSource();
            var beat = Task.Run(() => HeartbeatAsync(run, stop.Token), CancellationToken.None);
            try
            {
                // Fault injection for the tests only: a run that waits before it starts, so it is surely running when cancelled.
                if (configuration.GetValue("Koshi:Lab:HoldMilliseconds", 0) is > 0 and var hold)
                {
                    run.Cancel.Token.WaitHandle.WaitOne(hold);
                    run.Cancel.Token.ThrowIfCancellationRequested();
                }

                Execute(run, reform, progress);
                run.Status = run.Cancel.IsCancellationRequested ? LabStatus.Cancelled : LabStatus.Done;
            }
            catch (OperationCanceledException)
            {
                run.Status = LabStatus.Cancelled;
            }
            catch (Exception ex) when (ex is PolicyEvaluationException or ArgumentException or InvalidOperationException or KeyNotFoundException or IOException or PopulationFormatException)
            {
                // A reform pack that lacks the target, or reads the population differently, fails the run with the reason.
                logger.LogWarning(ex, "Lab run {Run} failed", run.Id);
                run.Error = ex.Message;
                run.Status = LabStatus.Failed;
            }
            finally
            {
                if (run.Status == LabStatus.Running)
                {
                    // An error of no kind named above: the run is kept as failed rather than left running.
                    run.Status = LabStatus.Failed;
                    run.Error ??= "the run stopped on an unexpected error";
                }

                run.Finished = time.GetUtcNow();
                DeleteQuietly(workDirectory);
                await stop.CancelAsync();
                await beat;
                await SaveOutcomeAsync(run);
                _running.TryRemove(run.Id, out _);
            }
        }, CancellationToken.None);
        return run;
    }

    /// <summary>Asks a running run to stop, from any instance: a conditional update that only a running run (the actor's own, or
    /// any for an administrator) takes; false when the run has finished.</summary>
    public async Task<bool> CancelAsync(KoshiDbContext db, Guid id, Actor actor, CancellationToken ct)
    {
        var runs = db.LabRuns.Where(r => r.Id == id && r.Status == LabStatus.Running);
        if (!actor.IsIn(Roles.Admin))
        {
            runs = runs.Where(r => r.Owner == actor.Id);
        }

        if (await runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), ct) == 0)
        {
            return false;
        }

        if (_running.TryGetValue(id, out var live))
        {
            await live.Cancel.CancelAsync();
        }

        return true;
    }

    /// <summary>Writes the job's progress while it runs and stops it when a cancel was recorded (by this instance or another).</summary>
    private async Task HeartbeatAsync(LabRun run, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Beat, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KoshiDbContext>();
                var done = run.Done;
                var now = TimeProvider.System.GetUtcNow();
                await db.LabRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Done, done).SetProperty(r => r.Heartbeat, now), stop);
                if (await db.LabRuns.AnyAsync(r => r.Id == run.Id && r.CancelRequested, stop))
                {
                    await run.Cancel.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // A missed beat is harmless: the next one writes the progress again.
                logger.LogWarning(ex, "Lab run {Run} could not write its progress", run.Id);
            }
        }
    }

    /// <summary>The run's end, kept: status, result and error (not through the audited save: it is the job's own record).</summary>
    private async Task SaveOutcomeAsync(LabRun run)
    {
        var result = run.Status == LabStatus.Done ? JsonSerializer.Serialize(new LabResult(run.Scheme, run.RuleSet, run.FairnessBaseline, run.FairnessReform, Fees: run.Fees), Json) : null;
        var (status, finished, error, done) = (run.Status, run.Finished, run.Error is null ? null : Clip(run.Error, 4000), run.Done);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KoshiDbContext>();
                await db.LabRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, status).SetProperty(r => r.Finished, finished).SetProperty(r => r.Error, error)
                    .SetProperty(r => r.Done, done).SetProperty(r => r.ResultJson, result).SetProperty(r => r.Heartbeat, TimeProvider.System.GetUtcNow()));
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Lab run {Run} could not keep its result (attempt {Attempt})", run.Id, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>A kept run as the pages and the API show it; a run whose job stopped beating (its server stopped) shows as failed.</summary>
    private LabRun FromRecord(LabRunRecord record)
    {
        var target = Target(record.Target) ?? (record.Target.StartsWith("round:", StringComparison.Ordinal) ? RoundTarget : null) ?? Placeholder(record.Target);
        var result = record.ResultJson is null ? null : JsonSerializer.Deserialize<LabResult>(record.ResultJson, Json);
        var interrupted = record.Status == LabStatus.Running && TimeProvider.System.GetUtcNow() - record.Heartbeat > Stale;
        var run = new LabRun
        {
            Id = record.Id,
            Owner = record.Owner,
            Target = target,
            AsOf = record.AsOf,
            BaselineHash = record.BaselineHash,
            ReformHash = record.ReformHash,
            ReformDescription = record.ReformDescription,
            Changes = string.IsNullOrEmpty(record.ChangesJson) ? [] : JsonSerializer.Deserialize<List<ParameterChange>>(record.ChangesJson, Json) ?? [],
            Population = new LabPopulation(record.PopulationDescription, record.PopulationHash, record.Seed, (int)Math.Min(int.MaxValue, record.Total), null, null),
            Started = record.Started,
            Finished = record.Finished,
            Status = interrupted ? LabStatus.Failed : record.Status,
            Error = interrupted ? "interrupted: the server running it stopped; start the run again" : record.Error,
            Total = record.Total,
            Scheme = result?.Scheme,
            RuleSet = result?.RuleSet,
            FairnessBaseline = result?.FairnessBaseline,
            FairnessReform = result?.FairnessReform,
            Round = result?.Round,
            Fees = result?.Fees,
        };
        run.Progress(record.Done);
        return run;
    }

    /// <summary>A kept run's target that the pack no longer has: shown by its key.</summary>
    private static LabTarget Placeholder(string key)
    {
        var parts = key.Split(':', 2);
        return new LabTarget(key, parts[0], parts.Length > 1 ? parts[1] : key, new LocalizedText(key), [], false);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private void Execute(LabRun run, PolicyPack reform, IProgress<long> progress)
    {
        var ct = run.Cancel.Token;
        var target = run.Target;
        if (target.Kind == "scheme")
        {
            var scheme = Pack.Scheme(target.Id);
            var reformScheme = reform.TryGetScheme(target.Id, out var r) ? r : throw new InvalidOperationException($"the reform pack has no scheme '{target.Id}'");
            var baseline = run.Population.Data
                           ?? Pack.Populations.First(p => p.Scheme.Id == target.Id).Generate(run.Population.Generate!.Value, run.Population.Seed!.Value, run.Population.Description);
            ct.ThrowIfCancellationRequested();
            var reformed = baseline.For(reformScheme);
            run.Scheme = Simulation.Run(baseline, reformed, run.AsOf, Flips, progress);
            ct.ThrowIfCancellationRequested();
            run.FairnessBaseline = Fairness.Run(baseline, run.AsOf, cancellationToken: ct);
            run.FairnessReform = Fairness.Run(reformed, run.AsOf, cancellationToken: ct);
        }
        else
        {
            var ruleSet = Pack.RuleSet(target.Id);
            var reformRules = reform.RuleSets.FirstOrDefault(x => x.Id == target.Id) ?? throw new InvalidOperationException($"the reform pack has no rule set '{target.Id}'");
            if (run.Population.Register is not null)
            {
                run.Fees = RunRegister(run.Population, Pack, reform, progress, ct);
                return;
            }

            var baseline = run.Population.Data!;
            run.RuleSet = RuleSetSimulation.Run(baseline, baseline.For(reformRules), run.AsOf, Flips, progress, ct);
        }
    }

    /// <summary>A fresh folder for one request's uploads (removed when its run ends, or by the caller when no run starts).</summary>
    public static string WorkDirectory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "koshi-lab-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteQuietly(string? folder)
    {
        try
        {
            if (folder is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is harmless; the system's temp cleaning removes it.
        }
    }

    private sealed class Progress(LabRun run) : IProgress<long>
    {
        public void Report(long value) => run.Progress(value);
    }
}
