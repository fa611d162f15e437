using System.Globalization;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Tables;

/// <summary>
/// A range of numbers (dates as day numbers) that a cell of a number or date column admits; a missing bound is open-ended.
/// Kept as data, so the analysis can tell whether two rows' ranges meet or one holds the other.
/// </summary>
internal readonly record struct Interval(decimal? Low, bool LowIncluded, decimal? High, bool HighIncluded)
{
    public static Interval Exactly(decimal v) => new(v, true, v, true);

    /// <summary>Whether <paramref name="x"/> lies in the range.</summary>
    public bool Admits(decimal x)
        => (Low is not { } l || (LowIncluded ? x >= l : x > l)) && (High is not { } h || (HighIncluded ? x <= h : x < h));

    /// <summary>Some value lies in both ranges: neither ends before the other starts.</summary>
    public bool Overlaps(Interval other) => !EndsBefore(this, other) && !EndsBefore(other, this);

    /// <summary>Every value of <paramref name="inner"/> lies in this range too.</summary>
    public bool Contains(Interval inner)
    {
        var lowOk = Low is not { } ol || (inner.Low is { } il && (il > ol || (il == ol && (LowIncluded || !inner.LowIncluded))));
        var highOk = High is not { } oh || (inner.High is { } ih && (ih < oh || (ih == oh && (HighIncluded || !inner.HighIncluded))));
        return lowOk && highOk;
    }

    private static bool EndsBefore(Interval first, Interval second)
        => first.High is { } h && second.Low is { } l && (h < l || (h == l && !(first.HighIncluded && second.LowIncluded)));

    /// <summary>The test of a column's value (a <c>long</c> or a <c>decimal</c>) against this range. A whole-number
    /// column against a fractional bound tests the nearest whole number inside the range.</summary>
    public E Test(E column)
    {
        E Bound(decimal v) => column.Type == typeof(decimal) ? E.Constant(v) : E.Constant(decimal.ToInt64(decimal.Truncate(v)), typeof(long));
        var whole = column.Type == typeof(long);
        E? test = null;
        if (Low is { } l)
        {
            test = whole && l != decimal.Truncate(l)
                ? E.GreaterThanOrEqual(column, Bound(decimal.Ceiling(l)))
                : LowIncluded ? E.GreaterThanOrEqual(column, Bound(l)) : E.GreaterThan(column, Bound(l));
        }

        if (High is { } h)
        {
            E upper = whole && h != decimal.Truncate(h)
                ? E.LessThanOrEqual(column, Bound(decimal.Floor(h)))
                : HighIncluded ? E.LessThanOrEqual(column, Bound(h)) : E.LessThan(column, Bound(h));
            test = test is null ? upper : E.AndAlso(test, upper);
        }

        return test ?? E.Constant(true);
    }

    /// <summary>
    /// Reads a cell of a number or date column: <c>v</c>, <c>= v</c>, <c>!= v</c> (two ranges), <c>&lt; v</c>,
    /// <c>&lt;= v</c>, <c>&gt; v</c>, <c>&gt;= v</c> or <c>a..b</c> (none when a &gt; b). Null, with the reason in
    /// <paramref name="error"/>, when the text is none of these.
    /// </summary>
    public static IReadOnlyList<Interval>? Parse(string text, bool dates, out string? error)
    {
        error = null;
        foreach (var op in new[] { "!=", ">=", "<=", ">", "<", "=" })
        {
            if (!text.StartsWith(op, StringComparison.Ordinal))
            {
                continue;
            }

            if (Value(text[op.Length..], dates, out error) is not { } v)
            {
                return null;
            }

            return op switch
            {
                "!=" => [new(null, false, v, false), new(v, false, null, false)],
                ">=" => [new(v, true, null, false)],
                "<=" => [new(null, false, v, true)],
                ">" => [new(v, false, null, false)],
                "<" => [new(null, false, v, false)],
                _ => [Exactly(v)],
            };
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0)
        {
            var low = Value(text[..dots], dates, out error);
            var high = low is null ? null : Value(text[(dots + 2)..], dates, out error);
            if (low is null || high is null)
            {
                return null;
            }

            return low <= high ? [new(low, true, high, true)] : [];
        }

        if (Value(text, dates, out error) is not { } single)
        {
            error += " (write a value, = v, != v, < v, <= v, > v, >= v, a..b or -)";
            return null;
        }

        return [Exactly(single)];
    }

    private static decimal? Value(string s, bool dates, out string? error)
    {
        s = s.Trim();
        error = null;
        if (dates)
        {
            if (DateOnly.TryParseExact(s.TrimStart('@'), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date.DayNumber;
            }

            error = $"'{s}' is not a date (YYYY-MM-DD)";
            return null;
        }

        if (NodeReader.TryNumber(s, out var n))
        {
            return n;
        }

        error = $"'{s}' is not a number";
        return null;
    }
}
