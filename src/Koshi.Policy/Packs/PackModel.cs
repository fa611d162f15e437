using System.Collections.Concurrent;

namespace Koshi.Policy.Packs;

/// <summary>What compiling a scheme or rule set needs from its pack: the parameters and the rounding rule.</summary>
internal sealed class PackModel
{
    public PackModel(IReadOnlyDictionary<string, ParameterDefinition> parameters, MidpointRounding rounding, IReadOnlyDictionary<string, LocalizedText>? translations = null)
    {
        Translations = translations ?? new Dictionary<string, LocalizedText>();
        Parameters = parameters;
        Rounding = rounding;
        ParameterList = [.. parameters.Values.OrderBy(p => p.Index)];
        Snapshots = new SnapshotCache(ParameterList);
    }

    public IReadOnlyDictionary<string, ParameterDefinition> Parameters { get; }
    public IReadOnlyList<ParameterDefinition> ParameterList { get; }
    public MidpointRounding Rounding { get; }
    public SnapshotCache Snapshots { get; }

    /// <summary>English texts the pack also gives in Russian and Kazakh (filled as the pack is read).</summary>
    public IReadOnlyDictionary<string, LocalizedText> Translations { get; }

    /// <summary>The full text of an English text the pack translated; for a composed row label ("input: label · by case")
    /// the label part is translated and the rest kept. Null when the pack gives English only.</summary>
    public LocalizedText? Translate(string? english)
    {
        if (english is null || Translations.Count == 0)
        {
            return null;
        }

        if (Translations.TryGetValue(english, out var exact))
        {
            return exact;
        }

        // "input: label · case": the part after each ": " in turn (the first is the input's), whole (a label composed
        // with its case is known as one text) or up to " · " (the label, the rest kept in English).
        foreach (var start in Starts(english))
        {
            if (start > 0 && Translations.TryGetValue(english[start..], out var tail))
            {
                return new LocalizedText(english, Prefixed(english[..start], tail.Ru), Prefixed(english[..start], tail.Kk));
            }

            var end = english.IndexOf(" · ", start, StringComparison.Ordinal) is var dot and >= 0 ? dot : english.Length;
            if ((start > 0 || end < english.Length) && Translations.TryGetValue(english[start..end], out var part))
            {
                string Compose(string? text) => text is null ? null! : english[..start] + text + english[end..];
                return new LocalizedText(Compose(part.En), part.Ru is null ? null : Compose(part.Ru), part.Kk is null ? null : Compose(part.Kk));
            }
        }

        return null;
    }

    private static string? Prefixed(string prefix, string? text) => text is null ? null : prefix + text;

    private static IEnumerable<int> Starts(string english)
    {
        var colon = english.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            yield return 0;
        }

        for (; colon >= 0; colon = english.IndexOf(": ", colon + 2, StringComparison.Ordinal))
        {
            yield return colon + 2;
        }
    }
}

/// <summary>Parameters resolved once per date; cases that share a law date share the snapshot.</summary>
internal sealed class SnapshotCache(IReadOnlyList<ParameterDefinition> parameters)
{
    private readonly ConcurrentDictionary<long, ParameterSnapshot> _byDay = new();
    private ParameterSnapshot? _last;

    /// <summary>Every parameter of the pack, by index.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters => parameters;

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
