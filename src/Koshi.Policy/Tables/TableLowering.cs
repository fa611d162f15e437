using System.Globalization;
using Koshi.Policy.Expressions;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Tables;

/// <summary>Turns a bound table into one expression of its value type that also stores the matched row (single hit)
/// or the mask of matched rows (collect): a lookup array for tables of constants, else a chain of tests.</summary>
internal static class TableLowering
{
    /// <summary>The table's expression: <paramref name="conditions"/> hold each row's test, <paramref name="cells"/> its
    /// cells as data (null for a row with a condition or a computed bound), <paramref name="values"/> and
    /// <paramref name="fallback"/> the bound values, of which <paramref name="type"/> is the common type.</summary>
    public static E Lower(DecisionTable table, List<Bound> columns, List<E> conditions, List<Cell[]?> cells, List<Bound> values, Bound? fallback,
        PolicyType type, E row, string what)
    {
        var coerced = values.Select(v => ExpressionBinder.Coerce(v, type)).ToList();
        var noMatch = fallback is not null
            ? ExpressionBinder.Coerce(fallback, type)
            : E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!, E.Constant($"{what}: no row of the table at {table.Position} matches, and it has no default")), type.ClrType);

        if (table.Hit is HitPolicy.First or HitPolicy.Unique && (Lookup(columns, cells, values, fallback, type, row) ?? Grid(columns, cells, values, fallback, type, row)) is { } lookup)
        {
            return lookup;
        }

        return table.Hit switch
        {
            HitPolicy.First => FirstHit(conditions, coerced, noMatch, row),
            HitPolicy.Unique when cells.Any(c => c is null) => UniqueChecked(table, conditions, coerced, noMatch, row, type, what),
            HitPolicy.Unique => FirstHit(conditions, coerced, noMatch, row),
            _ => Collect(table, conditions, coerced, fallback is null ? null : ExpressionBinder.Coerce(fallback, type), row, type, what),
        };
    }

    /// <summary>A one-column table over an enum or a condition whose rows give constants, and which has a value for every
    /// case, becomes two arrays indexed by the column's value: the matched row and its value.</summary>
    private static System.Linq.Expressions.BlockExpression? Lookup(List<Bound> columns, List<Cell[]?> cells, List<Bound> values, Bound? fallback, PolicyType type, E row)
    {
        if (columns.Count != 1 || columns[0].Type.Kind is not (ValueKind.Enum or ValueKind.Bool) || cells.Any(c => c?[0] is not MaskCell)
            || !type.IsNumber)
        {
            return null;
        }

        object? Constant(Bound b) => b.Expr is System.Linq.Expressions.ConstantExpression { Value: { } v }
            ? (type.Kind == ValueKind.Integer ? (object)Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture))
            : null;

        var constants = values.Select(Constant).ToList();
        var otherwise = fallback is null ? null : Constant(fallback);
        if (constants.Any(c => c is null) || (fallback is not null && otherwise is null))
        {
            return null;
        }

        var size = columns[0].Type.Kind == ValueKind.Bool ? 2 : columns[0].Type.Enum!.Values.Count;
        var rows = new long[size];
        var results = Array.CreateInstance(type.ClrType, size);
        for (var o = 0; o < size; o++)
        {
            var match = cells.FindIndex(c => (((MaskCell)c![0]).Mask & (1L << o)) != 0);
            if (match < 0 && otherwise is null)
            {
                return null;
            }

            rows[o] = match;
            results.SetValue(match < 0 ? otherwise : constants[match], o);
        }

        var index = E.Variable(typeof(int), "index");
        var column = columns[0].Type.Kind == ValueKind.Bool
            ? E.Condition(columns[0].Expr, E.Constant(1), E.Constant(0))
            : (E)E.Convert(columns[0].Expr, typeof(int));
        return E.Block(type.ClrType, [index],
            E.Assign(index, column),
            E.Assign(row, E.ArrayIndex(E.Constant(rows), index)),
            E.ArrayIndex(E.Constant(results, results.GetType()), index));
    }

    /// <summary>The most cells a table of constants is spread over when it becomes a lookup array.</summary>
    private const int GridLimit = 4096;

    /// <summary>A table of constants over conditions, enums and whole numbers read from variables becomes one array indexed by
    /// all its columns at once (a whole number clamped to just outside the bounds its cells name, where every cell's answer
    /// stops changing), and an array of the matched row: the first row that admits each combination, as the chain of tests
    /// would find it.</summary>
    private static System.Linq.Expressions.BlockExpression? Grid(List<Bound> columns, List<Cell[]?> cells, List<Bound> values, Bound? fallback, PolicyType type, E row)
    {
        if (cells.Any(c => c is null) || !type.IsNumber || columns.Any(c => c.Expr is not System.Linq.Expressions.ParameterExpression))
        {
            return null;
        }

        object? Constant(Bound b) => b.Expr is System.Linq.Expressions.ConstantExpression { Value: { } v }
            ? (type.Kind == ValueKind.Integer ? (object)Convert.ToInt64(v, CultureInfo.InvariantCulture) : Convert.ToDecimal(v, CultureInfo.InvariantCulture))
            : null;

        var constants = values.Select(Constant).ToList();
        var otherwise = fallback is null ? null : Constant(fallback);
        if (constants.Any(c => c is null) || (fallback is not null && otherwise is null))
        {
            return null;
        }

        // Per column: how many positions, the first whole number (for integer columns) and how a position reads the column.
        var axes = new List<(int Size, long Low, bool Whole)>();
        long total = 1;
        for (var i = 0; i < columns.Count; i++)
        {
            switch (columns[i].Type.Kind)
            {
                case ValueKind.Bool:
                    axes.Add((2, 0, false));
                    break;
                case ValueKind.Enum:
                    axes.Add((columns[i].Type.Enum!.Values.Count, 0, false));
                    break;
                case ValueKind.Integer:
                {
                    var bounds = cells.SelectMany(r => r![i].Bounds).ToList();
                    if (bounds.Count == 0)
                    {
                        axes.Add((1, 0, true));
                        break;
                    }

                    var low = decimal.Floor(bounds.Min()) - 1;
                    var high = decimal.Ceiling(bounds.Max()) + 1;
                    if (high - low >= GridLimit || low < long.MinValue || high > long.MaxValue)
                    {
                        return null;
                    }

                    axes.Add(((int)(high - low) + 1, (long)low, true));
                    break;
                }

                default:
                    return null;
            }

            total *= axes[^1].Size;
            if (total > GridLimit)
            {
                return null;
            }
        }

        var rows = new long[total];
        var results = Array.CreateInstance(type.ClrType, total);
        var position = new int[columns.Count];
        for (var flat = 0; flat < total; flat++)
        {
            for (int i = columns.Count - 1, rest = flat; i >= 0; i--)
            {
                position[i] = rest % axes[i].Size;
                rest /= axes[i].Size;
            }

            var match = cells.FindIndex(r =>
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var cell = r![i];
                    var admits = axes[i].Whole ? cell.Admits(axes[i].Low + position[i]) : cell.IsAny || (((MaskCell)cell).Mask & (1L << position[i])) != 0;
                    if (!admits)
                    {
                        return false;
                    }
                }

                return true;
            });
            if (match < 0 && otherwise is null)
            {
                return null;
            }

            rows[flat] = match;
            results.SetValue(match < 0 ? otherwise : constants[match], flat);
        }

        E? index = null;
        var stride = 1;
        for (var i = columns.Count - 1; i >= 0; i--)
        {
            var column = columns[i].Expr;
            E at = columns[i].Type.Kind switch
            {
                ValueKind.Bool => E.Condition(column, E.Constant(1), E.Constant(0)),
                ValueKind.Enum => E.Convert(column, typeof(int)),
                _ when axes[i].Size == 1 => E.Constant(0),
                _ => E.Convert(E.Subtract(
                    E.Call(typeof(Math).GetMethod(nameof(Math.Clamp), [typeof(long), typeof(long), typeof(long)])!, column,
                        E.Constant(axes[i].Low), E.Constant(axes[i].Low + axes[i].Size - 1)),
                    E.Constant(axes[i].Low)), typeof(int)),
            };
            at = stride == 1 ? at : E.Multiply(at, E.Constant(stride));
            index = index is null ? at : E.Add(at, index);
            stride *= axes[i].Size;
        }

        var flatIndex = E.Variable(typeof(int), "index");
        return E.Block(type.ClrType, [flatIndex],
            E.Assign(flatIndex, index!),
            E.Assign(row, E.ArrayIndex(E.Constant(rows), flatIndex)),
            E.ArrayIndex(E.Constant(results, results.GetType()), flatIndex));
    }

    private static E FirstHit(List<E> conditions, List<E> values, E noMatch, E row)
    {
        E result = E.Block(E.Assign(row, E.Constant(-1L)), noMatch);
        for (var i = conditions.Count - 1; i >= 0; i--)
        {
            result = E.Condition(conditions[i], E.Block(E.Assign(row, E.Constant((long)i)), values[i]), result);
        }

        return result;
    }

    private static System.Linq.Expressions.BlockExpression UniqueChecked(DecisionTable table, List<E> conditions, List<E> values, E noMatch, E row, PolicyType type, string what)
    {
        var result = E.Variable(type.ClrType, "value");
        var matches = E.Variable(typeof(int), "matches");
        var body = new List<E> { E.Assign(row, E.Constant(-1L)), E.Assign(matches, E.Constant(0)), E.Assign(result, E.Default(type.ClrType)) };
        for (var i = 0; i < conditions.Count; i++)
        {
            body.Add(E.IfThen(conditions[i], E.Block(E.PreIncrementAssign(matches), E.Assign(row, E.Constant((long)i)), E.Assign(result, values[i]))));
        }

        body.Add(E.IfThen(E.GreaterThan(matches, E.Constant(1)),
            E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!, E.Constant($"{what}: more than one row of the unique table at {table.Position} matches")))));
        body.Add(E.Condition(E.Equal(matches, E.Constant(0)), noMatch, result));
        return E.Block(type.ClrType, [result, matches], body);
    }

    private static System.Linq.Expressions.BlockExpression Collect(DecisionTable table, List<E> conditions, List<E> values, E? fallback, E row, PolicyType type, string what)
    {
        // The mask of matched rows decides "no match"; the row slot only reports it to the explanation.
        var acc = E.Variable(type.ClrType, "acc");
        var mask = E.Variable(typeof(long), "matched");
        var body = new List<E> { E.Assign(mask, E.Constant(0L)), E.Assign(acc, E.Default(type.ClrType)) };
        for (var i = 0; i < conditions.Count; i++)
        {
            var bit = E.Constant(1L << i);
            E update = table.Hit switch
            {
                HitPolicy.CollectCount => E.Assign(acc, E.Add(acc, E.Constant(1L))),
                HitPolicy.CollectSum => E.Assign(acc, type.Kind == ValueKind.Integer ? E.AddChecked(acc, values[i]) : E.Add(acc, values[i])),
                _ => E.Assign(acc, E.Condition(E.Equal(mask, E.Constant(0L)), values[i],
                    E.Call(typeof(Math).GetMethod(table.Hit == HitPolicy.CollectMax ? nameof(Math.Max) : nameof(Math.Min), [type.ClrType, type.ClrType])!, acc, values[i]))),
            };
            body.Add(E.IfThen(conditions[i], E.Block(update, E.Assign(mask, E.Or(mask, bit)))));
        }

        E none = fallback ?? (table.Hit is HitPolicy.CollectMax or HitPolicy.CollectMin
            ? E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!, E.Constant($"{what}: no row of the table at {table.Position} matches, and it has no default")), type.ClrType)
            : E.Default(type.ClrType));
        body.Add(E.Assign(row, mask));
        body.Add(E.Condition(E.Equal(mask, E.Constant(0L)), none, acc));
        return E.Block(type.ClrType, [acc, mask], body);
    }

}
