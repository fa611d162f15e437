using Koshi.Policy.Compilation;
using Koshi.Policy.Expressions;
using Koshi.Policy.Packs;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;
using PE = System.Linq.Expressions.ParameterExpression;

namespace Koshi.Policy.Schemes;

/// <summary>Compiles every version of a scheme into one delegate: decide the law date, pick the version in force
/// on it, evaluate gates and criteria, apply caps, total and pass rule.</summary>
internal static class SchemeCompiler
{
    public static (SchemeKernel Kernel, ScoresKernel Scores, ResultLayout Layout, List<CompiledVersion> Versions) Compile(
        IReadOnlyList<SchemeDefinition> versions, CaseLayout layout, PackModel pack, Diagnostics d)
    {
        var gateIds = versions.SelectMany(v => v.Gates.Select(g => g.Id)).Distinct().ToList();
        var criterionIds = versions.SelectMany(v => v.Criteria.Select(c => c.Id)).Distinct().ToList();
        var groupIds = versions.SelectMany(v => v.Groups.Select(g => g.Id)).Distinct().ToList();
        var applications = versions.SelectMany(v => v.Criteria.SelectMany(c => Enumerable.Range(0, c.ForEach?.Inputs.Count ?? 0).Select(k => $"{c.Id}#{k}"))).Distinct().ToList();
        var result = new ResultLayout(gateIds, criterionIds, groupIds, applications);

        var batch = E.Parameter(typeof(CaseBatch), "batch");
        var row = E.Parameter(typeof(int), "row");
        var asOf = E.Parameter(typeof(long), "asOfDay");
        var output = E.Parameter(typeof(long[]), "output");
        var offset = E.Parameter(typeof(int), "offset");
        var lawDay = E.Variable(typeof(long), "lawDay");
        E Out(int slot) => E.ArrayAccess(output, E.Add(offset, E.Constant(slot)));

        // The newest version's law-date rule decides which date's law applies, including for older cases.
        var newest = versions[^1];
        var body = new List<E>();
        var outerVariables = new List<PE> { lawDay };
        if (newest.LawDate is { } lawDateText)
        {
            var lawContext = new BindContext(new Dictionary<string, ParameterDefinition>(), pack.Rounding, d)
            {
                ParametersRefused = "param() cannot decide the law date: the law date decides which parameters apply",
            };
            var scope = new CaseScope(layout, lawContext, []) { LawDateVisible = false };
            var binder = new ExpressionBinder(lawContext, scope);
            var bound = binder.BindAs(lawDateText.Value, NodeReader.TextStart(lawDateText), PolicyType.Date, "law-date");
            outerVariables.AddRange(scope.RowVariables);
            outerVariables.AddRange(scope.Variables);
            outerVariables.Add(scope.AsOfDay);
            body.AddRange(scope.LoadRow(batch, row));
            body.AddRange(scope.InputLoads);
            body.Add(E.Assign(scope.AsOfDay, asOf));
            body.Add(E.Assign(lawDay, bound.IsError ? asOf : bound.Expr));
        }
        else
        {
            body.Add(E.Assign(lawDay, asOf));
        }

        body.Add(E.Assign(Out(ResultLayout.LawDay), lawDay));

        var compiled = new List<CompiledVersion>();
        var blocks = new List<E>();
        var explainOnly = new HashSet<PE>();
        var snapshots = new HashSet<PE>();
        for (var v = 0; v < versions.Count; v++)
        {
            var (block, info) = CompileVersion(versions[v], v, layout, pack, d, result, batch, row, asOf, lawDay, Out, explainOnly, snapshots);
            compiled.Add(info);
            blocks.Add(block);
        }

        // Newest first: the first version whose effective-from is on or before the law date.
        E select = versions[0].EffectiveFrom is { } first
            ? E.Throw(E.New(typeof(PolicyEvaluationException).GetConstructor([typeof(string)])!,
                E.Call(typeof(SchemeCompiler).GetMethod(nameof(NotInForce), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
                    E.Constant(versions[0].Id), lawDay, E.Constant((long)first.DayNumber))))
            : blocks[0];
        for (var v = versions[0].EffectiveFrom is null ? 1 : 0; v < versions.Count; v++)
        {
            var from = versions[v].EffectiveFrom!.Value.DayNumber;
            select = E.IfThenElse(E.GreaterThanOrEqual(lawDay, E.Constant((long)from)), blocks[v], select);
        }

        body.Add(select);
        var perRow = E.Block(typeof(void), outerVariables, body);
        if (d.HasErrors)
        {
            return ((_, _, _, _, _) => throw new InvalidOperationException("the pack has errors"),
                (_, _, _, _, _, _, _, _, _) => throw new InvalidOperationException("the pack has errors"), result, compiled);
        }

        var explain = E.Lambda<SchemeKernel>(perRow, batch, row, asOf, output, offset);
        return (explain.Compile(), ScoresKernelCompiler.Compile(perRow, result, batch, row, asOf, output, offset, explainOnly, snapshots), result, compiled);
    }

    /// <summary>Wraps each parameter read of a criterion as <c>{ used |= bit; read }</c>, one bit per parameter, so the
    /// explaining kernel records which reads a case reached. Past 63 parameters it tracks nothing (all are listed).</summary>
    private sealed class ParameterTracker(PE snapshot, PE used) : System.Linq.Expressions.ExpressionVisitor
    {
        public List<int> Indexes { get; } = [];

        public bool Tracked => Indexes.Count <= 63;

        protected override E VisitMethodCall(System.Linq.Expressions.MethodCallExpression node)
        {
            var visited = (System.Linq.Expressions.MethodCallExpression)base.VisitMethodCall(node);
            if (visited.Object != snapshot || visited.Arguments is not [System.Linq.Expressions.ConstantExpression { Value: int index }, ..])
            {
                return visited;
            }

            var bit = Indexes.IndexOf(index);
            if (bit < 0)
            {
                Indexes.Add(index);
                bit = Indexes.Count - 1;
            }

            return bit >= 63 ? visited : E.Block(visited.Type, E.OrAssign(used, E.Constant(1L << bit)), visited);
        }
    }

    private static string NotInForce(string scheme, long lawDay, long firstDay)
        => $"scheme '{scheme}' is not in force on {DateOnly.FromDayNumber((int)lawDay):yyyy-MM-dd} (its first version applies from {DateOnly.FromDayNumber((int)firstDay):yyyy-MM-dd})";

    private static (E Block, CompiledVersion Info) CompileVersion(SchemeDefinition version, int versionIndex, CaseLayout layout, PackModel pack,
        Diagnostics d, ResultLayout result, PE batch, PE row, PE asOf, PE lawDay, Func<int, E> output, HashSet<PE> explainOnly, HashSet<PE> snapshots)
    {
        var context = new BindContext(pack.Parameters, pack.Rounding, d);
        snapshots.Add(context.Snapshot);
        var scope = new CaseScope(layout, context, version.Derived);
        var variables = new List<PE>(scope.RowVariables) { context.Snapshot, scope.LawDay, scope.AsOfDay };
        var statements = new List<E>();
        var criterionParameters = new Dictionary<string, int[]>();
        var gateParameters = new Dictionary<string, int[]>();
        var groupParameters = new Dictionary<string, int[]>();
        var directParameters = new Dictionary<string, int[]>();

        // Gates.
        var gatesPassed = E.Variable(typeof(bool), "gatesPassed");
        variables.Add(gatesPassed);
        var gateStatements = new List<E> { E.Assign(gatesPassed, E.Constant(true)) };
        foreach (var gate in version.Gates)
        {
            var binder = new ExpressionBinder(context, scope);
            var rule = binder.BindAs(gate.Rule.Value, NodeReader.TextStart(gate.Rule), PolicyType.Bool, $"gate '{gate.Id}'");
            gateParameters[gate.Id] = [.. binder.UsedParameters];
            var passed = E.Variable(typeof(bool), "gate_" + gate.Id);
            variables.Add(passed);
            gateStatements.Add(E.Assign(passed, rule.IsError ? E.Constant(true) : rule.Expr));
            gateStatements.Add(E.Assign(output(ResultLayout.Gate(result.Gates.IndexOf(gate.Id))), E.Condition(passed, E.Constant(1L), E.Constant(0L))));
            gateStatements.Add(E.Assign(gatesPassed, E.AndAlso(gatesPassed, passed)));
        }

        foreach (var g in result.Gates.Where(g => version.Gates.All(x => x.Id != g)))
        {
            gateStatements.Add(E.Assign(output(ResultLayout.Gate(result.Gates.IndexOf(g))), E.Constant(-1L)));
        }

        // Criteria: raw points, then the criterion's own cap.
        var finals = new Dictionary<string, PE>();
        var criterionStatements = new List<E>();
        foreach (var criterion in version.Criteria)
        {
            var c = result.Criteria.IndexOf(criterion.Id);
            var raw = E.Variable(typeof(long), criterion.Id + "_raw");
            var final = E.Variable(typeof(long), criterion.Id);
            var indicator = E.Variable(typeof(long), criterion.Id + "_indicator");
            var matched = E.Variable(typeof(long), criterion.Id + "_row");
            variables.AddRange([raw, final, indicator, matched]);
            explainOnly.UnionWith([indicator, matched]);
            finals[criterion.Id] = final;
            var binder = new ExpressionBinder(context, scope);
            criterionStatements.Add(E.Assign(indicator, E.Constant(-1L)));
            criterionStatements.Add(E.Assign(matched, E.Constant(ResultLayout.NoRow)));
            E points;
            if (criterion.BestOf is { } indicators)
            {
                var best = E.Variable(typeof(long), criterion.Id + "_best");
                variables.Add(best);
                var steps = new List<E> { E.Assign(best, E.Constant(long.MinValue)) };
                for (var i = 0; i < indicators.Count; i++)
                {
                    var indicatorRow = E.Variable(typeof(long), $"{criterion.Id}_{indicators[i].Id}_row");
                    var value = E.Variable(typeof(long), $"{criterion.Id}_{indicators[i].Id}");
                    variables.AddRange([indicatorRow, value]);
                    explainOnly.Add(indicatorRow);
                    steps.Add(E.Assign(indicatorRow, E.Constant(ResultLayout.NoRow)));
                    steps.Add(E.Assign(value, Points(indicators[i], binder, indicatorRow, long.MinValue, $"indicator '{indicators[i].Id}' of criterion '{criterion.Id}'")));
                    steps.Add(E.IfThen(E.GreaterThan(value, best), E.Block(E.Assign(best, value), E.Assign(indicator, E.Constant((long)i)), E.Assign(matched, indicatorRow))));
                }

                steps.Add(E.Condition(E.Equal(best, E.Constant(long.MinValue)), E.Constant(0L), best));
                points = E.Block(typeof(long), steps);
            }
            else if (criterion.ForEach is { } each)
            {
                points = ForEachPoints(criterion, each, binder, scope, variables, explainOnly, k => output(result.Application(criterion.Id, k)));
            }
            else
            {
                points = Points(criterion, binder, matched, null, $"criterion '{criterion.Id}'");
            }

            if (criterion.When is { } when)
            {
                var applies = binder.BindAs(when.Value, NodeReader.TextStart(when), PolicyType.Bool, $"criterion '{criterion.Id}' when");
                points = E.Condition(applies.IsError ? E.Constant(true) : applies.Expr, points, E.Block(E.Assign(matched, E.Constant(ResultLayout.NotApplicable)), E.Constant(0L)));
            }

            var cap = criterion.Cap is null ? null : CapExpression(criterion.Cap, binder, $"criterion '{criterion.Id}'");
            criterionParameters[criterion.Id] = [.. binder.UsedParameters];

            // Which of its own parameter reads the case reached: only those are explained, not the untaken branches'.
            var used = E.Variable(typeof(long), criterion.Id + "_used");
            variables.Add(used);
            explainOnly.Add(used);
            var tracker = new ParameterTracker(context.Snapshot, used);
            points = tracker.Visit(points);
            cap = cap is null ? null : tracker.Visit(cap);
            directParameters[criterion.Id] = tracker.Tracked ? [.. tracker.Indexes] : [];
            criterionStatements.Add(E.Assign(used, E.Constant(0L)));
            criterionStatements.Add(E.Assign(raw, points));
            criterionStatements.Add(E.Assign(final, cap is not null ? E.Call(typeof(Math).GetMethod(nameof(Math.Min), [typeof(long), typeof(long)])!, raw, cap) : raw));
            criterionStatements.Add(E.Assign(output(result.OwnCapped(c)), final));
            criterionStatements.Add(E.Assign(output(result.Used(c)), used));
            criterionStatements.Add(E.Assign(output(result.Raw(c)), raw));
            criterionStatements.Add(E.Assign(output(result.Indicator(c)), indicator));
            criterionStatements.Add(E.Assign(output(result.Row(c)), matched));
        }

        // Group caps: members take points in the order the criteria are listed until the group's cap is used up;
        // a group inside another is capped first, and the outer cap then applies to what its members kept.
        foreach (var group in version.GroupsInnerFirst())
        {
            var allowance = E.Variable(typeof(long), "group_" + group.Id);
            variables.Add(allowance);
            var groupBinder = new ExpressionBinder(context, scope);
            criterionStatements.Add(E.Assign(allowance, CapExpression(group.Cap, groupBinder, $"group '{group.Id}'")));
            criterionStatements.Add(E.Assign(output(result.GroupCap(result.Groups.IndexOf(group.Id))), allowance));
            groupParameters[group.Id] = [.. groupBinder.UsedParameters];
            foreach (var member in version.Members(group))
            {
                var final = finals[member.Id];
                criterionStatements.Add(E.Assign(final, E.Call(typeof(Math).GetMethod(nameof(Math.Min), [typeof(long), typeof(long)])!, final, E.Call(typeof(Math).GetMethod(nameof(Math.Max), [typeof(long), typeof(long)])!, allowance, E.Constant(0L)))));
                criterionStatements.Add(E.SubtractAssign(allowance, final));
            }
        }

        var regular = E.Variable(typeof(long), "regular");
        var total = E.Variable(typeof(long), "total");
        variables.AddRange([regular, total]);
        criterionStatements.Add(E.Assign(regular, E.Constant(0L)));
        criterionStatements.Add(E.Assign(total, E.Constant(0L)));
        foreach (var criterion in version.Criteria)
        {
            var c = result.Criteria.IndexOf(criterion.Id);
            criterionStatements.Add(E.Assign(output(result.Points(c)), finals[criterion.Id]));
            criterionStatements.Add(criterion.Bonus ? E.AddAssignChecked(total, finals[criterion.Id]) : E.AddAssignChecked(regular, finals[criterion.Id]));
        }

        foreach (var id in result.Criteria.Where(id => version.Criteria.All(x => x.Id != id)))
        {
            var c = result.Criteria.IndexOf(id);
            criterionStatements.Add(E.Assign(output(result.Points(c)), E.Constant(0L)));
            criterionStatements.Add(E.Assign(output(result.Raw(c)), E.Constant(0L)));
            criterionStatements.Add(E.Assign(output(result.Indicator(c)), E.Constant(-1L)));
            criterionStatements.Add(E.Assign(output(result.Row(c)), E.Constant(ResultLayout.NotInVersion)));
        }

        criterionStatements.Add(E.Assign(output(ResultLayout.BeforeMaxTotal), regular));
        criterionStatements.Add(E.AddAssignChecked(total, version.MaxTotal is { } max ? E.Call(typeof(Math).GetMethod(nameof(Math.Min), [typeof(long), typeof(long)])!, regular, E.Constant(max)) : regular));
        criterionStatements.Add(E.Assign(output(ResultLayout.Total), total));

        // Pass rule and mark.
        scope.Total = total;
        var passBinder = new ExpressionBinder(context, scope);
        var pass = version.PassRule is null ? Bound.Error : passBinder.BindAs(version.PassRule.Value, NodeReader.TextStart(version.PassRule), PolicyType.Bool, "the pass rule");
        var mark = version.PassMark is null ? null : passBinder.BindAs(version.PassMark.Value, NodeReader.TextStart(version.PassMark), PolicyType.Integer, "the pass mark");
        criterionStatements.Add(E.Assign(output(ResultLayout.PassMark), mark is { IsError: false } ? mark.Expr : E.Constant(long.MinValue)));
        // No pass rule: a ranking scheme (or a decision by gates alone) passes every case its gates admit.
        E passes = version.PassRule is null ? E.Constant(true) : pass.IsError ? E.Constant(false) : pass.Expr;
        criterionStatements.Add(E.Assign(output(ResultLayout.Status), E.Condition(gatesPassed,
            E.Condition(passes, E.Constant(ResultLayout.Passed), E.Constant(ResultLayout.FailedScore)),
            E.Constant(ResultLayout.FailedGate))));
        criterionStatements.Add(E.Assign(output(ResultLayout.Version), E.Constant((long)versionIndex)));

        // Every derived value is checked, even one nothing uses yet.
        foreach (var derived in version.Derived)
        {
            scope.Bind(derived, derived.Position);
        }

        variables.AddRange(scope.Variables);
        statements.AddRange(scope.LoadRow(batch, row));
        statements.AddRange(scope.InputLoads);
        statements.Add(E.Assign(scope.LawDay, lawDay));
        statements.Add(E.Assign(scope.AsOfDay, asOf));
        statements.Add(E.Assign(context.Snapshot, E.Call(E.Constant(pack.Snapshots), nameof(SnapshotCache.For), null, lawDay)));
        statements.AddRange(scope.Assignments);
        statements.AddRange(gateStatements);
        statements.AddRange(criterionStatements);

        // The derived values again, as one array, for the explanation: the same statements, in their own lambda.
        Lazy<DerivedKernel>? derivedKernel = null;
        if (version.Derived.Count > 0 && !d.HasErrors && version.Derived.All(x => x.Bound is { IsError: false }))
        {
            var values = version.Derived.Select(x => (E)E.Convert(x.Bound!.Expr, typeof(object)));
            var derivedBody = E.Block(typeof(object[]), variables.Concat(scope.Variables).Distinct(),
                statements.Take(statements.Count - gateStatements.Count - criterionStatements.Count).Append(E.NewArrayInit(typeof(object), values)));
            var lambda = E.Lambda<DerivedKernel>(derivedBody, batch, row, asOf, lawDay);
            derivedKernel = new Lazy<DerivedKernel>(lambda.Compile);
        }

        var info = new CompiledVersion
        {
            Derived = derivedKernel,
            Definition = version,
            CriterionParameters = criterionParameters,
            GateParameters = gateParameters,
            GroupParameters = groupParameters,
            DirectParameters = directParameters,
            PassParameters = [.. passBinder.UsedParameters],
        };
        return (E.Block(typeof(void), variables, statements), info);
    }

    /// <summary>The sum of a criterion's table (or expression) applied to each input of its for-each, its name bound to
    /// each in turn; each application's matched row goes to its own slot for the explanation.</summary>
    private static E ForEachPoints(CriterionDefinition criterion, ForEach each, ExpressionBinder binder, CaseScope scope, List<PE> variables,
        HashSet<PE> explainOnly, Func<int, E> rowSlot)
    {
        var d = binder.Context.Diagnostics;
        if (scope.Names.Contains(each.Name))
        {
            d.Error(each.Position, $"for-each name '{each.Name}' is already the name of an input or derived value");
            return E.Constant(0L);
        }

        var steps = new List<E>();
        E? sum = null;
        PolicyType? shape = null;
        for (var k = 0; k < each.Inputs.Count; k++)
        {
            var input = binder.BindText(each.Inputs[k], each.Position);
            if (input.IsError)
            {
                return E.Constant(0L);
            }

            if (shape is null)
            {
                shape = input.Type;
            }
            else if (shape.Kind != input.Type.Kind || (shape.Enum is { } e && !e.SameValues(input.Type.Enum!)))
            {
                d.Error(each.Position, $"for-each inputs must have one shape: '{each.Inputs[0]}' is {ExpressionBinder.Article(shape)}, '{each.Inputs[k]}' is {ExpressionBinder.Article(input.Type)}");
                return E.Constant(0L);
            }

            var row = E.Variable(typeof(long), $"{criterion.Id}_{k}_row");
            var value = E.Variable(typeof(long), $"{criterion.Id}_{k}");
            variables.AddRange([row, value]);
            explainOnly.Add(row);
            scope.Aliases[each.Name] = input;
            steps.Add(E.Assign(row, E.Constant(ResultLayout.NoRow)));
            steps.Add(E.Assign(value, Points(criterion, binder, row, null, $"criterion '{criterion.Id}' for {each.Inputs[k]}")));
            steps.Add(E.Assign(rowSlot(k), row));
            scope.Aliases.Remove(each.Name);
            sum = sum is null ? value : E.AddChecked(sum, value);
        }

        steps.Add(sum!);
        return E.Block(typeof(long), steps);
    }

    /// <summary>A cap: a constant, or a whole-number expression bound like points.</summary>
    private static E CapExpression(YScalar cap, ExpressionBinder binder, string what)
    {
        if (long.TryParse(cap.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var constant))
        {
            return E.Constant(constant);
        }

        var bound = binder.BindAs(cap.Value, NodeReader.TextStart(cap), PolicyType.Integer, what + "'s cap");
        return bound.IsError ? E.Constant(long.MaxValue) : bound.Expr;
    }

    /// <summary>Whole points from a table or an expression; <paramref name="notApplicable"/> is the value when its 'when' fails.</summary>
    private static E Points(PointsDefinition definition, ExpressionBinder binder, PE row, long? notApplicable, string what)
    {
        Bound bound = definition.Table is not null
            ? Tables.TableCompiler.Compile(definition.Table, binder, row, PolicyType.Integer, what)
            : binder.BindAs(definition.Points!.Value, NodeReader.TextStart(definition.Points), PolicyType.Integer, what + "'s points");
        var points = bound.IsError ? E.Constant(0L) : bound.Expr;
        if (definition.When is { } when && notApplicable is { } none)
        {
            var applies = binder.BindAs(when.Value, NodeReader.TextStart(when), PolicyType.Bool, what + " when");
            points = E.Condition(applies.IsError ? E.Constant(true) : applies.Expr, points, E.Block(E.Assign(row, E.Constant(ResultLayout.NotApplicable)), E.Constant(none)));
        }

        return points;
    }
}
