using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>Koshi's one-thread scoring against the hand-written C#, taken in turn in one process over several rounds, with
/// the thread's CPU time as well as wall time, at 20,000 and 1,000,000 applicants whose lodgement dates spread over the
/// pilot. Two laws: the pack as it is (one set of figures over the pilot), and the pack with the MRP changed on 1 July
/// 2026 (rows whose law dates fall either side of it are interleaved, so the figures change back and forth). Before
/// timing, every engine's points, totals and decisions are checked against Koshi's on every row. The population kernel is
/// reached by reflection, for measurement only: run over every row into reused arrays, it shows what
/// <c>PopulationScores.Score</c> adds (the allocation of its output; the hand-written C# allocates the same).</summary>
internal static partial class Split
{
    private const int Rounds = 9;

    public static int Run()
    {
        if (!File.Exists(BenchPaths.PopulationFile) || !File.Exists(BenchPaths.SubsetFile))
        {
            Console.Error.WriteLine("run 'prepare' first: it generates the population");
            return 1;
        }

        var midYear = MidYear.MakePack();
        try
        {
            var laws = new (string Name, string Pack, HandWritten.Law[] Laws)[]
            {
                ("pack as it is", BenchPaths.Pack, HandWritten.Pack),
                ($"MRP changed on 2026-07-01 (to {HandWritten.MidYearMrp:N0})", midYear, HandWritten.MidYear()),
            };
            // The hand-written engine's arrays do not depend on the law: read once for both.
            var applicants = Applicants.Read(BenchPaths.PopulationFile);
            var subset = Applicants.Read(BenchPaths.SubsetFile);
            var bad = 0;
            foreach (var law in laws)
            {
                bad += Measure(law.Name, PolicyPack.Load(law.Pack).Scheme(BenchPaths.SchemeId), law.Laws, applicants, subset);
            }

            return bad == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(midYear, recursive: true);
        }
    }

