using System.Diagnostics;
using System.Runtime.CompilerServices;
using Koshi.Policy.Schemes;

namespace Koshi.Policy.Population;

/// <summary>Scores a population under a baseline pack and, optionally, a reform, and compares them person by person.</summary>
public static class Simulation
{
    private const int ChunkSize = 8_192;
    public const int HistogramBin = 50;

    public static SimulationReport Run(PopulationData baseline, PopulationData? reform, DateOnly asOf, int keepFlips = 50,
        IProgress<long>? progress = null, int? maxThreads = null)
    {
        if (reform is not null && reform.Count != baseline.Count)
        {
            throw new ArgumentException("the reform population must be the same file as the baseline", nameof(reform));
        }

        var a = baseline.Scheme;
        var b = reform?.Scheme;
        var reformCriterion = b is null ? [] : a.ResultLayout.Criteria.Select(id => b.ResultLayout.Criteria.IndexOf(id)).ToArray();
        var reportBy = a.ReportBy.Select(name => a.Layout.ByName[name]).ToList();
        var total = new Accumulator(a, b, reportBy.Count);
        var stopwatch = Stopwatch.StartNew();
        var done = 0L;
        var chunks = (baseline.Count + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount },
            () => new Worker(a, b, reportBy.Count),
            (chunk, _, worker) =>
            {
                var start = chunk * ChunkSize;
                var end = Math.Min(baseline.Count, start + ChunkSize);
                worker.Score(baseline, reform, start, end, asOf.DayNumber, reformCriterion, reportBy, keepFlips);
                var count = Interlocked.Add(ref done, end - start);
                progress?.Report(count);
                return worker;
            },
            worker =>
            {
                lock (total)
                {
                    total.Add(worker.Totals, keepFlips);
                }
            });
        stopwatch.Stop();
        return total.Report(baseline, reform, asOf, stopwatch.Elapsed, keepFlips);
    }

    // The loops over every row (AggressiveOptimization) are compiled fully optimised when first called rather than taken from
    // the CLI's ReadyToRun image, whose precompiled code is slower in loops like these (bench/RESULTS-simulate.md).
    private sealed class Worker(Scheme a, Scheme? b, int breakdowns)
    {
        private readonly Scores _a = new(a.Criteria.Count);
        private readonly Scores? _b = b is null ? null : new Scores(b.Criteria.Count);

        public Accumulator Totals { get; } = new(a, b, breakdowns);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Score(PopulationData baseline, PopulationData? reform, int start, int end, long asOfDay, int[] reformCriterion,
            List<InputDefinition> reportBy, int keepFlips)
        {
            a.ScoreRange(baseline.Batch, start, end, asOfDay, start, _a.Points, _a.Totals, _a.Status, Totals.Error);
            b?.ScoreRange(reform!.Batch, start, end, asOfDay, start, _b!.Points, _b.Totals, _b.Status, Totals.Error);
            for (var row = start; row < end; row++)
            {
                Totals.Count(_a, _b, row - start, row, baseline.Batch, reportBy, reformCriterion, keepFlips);
            }
        }
    }

    /// <summary>One chunk's points per criterion, totals and statuses under one pack.</summary>
    private sealed class Scores(int criteria)
    {
        public readonly int Criteria = criteria;
        public readonly int[] Points = new int[ChunkSize * criteria];
        public readonly int[] Totals = new int[ChunkSize];
        public readonly byte[] Status = new byte[ChunkSize];
    }

    /// <summary>Running totals of one worker, or of the whole run once merged.</summary>
    private sealed class Accumulator(Scheme a, Scheme? b, int breakdowns)
    {
        public readonly Outcome Baseline = new(a.ResultLayout.Criteria.Count);
        public readonly Outcome? Reform = b is null ? null : new Outcome(b.ResultLayout.Criteria.Count);
        public long ToPass;
        public long ToFail;
        public long ScoreChanged;
        public readonly List<Flip> Flips = [];
        public readonly Dictionary<string, long[]>[] Breakdowns = Enumerable.Range(0, breakdowns).Select(_ => new Dictionary<string, long[]>(StringComparer.Ordinal)).ToArray();
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Count(Scores sa, Scores? sb, int i, int row, CaseBatch batch, List<InputDefinition> reportBy, int[] reformCriterion, int keepFlips)
        {
            var okA = sa.Status[i] != Policy.Scheme.ErrorStatus;
            var okB = sb is not null && sb.Status[i] != Policy.Scheme.ErrorStatus;
            var passA = okA && Baseline.Add(sa, i);
            var passB = okB && Reform!.Add(sb!, i);
            for (var r = 0; r < reportBy.Count; r++)
            {
                var key = Format.Value(batch.Get(row, reportBy[r]));
                if (!Breakdowns[r].TryGetValue(key, out var counts))
                {
                    Breakdowns[r][key] = counts = new long[3];
                }

                counts[0]++;
                counts[1] += passA ? 1 : 0;
                counts[2] += passB ? 1 : 0;
            }

            if (sb is null || !okA || !okB)
            {
                return;
            }

            var totalA = sa.Totals[i];
            var totalB = sb.Totals[i];
            if (totalA != totalB)
            {
                ScoreChanged++;
            }

            if (passA == passB)
            {
                return;
            }

            if (passB)
            {
                ToPass++;
            }
            else
            {
                ToFail++;
            }

            if (Flips.Count < keepFlips)
            {
                var moved = new List<CriterionChange>();
                var la = a.ResultLayout;
                var lb = b!.ResultLayout;
                for (var c = 0; c < la.Criteria.Count; c++)
                {
                    var before = sa.Points[(i * sa.Criteria) + c];
                    var after = reformCriterion[c] >= 0 ? sb.Points[(i * sb.Criteria) + reformCriterion[c]] : 0;
                    if (before != after)
                    {
                        moved.Add(new CriterionChange(la.Criteria[c], before, after));
                    }
                }

                foreach (var id in lb.Criteria.Where(id => !la.Criteria.Contains(id)))
                {
                    var after = sb.Points[(i * sb.Criteria) + lb.Criteria.IndexOf(id)];
                    if (after != 0)
                    {
                        moved.Add(new CriterionChange(id, 0, after));
                    }
                }

                Flips.Add(new Flip(row + 1, totalA, Decision(sa.Status[i]), totalB, Decision(sb.Status[i]), moved));
            }
        }

        public void Add(Accumulator other, int keepFlips)
        {
            Baseline.Merge(other.Baseline);
            Reform?.Merge(other.Reform!);
            ToPass += other.ToPass;
            ToFail += other.ToFail;
            ScoreChanged += other.ScoreChanged;
            Flips.AddRange(other.Flips);
            Flips.Sort((x, y) => x.Row.CompareTo(y.Row));
            if (Flips.Count > keepFlips)
            {
                Flips.RemoveRange(keepFlips, Flips.Count - keepFlips);
            }

            for (var r = 0; r < Breakdowns.Length; r++)
            {
                foreach (var (key, counts) in other.Breakdowns[r])
                {
                    if (!Breakdowns[r].TryGetValue(key, out var mine))
                    {
                        Breakdowns[r][key] = mine = new long[3];
                    }

                    for (var i = 0; i < 3; i++)
                    {
                        mine[i] += counts[i];
                    }
                }
            }

            ErrorCount += other.ErrorCount;
            Errors.AddRange(other.Errors);
            Errors.Sort((x, y) => x.Row.CompareTo(y.Row));
            if (Errors.Count > 20)
            {
                Errors.RemoveRange(20, Errors.Count - 20);
            }
        }

        public SimulationReport Report(PopulationData baseline, PopulationData? reform, DateOnly asOf, TimeSpan elapsed, int keepFlips)
            => new()
            {
                Scheme = a.Id,
                AsOf = asOf,
                Population = baseline.Path,
                Count = baseline.Count,
                Elapsed = elapsed,
                Baseline = Baseline.Summary(a, baseline.Scheme.PackHash),
                Reform = Reform?.Summary(b!, reform!.Scheme.PackHash),
                ToPass = ToPass,
                ToFail = ToFail,
                ScoreChanged = ScoreChanged,
                Flips = Flips,
                Breakdowns = a.ReportBy.Select((name, r) => new Breakdown(name, Breakdowns[r]
                    .OrderByDescending(p => p.Value[0]).ThenBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => new BreakdownRow(p.Key, p.Value[0], p.Value[1], Reform is null ? null : p.Value[2])).ToList())).ToList(),
                Errors = ErrorCount,
                FirstErrors = Errors.Select(e => $"row {e.Row + 1}: {e.Message}").ToList(),
            };
    }

    private static string Decision(long status) => status switch
    {
        ResultLayout.Passed => "pass",
        ResultLayout.FailedGate => "fail-gate",
        _ => "fail-score",
    };

    private sealed class Outcome(int criteria)
    {
        public long Scored;
        public long Passed;
        public long FailedGate;
        public long FailedScore;
        public long TotalPoints;
        public readonly long[] CriterionPoints = new long[criteria];
        public readonly Dictionary<long, long> Histogram = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Add(Scores scores, int i)
        {
            Scored++;
            var status = scores.Status[i];
            var total = scores.Totals[i];
            TotalPoints += total;
            var bin = total / HistogramBin * HistogramBin;
            Histogram[bin] = Histogram.GetValueOrDefault(bin) + 1;
            for (var c = 0; c < CriterionPoints.Length; c++)
            {
                CriterionPoints[c] += scores.Points[(i * scores.Criteria) + c];
            }

            switch (status)
            {
                case (byte)ResultLayout.Passed:
                    Passed++;
                    return true;
                case (byte)ResultLayout.FailedGate:
                    FailedGate++;
                    return false;
                default:
                    FailedScore++;
                    return false;
            }
        }

        public void Merge(Outcome other)
        {
            Scored += other.Scored;
            Passed += other.Passed;
            FailedGate += other.FailedGate;
            FailedScore += other.FailedScore;
            TotalPoints += other.TotalPoints;
            for (var c = 0; c < CriterionPoints.Length; c++)
            {
                CriterionPoints[c] += other.CriterionPoints[c];
            }

            foreach (var (bin, count) in other.Histogram)
            {
                Histogram[bin] = Histogram.GetValueOrDefault(bin) + count;
            }
        }

        public RunSummary Summary(Scheme scheme, string hash) => new(
            hash, Scored, Passed, FailedGate, FailedScore,
            Scored == 0 ? 0 : Math.Round((decimal)TotalPoints / Scored, 1),
            Histogram.OrderBy(p => p.Key).Select(p => new HistogramBin(p.Key, p.Key + HistogramBin - 1, p.Value)).ToList(),
            scheme.ResultLayout.Criteria.Select((id, c) => new CriterionMean(id, Scored == 0 ? 0 : Math.Round((decimal)CriterionPoints[c] / Scored, 1))).ToList());
    }
}

