using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Koshi.Bench;
using Koshi.Policy;
using Koshi.Policy.Population;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args.Length > 0 ? args[0] : "help";
switch (mode)
{
    case "prepare":
        return await Prepare.Run();
    case "bench":
        return Bench.Run(args[1..]);
    case "simulate":
        return SimulateMeasure.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
    case "split":
        return Split.Run();
    default:
        Console.WriteLine("""
            usage: Koshi.Bench <mode>
              prepare    generate the seeded 1,000,000-applicant population (bench/.data), check that Koshi, the hand-written C#
                         and Microsoft RulesEngine give the same points per criterion, totals and decisions, export expected points
              bench      run the BenchmarkDotNet scoring benchmarks (one thread) and print ns per applicant and the ratios
              simulate [runs]  time Simulation.Run over the population with a reform (both runs and the per-person diff)
              split      Koshi against the hand-written C# in turn, thread CPU and wall, 20,000 and 1,000,000 applicants, the pack
                         and the pack with a mid-year MRP change; every row checked first
            """);
        return mode == "help" ? 0 : 2;
}

internal static class Prepare
{
    public static async Task<int> Run()
    {
        var clock = Stopwatch.StartNew();
        var pack = PolicyPack.Load(BenchPaths.Pack);
        var scheme = pack.Scheme(BenchPaths.SchemeId);
        BenchPaths.EnsurePopulation(pack);
        Console.WriteLine($"population: {BenchPaths.PopulationFile} ({new FileInfo(BenchPaths.PopulationFile).Length / 1048576.0:F0} MiB), ready in {clock.Elapsed.TotalSeconds:F1} s");

        var ids = scheme.Criteria.Select(c => c.Id).ToArray();
        if (!ids.SequenceEqual(HandWritten.Criteria))
        {
            Console.Error.WriteLine($"FAIL: the scheme's criteria ({string.Join(", ", ids)}) are not the hand-written order");
            return 1;
        }

        var data = KoshiData.Read(scheme, BenchPaths.PopulationFile);
        var koshi = PopulationScores.Score(data, BenchPaths.AsOf, threads: 1);
        if (koshi.Errors > 0)
        {
            Console.Error.WriteLine($"FAIL: Koshi could not score {koshi.Errors} applicants");
            return 1;
        }

        var applicants = Applicants.Read(BenchPaths.PopulationFile);
        var hand = HandWritten.Score(applicants, applicants.Count);
        var bad = Compare("hand-written C#", koshi, hand, applicants.Count);

        var rulesEngine = new RulesEngineScorer();
        var re = await rulesEngine.Score(ReApplicant.From(applicants, BenchPaths.Sample), BenchPaths.Sample);
        bad += Compare("Microsoft RulesEngine", koshi, re, BenchPaths.Sample);
        if (bad > 0)
        {
            return 1;
        }

        WriteExpected(koshi, ids);
        var pass = Enumerable.Range(0, koshi.Count).Count(p => koshi.Decision(p) == "pass");
        var gate = Enumerable.Range(0, koshi.Count).Count(p => koshi.Decision(p) == "fail-gate");
        Console.WriteLine($"verified: hand-written C# equals Koshi on all {koshi.Count:N0} applicants; RulesEngine ({rulesEngine.RuleCount} rules) equals Koshi on the first {BenchPaths.Sample:N0}");
        Console.WriteLine($"          (points for each of {ids.Length} criteria, totals, decisions: {pass:N0} pass, {gate:N0} fail a gate, {koshi.Count - pass - gate:N0} fail the score)");
        Console.WriteLine($"expected points for the Node peers: {BenchPaths.ExpectedFile}");
        return 0;
    }

