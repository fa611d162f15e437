using Koshi.Policy.Expressions;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Tables;

/// <summary>Binds a decision table: columns, cells, row conditions and values, their common type; then checks the rows
/// (<see cref="TableAnalysis"/>) and lowers the table (<see cref="TableLowering"/>).</summary>
internal static class TableCompiler
{
    /// <summary>Binds the table into one expression of its value type that also stores the matched row
    /// (single-hit: its index, -1 for the default) or the mask of matched rows (collect) in <paramref name="row"/>.</summary>
    public static Bound Compile(DecisionTable table, ExpressionBinder binder, E row, PolicyType? expected, string what)
    {
        var d = binder.Context.Diagnostics;
        var columns = table.Columns.Select(c => binder.BindText(c.Value, NodeReader.TextStart(c))).ToList();
        if (columns.Any(c => c.IsError))
        {
            return Bound.Error;
        }

        var conditions = new List<E>();
        var cells = new List<Cell[]?>();
        foreach (var r in table.Rows)
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

        var values = table.Rows.Select(r => binder.BindText(r.Value.Value, NodeReader.TextStart(r.Value))).ToList();
        var fallback = table.Default is null ? null : binder.BindText(table.Default.Value, NodeReader.TextStart(table.Default));
        if (values.Any(v => v.IsError) || fallback is { IsError: true })
        {
            return Bound.Error;
        }

        PolicyType? type = table.Hit == HitPolicy.CollectCount ? PolicyType.Integer : values[0].Type;
        foreach (var v in values.Skip(1).Append(fallback).OfType<Bound>())
        {
            type = type is null ? null : ExpressionBinder.Unify(type, v.Type);
        }

        if (type is null)
        {
            d.Error(table.Position, "the rows' values do not share one type");
            return Bound.Error;
        }

        if (table.Hit is HitPolicy.CollectSum or HitPolicy.CollectMax or HitPolicy.CollectMin && !type.IsNumber)
        {
            d.Error(table.Position, $"a {table.Hit} table needs numbers as values");
            return Bound.Error;
        }

        if (expected is not null)
        {
            var check = binder.Expect(new Bound(E.Default(type.ClrType), type), expected, table.Position, what);
            if (check.IsError)
            {
                return check;
            }

            type = expected;
        }

        TableAnalysis.Analyse(table, cells, d);
        return new Bound(TableLowering.Lower(table, columns, conditions, cells, values, fallback, type, row, what), type);
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

}
