using System.Diagnostics;
using System.Globalization;
using Koshi.Policy.Schemes;

namespace Koshi.Policy.Population;

/// <summary>Runs a rule set over a population under a baseline pack and, optionally, a reform, and compares each output row by row.</summary>
public static class RuleSetSimulation
{
    private const int ChunkSize = 4_096;

    /// <summary>Distinct values counted per text, decision or date output before the rest are summed as "(other)".</summary>
    private const int MaxValues = 30;

    public static RuleSetSimulationReport Run(PopulationData baseline, PopulationData? reform, DateOnly asOf, int keepChanges = 50,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var a = baseline.RuleSet ?? throw new ArgumentException("the population was not read for a rule set", nameof(baseline));
        var b = reform?.RuleSet;
        if (reform is not null && (b is null || reform.Count != baseline.Count))
        {
            throw new ArgumentException("the reform population must be the same file as the baseline, read for a rule set", nameof(reform));
        }

        var names = a.Outputs.Concat(b?.Outputs.Where(o => !a.Outputs.Contains(o)) ?? []).ToList();
        var indexA = names.Select(n => a.Outputs.ToList().IndexOf(n)).ToArray();
        var indexB = names.Select(n => b is null ? -1 : b.Outputs.ToList().IndexOf(n)).ToArray();
        var total = new Tally(names.Count);
        var stopwatch = Stopwatch.StartNew();
        var done = 0L;
        var chunks = (baseline.Count + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, () => new Tally(names.Count), (chunk, _, tally) =>
        {
            var va = new object[a.OutputCount];
            var vb = new object[b?.OutputCount ?? 0];
            var rowsA = new long[va.Length];
            var rowsB = new long[vb.Length];
            var law = new long[1];
            var end = Math.Min(baseline.Count, (chunk + 1) * ChunkSize);
            for (var row = chunk * ChunkSize; row < end; row++)
            {
                var okA = Evaluate(a, baseline, row, asOf, va, rowsA, law, tally);
                var okB = b is not null && Evaluate(b, reform!, row, asOf, vb, rowsB, law, tally);
                tally.Count(okA ? va : null, okB ? vb : null, b is not null, indexA, indexB, row, names, keepChanges);
            }

            progress?.Report(Interlocked.Add(ref done, end - (chunk * ChunkSize)));
            return tally;
        }, tally =>
        {
            lock (total)
            {
                total.Merge(tally, keepChanges);
            }
        });
        stopwatch.Stop();
        return new RuleSetSimulationReport
        {
            RuleSet = a.Id,
            AsOf = asOf,
            Population = baseline.Path,
            Count = baseline.Count,
            Elapsed = stopwatch.Elapsed,
            BaselinePackHash = a.PackHash,
            ReformPackHash = b?.PackHash,
            Outputs = names.Select((name, o) => total.Summary(name, o, a.OutputKind(name) ?? b?.OutputKind(name), b is not null)).ToList(),
            RowsChanged = total.RowsChanged,
            Changes = total.Changes,
            Errors = total.ErrorCount,
            FirstErrors = total.Errors.Select(e => $"row {e.Row + 1}: {e.Message}").ToList(),
        };
    }

    private static bool Evaluate(RuleSet ruleSet, PopulationData population, int row, DateOnly asOf, object[] values, long[] rows, long[] law, Tally tally)
    {
        try
        {
            ruleSet.EvaluateRow(population.Batch, row, asOf.DayNumber, values, rows, law);
            return true;
        }
        catch (PolicyEvaluationException ex)
        {
            tally.Error(row, ex.Message);
            return false;
        }
    }

    internal static string Display(object? value) => value switch
    {
        null => "(none)",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Format.Value(value),
    };

    /// <summary>One worker's running totals, or the whole run's once merged.</summary>
    private sealed class Tally(int outputs)
    {
        public readonly decimal[] SumA = new decimal[outputs];
        public readonly decimal[] SumB = new decimal[outputs];
        public readonly long[] CountA = new long[outputs];
        public readonly long[] CountB = new long[outputs];
        public readonly long[] Changed = new long[outputs];
        public readonly Dictionary<string, long[]>[] Values = Enumerable.Range(0, outputs).Select(_ => new Dictionary<string, long[]>(StringComparer.Ordinal)).ToArray();
        public long RowsChanged;
        public readonly List<RowChange> Changes = [];
        public readonly List<(int Row, string Message)> Errors = [];
        public long ErrorCount;

        public void Error(int row, string message)
        {
            ErrorCount++;
            if (Errors.Count < 20)
            {
                Errors.Add((row, message));
            }
        }