    private static int Compare(string who, PopulationScores koshi, Scores other, int count)
    {
        var bad = 0;
        for (var p = 0; p < count; p++)
        {
            var diffs = new List<string>();
            for (var c = 0; c < other.Criteria; c++)
            {
                var expected = koshi.Points(p, c);
                var actual = other.Points[(p * other.Criteria) + c];
                if (expected != actual)
                {
                    diffs.Add($"{HandWritten.Criteria[c]} {actual} (Koshi {expected})");
                }
            }

            if (koshi.Total(p) != other.Totals[p])
            {
                diffs.Add($"total {other.Totals[p]} (Koshi {koshi.Total(p)})");
            }

            if (koshi.Decision(p) != Scores.Decision(other.Status[p]))
            {
                diffs.Add($"decision {Scores.Decision(other.Status[p])} (Koshi {koshi.Decision(p)})");
            }

            if (diffs.Count > 0 && bad++ < 10)
            {
                Console.Error.WriteLine($"FAIL: {who}, applicant {p + 1}: {string.Join("; ", diffs)}");
            }
        }

        if (bad > 0)
        {
            Console.Error.WriteLine($"FAIL: {who} differs from Koshi for {bad:N0} of {count:N0} applicants");
        }

        return bad;
    }

    private static void WriteExpected(PopulationScores koshi, string[] ids)
    {
        using var stream = File.Create(BenchPaths.ExpectedFile);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteString("scheme", BenchPaths.SchemeId);
        writer.WriteString("asOf", BenchPaths.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartArray("criteria");
        foreach (var id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("people");
        for (var p = 0; p < BenchPaths.Sample; p++)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("points");
            for (var c = 0; c < ids.Length; c++)
            {
                writer.WriteNumberValue(koshi.Points(p, c));
            }

            writer.WriteEndArray();
            writer.WriteNumber("total", koshi.Total(p));
            writer.WriteString("decision", koshi.Decision(p));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

internal static class Bench
{
    public static int Run(string[] args)
    {
        if (!File.Exists(BenchPaths.PopulationFile) || !File.Exists(BenchPaths.ExpectedFile))
        {
            Console.Error.WriteLine("run 'prepare' first: it generates the population and checks that every engine gives the same points");
            return 1;
        }

        var summary = BenchmarkSwitcher.FromTypes([typeof(ScoringBenchmarks)]).RunAllJoined(ShortRun.Config(), args);
        var perApplicant = new Dictionary<string, double>();
        Console.WriteLine();
        Console.WriteLine("| Benchmark | applicants | median per call | ns per applicant (median) | allocated per call |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var n = name.EndsWith("1M", StringComparison.Ordinal) ? BenchPaths.Population : BenchPaths.Subset;
            if (report.ResultStatistics is not { } stats)
            {
                Console.WriteLine($"| {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {n:N0} | failed | | |");
                continue;
            }

            var ns = stats.Median / n;
            perApplicant[name] = ns;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            Console.WriteLine($"| {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {n:N0} | {stats.Median / 1e6:F1} ms | {ns:F1} | {allocated / 1048576.0:F1} MiB |");
        }

        Console.WriteLine();
        void Ratio(string what, string a, string b, double target, bool atLeast)
        {
            if (perApplicant.TryGetValue(a, out var x) && perApplicant.TryGetValue(b, out var y))
            {
                var r = x / y;
                var met = atLeast ? r >= target : r <= target;
                Console.WriteLine($"{what}: {r:F2}x (target {(atLeast ? ">=" : "<=")} {target}x) {(met ? "MET" : "NOT MET")}");
            }
        }

        Ratio("RulesEngine / Koshi, per applicant, 20,000 subset", nameof(ScoringBenchmarks.RulesEngine20k), nameof(ScoringBenchmarks.Koshi20k), 30, true);
        Ratio("RulesEngine (20,000) / Koshi (1,000,000), per applicant", nameof(ScoringBenchmarks.RulesEngine20k), nameof(ScoringBenchmarks.Koshi1M), 30, true);
        Ratio("Koshi / hand-written C#, 1,000,000", nameof(ScoringBenchmarks.Koshi1M), nameof(ScoringBenchmarks.HandWritten1M), 1.5, false);
        Ratio("Koshi / hand-written C#, 20,000", nameof(ScoringBenchmarks.Koshi20k), nameof(ScoringBenchmarks.HandWritten20k), 1.5, false);
        File.WriteAllText(Path.Combine(BenchPaths.DataDir, "dotnet-ns-per-applicant.json"), JsonSerializer.Serialize(perApplicant));
        return summary.Reports.All(r => r.Success) ? 0 : 1;
    }
}
