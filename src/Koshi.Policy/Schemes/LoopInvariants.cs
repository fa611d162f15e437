using System.Linq.Expressions;
using Koshi.Policy.Expressions;
using Koshi.Policy.Packs;
using E = System.Linq.Expressions.Expression;
using PE = System.Linq.Expressions.ParameterExpression;

namespace Koshi.Policy.Schemes;

/// <summary>Moves work that does not change from one case to the next out of the population loop: the parameter snapshot
/// and every parameter read are refreshed only when the law date leaves the period over which the parameters the rules
/// read keep their values (<see cref="LawPeriods"/>: lodgement dates spread over a year mostly share one), the batch's
/// arrays are fetched once, an integer compared with a decimal parameter is compared with the parameter's whole-number
/// bound, and the law date's year, month and day are worked out once for all ages. The results are those of the per-case
/// tree: a parameter with no value on the law date still fails at its use (the shared snapshot names the period's first
/// date; <c>Scheme.RowMessage</c> scores the row alone for a message naming its own date).</summary>
internal sealed class LoopInvariants(PE batch, HashSet<PE> snapshots) : ExpressionVisitor
{
    private readonly Dictionary<PE, Refresh> _refresh = [];

    // The parameters read through each snapshot, by index; null once a read's index is not a constant (then all of them).
    private readonly Dictionary<PE, HashSet<int>?> _used = [];
    private readonly Dictionary<(PE Snapshot, string Method, int Index), Hoisted> _reads = [];
    private readonly Dictionary<(PE Snapshot, int Index, ExpressionType Op), (PE Fits, PE Bound)> _bounds = [];
    private PE? _dates;

    /// <summary>Variables that live across the loop: promoted out of the per-case blocks.</summary>
    public List<PE> Variables { get; } = [];

    /// <summary>Statements to run once, before the loop.</summary>
    public List<E> Setup { get; } = [];

    private sealed class Refresh(PE day, PE from, PE until, PE period)
    {
        public PE Day { get; } = day;
        public PE From { get; } = from;
        public PE Until { get; } = until;
        public PE Period { get; } = period;
        public List<E> Statements { get; } = [];
    }

    private sealed record Hoisted(PE Present, PE Value);

    protected override E VisitBlock(BlockExpression node)
    {
        var promoted = new List<PE>();
        var body = new List<E>();
        var forAt = new List<(int At, PE Snapshot, E LawDay)>();
        foreach (var statement in node.Expressions)
        {
            switch (statement)
            {
                // The batch's arrays are the same for every row.
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: PE array, Right: MemberExpression { Expression: var owner } member }
                    when owner == batch && node.Variables.Contains(array):
                    promoted.Add(array);
                    Setup.Add(E.Assign(array, member));
                    body.Add(E.Empty());
                    break;

                // The snapshot for the law date: kept while the law date stays in the same period.
                case BinaryExpression { NodeType: ExpressionType.Assign, Left: PE snapshot, Right: MethodCallExpression { Method.Name: nameof(SnapshotCache.For) } call }
                    when snapshots.Contains(snapshot) && node.Variables.Contains(snapshot):
                    promoted.Add(snapshot);
                    Setup.Add(E.Assign(snapshot, E.Constant(null, snapshot.Type)));
                    forAt.Add((body.Count, snapshot, call.Arguments[0]));
                    var refresh = new Refresh(E.Variable(typeof(long), snapshot.Name + "_day"), E.Variable(typeof(long), snapshot.Name + "_from"),
                        E.Variable(typeof(long), snapshot.Name + "_until"), E.Variable(typeof(int), snapshot.Name + "_period"));
                    Variables.AddRange([refresh.Day, refresh.From, refresh.Until, refresh.Period]);

                    // An empty period to start with, so that the first row refreshes.
                    Setup.Add(E.Assign(refresh.From, E.Constant(long.MaxValue)));
                    Setup.Add(E.Assign(refresh.Until, E.Constant(long.MinValue)));
                    _refresh[snapshot] = refresh;
                    _used[snapshot] = [];
                    body.Add(E.Empty());
                    break;

                default:
                    body.Add(Visit(statement));
                    break;
            }
        }

