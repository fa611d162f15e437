using Koshi.Policy.Expressions;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Tables;

/// <summary>
/// One cell of a table row: the set of column values it admits, kept as data so rows can be compared. The kinds are
/// closed: <see cref="AnyCell"/>, <see cref="MaskCell"/>, <see cref="RangeCell"/> and <see cref="TextCell"/>; every
/// switch over them names all four.
/// </summary>
internal abstract record Cell
{
    private protected Cell()
    {
    }

    /// <summary>Admits every value ("-"); no test is made.</summary>
    public abstract bool IsAny { get; }

    /// <summary>Admits no value, so its row can never match.</summary>
    public bool IsEmpty => this switch
    {
        AnyCell => false,
        MaskCell m => m.Mask == 0,
        RangeCell r => r.Intervals.Count == 0,
        TextCell t => t.Values.Count == 0 && !t.Negated,
        _ => throw Unknown(this),
    };

    /// <summary>The finite bounds of a range cell (none for other cells).</summary>
    public IEnumerable<decimal> Bounds => this is RangeCell r ? r.Intervals.SelectMany(i => new[] { i.Low, i.High }).OfType<decimal>() : [];

    /// <summary>Whether the cell admits the whole number <paramref name="x"/>, as its <see cref="Test"/> would.</summary>
    public bool Admits(long x) => IsAny || (this is RangeCell r && r.Intervals.Any(i => i.Admits(x)));

    /// <summary>The test this cell makes of its column's value, or null when it admits everything.</summary>
    public E? Test(E column)
    {
        if (IsAny)
        {
            return null;
        }

        switch (this)
        {
            case MaskCell { Size: 2, Mask: var mask } when column.Type == typeof(bool):
                return mask switch { 2 => column, 1 => E.Not(column), 0 => E.Constant(false), _ => null };
            case MaskCell m:
                var bit = E.LeftShift(E.Constant(1L), E.Convert(column, typeof(int)));
                return E.NotEqual(E.And(E.Constant(m.Mask), bit), E.Constant(0L));
            case TextCell t:
            {
                E? any = null;
                foreach (var value in t.Values)
                {
                    var eq = E.Equal(column, E.Constant(value));
                    any = any is null ? eq : E.OrElse(any, eq);
                }

                any ??= E.Constant(false);
                return t.Negated ? E.Not(any) : any;
            }

            case RangeCell r:
            {
                E? result = null;
                foreach (var interval in r.Intervals)
                {
                    var test = interval.Test(column);
                    result = result is null ? test : E.OrElse(result, test);
                }

                return result ?? E.Constant(false);
            }

            case AnyCell:
                return null;
            default:
                throw Unknown(this);
        }
    }

    /// <summary>Some value is admitted by both cells (of one column).</summary>
    public bool Intersects(Cell other) => (this, other) switch
    {
        _ when IsAny || other.IsAny => true,
        (MaskCell a, MaskCell b) => (a.Mask & b.Mask) != 0,
        (TextCell a, TextCell b) => (a.Negated, b.Negated) switch
        {
            (false, false) => a.Values.Overlaps(b.Values),
            (false, true) => !a.Values.IsSubsetOf(b.Values),
            (true, false) => !b.Values.IsSubsetOf(a.Values),
            _ => true,
        },
        (RangeCell a, RangeCell b) => a.Intervals.Any(x => b.Intervals.Any(x.Overlaps)),

        // Cells of different kinds do not share a column; assume they meet rather than report an overlap wrongly missed.
        (AnyCell or MaskCell or TextCell or RangeCell, AnyCell or MaskCell or TextCell or RangeCell) => true,
        _ => throw Unknown(this),
    };

    /// <summary>Every value <paramref name="other"/> admits, this cell admits too.</summary>
    public bool Covers(Cell other) => (this, other) switch
    {
        _ when IsAny => true,
        (MaskCell a, MaskCell b) => (b.Mask & ~a.Mask) == 0,
        _ when other.IsAny => false,
        (TextCell a, TextCell b) => (a.Negated, b.Negated) switch
        {
            (false, false) => b.Values.IsSubsetOf(a.Values),
            (true, false) => !b.Values.Overlaps(a.Values),
            (true, true) => a.Values.IsSubsetOf(b.Values),
            _ => false,
        },
        (RangeCell a, RangeCell b) => b.Intervals.All(y => a.Intervals.Any(x => x.Contains(y))),
        (AnyCell or MaskCell or TextCell or RangeCell, AnyCell or MaskCell or TextCell or RangeCell) => false,
        _ => throw Unknown(this),
    };

    private static InvalidOperationException Unknown(Cell cell) => new($"unknown kind of cell {cell.GetType().Name}");

