namespace Koshi.Policy.Packs;

/// <summary>The stretches of time over which a chosen set of parameters all keep the same values: every dated value and
/// every end of a parameter starts a new one. Rows whose law dates fall in the same period read the same values, so the
/// population loop refreshes its parameter reads when a row's law date leaves the current period, not whenever it
/// changes (lodgement dates spread over a year are mostly different from row to row, their periods mostly the same).</summary>
internal sealed class LawPeriods
{
    private readonly long[] _starts;
    private readonly SnapshotCache _cache;
    private readonly ParameterSnapshot?[] _snapshots;

    public LawPeriods(SnapshotCache cache, IEnumerable<ParameterDefinition> parameters)
    {
        _cache = cache;
        var starts = new SortedSet<long>();
        foreach (var parameter in parameters)
        {
            foreach (var value in parameter.Values)
            {
                starts.Add(value.From.DayNumber);
            }

            if (parameter.Until is { } until)
            {
                starts.Add(until.DayNumber + 1L);
            }
        }

        _starts = [.. starts];
        _snapshots = new ParameterSnapshot?[_starts.Length + 1];
    }

    /// <summary>The period <paramref name="day"/> falls in: 0 before the first change day, i after the i-th.</summary>
    public int Index(long day)
    {
        var at = Array.BinarySearch(_starts, day);
        return at >= 0 ? at + 1 : ~at;
    }

    /// <summary>The first day of period <paramref name="index"/>.</summary>
    public long Start(int index) => index == 0 ? long.MinValue : _starts[index - 1];

    /// <summary>The first day after period <paramref name="index"/>.</summary>
    public long End(int index) => index == _starts.Length ? long.MaxValue : _starts[index];

    /// <summary>A snapshot for the period, resolved on <paramref name="day"/> when the period is first met: every
    /// parameter of the set has the same value on any day of the period. (Two threads may both resolve one; either is right.)</summary>
    public ParameterSnapshot Snapshot(int index, long day) => _snapshots[index] ??= _cache.For(day);
}
