using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>Where Koshi's one-thread scoring spends its time: the compiled kernel alone (reached by reflection, for measurement
/// only) against <c>PopulationScores.Score</c>, which adds the explanation copy-out, the try/catch per person and the chunking.</summary>
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
        var run = Expression.Lambda<Action<int, long, long[]>>(loop, count, asOf, output).Compile();

        var day = BenchPaths.AsOf.DayNumber;
        var buffer = new long[stride];
        for (var warm = 0; warm < 2; warm++)
        {
            run(data.Count, day, buffer);
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

        var kernelMs = Time(() => run(data.Count, day, buffer));
        var scoreMs = Time(() => PopulationScores.Score(data, BenchPaths.AsOf, 1));
        var handMs = Time(() => HandWritten.Score(applicants, applicants.Count));
        var n = data.Count;
        Console.WriteLine($"output slots written per person by the kernel: {stride} longs ({stride * 8} bytes)");
        Console.WriteLine($"kernel only (no copy-out):               {kernelMs,7:F1} ms  {kernelMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"PopulationScores.Score, 1 thread:        {scoreMs,7:F1} ms  {scoreMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"hand-written C#:                         {handMs,7:F1} ms  {handMs * 1e6 / n,6:F1} ns/applicant");
        Console.WriteLine($"copy-out, try/catch and chunking:        {scoreMs - kernelMs,7:F1} ms");
        return 0;
    }
}
