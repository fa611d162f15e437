using System.Globalization;
using Koshi.Policy.Expressions;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Tables;

public enum HitPolicy
{
    First,
    Unique,
    CollectSum,
    CollectMax,
    CollectMin,
    CollectCount,
}

/// <summary>A row as the table tests it; <see cref="Number"/> is the row as the pack writes it (from 1), which a row
/// with a value per case of the table's <c>by</c> column shares with its siblings.</summary>
internal sealed record TableRow(SourcePosition Position, IReadOnlyList<YScalar>? Cells, YScalar? When, YScalar Value, string? Label, int Number);

/// <summary>A decision table as the pack writes it: columns (expressions), rows of cells and a value per row.</summary>
internal sealed class DecisionTable
{
    public required SourcePosition Position { get; init; }
    public required HitPolicy Hit { get; init; }
    public required IReadOnlyList<YScalar> Columns { get; init; }
    public required IReadOnlyList<TableRow> Rows { get; init; }
    public YScalar? Default { get; init; }

    /// <summary>The column whose cases the rows' values are given per (the last of <see cref="Columns"/>), if any.</summary>
    public YScalar? By { get; init; }

    /// <summary>Labels people see for each row: the pack's label, or the cells joined.</summary>
    public IReadOnlyList<string> RowLabels => Rows.Select(r => r.Label
        ?? (r.When is not null ? r.When.Value : string.Join(" · ", r.Cells!.Select((c, i) => (c, i))
            .Where(x => !(By is not null && x.i == Columns.Count - 1 && x.c.Value == "-")).Select(x => $"{Columns[x.i].Value} {x.c.Value}")))).ToList();

    /// <summary>The row as the pack numbers it (from 1), for each row the table tests.</summary>
    public IReadOnlyList<int> RowNumbers => Rows.Select(r => r.Number).ToList();

    /// <summary>The matched row for the explanation: its number in the pack and its label.</summary>
    public MatchedRow Matched(int row) => new(Rows[row].Number, RowLabels[row]);

    public static DecisionTable? Read(YNode node, Diagnostics d, string valueKey, SourcePosition parent)
    {
        var map = NodeReader.Mapping(node, d, "table", parent);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, "a table", "hit", "columns", "by", "rows", "default");
        var hitText = NodeReader.Scalar(map["hit"], d, "hit", map.Position, required: false);
        var hit = HitPolicy.First;
        if (hitText is not null)
        {
            HitPolicy? parsed = hitText.Value switch
            {
                "first" => HitPolicy.First,
                "unique" => HitPolicy.Unique,
                "collect-sum" or "sum" => HitPolicy.CollectSum,
                "collect-max" or "max" => HitPolicy.CollectMax,
                "collect-min" or "min" => HitPolicy.CollectMin,
                "collect-count" or "count" => HitPolicy.CollectCount,
                _ => null,
            };
            if (parsed is null)
            {
                d.Error(hitText.Position, $"unknown hit policy '{hitText.Value}' (expected first, unique, collect-sum, collect-max, collect-min or collect-count)");
            }

            hit = parsed ?? HitPolicy.First;
        }

        var columns = new List<YScalar>();
        if (map["columns"] is { } columnsNode && NodeReader.Sequence(columnsNode, d, "columns", map.Position) is { } columnList)
        {
            foreach (var c in columnList.Items)
            {
                if (NodeReader.Scalar(c, d, "a column", columnList.Position) is { } column)
                {
                    columns.Add(column);
                }
            }
        }

        // by: a value column per case of another input. Each row's value is then a mapping from a cell of the 'by'
        // column (true / false, an enum value, '>= b1' …) to the value, and the row is tested as one row per entry
        // with that cell as its last; a plain value applies to every case.
        var by = map["by"] is { } byNode ? NodeReader.Scalar(byNode, d, "by", map.Position) : null;
        var dataColumns = columns.Count;
        if (by is not null)
        {
            columns.Add(by);
        }