public sealed record SimulationReport
{
    public required string Scheme { get; init; }
    public required DateOnly AsOf { get; init; }
    public required string Population { get; init; }
    public required int Count { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required RunSummary Baseline { get; init; }
    public RunSummary? Reform { get; init; }

    /// <summary>People who fail under the baseline and pass under the reform, and the reverse.</summary>
    public long ToPass { get; init; }

    public long ToFail { get; init; }
    public long ScoreChanged { get; init; }
    public required IReadOnlyList<Flip> Flips { get; init; }
    public required IReadOnlyList<Breakdown> Breakdowns { get; init; }
    public long Errors { get; init; }
    public IReadOnlyList<string> FirstErrors { get; init; } = [];
}

public sealed record RunSummary(string PackHash, long Scored, long Passed, long FailedGate, long FailedScore, decimal MeanTotal,
    IReadOnlyList<HistogramBin> Histogram, IReadOnlyList<CriterionMean> CriterionMeans);

public sealed record HistogramBin(long From, long To, long Count);

public sealed record CriterionMean(string Criterion, decimal MeanPoints);

/// <summary>A person whose decision differs between baseline and reform; <see cref="Row"/> counts the population's cases from 1.</summary>
public sealed record Flip(int Row, long BaselineTotal, string BaselineDecision, long ReformTotal, string ReformDecision, IReadOnlyList<CriterionChange> Criteria);

public sealed record CriterionChange(string Criterion, long Baseline, long Reform);

public sealed record Breakdown(string Input, IReadOnlyList<BreakdownRow> Rows);

public sealed record BreakdownRow(string Value, long Count, long BaselinePassed, long? ReformPassed);