        // Built after the block's other statements, which is where the reads to refresh were found.
        foreach (var (at, snapshot, lawDay) in forAt)
        {
            var refresh = _refresh[snapshot];
            var call = (MethodCallExpression)node.Expressions.OfType<BinaryExpression>().First(b => b.Left == snapshot).Right;
            var cache = (SnapshotCache)((ConstantExpression)call.Object!).Value!;
            var used = _used[snapshot];
            var periods = E.Constant(new LawPeriods(cache, used is null ? cache.Parameters : cache.Parameters.Where(p => used.Contains(p.Index))));
            body[at] = E.Block(
                E.Assign(refresh.Day, Visit(lawDay)),
                E.IfThen(
                    E.OrElse(E.LessThan(refresh.Day, refresh.From), E.GreaterThanOrEqual(refresh.Day, refresh.Until)),
                    E.Block([
                        E.Assign(refresh.Period, E.Call(periods, nameof(LawPeriods.Index), null, refresh.Day)),
                        E.Assign(snapshot, E.Call(periods, nameof(LawPeriods.Snapshot), null, refresh.Period, refresh.Day)),
                        .. refresh.Statements,
                        E.Assign(refresh.From, E.Call(periods, nameof(LawPeriods.Start), null, refresh.Period)),
                        E.Assign(refresh.Until, E.Call(periods, nameof(LawPeriods.End), null, refresh.Period)),
                    ])));
        }

        Variables.AddRange(promoted);
        return E.Block(node.Type, node.Variables.Where(v => !promoted.Contains(v)), body);
    }

    protected override E VisitParameter(PE node)
    {
        // The snapshot handed on whole: which parameters are read is not known here.
        if (_used.ContainsKey(node))
        {
            _used[node] = null;
        }

        return node;
    }

    protected override E VisitMethodCall(MethodCallExpression node)
    {
        if (node.Object is PE reader && _used.TryGetValue(reader, out var used))
        {
            if (used is not null && node.Arguments is [ConstantExpression { Value: int at }, ..])
            {
                used.Add(at);
            }
            else
            {
                _used[reader] = null;
            }
        }

        // A parameter read: the value and whether it is there, read once per period; a missing one fails as before.
        if (node.Object is PE snapshot && _refresh.TryGetValue(snapshot, out var refresh)
            && node.Method.Name is nameof(ParameterSnapshot.Long) or nameof(ParameterSnapshot.Decimal) or nameof(ParameterSnapshot.Bool)
                or nameof(ParameterSnapshot.Text) or nameof(ParameterSnapshot.Set)
            && node.Arguments is [ConstantExpression { Value: int index }])
        {
            var read = Read(snapshot, refresh, node, index);
            return E.Condition(read.Present, read.Value, node);
        }

        // Ages: the law date's parts are worked out once, not for every case.
        if (node.Method.DeclaringType == typeof(Runtime) && node.Method.Name == nameof(Runtime.YearsBetween))
        {
            if (_dates is null)
            {
                _dates = E.Variable(typeof(DateParts), "dates");
                Variables.Add(_dates);
                Setup.Add(E.Assign(_dates, E.New(typeof(DateParts))));
            }

            return E.Call(_dates, nameof(DateParts.YearsBetween), null, Visit(node.Arguments[0]), Visit(node.Arguments[1]));
        }

        // Any other read of a snapshot (a map, a scale): the snapshot itself stays as it is.
        if (node.Object is PE other && _refresh.ContainsKey(other))
        {
            return node.Update(node.Object, Visit(node.Arguments));
        }

        return base.VisitMethodCall(node);
    }

    protected override E VisitBinary(BinaryExpression node)
    {
        // (decimal)x OP param, with x a whole number: x OP' the parameter's whole-number bound, when the bound fits a long.
        if (node.NodeType is ExpressionType.GreaterThanOrEqual or ExpressionType.GreaterThan or ExpressionType.LessThanOrEqual or ExpressionType.LessThan
            or ExpressionType.Equal or ExpressionType.NotEqual)
        {
            if (Whole(node.Left) is { } x && DecimalParameter(node.Right) is { } right)
            {
                return Compare(node, x, right.Snapshot, right.Index, node.NodeType);
            }

            if (DecimalParameter(node.Left) is { } left && Whole(node.Right) is { } y)
            {
                return Compare(node, y, left.Snapshot, left.Index, Swap(node.NodeType));
            }
        }

        return base.VisitBinary(node);
    }

    private ConditionalExpression Compare(BinaryExpression original, E x, PE snapshot, int index, ExpressionType op)
    {
        var refresh = _refresh[snapshot];
        if (!_bounds.TryGetValue((snapshot, index, op), out var bound))
        {
            var read = Read(snapshot, refresh, E.Call(snapshot, nameof(ParameterSnapshot.Decimal), null, E.Constant(index)), index);
            bound = (E.Variable(typeof(bool), $"{snapshot.Name}_{index}_{op}_fits"), E.Variable(typeof(long), $"{snapshot.Name}_{index}_{op}_bound"));
            Variables.AddRange([bound.Fits, bound.Bound]);
            var method = op switch
            {
                ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan => nameof(DateParts.Ceiling),
                ExpressionType.GreaterThan or ExpressionType.LessThanOrEqual => nameof(DateParts.Floor),
                _ => nameof(DateParts.Exact),
            };
            refresh.Statements.Add(E.Assign(bound.Fits, E.AndAlso(read.Present,
                E.Call(typeof(DateParts).GetMethod(method)!, read.Value, bound.Bound))));
            _bounds[(snapshot, index, op)] = bound;
        }

        var whole = Visit(x);
        E fast = op switch
        {
            ExpressionType.GreaterThanOrEqual => E.GreaterThanOrEqual(whole, bound.Bound),
            ExpressionType.GreaterThan => E.GreaterThan(whole, bound.Bound),
            ExpressionType.LessThanOrEqual => E.LessThanOrEqual(whole, bound.Bound),
            ExpressionType.LessThan => E.LessThan(whole, bound.Bound),
            ExpressionType.Equal => E.Equal(whole, bound.Bound),
            _ => E.NotEqual(whole, bound.Bound),
        };
        return E.Condition(bound.Fits, fast, base.VisitBinary(original));
    }

    private Hoisted Read(PE snapshot, Refresh refresh, MethodCallExpression call, int index)
    {
        var key = (snapshot, call.Method.Name, index);
        if (!_reads.TryGetValue(key, out var read))
        {
            read = new Hoisted(E.Variable(typeof(bool), $"{snapshot.Name}_{index}_present"), E.Variable(call.Type, $"{snapshot.Name}_{index}_{call.Method.Name}"));
            Variables.AddRange([read.Present, read.Value]);
            refresh.Statements.Add(E.Assign(read.Present, E.Call(snapshot, nameof(ParameterSnapshot.Has), null, E.Constant(index))));
            refresh.Statements.Add(E.Assign(read.Value, E.Condition(read.Present, call, E.Default(call.Type))));
            _reads[key] = read;
        }

        return read;
    }

    private static E? Whole(E e) => e is UnaryExpression { NodeType: ExpressionType.Convert, Operand: { Type: var t } operand } && e.Type == typeof(decimal) && t == typeof(long)
        ? operand
        : null;

    private (PE Snapshot, int Index)? DecimalParameter(E e) => e is MethodCallExpression
    {
        Object: PE snapshot, Method.Name: nameof(ParameterSnapshot.Decimal), Arguments: [ConstantExpression { Value: int index }],
    } && _refresh.ContainsKey(snapshot)
        ? (snapshot, index)
        : null;

    private static ExpressionType Swap(ExpressionType op) => op switch
    {
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        _ => op,
    };
}