        var rows = new List<TableRow>();
        var rowList = NodeReader.Sequence(map["rows"], d, "rows", map.Position);
        var number = 0;
        foreach (var rowNode in rowList?.Items ?? [])
        {
            number++;
            var row = NodeReader.Mapping(rowNode, d, "a row", rowList!.Position);
            if (row is null)
            {
                continue;
            }

            NodeReader.OnlyKeys(row, d, "a row", "when", valueKey, "label");
            var label = NodeReader.Translatable(row["label"], d, "label", row.Position);
            var cases = new List<(YScalar? ByCell, YScalar Value)>();
            if (by is not null && row[valueKey] is YMapping perCase)
            {
                foreach (var (key, caseValue) in perCase.Entries)
                {
                    if (NodeReader.Scalar(caseValue, d, $"the row's '{valueKey}' for {by.Value} {key.Value}", key.Position) is { } v)
                    {
                        cases.Add((key, v));
                    }
                }
            }
            else if (row[valueKey] is YMapping && by is null)
            {
                d.Error(row[valueKey]!.Position, $"the row's '{valueKey}' is a value per case: give the table a 'by' column whose cases the keys name");
                continue;
            }
            else if (NodeReader.Scalar(row[valueKey], d, $"the row's '{valueKey}'", row.Position) is { } single)
            {
                cases.Add((by is null ? null : new YScalar(single.Position, "-", true), single));
            }

            switch (row["when"])
            {
                case YSequence cells:
                {
                    var scalars = cells.Items.Select(c => NodeReader.Scalar(c, d, "a cell", cells.Position)).ToList();
                    if (scalars.Count != dataColumns)
                    {
                        d.Error(cells.Position, $"the row has {scalars.Count} cell(s) but the table has {dataColumns} column(s)");
                        continue;
                    }

                    if (scalars.All(s => s is not null))
                    {
                        foreach (var (byCell, value) in cases)
                        {
                            var rowCells = byCell is null ? scalars! : scalars!.Append(byCell).ToList();
                            var caseLabel = label is null || byCell is null || byCell.Value == "-" ? label : $"{label} · {by!.Value} {byCell.Value}";
                            rows.Add(new TableRow(row.Position, rowCells!, null, value, caseLabel, number));
                        }
                    }

                    break;
                }

                case YScalar condition:
                    if (by is not null && cases.Any(c => c.ByCell?.Value != "-"))
                    {
                        d.Error(condition.Position, $"a row with a condition cannot give a value per case of '{by.Value}': write the cells as a list");
                    }
                    else if (cases.Count == 1)
                    {
                        rows.Add(new TableRow(row.Position, null, condition, cases[0].Value, label, number));
                    }

                    break;
                case null:
                    d.Error(row.Position, "the row has no 'when' (a list of cells, or a condition)");
                    break;
                default:
                    d.Error(row["when"]!.Position, "'when' must be a list of cells or a condition");
                    break;
            }
        }

        if (number == 0 && rowList is not null)
        {
            d.Error(rowList.Position, "a table needs at least one row");
        }

        if (hit is not HitPolicy.First and not HitPolicy.Unique && rows.Count > 63)
        {
            d.Error(map.Position, "a collect table can have at most 63 rows");
        }

