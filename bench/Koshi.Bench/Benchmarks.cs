using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>One thread, explanation kept (points per criterion, total and decision for every applicant).
/// The 1,000,000-applicant runs and the 20,000-applicant subset (the first 20,000 lines of the same file) are reported per operation;
/// divide by the applicant count for ns per applicant (Program prints the table with that division done).</summary>
public class ScoringBenchmarks
{
    private PopulationData _population = null!;
    private PopulationData _subset = null!;
    private Applicants _applicants = null!;
    private ReApplicant[] _reApplicants = null!;
    private RulesEngineScorer _rulesEngine = null!;

    [GlobalSetup(Targets = [nameof(Koshi1M)])]
    public void SetupKoshi1M() => _population = KoshiData.Read(LoadScheme(), BenchPaths.PopulationFile);

    [GlobalSetup(Targets = [nameof(Koshi20k)])]
    public void SetupKoshi20k() => _subset = KoshiData.Read(LoadScheme(), BenchPaths.SubsetFile);

    [GlobalSetup(Targets = [nameof(HandWritten1M), nameof(HandWritten20k)])]
    public void SetupHandWritten() => _applicants = Applicants.Read(BenchPaths.PopulationFile);

    [GlobalSetup(Targets = [nameof(RulesEngine20k)])]
    public void SetupRulesEngine()
    {
        _rulesEngine = new RulesEngineScorer();
        _reApplicants = ReApplicant.From(Applicants.Read(BenchPaths.SubsetFile), BenchPaths.Subset);
    }

    private static Scheme LoadScheme() => PolicyPack.Load(BenchPaths.Pack).Scheme(BenchPaths.SchemeId);

    [Benchmark(Description = "Koshi, 1,000,000 applicants")]
    public PopulationScores Koshi1M() => PopulationScores.Score(_population, BenchPaths.AsOf, threads: 1);

    [Benchmark(Description = "Hand-written C#, 1,000,000 applicants")]
    public Scores HandWritten1M() => HandWritten.Score(_applicants, BenchPaths.Population);

    [Benchmark(Description = "Koshi, 20,000 applicants")]
    public PopulationScores Koshi20k() => PopulationScores.Score(_subset, BenchPaths.AsOf, threads: 1);

    [Benchmark(Description = "Hand-written C#, 20,000 applicants")]
    public Scores HandWritten20k() => HandWritten.Score(_applicants, BenchPaths.Subset);

    [Benchmark(Description = "Microsoft RulesEngine 6.0.1, 20,000 applicants")]
    public Task<Scores> RulesEngine20k() => _rulesEngine.Score(_reApplicants, BenchPaths.Subset);
}

/// <summary>A short job so the whole run fits in minutes on two cores: one launch, two warm-ups, seven measured iterations,
/// each iteration a single call (a call already scores 20,000 or 1,000,000 applicants).</summary>
public static class ShortRun
{
    public static IConfig Config() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(7)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithId("short"))
        .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
        .WithOptions(ConfigOptions.JoinSummary);
}