        public void Count(object[]? va, object[]? vb, bool hasReform, int[] indexA, int[] indexB, int row, List<string> names, int keep)
        {
            List<OutputChange>? moved = null;
            for (var o = 0; o < indexA.Length; o++)
            {
                var x = va is not null && indexA[o] >= 0 ? va[indexA[o]] : null;
                var y = vb is not null && indexB[o] >= 0 ? vb[indexB[o]] : null;
                Add(o, x, isReform: false);
                if (hasReform)
                {
                    Add(o, y, isReform: true);
                }

                if (hasReform && va is not null && vb is not null && !Equals(x, y))
                {
                    Changed[o]++;
                    moved ??= [];
                    moved.Add(new OutputChange(names[o], Display(x), Display(y)));
                }
            }

            if (moved is null)
            {
                return;
            }

            RowsChanged++;
            if (Changes.Count < keep)
            {
                Changes.Add(new RowChange(row + 1, moved));
            }
        }

        private void Add(int o, object? value, bool isReform)
        {
            if (value is null)
            {
                return;
            }

            switch (value)
            {
                case long l:
                    Sum(o, l, isReform);
                    return;
                case decimal m:
                    Sum(o, m, isReform);
                    return;
            }

            (isReform ? CountB : CountA)[o]++;
            var key = Display(value);
            var values = Values[o];
            if (!values.TryGetValue(key, out var counts))
            {
                if (values.Count >= MaxValues)
                {
                    key = "(other)";
                    if (!values.TryGetValue(key, out counts))
                    {
                        values[key] = counts = new long[2];
                    }
                }
                else
                {
                    values[key] = counts = new long[2];
                }
            }

            counts[isReform ? 1 : 0]++;
        }

        private void Sum(int o, decimal value, bool isReform)
        {
            if (isReform)
            {
                SumB[o] += value;
                CountB[o]++;
            }
            else
            {
                SumA[o] += value;
                CountA[o]++;
            }
        }

        public void Merge(Tally other, int keep)
        {
            for (var o = 0; o < SumA.Length; o++)
            {
                SumA[o] += other.SumA[o];
                SumB[o] += other.SumB[o];
                CountA[o] += other.CountA[o];
                CountB[o] += other.CountB[o];
                Changed[o] += other.Changed[o];
                foreach (var (key, counts) in other.Values[o])
                {
                    if (!Values[o].TryGetValue(key, out var mine))
                    {
                        Values[o][key] = mine = new long[2];
                    }

                    mine[0] += counts[0];
                    mine[1] += counts[1];
                }
            }

            RowsChanged += other.RowsChanged;
            Changes.AddRange(other.Changes);
            Changes.Sort((x, y) => x.Row.CompareTo(y.Row));
            if (Changes.Count > keep)
            {
                Changes.RemoveRange(keep, Changes.Count - keep);
            }

            ErrorCount += other.ErrorCount;
            Errors.AddRange(other.Errors);
            Errors.Sort((x, y) => x.Row.CompareTo(y.Row));
            if (Errors.Count > 20)
            {
                Errors.RemoveRange(20, Errors.Count - 20);
            }
        }

        public OutputSummary Summary(string name, int o, ValueKind? kind, bool hasReform)
        {
            var numeric = kind is ValueKind.Integer or ValueKind.Decimal;
            return new OutputSummary(
                name,
                kind?.ToString().ToLowerInvariant() ?? "unknown",
                CountA[o],
                numeric ? SumA[o] : null,
                numeric && CountA[o] > 0 ? Math.Round(SumA[o] / CountA[o], 2) : null,
                hasReform ? CountB[o] : null,
                hasReform && numeric ? SumB[o] : null,
                hasReform && numeric && CountB[o] > 0 ? Math.Round(SumB[o] / CountB[o], 2) : null,
                hasReform ? Changed[o] : null,
                Values[o].OrderByDescending(p => p.Value[0] + p.Value[1]).ThenBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => new ValueCount(p.Key, p.Value[0], hasReform ? p.Value[1] : null)).ToList());
        }
    }
}

public sealed record RuleSetSimulationReport
{
    public string Schema { get; init; } = "koshi.ruleset-simulation/1";
    public required string RuleSet { get; init; }
    public required DateOnly AsOf { get; init; }
    public required string Population { get; init; }
    public required int Count { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required string BaselinePackHash { get; init; }
    public string? ReformPackHash { get; init; }
    public required IReadOnlyList<OutputSummary> Outputs { get; init; }

    /// <summary>Rows where at least one output differs between baseline and reform.</summary>
    public long RowsChanged { get; init; }

    /// <summary>The first of those rows (by row, counted from 1) with every output that moved.</summary>
    public required IReadOnlyList<RowChange> Changes { get; init; }

    public long Errors { get; init; }
    public IReadOnlyList<string> FirstErrors { get; init; } = [];
}

/// <summary>One output over the population: for numbers the sum and mean, for decisions and texts the count of each value.</summary>
public sealed record OutputSummary(string Output, string Kind, long BaselineCount, decimal? BaselineSum, decimal? BaselineMean,
    long? ReformCount, decimal? ReformSum, decimal? ReformMean, long? Changed, IReadOnlyList<ValueCount> Values);

public sealed record ValueCount(string Value, long Baseline, long? Reform);

public sealed record RowChange(int Row, IReadOnlyList<OutputChange> Outputs);

public sealed record OutputChange(string Output, string Baseline, string Reform);