        return new DecisionTable
        {
            Position = map.Position,
            Hit = hit,
            Columns = columns,
            By = by,
            Rows = rows,
            Default = NodeReader.Scalar(map["default"], d, "default", map.Position, required: false),
        };
    }

    /// <summary>Binds the table into one expression of its value type that also stores the matched row
    /// (single-hit: its index, -1 for the default) or the mask of matched rows (collect) in <paramref name="row"/>.</summary>
    public Bound Compile(ExpressionBinder binder, E row, PolicyType? expected, string what)
    {
        var d = binder.Context.Diagnostics;
        var columns = Columns.Select(c => binder.BindText(c.Value, NodeReader.TextStart(c))).ToList();
        if (columns.Any(c => c.IsError))
        {
            return Bound.Error;
        }

        var conditions = new List<E>();
        var cells = new List<Cell[]?>();
        foreach (var r in Rows)
        {
            if (r.When is not null)
            {
                var when = binder.Expect(binder.BindText(r.When.Value, NodeReader.TextStart(r.When)), PolicyType.Bool, r.When.Position, "a row's condition");
                conditions.Add(when.IsError ? E.Constant(false) : when.Expr);
                cells.Add(null);
                continue;
            }

            var rowCells = new Cell[columns.Count];
            E? condition = null;
            var opaque = false;
            for (var i = 0; i < columns.Count; i++)
            {
                var errors = d.ErrorCount;
                E? test;
                if (ExpressionCell(r.Cells![i], columns[i], binder) is { } computed)
                {
                    // A bound computed by the law (">= 3 * param(median_wage)"): the analysis cannot see its value.
                    opaque = true;
                    test = computed;
                }
                else
                {
                    rowCells[i] = Cell.Parse(r.Cells![i], columns[i].Type, d);
                    test = rowCells[i].Test(columns[i].Expr);
                }

                // A bad cell is reported once; left out of the analysis, it cannot also make the row look unreachable.
                opaque |= d.ErrorCount > errors;
                if (test is not null)
                {
                    condition = condition is null ? test : E.AndAlso(condition, test);
                }
            }

            conditions.Add(condition ?? E.Constant(true));
            cells.Add(opaque ? null : rowCells);
        }

        var values = Rows.Select(r => binder.BindText(r.Value.Value, NodeReader.TextStart(r.Value))).ToList();
        var fallback = Default is null ? null : binder.BindText(Default.Value, NodeReader.TextStart(Default));
        if (values.Any(v => v.IsError) || fallback is { IsError: true })
        {
            return Bound.Error;
        }

        PolicyType? type = Hit == HitPolicy.CollectCount ? PolicyType.Integer : values[0].Type;
        foreach (var v in values.Skip(1).Append(fallback).OfType<Bound>())
        {
            type = type is null ? null : ExpressionBinder.Unify(type, v.Type);
        }

        if (type is null)
        {
            d.Error(Position, "the rows' values do not share one type");
            return Bound.Error;
        }

        if (Hit is HitPolicy.CollectSum or HitPolicy.CollectMax or HitPolicy.CollectMin && !type.IsNumber)
        {
            d.Error(Position, $"a {Hit} table needs numbers as values");
            return Bound.Error;
        }

        if (expected is not null)
        {
            var check = binder.Expect(new Bound(E.Default(type.ClrType), type), expected, Position, what);
            if (check.IsError)
            {
                return check;
            }

            type = expected;
        }

        Analyse(cells, d);
        var coerced = values.Select(v => ExpressionBinder.Coerce(v, type)).ToList();
        var noMatch = fallback is not null
            ? ExpressionBinder.Coerce(fallback, type)
            : E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!, E.Constant($"{what}: no row of the table at {Position} matches, and it has no default")), type.ClrType);

        if (Hit is HitPolicy.First or HitPolicy.Unique && (Lookup(columns, cells, values, fallback, type, row) ?? Grid(columns, cells, values, fallback, type, row)) is { } lookup)
        {
            return new Bound(lookup, type);
        }

        var result = Hit switch
        {
            HitPolicy.First => FirstHit(conditions, coerced, noMatch, row),
            HitPolicy.Unique when cells.Any(c => c is null) => UniqueChecked(conditions, coerced, noMatch, row, type, what),
            HitPolicy.Unique => FirstHit(conditions, coerced, noMatch, row),
            _ => Collect(conditions, coerced, fallback is null ? null : ExpressionBinder.Coerce(fallback, type), row, type, what),
        };
        return new Bound(result, type);
    }

    /// <summary>A one-column table over an enum or a condition whose rows give constants, and which has a value for every
    /// case, becomes two arrays indexed by the column's value: the matched row and its value.</summary>
    private static System.Linq.Expressions.BlockExpression? Lookup(List<Bound> columns, List<Cell[]?> cells, List<Bound> values, Bound? fallback, PolicyType type, E row)
    {
        if (columns.Count != 1 || columns[0].Type.Kind is not (ValueKind.Enum or ValueKind.Bool) || cells.Any(c => c?[0].Mask is null)
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
            var match = cells.FindIndex(c => (c![0].Mask!.Value & (1L << o)) != 0);
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
                    var admits = axes[i].Whole ? cell.Admits(axes[i].Low + position[i]) : cell.IsAny || (cell.Mask!.Value & (1L << position[i])) != 0;
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

    private System.Linq.Expressions.BlockExpression UniqueChecked(List<E> conditions, List<E> values, E noMatch, E row, PolicyType type, string what)
    {
        var result = E.Variable(type.ClrType, "value");
        var matches = E.Variable(typeof(int), "matches");
        var body = new List<E> { E.Assign(row, E.Constant(-1L)), E.Assign(matches, E.Constant(0)), E.Assign(result, E.Default(type.ClrType)) };
        for (var i = 0; i < conditions.Count; i++)
        {
            body.Add(E.IfThen(conditions[i], E.Block(E.PreIncrementAssign(matches), E.Assign(row, E.Constant((long)i)), E.Assign(result, values[i]))));
        }

        body.Add(E.IfThen(E.GreaterThan(matches, E.Constant(1)),
            E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!, E.Constant($"{what}: more than one row of the unique table at {Position} matches")))));
        body.Add(E.Condition(E.Equal(matches, E.Constant(0)), noMatch, result));
        return E.Block(type.ClrType, [result, matches], body);
    }

    private System.Linq.Expressions.BlockExpression Collect(List<E> conditions, List<E> values, E? fallback, E row, PolicyType type, string what)
    {
        // The mask of matched rows decides "no match"; the row slot only reports it to the explanation.
        var acc = E.Variable(type.ClrType, "acc");
        var mask = E.Variable(typeof(long), "matched");
        var body = new List<E> { E.Assign(mask, E.Constant(0L)), E.Assign(acc, E.Default(type.ClrType)) };
        for (var i = 0; i < conditions.Count; i++)
        {
            var bit = E.Constant(1L << i);
            E update = Hit switch
            {
                HitPolicy.CollectCount => E.Assign(acc, E.Add(acc, E.Constant(1L))),
                HitPolicy.CollectSum => E.Assign(acc, type.Kind == ValueKind.Integer ? E.AddChecked(acc, values[i]) : E.Add(acc, values[i])),
                _ => E.Assign(acc, E.Condition(E.Equal(mask, E.Constant(0L)), values[i],
                    E.Call(typeof(Math).GetMethod(Hit == HitPolicy.CollectMax ? nameof(Math.Max) : nameof(Math.Min), [type.ClrType, type.ClrType])!, acc, values[i]))),
            };
            body.Add(E.IfThen(conditions[i], E.Block(update, E.Assign(mask, E.Or(mask, bit)))));
        }

        E none = fallback ?? (Hit is HitPolicy.CollectMax or HitPolicy.CollectMin
            ? E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!, E.Constant($"{what}: no row of the table at {Position} matches, and it has no default")), type.ClrType)
            : E.Default(type.ClrType));
        body.Add(E.Assign(row, mask));
        body.Add(E.Condition(E.Equal(mask, E.Constant(0L)), none, acc));
        return E.Block(type.ClrType, [acc, mask], body);
    }

    private static readonly string[] Comparisons = [">=", "<=", "!=", ">", "<", "="];

    /// <summary>
    /// A cell of a number or date column whose bound is an expression (<c>&gt;= 3 * param(median_wage)</c>,
    /// <c>&lt;= add_years(law_date, -18)</c>): the comparison, bound like any expression; null for a cell of constants.
    /// </summary>
    private static E? ExpressionCell(YScalar cell, Bound column, ExpressionBinder binder)
    {
        if (!column.Type.IsNumber && column.Type.Kind != ValueKind.Date)
        {
            return null;
        }

        var text = cell.Value.Trim();
        var op = Comparisons.FirstOrDefault(o => text.StartsWith(o, StringComparison.Ordinal));
        var rest = op is null ? text : text[op.Length..];
        if (!rest.Any(ch => char.IsLetter(ch) || ch is '(' or '*' or '/' or '+'))
        {
            return null;
        }

        var start = NodeReader.TextStart(cell);
        var at = start with { Column = start.Column + cell.Value.IndexOf(rest.TrimStart(), StringComparison.Ordinal) };
        var bound = binder.BindText(rest, at);
        if (bound.IsError)
        {
            return E.Constant(false);
        }

        var type = ExpressionBinder.Unify(column.Type, bound.Type);
        if (type is null || (column.Type.Kind == ValueKind.Date) != (bound.Type.Kind == ValueKind.Date))
        {
            binder.Context.Diagnostics.Error(at, $"cell '{text}': the column is {ExpressionBinder.Article(column.Type)}, the bound {ExpressionBinder.Article(bound.Type)}");
            return E.Constant(false);
        }

        var (l, r) = (ExpressionBinder.Coerce(column, type), ExpressionBinder.Coerce(bound, type));
        return (op ?? "=") switch
        {
            ">=" => E.GreaterThanOrEqual(l, r),
            "<=" => E.LessThanOrEqual(l, r),
            ">" => E.GreaterThan(l, r),
            "<" => E.LessThan(l, r),
            "!=" => E.NotEqual(l, r),
            _ => E.Equal(l, r),
        };
    }

    /// <summary>", for by-column value" when the row is one case of a row with a value per case.</summary>
    private string Case(int row) => By is { } by && Rows[row].Cells is { } cells && cells[^1].Value != "-" ? $" (for {by.Value} {cells[^1].Value})" : string.Empty;

    /// <summary>Load-time checks: rows that can never match (first) and rows that overlap (unique).</summary>
    private void Analyse(List<Cell[]?> rows, Diagnostics d)
    {
        if (Hit is not (HitPolicy.First or HitPolicy.Unique))
        {
            return;
        }

        for (var j = 0; j < rows.Count; j++)
        {
            if (rows[j] is not { } later)
            {
                continue;
            }

            if (later.Any(c => c.IsEmpty))
            {
                d.Warn(Rows[j].Position, "this row can never match: one of its cells admits no value");
                continue;
            }

            for (var i = 0; i < j; i++)
            {
                if (rows[i] is not { } earlier)
                {
                    continue;
                }

                if (Hit == HitPolicy.Unique && earlier.Zip(later).All(p => p.First.Intersects(p.Second)))
                {
                    d.Error(Rows[j].Position, $"row {Rows[j].Number}{Case(j)} overlaps row {Rows[i].Number}{Case(i)} (line {Rows[i].Position.Line}) in a unique table: some case would match both");
                    break;
                }

                if (Hit == HitPolicy.First && earlier.Zip(later).All(p => p.First.Covers(p.Second)))
                {
                    d.Error(Rows[j].Position, $"row {Rows[j].Number}{Case(j)} can never match: row {Rows[i].Number}{Case(i)} (line {Rows[i].Position.Line}) above it already matches every case it would");
                    break;
                }
            }
        }

        // One column of enums or conditions: the earlier rows together may cover a later one.
        if (Hit == HitPolicy.First && Columns.Count == 1 && rows.All(r => r is not null && r[0].Mask is not null))
        {
            var covered = 0L;
            for (var j = 0; j < rows.Count; j++)
            {
                var mask = rows[j]![0].Mask!.Value;
                if ((mask & ~covered) == 0 && mask != 0 && !rows.Take(j).Any(r => r![0].Covers(rows[j]![0])))
                {
                    d.Error(Rows[j].Position, $"row {Rows[j].Number}{Case(j)} can never match: the rows above it together match every value it would");
                }

                covered |= mask;
            }
        }
    }
}

