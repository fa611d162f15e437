using System.Text.RegularExpressions;

namespace Koshi.Policy;

public enum InputKind
{
    Integer,
    Decimal,
    Bool,
    Date,
    Text,
    Enum,
    Set,
    Record,
}

/// <summary>A typed input of a scheme or rule set, as the pack declares it.</summary>
public sealed class InputDefinition
{
    internal InputDefinition(string name, InputKind kind, LocalizedText title)
    {
        Name = name;
        Kind = kind;
        Title = title;
    }

    /// <summary>The full name; a record's field is named <c>record.field</c>.</summary>
    public string Name { get; }

    public InputKind Kind { get; }
    public LocalizedText Title { get; }
    public IReadOnlyList<EnumValue> Values => Enum?.Values ?? [];
    public bool Required => Default is null && Kind != InputKind.Record;

    /// <summary>The value used when a case leaves the input out: long, decimal, bool, DateOnly, string or string[] (sets).</summary>
    public object? Default { get; internal set; }

    public decimal? Min { get; internal set; }
    public decimal? Max { get; internal set; }
    public string? Pattern => PatternRegex?.ToString();
    public bool Changeable { get; internal set; }
    public IReadOnlyList<InputDefinition> Fields { get; internal set; } = [];
    public LocalizedText? Help { get; internal set; }

    internal EnumType? Enum { get; set; }
    internal Regex? PatternRegex { get; set; }
    internal SourcePosition Position { get; set; }

    /// <summary>Where the compiled rules read this input: an index into the case's long, decimal or text slots.</summary>
    internal int Slot { get; set; } = -1;

    internal PolicyType Type => Kind switch
    {
        InputKind.Integer => PolicyType.Integer,
        InputKind.Decimal => PolicyType.Decimal,
        InputKind.Bool => PolicyType.Bool,
        InputKind.Date => PolicyType.Date,
        InputKind.Text => PolicyType.Text,
        InputKind.Enum => new PolicyType(ValueKind.Enum, Enum),
        InputKind.Set => new PolicyType(ValueKind.Set, Enum),
        _ => PolicyType.Error,
    };

    internal SlotStore Store => Kind switch
    {
        InputKind.Decimal => SlotStore.Decimal,
        InputKind.Text => SlotStore.Text,
        _ => SlotStore.Long,
    };
}

internal enum SlotStore
{
    Long,
    Decimal,
    Text,
}

/// <summary>How a scheme's inputs sit in memory: every leaf input (record fields flattened) gets one slot.</summary>
internal sealed class CaseLayout
{
    public CaseLayout(IReadOnlyList<InputDefinition> inputs)
    {
        Inputs = inputs;
        var leaves = new List<InputDefinition>();
        Flatten(inputs, leaves);
        Leaves = leaves;
        foreach (var leaf in leaves)
        {
            leaf.Slot = leaf.Store switch
            {
                SlotStore.Long => LongCount++,
                SlotStore.Decimal => DecimalCount++,
                _ => TextCount++,
            };
            ByName[leaf.Name] = leaf;
        }
    }

    public IReadOnlyList<InputDefinition> Inputs { get; }
    public IReadOnlyList<InputDefinition> Leaves { get; }
    public Dictionary<string, InputDefinition> ByName { get; } = new(StringComparer.Ordinal);
    public int LongCount { get; }
    public int DecimalCount { get; }
    public int TextCount { get; }

    /// <summary>Two layouts read the same data the same way (used to share one parsed population between packs).</summary>
    public bool SameShape(CaseLayout other)
        => Leaves.Count == other.Leaves.Count
           && Leaves.Zip(other.Leaves).All(p => p.First.Name == p.Second.Name && p.First.Kind == p.Second.Kind
                                                && p.First.Values.Select(v => v.Id).SequenceEqual(p.Second.Values.Select(v => v.Id)));

    private static void Flatten(IEnumerable<InputDefinition> inputs, List<InputDefinition> into)
    {
        foreach (var input in inputs)
        {
            if (input.Kind == InputKind.Record)
            {
                Flatten(input.Fields, into);
            }
            else
            {
                into.Add(input);
            }
        }
    }
}