    /// <summary>Reads a cell as its column's type takes it; a bad cell is reported and admits everything.</summary>
    public static Cell Parse(YScalar cell, PolicyType column, Diagnostics d)
    {
        var text = cell.Value.Trim();
        if (text == "-")
        {
            return column.Kind switch
            {
                ValueKind.Enum => new MaskCell(Full(column.Enum!.Values.Count), column.Enum.Values.Count, Dash: true),
                ValueKind.Bool => new MaskCell(3, 2, Dash: true),
                _ => AnyCell.Instance,
            };
        }

        switch (column.Kind)
        {
            case ValueKind.Integer or ValueKind.Decimal or ValueKind.Date:
            {
                var intervals = Interval.Parse(text, column.Kind == ValueKind.Date, out var error);
                if (intervals is null)
                {
                    d.Error(cell.Position, $"cell '{text}': {error}");
                    return AnyCell.Instance;
                }

                return new RangeCell(intervals);
            }

            case ValueKind.Bool:
                if (text is "true" or "false")
                {
                    return new MaskCell(text == "true" ? 2 : 1, 2);
                }

                d.Error(cell.Position, $"cell '{text}': a condition column takes true, false or -");
                return AnyCell.Instance;
            case ValueKind.Enum:
            {
                var mask = EnumMask(text, column.Enum!, out var error);
                if (mask is null)
                {
                    d.Error(cell.Position, $"cell '{text}': {error}");
                    return AnyCell.Instance;
                }

                return new MaskCell(mask.Value, column.Enum!.Values.Count);
            }

            case ValueKind.Text:
            {
                var negated = text.StartsWith("not ", StringComparison.Ordinal);
                var values = (negated ? text[4..] : text).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => v.Trim('\'', '"')).ToHashSet(StringComparer.Ordinal);
                return new TextCell(values, negated);
            }

            default:
                d.Error(cell.Position, $"a table column cannot test {ExpressionBinder.Article(column)}; use a row condition (when: \"…\")");
                return AnyCell.Instance;
        }
    }

    private static long Full(int size) => size >= 64 ? -1L : (1L << size) - 1;

    private static long? EnumMask(string text, EnumType type, out string? error)
    {
        error = null;
        var full = Full(type.Values.Count);
        int Index(string id, out string? err)
        {
            var index = type.IndexOf(id.Trim().Trim('\'', '"'));
            var suggestion = index < 0 ? ExpressionBinder.Closest(id.Trim().Trim('\'', '"'), type.Values.Select(v => v.Id)) : null;
            err = index < 0 ? $"'{id.Trim()}' is not one of: {type.Describe()}" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)") : null;
            return index;
        }

        foreach (var op in new[] { ">=", "<=", ">", "<" })
        {
            if (text.StartsWith(op, StringComparison.Ordinal))
            {
                var i = Index(text[op.Length..], out error);
                if (i < 0)
                {
                    return null;
                }

                var atLeast = op switch { ">=" => i, ">" => i + 1, _ => 0 };
                var atMost = op switch { "<=" => i, "<" => i - 1, _ => type.Values.Count - 1 };
                return Range(atLeast, atMost);
            }
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0)
        {
            var low = Index(text[..dots], out error);
            var high = low < 0 ? -1 : Index(text[(dots + 2)..], out error);
            return low < 0 || high < 0 ? null : Range(low, high);
        }

        var negated = text.StartsWith("not ", StringComparison.Ordinal);
        var mask = 0L;
        foreach (var part in (negated ? text[4..] : text).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = Index(part, out error);
            if (i < 0)
            {
                return null;
            }

            mask |= 1L << i;
        }

        return negated ? full & ~mask : mask;

        static long Range(int from, int to)
        {
            var mask = 0L;
            for (var i = from; i <= to; i++)
            {
                mask |= 1L << i;
            }

            return mask;
        }
    }
}

/// <summary>"-" in a number, date or text column, or a cell in error (reported once): admits every value.</summary>
internal sealed record AnyCell : Cell
{
    public static AnyCell Instance { get; } = new();

    private AnyCell()
    {
    }

    public override bool IsAny => true;
}

/// <summary>A cell of an enum or condition column: the admitted values as bits of <see cref="Mask"/> (a condition's
/// false is bit 0, true bit 1) out of <see cref="Size"/>; <see cref="Dash"/> when written "-" (every value).</summary>
internal sealed record MaskCell(long Mask, int Size, bool Dash = false) : Cell
{
    public override bool IsAny => Dash;
}

/// <summary>A cell of a number or date column: the union of its ranges.</summary>
internal sealed record RangeCell(IReadOnlyList<Interval> Intervals) : Cell
{
    public override bool IsAny => false;
}

/// <summary>A cell of a text column: the listed texts, or every text but them when <see cref="Negated"/>.</summary>
internal sealed record TextCell(IReadOnlySet<string> Values, bool Negated) : Cell
{
    public override bool IsAny => false;
}
