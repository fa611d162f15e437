using Koshi.Policy.Schemes;

namespace Koshi.Policy.Population;

/// <summary>Every person's points per criterion, total and decision, for a whole population (compact: ints and bytes).</summary>
public sealed class PopulationScores
{
    private const int ChunkSize = 4_096;
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
        (byte)ResultLayout.Passed => "pass",
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
        var criteria = scheme.Criteria.Count;
        var layout = scheme.ResultLayout;
        var stride = layout.Stride;
        var chunks = (population.Count + ChunkSize - 1) / ChunkSize;
        var errors = 0;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new long[stride], (chunk, _, output) =>
        {
            var end = Math.Min(population.Count, (chunk + 1) * ChunkSize);
            for (var person = chunk * ChunkSize; person < end; person++)
            {
                try
                {
                    scheme.Run(population.Batch, person, asOf.DayNumber, output, 0);
                }
                catch (PolicyEvaluationException)
                {
                    scores._status[person] = 255;
                    Interlocked.Increment(ref errors);
                    continue;
                }

                scores._totals[person] = (int)output[ResultLayout.Total];
                scores._status[person] = (byte)output[ResultLayout.Status];
                var at = person * criteria;
                for (var c = 0; c < criteria; c++)
                {
                    scores._points[at + c] = (int)output[layout.Points(c)];
                }
            }

            return output;
        }, _ => { });
        scores.Errors = errors;
        return scores;
    }
}