    private static int Measure(string lawName, Scheme scheme, HandWritten.Law[] laws, Applicants applicants, Applicants subset)
    {
        Console.WriteLine($"== law: {lawName}");
        var clock = Stopwatch.StartNew();
        var data = KoshiData.Read(scheme, BenchPaths.PopulationFile);
        var subsetData = KoshiData.Read(scheme, BenchPaths.SubsetFile);
        Console.WriteLine($"read JSON Lines: {clock.Elapsed.TotalMilliseconds:F0} ms");
        var days = applicants.LodgementDay.Take(applicants.Count).Distinct().Count();
        var july = new DateOnly(2026, 7, 1).DayNumber;
        var changes = Enumerable.Range(1, applicants.Count - 1)
            .Count(i => (applicants.LodgementDay[i] >= july) != (applicants.LodgementDay[i - 1] >= july));
        Console.WriteLine($"lodgement dates: {days} distinct days; consecutive rows either side of 2026-07-01: {changes:N0} of {applicants.Count - 1:N0}");

        // Every row, every engine, against Koshi.
        var koshi = PopulationScores.Score(data, BenchPaths.AsOf, threads: 1);
        var bad = Compare("hand-written C#", koshi, HandWritten.Score(applicants, applicants.Count, laws), applicants.Count);
        var koshiSubset = PopulationScores.Score(subsetData, BenchPaths.AsOf, threads: 1);
        bad += Compare("hand-written C# (20,000)", koshiSubset, HandWritten.Score(subset, subset.Count, laws), subset.Count);
        if (bad > 0 || koshi.Errors > 0)
        {
            Console.Error.WriteLine($"FAIL: not timed ({koshi.Errors} rows Koshi could not score)");
            return 1;
        }

        var pass = Enumerable.Range(0, koshi.Count).Count(p => koshi.Decision(p) == "pass");
        Console.WriteLine($"verified: the hand-written C# equals Koshi on all {koshi.Count:N0} and all {koshiSubset.Count:N0} rows (points of each criterion, totals, decisions; {pass:N0} pass)");

        var population = PopulationKernel(scheme, data);
        var n = data.Count;
        var (p, t, s) = (new int[n * scheme.Criteria.Count], new int[n], new byte[n]);
        var day = BenchPaths.AsOf.DayNumber;
        const int SubsetRepeats = 10;
        (string Name, int PerRound, Action Run)[] variants =
        [
            ("Koshi Score, 20,000", subset.Count * SubsetRepeats, () => Repeat(SubsetRepeats, () => PopulationScores.Score(subsetData, BenchPaths.AsOf, 1))),
            ("hand-written C#, 20,000", subset.Count * SubsetRepeats, () => Repeat(SubsetRepeats, () => HandWritten.Score(subset, subset.Count, laws))),
            ("Koshi Score, 1,000,000", n, () => PopulationScores.Score(data, BenchPaths.AsOf, 1)),
            ("hand-written C#, 1,000,000", n, () => HandWritten.Score(applicants, applicants.Count, laws)),
            ("Koshi population kernel, reused output, 1,000,000", n, () => population(day, p, t, s)),
        ];
        foreach (var v in variants)
        {
            v.Run();
            v.Run();
        }

        // Each round takes every variant in turn, so that a burst of load from elsewhere falls on all of them alike.
        var wall = variants.Select(_ => new List<double>()).ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var cpu0 = ThreadCpuNs();
                var sw = Stopwatch.StartNew();
                variants[v].Run();
                wall[v].Add(sw.Elapsed.TotalNanoseconds / variants[v].PerRound);
                cpu[v].Add((ThreadCpuNs() - cpu0) / (double)variants[v].PerRound);
            }
        }

        Console.WriteLine($"{Rounds} rounds, each variant in turn; ns per applicant (20,000: {SubsetRepeats} calls a round); thread CPU min / median / max, wall min / median / max");
        for (var v = 0; v < variants.Length; v++)
        {
            Console.WriteLine($"  {variants[v].Name,-52} cpu {cpu[v].Min(),6:F0} / {Median(cpu[v]),6:F0} / {cpu[v].Max(),6:F0}   wall {wall[v].Min(),6:F0} / {Median(wall[v]),6:F0} / {wall[v].Max(),6:F0}");
        }

        void Ratio(string what, int a, int b)
        {
            // Per round: the two taken one after the other under the same load.
            var perRound = Enumerable.Range(0, Rounds).Select(r => cpu[a][r] / cpu[b][r]).ToList();
            Console.WriteLine($"  Koshi / hand-written C#, {what}: thread CPU, medians {Median(cpu[a]) / Median(cpu[b]):F2}x, per round {perRound.Min():F2}x to {perRound.Max():F2}x (median {Median(perRound):F2}x); wall, medians {Median(wall[a]) / Median(wall[b]):F2}x (target <= 1.2x: {(Median(cpu[a]) / Median(cpu[b]) <= 1.2 ? "MET" : "NOT MET")} on CPU medians)");
            Console.WriteLine($"SPLIT_RESULT law=\"{lawName}\" n={what} koshi_cpu_ns={Median(cpu[a]):F0} hand_cpu_ns={Median(cpu[b]):F0} ratio_cpu={Median(cpu[a]) / Median(cpu[b]):F2} ratio_round_min={perRound.Min():F2} ratio_round_max={perRound.Max():F2} ratio_wall={Median(wall[a]) / Median(wall[b]):F2}");
        }

        Ratio("20,000", 0, 1);
        Ratio("1,000,000", 2, 3);
        return 0;
    }

    private static void Repeat(int times, Action action)
    {
        for (var i = 0; i < times; i++)
        {
            action();
        }
    }

    private static double Median(List<double> list) => list.Order().ElementAt(list.Count / 2);

    /// <summary>(asOf, points, totals, status) => the population kernel over every row into the given arrays.</summary>
    private static Action<long, int[], int[], byte[]> PopulationKernel(Scheme scheme, PopulationData data)
    {
        var batch = typeof(PopulationData).GetProperty("Batch", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(data)!;
        var scores = (Delegate)typeof(Scheme).GetField("_scores", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(scheme)!;
        var asOf = Expression.Parameter(typeof(long), "asOf");
        var points = Expression.Parameter(typeof(int[]), "points");
        var totals = Expression.Parameter(typeof(int[]), "totals");
        var status = Expression.Parameter(typeof(byte[]), "status");
        return Expression.Lambda<Action<long, int[], int[], byte[]>>(
            Expression.Invoke(Expression.Constant(scores), Expression.Constant(batch), Expression.Constant(0), Expression.Constant(data.Count), asOf,
                Expression.Constant(0), points, totals, status, Expression.Constant(new int[1])),
            asOf, points, totals, status).Compile();
    }

    private static int Compare(string who, PopulationScores koshi, Scores other, int count)
    {
        var bad = 0;
        for (var p = 0; p < count; p++)
        {
            var same = koshi.Total(p) == other.Totals[p] && koshi.Decision(p) == Scores.Decision(other.Status[p]);
            for (var c = 0; c < other.Criteria && same; c++)
            {
                same = koshi.Points(p, c) == other.Points[(p * other.Criteria) + c];
            }

            if (!same && bad++ < 10)
            {
                Console.Error.WriteLine($"FAIL: {who}, applicant {p + 1}: total {other.Totals[p]} (Koshi {koshi.Total(p)}), decision {Scores.Decision(other.Status[p])} (Koshi {koshi.Decision(p)})");
            }
        }

        if (bad > 0)
        {
            Console.Error.WriteLine($"FAIL: {who} differs from Koshi for {bad:N0} of {count:N0} applicants");
        }

        return bad;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    /// <summary>CPU time of the calling thread (Linux, CLOCK_THREAD_CPUTIME_ID): time other processes take on the machine is not in it.</summary>
    private static long ThreadCpuNs() => ClockGetTime(3, out var t) == 0 ? (t.Seconds * 1_000_000_000L) + t.Nanoseconds : throw new InvalidOperationException("clock_gettime failed");
}

/// <summary>A copy of the pack whose MRP also changes on 1 July 2026, to <see cref="HandWritten.MidYearMrp"/>: a law that
/// changes inside the lodgement period.</summary>
internal static class MidYear
{
    public static string MakePack()
    {
        var target = Path.Combine(Path.GetTempPath(), "koshi-bench-midyear-" + Environment.ProcessId);
        foreach (var file in Directory.EnumerateFiles(BenchPaths.Pack, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(BenchPaths.Pack, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }

        var general = Path.Combine(target, "parameters", "general.yaml");
        var text = File.ReadAllText(general);
        var line = text.Split('\n').Single(l => l.TrimStart().StartsWith("2026-01-01: { value: 4325", StringComparison.Ordinal));
        File.WriteAllText(general, text.Replace(line, line + $"\n      2026-07-01: {{ value: {HandWritten.MidYearMrp}, provisional: true, note: a mid-year change for measurement }}", StringComparison.Ordinal));
        return target;
    }
}
