using System.Diagnostics;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>Times <c>Simulation.Run</c> (baseline and reform over the whole population, plus the per-person diff) on every core,
/// and reports reading the JSON Lines file separately (outside the target) and the process's peak memory.</summary>
internal static class SimulateMeasure
{
    public static int Run(int runs)
    {
        if (!File.Exists(BenchPaths.PopulationFile))
        {
            Console.Error.WriteLine("run 'prepare' first");
            return 1;
        }

        var reformDir = MakeReform();
        try
        {
            var clock = Stopwatch.StartNew();
            var baseline = PolicyPack.Load(BenchPaths.Pack).Scheme(BenchPaths.SchemeId);
            var reform = PolicyPack.Load(reformDir).Scheme(BenchPaths.SchemeId);
            var loadPacks = clock.Elapsed;

            clock.Restart();
            var data = KoshiData.Read(baseline, BenchPaths.PopulationFile);
            var read = clock.Elapsed;
            clock.Restart();
            var reformData = data.For(reform);
            var rebind = clock.Elapsed;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var heapAfterRead = GC.GetTotalMemory(forceFullCollection: false);
            var peakAfterRead = Process.GetCurrentProcess().PeakWorkingSet64;

            Console.WriteLine($"cores: {Environment.ProcessorCount}; packs loaded and compiled in {loadPacks.TotalMilliseconds:F0} ms");
            Console.WriteLine($"read {data.Count:N0} applicants from JSON Lines in {read.TotalMilliseconds:F0} ms (outside the target); the reform reuses the parsed data (data.For took {rebind.TotalMilliseconds:F1} ms)");
            Console.WriteLine($"managed heap after reading: {heapAfterRead / 1048576.0:F0} MiB; peak working set so far: {peakAfterRead / 1048576.0:F0} MiB");

            var times = new List<double>();
            SimulationReport? report = null;
            for (var i = 0; i < runs; i++)
            {
                var gen0 = GC.CollectionCount(0);
                var gen2 = GC.CollectionCount(2);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                clock.Restart();
                report = Simulation.Run(data, reformData, BenchPaths.AsOf, keepFlips: 50, progress: null, maxThreads: Environment.ProcessorCount);
                var ms = clock.Elapsed.TotalMilliseconds;
                times.Add(ms);
                Console.WriteLine($"  run {i + 1}: {ms:F0} ms (engine's own stopwatch {report.Elapsed.TotalMilliseconds:F0} ms), allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F1} MiB, GCs gen0 {GC.CollectionCount(0) - gen0} gen2 {GC.CollectionCount(2) - gen2}");
            }

            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var sorted = times.Order().ToList();
            var median = sorted[sorted.Count / 2];
            Console.WriteLine($"simulate, {data.Count:N0} applicants, baseline + reform + per-person diff, {Environment.ProcessorCount} threads:");
            Console.WriteLine($"  first run {times[0]:F0} ms, median {median:F0} ms, best {sorted[0]:F0} ms over {times.Count} runs (target <= 1000 ms: {(median <= 1000 ? "MET" : "NOT MET")})");
            Console.WriteLine($"  peak working set of the process (reading included): {peak / 1048576.0:F0} MiB (target < 1024 MiB: {(peak < 1L << 30 ? "MET" : "NOT MET")})");
            Console.WriteLine($"  baseline passed {report!.Baseline.Passed:N0}, reform passed {report.Reform!.Passed:N0}; {report.ToPass:N0} to pass, {report.ToFail:N0} to fail, {report.ScoreChanged:N0} scores changed");
            Console.WriteLine($"SIMULATE_RESULT read_ms={read.TotalMilliseconds:F0} first_ms={times[0]:F0} median_ms={median:F0} best_ms={sorted[0]:F0} peak_mib={peak / 1048576.0:F0}");
            return 0;
        }
        finally
        {
            Directory.Delete(reformDir, recursive: true);
        }
    }

    /// <summary>A copy of the pack with the residence pass mark raised to 420 and bachelor's education worth 130 points, not 120.</summary>
    private static string MakeReform()
    {
        var target = Path.Combine(Path.GetTempPath(), "koshi-bench-reform-" + Environment.ProcessId);
        foreach (var file in Directory.EnumerateFiles(BenchPaths.Pack, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(BenchPaths.Pack, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        Replace(Path.Combine(target, "parameters", "residence.yaml"), "        value: 400\n", "        value: 420\n");
        Replace(Path.Combine(target, "schemes", "permanent-residence.yaml"), """- { when: ["bachelor"], points: 120 }""", """- { when: ["bachelor"], points: 130 }""");
        return target;
    }

    private static void Replace(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path}: '{from.Trim()}' not found; the reform for the benchmark needs updating");
        }

        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
