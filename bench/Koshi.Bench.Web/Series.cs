using System.Diagnostics;
using System.Globalization;

namespace Koshi.Bench.Web;

/// <summary>Times of one measured series, in milliseconds, with the figures reported for it.</summary>
public sealed record Series(string Name, IReadOnlyList<double> Milliseconds, string Note = "")
{
    public int Count => Milliseconds.Count;

    public double Median => Percentile(0.5);

    public double P95 => Percentile(0.95);

    public double Min => Milliseconds.Min();

    public double Max => Milliseconds.Max();

    public double Mean => Milliseconds.Average();

    /// <summary>Linear interpolation between closest ranks.</summary>
    public double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToArray();
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static string Header =>
        "| Series | n | median ms | p95 ms | min ms | max ms | mean ms | note |\n|---|---:|---:|---:|---:|---:|---:|---|";

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Name} | {Count} | {Median:F2} | {P95:F2} | {Min:F2} | {Max:F2} | {Mean:F2} | {Note} |");

    public static double ElapsedMs(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
