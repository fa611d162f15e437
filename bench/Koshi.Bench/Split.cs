using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>Where Koshi's one-thread scoring spends its time. The two compiled kernels are reached by reflection, for
/// measurement only: the explanation kernel (what one <c>Evaluate</c> runs) row by row into one reused buffer, and the
/// population kernel over every row into reused arrays. <c>PopulationScores.Score</c> adds the allocation of its output
/// and the chunking; the hand-written C# allocates the same output.</summary>
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

        double Time(Action action)
        {
            var best = double.MaxValue;
            for (var i = 0; i < 5; i++)
            {
                var sw = Stopwatch.StartNew();
                action();
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }

            return best;
        }

        var explainMs = Time(() => explain(n, day, buffer));
        var populationMs = Time(() => population(day, p, t, s));
        var scoreMs = Time(() => PopulationScores.Score(data, BenchPaths.AsOf, 1));
        var handMs = Time(() => HandWritten.Score(applicants, applicants.Count));
        Console.WriteLine($"best of 5 each, {n:N0} applicants");
        Console.WriteLine($"explanation kernel, row by row ({stride} longs a row):   {explainMs,7:F1} ms  {explainMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"population kernel, all rows, reused output:     {populationMs,7:F1} ms  {populationMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"PopulationScores.Score, 1 thread:               {scoreMs,7:F1} ms  {scoreMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"hand-written C# (allocates the same output):    {handMs,7:F1} ms  {handMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"output allocation and chunking in Score:        {scoreMs - populationMs,7:F1} ms");
        return 0;
    }
}
