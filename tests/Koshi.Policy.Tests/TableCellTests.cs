using Koshi.Policy.Tables;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Tests;

/// <summary>The ranges and cells a decision table's analysis compares, taken alone.</summary>
public sealed class TableCellTests
{
    private static readonly string[] Levels = ["a1", "a2", "b1", "b2"];

    private static Interval Closed(decimal low, decimal high) => new(low, true, high, true);

    private static IReadOnlyList<Interval> Parse(string text, bool dates = false)
        => Interval.Parse(text, dates, out var error) ?? throw new InvalidOperationException(error);

    [Theory]
    [InlineData(5, true)]
    [InlineData(10, true)]
    [InlineData(4.99, false)]
    [InlineData(10.01, false)]
    public void A_closed_range_admits_its_ends(double x, bool admitted) => Assert.Equal(admitted, Closed(5, 10).Admits((decimal)x));

    [Fact]
    public void Open_ends_and_missing_bounds()
    {
        var above = new Interval(5, false, null, false);
        Assert.False(above.Admits(5));
        Assert.True(above.Admits(5.0001m));
        Assert.True(above.Admits(decimal.MaxValue));
        Assert.True(new Interval(null, false, null, false).Admits(-1_000_000));
    }

    [Fact]
    public void Ranges_that_touch_overlap_only_when_both_ends_are_included()
    {
        Assert.True(Closed(0, 5).Overlaps(Closed(5, 9)));
        Assert.False(new Interval(0, true, 5, false).Overlaps(Closed(5, 9)));
        Assert.False(Closed(0, 5).Overlaps(new Interval(5, false, 9, true)));
        Assert.False(Closed(0, 4).Overlaps(Closed(5, 9)));
        Assert.True(new Interval(null, false, 3, true).Overlaps(new Interval(2, true, null, false)));
        Assert.Equal(Closed(5, 9).Overlaps(Closed(0, 5)), Closed(0, 5).Overlaps(Closed(5, 9)));
    }

    [Fact]
    public void A_range_contains_another_only_when_both_of_its_ends_lie_inside()
    {
        Assert.True(Closed(0, 10).Contains(Closed(0, 10)));
        Assert.True(Closed(0, 10).Contains(new Interval(0, false, 10, false)));
        Assert.False(new Interval(0, false, 10, false).Contains(Closed(0, 10)));
        Assert.False(Closed(0, 10).Contains(new Interval(0, true, null, false)));
        Assert.True(new Interval(null, false, null, false).Contains(Closed(-3, 3)));
        Assert.False(Closed(0, 10).Contains(Closed(-1, 5)));
    }

    [Fact]
    public void Cells_are_read_as_ranges()
    {
        Assert.Equal([Closed(18, 18)], Parse("18"));
        Assert.Equal([Closed(18, 18)], Parse("= 18"));
        Assert.Equal([new Interval(18, true, null, false)], Parse(">= 18"));
        Assert.Equal([new Interval(null, false, 18, false)], Parse("< 18"));
        Assert.Equal([Closed(18, 29)], Parse("18..29"));
        Assert.Empty(Parse("29..18"));
        Assert.Equal([new Interval(null, false, 0, false), new Interval(0, false, null, false)], Parse("!= 0"));

        var day = new DateOnly(2026, 3, 1).DayNumber;
        Assert.Equal([new Interval(day, true, null, false)], Parse(">= @2026-03-01", dates: true));
    }

    [Theory]
    [InlineData("abc", false, "'abc' is not a number (write a value, = v, != v, < v, <= v, > v, >= v, a..b or -)")]
    [InlineData(">= x", false, "'x' is not a number")]
    [InlineData("1..z", false, "'z' is not a number")]
    [InlineData("< 2026-13-01", true, "'2026-13-01' is not a date (YYYY-MM-DD)")]
    public void A_cell_that_is_no_range_says_why(string text, bool dates, string error)
    {
        Assert.Null(Interval.Parse(text, dates, out var reason));
        Assert.Equal(error, reason);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void A_whole_number_column_tests_a_fractional_range_at_the_whole_numbers_inside_it(long x, bool admitted)
    {
        var column = E.Parameter(typeof(long), "x");
        var test = E.Lambda<Func<long, bool>>(new Interval(2.5m, true, 7.5m, false).Test(column), column).Compile();

        Assert.Equal(admitted, test(x));
        Assert.Equal(admitted, new RangeCell([new Interval(2.5m, true, 7.5m, false)]).Admits(x));
    }

    [Fact]
    public void Cells_compare_by_the_values_they_admit()
    {
        var d = new Diagnostics();
        var level = new PolicyType(ValueKind.Enum, new EnumType([.. Levels.Select(v => new EnumValue(v, new LocalizedText(v)))]));
        Cell Read(string text, PolicyType type) => Cell.Parse(new YScalar(default, text, false), type, d);

        var fromB1 = Read(">= b1", level);
        Assert.Equal(new MaskCell(0b1100, 4), fromB1);
        Assert.True(Read("-", level).Covers(fromB1));
        Assert.True(Read("-", level).IsAny);
        Assert.True(fromB1.Covers(Read("b2", level)));
        Assert.False(fromB1.Intersects(Read("a1, a2", level)));
        Assert.True(Read("not a1", level).Covers(fromB1));

        var text = PolicyType.Text;
        Assert.True(Read("not x", text).Covers(Read("y, z", text)));
        Assert.False(Read("not x", text).Intersects(Read("x", text)));
        Assert.True(Read("not x", text).Intersects(Read("not y", text)));

        Assert.True(Read(">= 18", PolicyType.Integer).Covers(Read("18..30", PolicyType.Integer)));
        Assert.False(Read("< 18", PolicyType.Integer).Intersects(Read(">= 18", PolicyType.Integer)));
        Assert.True(Read("5..1", PolicyType.Integer).IsEmpty);
        Assert.False(d.HasErrors);

        Assert.Same(AnyCell.Instance, Read("nonsense", PolicyType.Integer));
        Assert.True(d.HasErrors);
    }
}