/// <summary>One cell of a table row: the set of column values it admits, kept as data so rows can be compared.</summary>
internal sealed class Cell
{
    private readonly List<(decimal? Low, bool LowIn, decimal? High, bool HighIn)>? _intervals;
    private readonly HashSet<string>? _texts;
    private readonly bool _negated;
    private readonly int _enumSize;

    private Cell(List<(decimal?, bool, decimal?, bool)>? intervals = null, long? mask = null, int enumSize = 0, HashSet<string>? texts = null, bool negated = false, bool any = false)
    {
        _intervals = intervals;
        Mask = mask;
        _enumSize = enumSize;
        _texts = texts;
        _negated = negated;
        IsAny = any;
    }

    public bool IsAny { get; }

    /// <summary>For enums and conditions: the admitted values as a bit mask.</summary>
    public long? Mask { get; }

    /// <summary>The finite bounds of an interval cell (none for other cells).</summary>
    public IEnumerable<decimal> Bounds => _intervals?.SelectMany(i => new[] { i.Low, i.High }).OfType<decimal>() ?? [];

    /// <summary>Whether the cell admits the whole number <paramref name="x"/>, as its <see cref="Test"/> would.</summary>
    public bool Admits(long x) => IsAny || (_intervals is not null && _intervals.Any(i =>
        (i.Low is not { } l || (i.LowIn ? x >= l : x > l)) && (i.High is not { } h || (i.HighIn ? x <= h : x < h))));

