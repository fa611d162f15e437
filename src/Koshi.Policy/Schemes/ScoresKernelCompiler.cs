using Koshi.Policy.Compilation;
using E = System.Linq.Expressions.Expression;
using PE = System.Linq.Expressions.ParameterExpression;

namespace Koshi.Policy.Schemes;

/// <summary>Turns the explaining kernel's tree for one row into the population kernel (<see cref="ScoresKernel"/>): a
/// loop over rows writing only points, totals and statuses, with constants and per-batch invariants hoisted out of it.</summary>
internal static class ScoresKernelCompiler
{
    /// <summary>The same rules as a loop over rows that writes only points, totals and statuses: the explanation's other
    /// slots are dropped from the tree rather than computed into a buffer and copied out.</summary>
    public static ScoresKernel Compile(E perRow, ResultLayout result, PE batch, PE row, PE asOf, PE output, PE offset, HashSet<PE> explainOnly, HashSet<PE> snapshots)
    {
        var start = E.Parameter(typeof(int), "start");
        var end = E.Parameter(typeof(int), "end");
        var rowBase = E.Parameter(typeof(int), "rowBase");
        var points = E.Parameter(typeof(int[]), "points");
        var totals = E.Parameter(typeof(int[]), "totals");
        var status = E.Parameter(typeof(byte[]), "status");
        var cursor = E.Parameter(typeof(int[]), "cursor");
        var at = E.Variable(typeof(int), "at");
        var rewritten = new ScoresRewriter(output, offset, result, at, points, totals, status, explainOnly).Visit(perRow);
        var invariants = new LoopInvariants(batch, snapshots);
        rewritten = invariants.Visit(rewritten);
        var hoister = new ConstantHoister();
        rewritten = hoister.Visit(rewritten);
        var done = E.Label("done");
        var loop = E.Block(hoister.Variables.Concat(invariants.Variables).Append(row).Append(at),
            hoister.Assignments.Concat(invariants.Setup).Append(E.Assign(row, start)).Append(
            E.Loop(
                E.IfThenElse(E.LessThan(row, end),
                    E.Block(
                        E.Assign(E.ArrayAccess(cursor, E.Constant(0)), row),
                        E.Assign(at, E.Subtract(row, rowBase)),
                        rewritten,
                        E.PreIncrementAssign(row)),
                    E.Break(done)),
                done)));
        return E.Lambda<ScoresKernel>(loop, batch, start, end, asOf, rowBase, points, totals, status, cursor).Compile();
    }

    /// <summary>Moves object constants (lookup arrays, the parameter snapshots, sets) into locals set once before the
    /// loop: compiled code otherwise fetches each from the closure's constant array, with a cast, at every use.</summary>
    private sealed class ConstantHoister : System.Linq.Expressions.ExpressionVisitor
    {
        private readonly Dictionary<object, PE> _locals = new(ReferenceEqualityComparer.Instance);

        public List<PE> Variables { get; } = [];

        public List<E> Assignments { get; } = [];

        protected override E VisitConstant(System.Linq.Expressions.ConstantExpression node)
        {
            if (node.Value is null || node.Type.IsPrimitive || node.Type.IsEnum || node.Value is string or decimal)
            {
                return node;
            }

            if (!_locals.TryGetValue(node.Value, out var local))
            {
                local = E.Variable(node.Type, "constant" + _locals.Count);
                _locals[node.Value] = local;
                Variables.Add(local);
                Assignments.Add(E.Assign(local, node));
            }

            return local;
        }
    }

    private sealed class ScoresRewriter(PE output, PE offset, ResultLayout layout, PE at, PE points, PE totals, PE status, HashSet<PE> explainOnly)
        : System.Linq.Expressions.ExpressionVisitor
    {
        protected override E VisitBlock(System.Linq.Expressions.BlockExpression node)
        {
            // A tracked parameter read becomes the plain read again: the population kernel's tree is as it was.
            if (node is { Variables.Count: 0, Expressions: [System.Linq.Expressions.BinaryExpression { NodeType: System.Linq.Expressions.ExpressionType.OrAssign, Left: PE v }, var read] }
                && explainOnly.Contains(v))
            {
                return Visit(read);
            }

            return base.VisitBlock(node);
        }

        protected override E VisitBinary(System.Linq.Expressions.BinaryExpression node)
        {
            // Which row matched and which indicator won only feed the explanation: their bookkeeping goes too.
            if (node.NodeType == System.Linq.Expressions.ExpressionType.Assign && node.Left is PE variable && explainOnly.Contains(variable))
            {
                return node.Right is System.Linq.Expressions.ConstantExpression or PE
                       || node.Right is System.Linq.Expressions.BinaryExpression { NodeType: System.Linq.Expressions.ExpressionType.ArrayIndex, Left: System.Linq.Expressions.ConstantExpression, Right: PE }
                    ? E.Empty()
                    : Visit(node.Right);
            }

            if (node.NodeType == System.Linq.Expressions.ExpressionType.Assign
                && node.Left is System.Linq.Expressions.IndexExpression { Arguments: [System.Linq.Expressions.BinaryExpression { Left: var o, Right: System.Linq.Expressions.ConstantExpression { Value: int slot } }] } index
                && index.Object == output && o == offset)
            {
                var value = Visit(node.Right);
                var criteria = layout.Criteria.Count;
                var first = layout.Points(0);
                return slot switch
                {
                    ResultLayout.Total => E.Assign(E.ArrayAccess(totals, at), E.Convert(value, typeof(int))),
                    ResultLayout.Status => E.Assign(E.ArrayAccess(status, at), E.Convert(value, typeof(byte))),
                    _ when criteria > 0 && slot >= first && slot < first + (ResultLayout.PerCriterion * criteria) && (slot - first) % ResultLayout.PerCriterion == 0 => E.Assign(
                        E.ArrayAccess(points, E.Add(E.Multiply(at, E.Constant(criteria)), E.Constant((slot - first) / ResultLayout.PerCriterion))),
                        E.Convert(value, typeof(int))),
                    _ => E.Empty(),
                };
            }

            return base.VisitBinary(node);
        }
    }
}
