using System.Collections.Frozen;

namespace Koshi.Policy;

public enum ParameterType
{
    Integer,
    Decimal,
    Money,
    Percent,
    Bool,
    Text,
    Date,
    Set,
    Map,
    Scale,
}

/// <summary>One bracket of a scale: from <see cref="From"/> upward the value is <see cref="Value"/>.</summary>
public readonly record struct Bracket(decimal From, decimal Value);

/// <summary>A value in force from <see cref="From"/>, with where it comes from.</summary>
public sealed record DatedValue(DateOnly From, object Value, string? Source, bool Provisional, string? Note, SourcePosition Position)
{
    /// <summary>The value as people read it (sets and maps joined, brackets listed).</summary>
    public string Display => Value switch
    {
        FrozenSet<string> set => "[" + string.Join(", ", set.Order(StringComparer.Ordinal)) + "]",
        // Invariant like every number here: this text is stored with decisions, whatever the request's language.
        FrozenDictionary<string, decimal> map => "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Key}: {p.Value}"))) + "}",
        Bracket[] brackets => string.Join("; ", brackets.Select(b => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"from {b.From}: {b.Value}"))),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}

/// <summary>A named value of the law that changes by date.</summary>
public sealed class ParameterDefinition
{
    internal ParameterDefinition(string name, int index, ParameterType type, string? unit, LocalizedText title,
        IReadOnlyList<DatedValue> values, DateOnly? until, SourcePosition position)
    {
        Name = name;
        Index = index;
        Type = type;
        Unit = unit;
        Title = title;
        Values = values;
        Until = until;
        Position = position;
    }

    public string Name { get; }
    public ParameterType Type { get; }
    public string? Unit { get; }
    public LocalizedText Title { get; }
    public IReadOnlyList<DatedValue> Values { get; }
    public DateOnly? Until { get; }
    internal int Index { get; }
    internal SourcePosition Position { get; }

    /// <summary>The value in force on <paramref name="date"/>, or null where the law gives none.</summary>
    public DatedValue? ValueOn(DateOnly date)
    {
        if (Until is { } until && date > until)
        {
            return null;
        }

        DatedValue? found = null;
        foreach (var value in Values)
        {
            if (value.From > date)
            {
                break;
            }

            found = value;
        }

        return found;
    }

    /// <summary>Reading this map or scale gives whole numbers (points, counts) rather than decimals.</summary>
    internal bool WholeNumbers { get; set; }

    internal PolicyType ExpressionType => Type switch
    {
        ParameterType.Integer => PolicyType.Integer,
        ParameterType.Decimal or ParameterType.Money or ParameterType.Percent => PolicyType.Decimal,
        ParameterType.Bool => PolicyType.Bool,
        ParameterType.Text => PolicyType.Text,
        ParameterType.Date => PolicyType.Date,
        ParameterType.Set => PolicyType.TextSet,
        _ => PolicyType.Error,
    };
}

/// <summary>Every parameter of a pack resolved for one date, in arrays that compiled rules index directly.</summary>
public sealed class ParameterSnapshot
{
    private readonly IReadOnlyList<ParameterDefinition> _definitions;
    private readonly DatedValue?[] _values;
    private readonly long[] _longs;
    private readonly decimal[] _decimals;
    private readonly object?[] _objects;

    internal ParameterSnapshot(DateOnly date, IReadOnlyList<ParameterDefinition> definitions)
    {
        Date = date;
        Day = date.DayNumber;
        _definitions = definitions;
        _values = new DatedValue?[definitions.Count];
        _longs = new long[definitions.Count];
        _decimals = new decimal[definitions.Count];
        _objects = new object?[definitions.Count];
        for (var i = 0; i < definitions.Count; i++)
        {
            var value = definitions[i].ValueOn(date);
            _values[i] = value;
            switch (value?.Value)
            {
                case long l:
                    _longs[i] = l;
                    _decimals[i] = l;
                    break;
                case decimal d:
                    _decimals[i] = d;
                    break;
                case bool b:
                    _longs[i] = b ? 1 : 0;
                    break;
                case DateOnly day:
                    _longs[i] = day.DayNumber;
                    break;
                case { } other:
                    _objects[i] = other;
                    break;
            }
        }
    }

    public DateOnly Date { get; }

    /// <summary><see cref="Date"/> as a day number, the form compiled rules compare.</summary>
    internal long Day { get; }

    /// <summary>The dated value behind parameter <paramref name="index"/> (for explanations).</summary>
    internal DatedValue? Value(int index) => _values[index];

    internal ParameterDefinition Definition(int index) => _definitions[index];

    /// <summary>Whether parameter <paramref name="index"/> has a value on <see cref="Date"/>.</summary>
    internal bool Has(int index) => _values[index] is not null;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal long Long(int index) => _values[index] is null ? throw Missing(index) : _longs[index];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal decimal Decimal(int index) => _values[index] is null ? throw Missing(index) : _decimals[index];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool Bool(int index) => _values[index] is null ? throw Missing(index) : _longs[index] != 0;

    internal string Text(int index) => (string)(_objects[index] ?? throw Missing(index));

    internal FrozenSet<string> Set(int index) => (FrozenSet<string>)(_objects[index] ?? throw Missing(index));

    internal decimal Lookup(int index, string key)
    {
        var map = (FrozenDictionary<string, decimal>)(_objects[index] ?? throw Missing(index));
        return map.TryGetValue(key, out var value)
            ? value
            : throw new PolicyEvaluationException($"parameter '{_definitions[index].Name}' has no entry '{key}' on {Date:yyyy-MM-dd}");
    }

    internal decimal LookupOr(int index, string key, decimal fallback)
    {
        var map = (FrozenDictionary<string, decimal>)(_objects[index] ?? throw Missing(index));
        return map.TryGetValue(key, out var value) ? value : fallback;
    }

    internal decimal Scale(int index, decimal x)
    {
        var brackets = (Bracket[])(_objects[index] ?? throw Missing(index));
        var result = (decimal?)null;
        foreach (var bracket in brackets)
        {
            if (bracket.From > x)
            {
                break;
            }

            result = bracket.Value;
        }

        return result ?? throw new PolicyEvaluationException(
            $"parameter '{_definitions[index].Name}' has no bracket for {x} on {Date:yyyy-MM-dd} (the first starts at {brackets[0].From})");
    }

    private PolicyEvaluationException Missing(int index)
    {
        var definition = _definitions[index];
        var first = definition.Values.Count > 0 ? definition.Values[0].From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "never";
        return new PolicyEvaluationException(
            $"parameter '{definition.Name}' has no value on {Date:yyyy-MM-dd} (values from {first}{(definition.Until is { } u ? $" until {u:yyyy-MM-dd}" : string.Empty)})");
    }
}
