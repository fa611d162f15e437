using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Koshi.Policy;
using Koshi.Policy.Population;
using Koshi.Web.Platform;

namespace Koshi.Web.Analytics.Lab;

/// <summary>What the lab runs: a scheme (scored, with a fairness report) or a rule set (outputs compared row by row).</summary>
public sealed record LabTarget(string Key, string Kind, string Id, LocalizedText Title, IReadOnlyList<ParameterDefinition> Parameters, bool CanGenerate);

/// <summary>A population: drawn from the pack's profile with a seed, or read from an uploaded file (already checked).</summary>
public sealed record LabPopulation(string Description, string Hash, int? Seed, int Count, PopulationData? Data, int? Generate);

public enum LabStatus
{
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>One baseline-versus-reform run: kept in memory with both pack hashes and the population's hash and seed.</summary>
public sealed class LabRun
{
    private long _done;

    public required Guid Id { get; init; }
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
    internal CancellationTokenSource Cancel { get; } = new();
    internal Task Job { get; set; } = Task.CompletedTask;

    internal void Progress(long done) => Interlocked.Exchange(ref _done, done);
}

/// <summary>
/// The policy lab: builds a reform (changed parameters or an uploaded pack), reads or draws a population, and runs baseline
/// and reform in the background with the shared simulation and fairness code of Koshi.Policy. Runs live in memory (the
/// last <see cref="KeptRuns"/>); a restart forgets them, which the page says.
/// </summary>
public sealed class LabService(PolicyPackSource source, TimeProvider time, ILogger<LabService> logger)
{
    public const int MaxPopulation = 2_000_000;
    public const int KeptRuns = 20;
    public const int Flips = 50;

    /// <summary>How long a request waits for its run before answering with the page that polls (a 200,000-person run fits).</summary>
    public static readonly TimeSpan InlineWait = TimeSpan.FromSeconds(2.5);

    private readonly ConcurrentDictionary<Guid, LabRun> _runs = new();

    public PolicyPack Pack => source.Pack ?? throw new InvalidOperationException("no policy pack loaded");

    public IReadOnlyList<LabTarget> Targets =>
    [
        .. Pack.Schemes.Select(s => new LabTarget("scheme:" + s.Id, "scheme", s.Id, s.Title, s.Parameters, Pack.Populations.Any(p => p.Scheme.Id == s.Id))),
        .. Pack.RuleSets.Select(r => new LabTarget("ruleset:" + r.Id, "ruleset", r.Id, r.Title, r.Parameters, false)),
    ];

    public LabTarget? Target(string? key) => Targets.FirstOrDefault(t => t.Key == key);

    public LabRun? Find(Guid id) => _runs.GetValueOrDefault(id);

    public IReadOnlyList<LabRun> Recent => [.. _runs.Values.OrderByDescending(r => r.Started)];

    /// <summary>The parameter changes a form asks for: a value that differs from the one in force on <paramref name="asOf"/>. Without
    /// <paramref name="from"/> a change replaces that value over its whole span (the date the pack gives it), so it reaches every
    /// case the value would have reached; with it, the changed value applies from that date on.</summary>
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

    /// <summary>The baseline pack with the changes applied; problems come back as (field, message), the field naming the parameter.</summary>
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
                ? "param." + changes[d.Position.Line - 1].Name
                : "param";
            errors.Add((field, d.Message));
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
            errors.Add(("reformPack", $"{fileName}: not a zip of a policy pack ({ex.Message})"));
            return null;
        }

        var root = File.Exists(Path.Combine(folder, "pack.yaml"))
            ? folder
            : Directory.EnumerateDirectories(folder).FirstOrDefault(d => File.Exists(Path.Combine(d, "pack.yaml")));
        if (root is null)
        {
            errors.Add(("reformPack", $"{fileName}: no pack.yaml at the top of the zip or one folder down"));
            return null;
        }

        var (pack, diagnostics) = PolicyPack.Check(root);
        foreach (var d in diagnostics.Where(d => !d.IsWarning).Take(20))
        {
            errors.Add(("reformPack", $"{fileName}: {d.Position.File}:{d.Position.Line}:{d.Position.Column}: {d.Message}"));
        }

        return pack;
    }

    /// <summary>Reads an uploaded population (.csv, .jsonl or .parquet) for the target; a bad row is named by file and line or row.</summary>
    public LabPopulation? Upload(LabTarget target, Stream content, string fileName, string workDirectory, List<(string Field, string Message)> errors)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".jsonl" or ".parquet"))
        {
            errors.Add(("population", $"{fileName}: expected a .csv, .jsonl or .parquet file"));
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
                errors.Add(("population", $"{fileName}: the population has no cases"));
                return null;
            }

            if (data.Count > MaxPopulation)
            {
                errors.Add(("population", $"{fileName}: {data.Count} cases, the lab takes at most {MaxPopulation}"));
                return null;
            }

            return new LabPopulation(fileName, hash, null, data.Count, data, null);
        }
        catch (PopulationFormatException ex)
        {
            var unit = extension == ".parquet" ? "row" : "line";
            errors.Add(("population", $"{fileName}:{ex.Line} ({unit} {ex.Line}): " + string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message}"))));
            return null;
        }
    }

    /// <summary>A population to draw from the pack's profile when the run starts.</summary>
    public LabPopulation? Generated(LabTarget target, int? count, int? seed, List<(string Field, string Message)> errors)
    {
        if (!target.CanGenerate)
        {
            errors.Add(("population", $"the pack has no population profile for {target.Id}: upload a population"));
            return null;
        }

        if (count is not (>= 1 and <= MaxPopulation))
        {
            errors.Add(("count", $"between 1 and {MaxPopulation}"));
            return null;
        }

        var profile = Pack.Populations.First(p => p.Scheme.Id == target.Id);
        var s = seed ?? 1;
        return new LabPopulation($"profile of {target.Id} as of {profile.AsOf:yyyy-MM-dd}, {count} people, seed {s}",
            $"profile:{Pack.ContentHash}:{target.Id}:{count}:{s}", s, count.Value, null, count);
    }

    public LabRun Start(LabTarget target, PolicyPack reform, string reformDescription, IReadOnlyList<ParameterChange> changes, LabPopulation population, DateOnly asOf,
        string? workDirectory)
    {
        var run = new LabRun
        {
            Id = Guid.NewGuid(),
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
        Forget();
        _runs[run.Id] = run;
        var progress = new Progress(run);
        run.Job = Task.Run(() =>
        {
            try
            {
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
                run.Finished = time.GetUtcNow();
                DeleteQuietly(workDirectory);
            }
        });
        return run;
    }

    public bool CancelRun(Guid id)
    {
        if (Find(id) is not { Status: LabStatus.Running } run)
        {
            return false;
        }

        run.Cancel.Cancel();
        return true;
    }

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

    /// <summary>Keeps the newest runs; older finished ones go, so memory stays bounded.</summary>
    private void Forget()
    {
        foreach (var old in _runs.Values.Where(r => r.Status != LabStatus.Running).OrderByDescending(r => r.Started).Skip(KeptRuns - 1).ToList())
        {
            _runs.TryRemove(old.Id, out _);
        }
    }

    private sealed class Progress(LabRun run) : IProgress<long>
    {
        public void Report(long value) => run.Progress(value);
    }
}