    public bool IsEmpty => Mask == 0 || _intervals is { Count: 0 } || (_texts is { Count: 0 } && !_negated);

    private static readonly Cell Any = new(any: true);

    public static Cell Parse(YScalar cell, PolicyType column, Diagnostics d)
    {
        var text = cell.Value.Trim();
        if (text == "-")
        {
            return column.Kind switch
            {
                ValueKind.Enum => new Cell(mask: Full(column.Enum!.Values.Count), enumSize: column.Enum.Values.Count, any: true),
                ValueKind.Bool => new Cell(mask: 3, enumSize: 2, any: true),
                _ => Any,
            };
        }

        switch (column.Kind)
        {
            case ValueKind.Integer or ValueKind.Decimal or ValueKind.Date:
            {
                var interval = Interval(text, column.Kind == ValueKind.Date, out var error);
                if (interval is null)
                {
                    d.Error(cell.Position, $"cell '{text}': {error}");
                    return Any;
                }

                return new Cell(intervals: interval);
            }

            case ValueKind.Bool:
                if (text is "true" or "false")
                {
                    return new Cell(mask: text == "true" ? 2 : 1, enumSize: 2);
                }

                d.Error(cell.Position, $"cell '{text}': a condition column takes true, false or -");
                return Any;
            case ValueKind.Enum:
            {
                var mask = EnumMask(text, column.Enum!, out var error);
                if (mask is null)
                {
                    d.Error(cell.Position, $"cell '{text}': {error}");
                    return Any;
                }

                return new Cell(mask: mask, enumSize: column.Enum!.Values.Count);
            }

            case ValueKind.Text:
            {
                var negated = text.StartsWith("not ", StringComparison.Ordinal);
                var values = (negated ? text[4..] : text).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => v.Trim('\'', '"')).ToHashSet(StringComparer.Ordinal);
                return new Cell(texts: values, negated: negated);
            }

            default:
                d.Error(cell.Position, $"a table column cannot test {ExpressionBinder.Article(column)}; use a row condition (when: \"…\")");
                return Any;
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

    private static List<(decimal?, bool, decimal?, bool)>? Interval(string text, bool dates, out string? error)
    {
        error = null;
        decimal? Value(string s, out string? err)
        {
            s = s.Trim();
            err = null;
            if (dates)
            {
                if (DateOnly.TryParseExact(s.TrimStart('@'), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date.DayNumber;
                }

                err = $"'{s}' is not a date (YYYY-MM-DD)";
                return null;
            }

            if (NodeReader.TryNumber(s, out var n))
            {
                return n;
            }

            err = $"'{s}' is not a number";
            return null;
        }

        foreach (var op in new[] { "!=", ">=", "<=", ">", "<", "=" })
        {
            if (!text.StartsWith(op, StringComparison.Ordinal))
            {
                continue;
            }

            var v = Value(text[op.Length..], out error);
            if (v is null)
            {
                return null;
            }

            return op switch
            {
                "!=" => [(null, false, v, false), (v, false, null, false)],
                ">=" => [(v, true, null, false)],
                "<=" => [(null, false, v, true)],
                ">" => [(v, false, null, false)],
                "<" => [(null, false, v, false)],
                _ => [(v, true, v, true)],
            };
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0)
        {
            var low = Value(text[..dots], out error);
            var high = low is null ? null : Value(text[(dots + 2)..], out error);
            if (low is null || high is null)
            {
                return null;
            }

            return low <= high ? [(low, true, high, true)] : [];
        }

        var single = Value(text, out error);
        if (single is null)
        {
            error += " (write a value, = v, != v, < v, <= v, > v, >= v, a..b or -)";
            return null;
        }

        return [(single, true, single, true)];
    }

    /// <summary>The test this cell makes of its column's value, or null when it admits everything.</summary>
    public E? Test(E column)
    {
        if (IsAny)
        {
            return null;
        }

        if (Mask is { } mask)
        {
            if (_enumSize == 2 && column.Type == typeof(bool))
            {
                return mask switch { 2 => column, 1 => E.Not(column), 0 => E.Constant(false), _ => null };
            }

            var bit = E.LeftShift(E.Constant(1L), E.Convert(column, typeof(int)));
            return E.NotEqual(E.And(E.Constant(mask), bit), E.Constant(0L));
        }

        if (_texts is not null)
        {
            E? any = null;
            foreach (var t in _texts)
            {
                var eq = E.Equal(column, E.Constant(t));
                any = any is null ? eq : E.OrElse(any, eq);
            }

            any ??= E.Constant(false);
            return _negated ? E.Not(any) : any;
        }

        E? result = null;
        foreach (var (low, lowIn, high, highIn) in _intervals!)
        {
            E? test = null;
            E Bound(decimal v) => column.Type == typeof(decimal) ? E.Constant(v) : E.Constant(decimal.ToInt64(decimal.Truncate(v)), typeof(long));
            if (low is { } l)
            {
                test = column.Type == typeof(long) && l != decimal.Truncate(l)
                    ? E.GreaterThanOrEqual(column, Bound(decimal.Ceiling(l)))
                    : lowIn ? E.GreaterThanOrEqual(column, Bound(l)) : E.GreaterThan(column, Bound(l));
            }

            if (high is { } h)
            {
                E upper = column.Type == typeof(long) && h != decimal.Truncate(h)
                    ? E.LessThanOrEqual(column, Bound(decimal.Floor(h)))
                    : highIn ? E.LessThanOrEqual(column, Bound(h)) : E.LessThan(column, Bound(h));
                test = test is null ? upper : E.AndAlso(test, upper);
            }

            test ??= E.Constant(true);
            result = result is null ? test : E.OrElse(result, test);
        }

        return result ?? E.Constant(false);
    }

    public bool Intersects(Cell other)
    {
        if (IsAny || other.IsAny)
        {
            return true;
        }

        if (Mask is { } a && other.Mask is { } b)
        {
            return (a & b) != 0;
        }

        if (_texts is not null && other._texts is not null)
        {
            return (_negated, other._negated) switch
            {
                (false, false) => _texts.Overlaps(other._texts),
                (false, true) => !_texts.IsSubsetOf(other._texts),
                (true, false) => !other._texts.IsSubsetOf(_texts),
                _ => true,
            };
        }

        if (_intervals is not null && other._intervals is not null)
        {
            return _intervals.Any(x => other._intervals.Any(y => Overlap(x, y)));
        }

        return true;
    }

    /// <summary>Every value <paramref name="other"/> admits, this cell admits too.</summary>
    public bool Covers(Cell other)
    {
        if (IsAny)
        {
            return true;
        }

        if (other.IsAny)
        {
            return Mask is { } m && other.Mask is { } o && (o & ~m) == 0;
        }

        if (Mask is { } a && other.Mask is { } b)
        {
            return (b & ~a) == 0;
        }

        if (_texts is not null && other._texts is not null)
        {
            return (_negated, other._negated) switch
            {
                (false, false) => other._texts.IsSubsetOf(_texts),
                (true, false) => !other._texts.Overlaps(_texts),
                (true, true) => _texts.IsSubsetOf(other._texts),
                _ => false,
            };
        }

        if (_intervals is not null && other._intervals is not null)
        {
            return other._intervals.All(y => _intervals.Any(x => Contains(x, y)));
        }

        return false;
    }

    private static bool Overlap((decimal? Low, bool LowIn, decimal? High, bool HighIn) x, (decimal? Low, bool LowIn, decimal? High, bool HighIn) y)
    {
        // They overlap unless one ends before the other starts.
        return !Before(x.High, x.HighIn, y.Low, y.LowIn) && !Before(y.High, y.HighIn, x.Low, x.LowIn);

        static bool Before(decimal? high, bool highIn, decimal? low, bool lowIn)
            => high is { } h && low is { } l && (h < l || (h == l && !(highIn && lowIn)));
    }

    private static bool Contains((decimal? Low, bool LowIn, decimal? High, bool HighIn) outer, (decimal? Low, bool LowIn, decimal? High, bool HighIn) inner)
    {
        var lowOk = outer.Low is not { } ol || (inner.Low is { } il && (il > ol || (il == ol && (outer.LowIn || !inner.LowIn))));
        var highOk = outer.High is not { } oh || (inner.High is { } ih && (ih < oh || (ih == oh && (outer.HighIn || !inner.HighIn))));
        return lowOk && highOk;
    }
}
