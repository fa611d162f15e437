namespace Koshi.Policy;

/// <summary>The kinds of values a pack works with.</summary>
public enum ValueKind
{
    Integer,
    Decimal,
    Bool,
    Date,
    Text,
    Enum,
    Set,
    Record,

    /// <summary>A set of texts from a parameter (e.g. designated regions).</summary>
    TextSet,

    /// <summary>Marks an expression that already failed to type-check, so one mistake is reported once.</summary>
    Error,
}

/// <summary>One value of an enum, with its localised title.</summary>
public sealed record EnumValue(string Id, LocalizedText Title);

/// <summary>An ordered list of named values; order matters for comparisons (<c>kazakh_level >= 'b1'</c>).</summary>
public sealed class EnumType(IReadOnlyList<EnumValue> values)
{
    public IReadOnlyList<EnumValue> Values { get; } = values;

    public int IndexOf(string id)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (Values[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    public string Name(long ordinal) => Values[(int)ordinal].Id;

    public string Describe() => string.Join(", ", Values.Select(v => v.Id));

    /// <summary>Two enums with the same values in the same order are one type (a spouse's education and the applicant's).</summary>
    public bool SameValues(EnumType other)
        => ReferenceEquals(this, other) || Values.Select(v => v.Id).SequenceEqual(other.Values.Select(v => v.Id));
}

/// <summary>The static type of an expression or input.</summary>
internal sealed record PolicyType(ValueKind Kind, EnumType? Enum = null)
{
    public static readonly PolicyType Integer = new(ValueKind.Integer);
    public static readonly PolicyType Decimal = new(ValueKind.Decimal);
    public static readonly PolicyType Bool = new(ValueKind.Bool);
    public static readonly PolicyType Date = new(ValueKind.Date);
    public static readonly PolicyType Text = new(ValueKind.Text);
    public static readonly PolicyType TextSet = new(ValueKind.TextSet);
    public static readonly PolicyType Error = new(ValueKind.Error);

    public bool IsNumber => Kind is ValueKind.Integer or ValueKind.Decimal;

    public override string ToString() => Kind switch
    {
        ValueKind.Enum => "enum (" + Enum!.Describe() + ")",
        ValueKind.Set => "set of (" + Enum!.Describe() + ")",
        ValueKind.TextSet => "set of texts",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The CLR type compiled code uses: long for whole numbers, dates (day numbers), enum ordinals and set masks.</summary>
    public Type ClrType => Kind switch
    {
        ValueKind.Decimal => typeof(decimal),
        ValueKind.Bool => typeof(bool),
        ValueKind.Text => typeof(string),
        ValueKind.TextSet => typeof(System.Collections.Frozen.FrozenSet<string>),
        _ => typeof(long),
    };
}
