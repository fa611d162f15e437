using System.Collections.Concurrent;

namespace Koshi.Policy.Packs;

/// <summary>What compiling a scheme or rule set needs from its pack: the parameters and the rounding rule.</summary>
internal sealed class PackModel
{
    public PackModel(IReadOnlyDictionary<string, ParameterDefinition> parameters, MidpointRounding rounding)
    {
        Parameters = parameters;
        Rounding = rounding;
        ParameterList = [.. parameters.Values.OrderBy(p => p.Index)];
        Snapshots = new SnapshotCache(ParameterList);
    }

    public IReadOnlyDictionary<string, ParameterDefinition> Parameters { get; }
    public IReadOnlyList<ParameterDefinition> ParameterList { get; }
    public MidpointRounding Rounding { get; }
    public SnapshotCache Snapshots { get; }
}

/// <summary>Parameters resolved once per date; cases that share a law date share the snapshot.</summary>
internal sealed class SnapshotCache(IReadOnlyList<ParameterDefinition> parameters)
{
    private readonly ConcurrentDictionary<long, ParameterSnapshot> _byDay = new();
    private ParameterSnapshot? _last;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ParameterSnapshot For(long day)
    {
        // Most runs use one law date for many cases: the last snapshot is checked before the dictionary.
        var last = _last;
        return last is not null && last.Day == day ? last : Find(day);
    }

    private ParameterSnapshot Find(long day)
    {
        var snapshot = _byDay.GetOrAdd(day, static (d, ps) => new ParameterSnapshot(DateOnly.FromDayNumber((int)d), ps), parameters);
        _last = snapshot;
        return snapshot;
    }
}
