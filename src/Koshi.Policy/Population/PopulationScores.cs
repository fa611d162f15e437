using Koshi.Policy.Schemes;

namespace Koshi.Policy.Population;

/// <summary>Every person's points per criterion, total and decision, for a whole population (compact: ints and bytes).</summary>
public sealed class PopulationScores
{
    private const int ChunkSize = 16_384;
    private readonly int[] _points;
    private readonly int[] _totals;
    private readonly byte[] _status;

    private PopulationScores(Scheme scheme, int count)
    {
        Scheme = scheme;
        Count = count;
        _points = new int[count * scheme.Criteria.Count];
        _totals = new int[count];
        _status = new byte[count];
    }

    public Scheme Scheme { get; }
    public int Count { get; }

    /// <summary>Cases the law could not be applied to (their decision reads <c>error</c>).</summary>
    public int Errors { get; private set; }

    public int Total(int person) => _totals[person];

    public int Points(int person, int criterion) => _points[(person * Scheme.Criteria.Count) + criterion];

    public string Decision(int person) => _status[person] switch
    {
        (byte)ResultLayout.Passed => Scheme.Ranks ? "ranked" : "pass",
        (byte)ResultLayout.FailedGate => "fail-gate",
        (byte)ResultLayout.FailedScore => "fail-score",
        _ => "error",
    };

    public int PassedCount => _status.Count(s => s == ResultLayout.Passed);

    /// <summary>Scores every case of <paramref name="population"/> as of <paramref name="asOf"/> on <paramref name="threads"/> threads.</summary>
    public static PopulationScores Score(PopulationData population, DateOnly asOf, int threads = 1)
    {
        var scheme = population.Scheme;
        var scores = new PopulationScores(scheme, population.Count);
        var chunks = (population.Count + ChunkSize - 1) / ChunkSize;
        var errors = 0;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            var end = Math.Min(population.Count, (chunk + 1) * ChunkSize);
            scheme.ScoreRange(population.Batch, chunk * ChunkSize, end, asOf.DayNumber, 0, scores._points, scores._totals, scores._status,
                (_, _) => Interlocked.Increment(ref errors));
        });
        scores.Errors = errors;
        return scores;
    }
}