/// <summary>Run-time help for the population loop: ages against a law date whose parts are kept, and the whole-number
/// bounds that let an integer be compared with a decimal without converting it.</summary>
internal sealed class DateParts
{
    private long _day = long.MinValue;
    private int _year;
    private int _month;
    private int _dayOfMonth;

    /// <summary>The same as <see cref="Runtime.YearsBetween"/>, keeping the parts of the last <paramref name="to"/>.</summary>
    public long YearsBetween(long from, long to)
    {
        if (to < from)
        {
            return Runtime.YearsBetween(from, to);
        }

        if (to != _day)
        {
            DateOnly.FromDayNumber((int)to).Deconstruct(out var year, out var month, out var day);
            (_year, _month, _dayOfMonth, _day) = (year, month, day, to);
        }

        DateOnly.FromDayNumber((int)from).Deconstruct(out var fromYear, out var fromMonth, out var fromDay);
        if (fromMonth == 2 && fromDay == 29 && !DateTime.IsLeapYear(_year))
        {
            (fromMonth, fromDay) = (3, 1);
        }

        return _year - fromYear - (_month < fromMonth || (_month == fromMonth && _dayOfMonth < fromDay) ? 1 : 0);
    }

    /// <summary>The least whole number at or above <paramref name="value"/>, when it fits a long: <c>x &gt;= value</c> is <c>x &gt;= bound</c>.</summary>
    public static bool Ceiling(decimal value, out long bound) => Fits(decimal.Ceiling(value), out bound);

    /// <summary>The greatest whole number at or below <paramref name="value"/>, when it fits a long: <c>x &lt;= value</c> is <c>x &lt;= bound</c>.</summary>
    public static bool Floor(decimal value, out long bound) => Fits(decimal.Floor(value), out bound);

    /// <summary><paramref name="value"/> itself, when it is a whole number that fits a long.</summary>
    public static bool Exact(decimal value, out long bound) => Fits(value, out bound) && bound == value;

    private static bool Fits(decimal whole, out long bound)
    {
        if (whole is >= long.MinValue and <= long.MaxValue)
        {
            bound = decimal.ToInt64(decimal.Truncate(whole));
            return true;
        }

        bound = 0;
        return false;
    }
}
