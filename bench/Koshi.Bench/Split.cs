using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>Where Koshi's one-thread scoring spends its time. The two compiled kernels are reached by reflection, for
/// measurement only: the explanation kernel (what one <c>Evaluate</c> runs) row by row into one reused buffer, and the
/// population kernel over every row into reused arrays. <c>PopulationScores.Score</c> adds the allocation of its output
/// (and, on more than one thread, the chunking); the hand-written C# allocates the same output.</summary>
internal static class Split
{
    public static int Run()
    {
        var scheme = PolicyPack.Load(BenchPaths.Pack).Scheme(BenchPaths.SchemeId);
        var clock = Stopwatch.StartNew();
        var data = KoshiData.Read(scheme, BenchPaths.PopulationFile);
        Console.WriteLine($"read JSON Lines: {clock.Elapsed.TotalMilliseconds:F0} ms");
        var applicants = Applicants.Read(BenchPaths.PopulationFile);

        var batch = typeof(PopulationData).GetProperty("Batch", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(data)!;
        var kernel = (Delegate)typeof(Scheme).GetField("_kernel", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(scheme)!;
        var scores = (Delegate)typeof(Scheme).GetField("_scores", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(scheme)!;
        var layout = typeof(Scheme).GetProperty("ResultLayout", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(scheme)!;
        var stride = (int)layout.GetType().GetProperty("Stride")!.GetValue(layout)!;

        // (count, asOf, output) => for row in 0..count: kernel(batch, row, asOf, output, 0)
        var count = Expression.Parameter(typeof(int), "count");
        var asOf = Expression.Parameter(typeof(long), "asOf");
        var output = Expression.Parameter(typeof(long[]), "output");
        var row = Expression.Variable(typeof(int), "row");
        var end = Expression.Label("end");
        var loop = Expression.Block([row],
            Expression.Assign(row, Expression.Constant(0)),
            Expression.Loop(Expression.IfThenElse(Expression.LessThan(row, count),
                Expression.Block(
                    Expression.Invoke(Expression.Constant(kernel), Expression.Constant(batch), row, asOf, output, Expression.Constant(0)),
                    Expression.PostIncrementAssign(row)),
                Expression.Break(end)), end));
        var explain = Expression.Lambda<Action<int, long, long[]>>(loop, count, asOf, output).Compile();

        // (asOf, points, totals, status) => scores(batch, 0, count, asOf, 0, points, totals, status, cursor)
        var n = data.Count;
        var points = Expression.Parameter(typeof(int[]), "points");
        var totals = Expression.Parameter(typeof(int[]), "totals");
        var status = Expression.Parameter(typeof(byte[]), "status");
        var population = Expression.Lambda<Action<long, int[], int[], byte[]>>(
            Expression.Invoke(Expression.Constant(scores), Expression.Constant(batch), Expression.Constant(0), Expression.Constant(n), asOf,
                Expression.Constant(0), points, totals, status, Expression.Constant(new int[1])),
            asOf, points, totals, status).Compile();

        var day = BenchPaths.AsOf.DayNumber;
        var buffer = new long[stride];
        var (p, t, s) = (new int[n * scheme.Criteria.Count], new int[n], new byte[n]);
        for (var warm = 0; warm < 2; warm++)
        {
            explain(n, day, buffer);
            population(day, p, t, s);
            PopulationScores.Score(data, BenchPaths.AsOf, 1);
            HandWritten.Score(applicants, applicants.Count);
        }

        // Rounds that take each variant in turn, so that a burst of load from elsewhere on the machine falls on all of them
        // alike; best and median per variant.
        (string Name, Action Run)[] variants =
        [
            ($"explanation kernel, row by row ({stride} longs a row)", () => explain(n, day, buffer)),
            ("population kernel, all rows, reused output", () => population(day, p, t, s)),
            ("PopulationScores.Score, 1 thread", () => PopulationScores.Score(data, BenchPaths.AsOf, 1)),
            ("hand-written C# (allocates the same output)", () => HandWritten.Score(applicants, applicants.Count)),
        ];
        const int Rounds = 9;
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var sw = Stopwatch.StartNew();
                variants[v].Run();
                times[v].Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        double Median(List<double> list) => list.Order().ElementAt(list.Count / 2);
        Console.WriteLine($"{Rounds} rounds, each variant in turn, {n:N0} applicants; ns per applicant, best and median");
        for (var v = 0; v < variants.Length; v++)
        {
            Console.WriteLine($"{variants[v].Name,-48} best {times[v].Min() * 1e6 / n,6:F1}  median {Median(times[v]) * 1e6 / n,6:F1}");
        }

        Console.WriteLine($"Score / hand-written C#: best {times[2].Min() / times[3].Min():F2}x, median {Median(times[2]) / Median(times[3]):F2}x");
        Console.WriteLine($"output allocation in Score (Score - population kernel, medians): {(Median(times[2]) - Median(times[1])) * 1e6 / n:F1} ns/applicant");
        return 0;
    }
}
