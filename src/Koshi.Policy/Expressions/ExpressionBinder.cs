using System.Collections.Frozen;
using System.Linq.Expressions;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Expressions;

/// <summary>Type-checks parsed expressions and turns them into LINQ expression trees, compiled once per pack.</summary>
internal sealed class ExpressionBinder(BindContext context, INameScope scope)
{
    /// <summary>The members named by the <c>sum(m in set: …)</c> expressions being bound, innermost visible.</summary>
    private readonly Dictionary<string, Bound> _members = new(StringComparer.Ordinal);

    /// <summary>Indexes of the parameters read, for the explanation of each result.</summary>
    public HashSet<int> UsedParameters { get; } = [];

    public BindContext Context => context;

    private Diagnostics Diagnostics => context.Diagnostics;

    /// <summary>Parses and binds <paramref name="text"/>; errors are reported and give an error-typed result.</summary>
    public Bound BindText(string text, SourcePosition at)
    {
        Syntax syntax;
        try
        {
            syntax = ExpressionParser.Parse(text, at);
        }
        catch (SyntaxException ex)
        {
            Diagnostics.Error(ex.Position, "expression.syntax", ex.Message);
            return Bound.Error;
        }

        return Bind(syntax);
    }

    public Bound BindAs(string text, SourcePosition at, PolicyType expected, string what)
    {
        var bound = BindText(text, at);
        return Expect(bound, expected, at, what);
    }

    public Bound Expect(Bound bound, PolicyType expected, SourcePosition at, string what)
    {
        if (bound.IsError)
        {
            return bound;
        }

        if (expected.Kind == ValueKind.Decimal && bound.Type.Kind == ValueKind.Integer)
        {
            return new Bound(E.Convert(bound.Expr, typeof(decimal)), PolicyType.Decimal);
        }

        if (bound.Type.Kind != expected.Kind)
        {
            Diagnostics.Error(at, "expression.type", $"{what} must be {Article(expected)}, but this is {Article(bound.Type)}"
                                  + (expected.Kind == ValueKind.Integer && bound.Type.Kind == ValueKind.Decimal ? " (use round(), floor() or ceil())" : string.Empty));
            return Bound.Error;
        }

        return bound;
    }

    public Bound Bind(Syntax syntax)
    {
        switch (syntax)
        {
            case NumberSyntax n:
                return n.IsInteger && n.Value <= long.MaxValue
                    ? new Bound(E.Constant((long)n.Value), PolicyType.Integer)
                    : new Bound(E.Constant(n.Value), PolicyType.Decimal);
            case TextSyntax t:
                return new Bound(E.Constant(t.Value), PolicyType.Text);
            case BoolSyntax b:
                return new Bound(E.Constant(b.Value), PolicyType.Bool);
            case DateSyntax d:
                return new Bound(E.Constant((long)d.Value.DayNumber), PolicyType.Date);
            case NameSyntax name:
                return BindName(name);
            case UnarySyntax u:
                return BindUnary(u);
            case BinarySyntax b:
                return BindBinary(b);
            case IfSyntax i:
                return BindIf(i);
            case CallSyntax c:
                return BindCall(c);
            case InSyntax i:
                return BindIn(i);
            case BetweenSyntax b:
                return BindBetween(b);
            case EachSyntax each:
                return BindEach(each);
            case ListSyntax l:
                Diagnostics.Error(l.Position, "a list [ … ] can only stand after 'in'");
                return Bound.Error;
            default:
                Diagnostics.Error(syntax.Position, "unsupported expression");
                return Bound.Error;
        }
    }

    private Bound BindName(NameSyntax name)
    {
        if (_members.TryGetValue(name.Name, out var member))
        {
            return member;
        }

        var resolved = scope.Resolve(name.Name, name.Position, this);
        if (resolved is not null)
        {
            return resolved;
        }

        if (context.Parameters.ContainsKey(name.Name))
        {
            Diagnostics.Error(name.Position, $"'{name.Name}' is a parameter: write param({name.Name})");
            return Bound.Error;
        }

        var suggestion = Closest(name.Name, scope.Names);
        Diagnostics.Error(name.Position, "name.unknown", $"unknown name '{name.Name}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"), name.Name);
        return Bound.Error;
    }

    private Bound BindUnary(UnarySyntax u)
    {
        var operand = Bind(u.Operand);
        if (operand.IsError)
        {
            return operand;
        }

        if (u.Op == "not")
        {
            return operand.Type.Kind == ValueKind.Bool
                ? new Bound(E.Not(operand.Expr), PolicyType.Bool)
                : Mismatch(u.Position, $"'not' needs a condition, not {Article(operand.Type)}");
        }

        return operand.Type.Kind switch
        {
            ValueKind.Integer => new Bound(E.NegateChecked(operand.Expr), PolicyType.Integer),
            ValueKind.Decimal => new Bound(E.Negate(operand.Expr), PolicyType.Decimal),
            _ => Mismatch(u.Position, $"'-' needs a number, not {Article(operand.Type)}"),
        };
    }

    private Bound BindBinary(BinarySyntax b)
    {
        if (b.Op is "and" or "or")
        {
            var l = Bind(b.Left);
            var r = Bind(b.Right);
            if (l.IsError || r.IsError)
            {
                return Bound.Error;
            }

            if (l.Type.Kind != ValueKind.Bool || r.Type.Kind != ValueKind.Bool)
            {
                return Mismatch(b.Position, $"'{b.Op}' needs conditions on both sides, not {Article(l.Type)} and {Article(r.Type)}");
            }

            return new Bound(b.Op == "and" ? E.AndAlso(l.Expr, r.Expr) : E.OrElse(l.Expr, r.Expr), PolicyType.Bool);
        }

        if (b.Op is "=" or "!=" or "<" or "<=" or ">" or ">=")
        {
            return BindComparison(b.Position, b.Op, b.Left, b.Right);
        }

        var left = Bind(b.Left);
        var right = Bind(b.Right);
        if (left.IsError || right.IsError)
        {
            return Bound.Error;
        }

        if (!left.Type.IsNumber || !right.Type.IsNumber)
        {
            var hint = left.Type.Kind == ValueKind.Date || right.Type.Kind == ValueKind.Date ? " (for dates use add_days(), days_between()…)" : string.Empty;
            return Mismatch(b.Position, $"'{b.Op}' needs numbers, not {Article(left.Type)} and {Article(right.Type)}{hint}");
        }

        if (b.Op == "/")
        {
            return new Bound(E.Call(typeof(Runtime).GetMethod(nameof(Runtime.Divide))!, ToDecimal(left), ToDecimal(right)), PolicyType.Decimal);
        }

        if (left.Type.Kind == ValueKind.Integer && right.Type.Kind == ValueKind.Integer)
        {
            var expr = b.Op switch
            {
                "+" => E.AddChecked(left.Expr, right.Expr),
                "-" => E.SubtractChecked(left.Expr, right.Expr),
                _ => E.MultiplyChecked(left.Expr, right.Expr),
            };
            return new Bound(expr, PolicyType.Integer);
        }

        var (x, y) = (ToDecimal(left), ToDecimal(right));
        return new Bound(b.Op switch { "+" => E.Add(x, y), "-" => E.Subtract(x, y), _ => E.Multiply(x, y) }, PolicyType.Decimal);
    }

    /// <summary>Comparisons; a text literal facing an enum is read as one of the enum's values.</summary>
    private Bound BindComparison(SourcePosition at, string op, Syntax leftSyntax, Syntax rightSyntax)
    {
        var left = leftSyntax is TextSyntax ? null : Bind(leftSyntax);
        var right = rightSyntax is TextSyntax ? null : Bind(rightSyntax);
        if (left is { IsError: true } || right is { IsError: true })
        {
            return Bound.Error;
        }

        left ??= right?.Type.Kind == ValueKind.Enum ? EnumLiteral((TextSyntax)leftSyntax, right.Type) : Bind(leftSyntax);
        right ??= left.Type.Kind == ValueKind.Enum ? EnumLiteral((TextSyntax)rightSyntax, left.Type) : Bind(rightSyntax);
        if (left.IsError || right.IsError)
        {
            return Bound.Error;
        }

        // level >= param(min_level): a text parameter facing an enum holds one of its values, checked for every date.
        if (left.Type.Kind == ValueKind.Enum && right.Type.Kind == ValueKind.Text && EnumParameter(rightSyntax, right, left.Type) is { } r2)
        {
            right = r2;
        }
        else if (right.Type.Kind == ValueKind.Enum && left.Type.Kind == ValueKind.Text && EnumParameter(leftSyntax, left, right.Type) is { } l2)
        {
            left = l2;
        }

        if (left.IsError || right.IsError)
        {
            return Bound.Error;
        }

        var ordered = op is "<" or "<=" or ">" or ">=";
        E l = left.Expr, r = right.Expr;
        if (left.Type.IsNumber && right.Type.IsNumber)
        {
            if (left.Type.Kind != right.Type.Kind)
            {
                (l, r) = (ToDecimal(left), ToDecimal(right));
            }
        }
        else if (left.Type.Kind != right.Type.Kind
                 || (left.Type.Kind is ValueKind.Enum or ValueKind.Set && !left.Type.Enum!.SameValues(right.Type.Enum!)))
        {
            return Mismatch(at, $"cannot compare {Article(left.Type)} with {Article(right.Type)}");
        }
        else if (ordered && left.Type.Kind is ValueKind.Bool or ValueKind.Text or ValueKind.Set or ValueKind.TextSet)
        {
            return Mismatch(at, $"'{op}' does not order {Plural(left.Type)}; use = or !=");
        }
        else if (left.Type.Kind == ValueKind.TextSet)
        {
            return Mismatch(at, "sets of texts cannot be compared");
        }

        var expr = op switch
        {
            "=" => E.Equal(l, r),
            "!=" => E.NotEqual(l, r),
            "<" => E.LessThan(l, r),
            "<=" => E.LessThanOrEqual(l, r),
            ">" => E.GreaterThan(l, r),
            _ => E.GreaterThanOrEqual(l, r),
        };
        return new Bound(expr, PolicyType.Bool);
    }

    /// <summary>The parameter a <c>param(name)</c> call reads, or null for any other expression.</summary>
    private ParameterDefinition? ParameterOf(Syntax syntax)
        => syntax is CallSyntax { Function: "param", Arguments: [var argument] }
           && (argument switch { NameSyntax n => n.Name, TextSyntax t => t.Value, _ => null }) is { } name
           && context.Parameters.TryGetValue(name, out var parameter)
            ? parameter
            : null;

    /// <summary>
    /// A text parameter compared with an enum, as the enum's ordinal; null when the text is not a parameter.
    /// Every dated value must be one of the enum's values, or a typo would silently never match.
    /// </summary>
    private Bound? EnumParameter(Syntax syntax, Bound text, PolicyType enumType)
    {
        if (ParameterOf(syntax) is not { } parameter)
        {
            return null;
        }

        if (!ValuesOfEnum(parameter, enumType))
        {
            return Bound.Error;
        }

        var ids = E.Constant(enumType.Enum!.Values.Select(v => v.Id).ToArray());
        var ordinal = E.Convert(E.Call(typeof(Array), nameof(Array.IndexOf), [typeof(string)], ids, text.Expr), typeof(long));
        return new Bound(ordinal, enumType);
    }

    /// <summary>Reports each value of a text or set parameter, at any date, that is not a value of the enum.</summary>
    internal bool ValuesOfEnum(ParameterDefinition parameter, PolicyType enumType)
    {
        var ids = enumType.Enum!.Values.Select(v => v.Id).ToList();
        var fine = true;
        foreach (var dated in parameter.Values)
        {
            var texts = dated.Value switch
            {
                string one => [one],
                IEnumerable<string> many => many.Order(StringComparer.Ordinal),
                IReadOnlyDictionary<string, decimal> map => map.Keys.Order(StringComparer.Ordinal),
                _ => Enumerable.Empty<string>(),
            };
            foreach (var text in texts.Where(t => !ids.Contains(t)))
            {
                var suggestion = Closest(text, ids);
                Diagnostics.Error(dated.Position, "value.not-one-of", $"parameter '{parameter.Name}' from {dated.From:yyyy-MM-dd}: '{text}' is not a value of {enumType}"
                    + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"), text, string.Join(", ", ids));
                fine = false;
            }
        }

        return fine;
    }

    private Bound EnumLiteral(TextSyntax text, PolicyType enumType)
    {
        var index = enumType.Enum!.IndexOf(text.Value);
        if (index < 0)
        {
            var suggestion = Closest(text.Value, enumType.Enum.Values.Select(v => v.Id));
            Diagnostics.Error(text.Position, "value.not-one-of", $"'{text.Value}' is not a value of {enumType}" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"),
                text.Value, string.Join(", ", enumType.Enum.Values.Select(v => v.Id)));
            return Bound.Error;
        }

        return new Bound(E.Constant((long)index), enumType);
    }

    private Bound BindIf(IfSyntax i)
    {
        var condition = Bind(i.Condition);
        var then = Bind(i.Then);
        var otherwise = Bind(i.Else);
        if (condition.IsError || then.IsError || otherwise.IsError)
        {
            return Bound.Error;
        }

        if (condition.Type.Kind != ValueKind.Bool)
        {
            return Mismatch(i.Condition.Position, $"'if' needs a condition, not {Article(condition.Type)}");
        }

        var type = Unify(then.Type, otherwise.Type);
        if (type is null)
        {
            return Mismatch(i.Position, $"both branches of 'if' must have one type, not {Article(then.Type)} and {Article(otherwise.Type)}");
        }

        return new Bound(E.Condition(condition.Expr, Coerce(then, type), Coerce(otherwise, type)), type);
    }

    private Bound BindBetween(BetweenSyntax b)
    {
        var low = BindComparison(b.Position, ">=", b.Item, b.Low);
        var high = BindComparison(b.Position, "<=", b.Item, b.High);
        return low.IsError || high.IsError ? Bound.Error : new Bound(E.AndAlso(low.Expr, high.Expr), PolicyType.Bool);
    }

    private Bound BindIn(InSyntax syntax)
    {
        var result = BindMembership(syntax);
        return result.IsError || !syntax.Negated ? result : new Bound(E.Not(result.Expr), PolicyType.Bool);
    }

    private Bound BindMembership(InSyntax syntax)
    {
        var collection = syntax.Collection is ListSyntax ? null : Bind(syntax.Collection);
        if (collection is { IsError: true })
        {
            return Bound.Error;
        }

        // 'ielts' in certificates: a member of a set input.
        if (collection?.Type.Kind == ValueKind.Set)
        {
            var member = syntax.Item is TextSyntax t ? EnumLiteral(t, new PolicyType(ValueKind.Enum, collection.Type.Enum)) : Bind(syntax.Item);
            if (member.IsError)
            {
                return member;
            }

            if (member.Type.Kind != ValueKind.Enum || !member.Type.Enum!.SameValues(collection.Type.Enum!))
            {
                return Mismatch(syntax.Position, $"{Article(member.Type)} cannot be a member of {Article(collection.Type)}");
            }

            var bit = E.LeftShift(E.Constant(1L), E.Convert(member.Expr, typeof(int)));
            return new Bound(E.NotEqual(E.And(collection.Expr, bit), E.Constant(0L)), PolicyType.Bool);
        }

        var item = Bind(syntax.Item);
        if (item.IsError)
        {
            return item;
        }

        if (collection?.Type.Kind == ValueKind.TextSet)
        {
            if (item.Type.Kind == ValueKind.Enum && ParameterOf(syntax.Collection) is { } set && !ValuesOfEnum(set, item.Type))
            {
                return Bound.Error;
            }

            var key = item.Type.Kind switch
            {
                ValueKind.Text => item.Expr,
                ValueKind.Enum => E.ArrayIndex(E.Constant(item.Type.Enum!.Values.Select(v => v.Id).ToArray()), E.Convert(item.Expr, typeof(int))),
                _ => null,
            };
            return key is null
                ? Mismatch(syntax.Position, $"{Article(item.Type)} cannot be a member of a set of texts")
                : new Bound(E.Call(collection.Expr, typeof(FrozenSet<string>).GetMethod(nameof(FrozenSet<string>.Contains))!, key), PolicyType.Bool);
        }

        if (collection is not null)
        {
            return Mismatch(syntax.Collection.Position, $"'in' needs a list [ … ], a set input or a set parameter, not {Article(collection.Type)}");
        }

        var list = (ListSyntax)syntax.Collection;
        if (list.Items.Count == 0)
        {
            return new Bound(E.Constant(false), PolicyType.Bool);
        }

        if (item.Type.Kind == ValueKind.Enum)
        {
            var mask = 0L;
            foreach (var entry in list.Items)
            {
                if (entry is not TextSyntax text)
                {
                    Diagnostics.Error(entry.Position, $"list members must be values of {item.Type}, written as texts");
                    return Bound.Error;
                }

                var value = EnumLiteral(text, item.Type);
                if (value.IsError)
                {
                    return value;
                }

                mask |= 1L << (int)(long)((ConstantExpression)value.Expr).Value!;
            }

            var bit = E.LeftShift(E.Constant(1L), E.Convert(item.Expr, typeof(int)));
            return new Bound(E.NotEqual(E.And(E.Constant(mask), bit), E.Constant(0L)), PolicyType.Bool);
        }

        E? any = null;
        foreach (var entry in list.Items)
        {
            var comparison = BindComparison(entry.Position, "=", syntax.Item, entry);
            if (comparison.IsError)
            {
                return comparison;
            }

            any = any is null ? comparison.Expr : E.OrElse(any, comparison.Expr);
        }

        return new Bound(any!, PolicyType.Bool);
    }

    /// <summary>What <c>f(m in set: body)</c> does for each <c>f</c>: what the body must be, and what it gives.</summary>
    private static readonly FrozenSet<string> EachFunctions = new[] { "sum", "count", "any", "all" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// <c>sum(m in failed: lookup(weights, m))</c>, <c>count(m in failed: m in param(critical))</c>, <c>any(…)</c>,
    /// <c>all(…)</c>; <c>m not in terms</c> goes over the values of the set's type that it lacks. The member is the set's
    /// enum, so every check on an enum applies to it in the body. Lowered to a loop over the set's bits: no allocation.
    /// </summary>
    private Bound BindEach(EachSyntax each)
    {
        if (!EachFunctions.Contains(each.Function))
        {
            var suggestion = Closest(each.Function, EachFunctions);
            Diagnostics.Error(each.Position, $"{each.Function}() cannot go over the members of a set: use sum, count, any or all"
                                             + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
            return Bound.Error;
        }

        var domain = Bind(each.Domain);
        if (domain.IsError)
        {
            return domain;
        }

        if (domain.Type.Kind != ValueKind.Set)
        {
            var hint = domain.Type.Kind == ValueKind.TextSet ? " (a set parameter's members are untyped: go over the set input and test 'm in param(…)')" : string.Empty;
            return Mismatch(each.Domain.Position, $"{each.Function}() goes over the members of a set input, not {Article(domain.Type)}{hint}");
        }

        var name = each.Member.Name;
        if (_members.ContainsKey(name) || scope.Names.Contains(name, StringComparer.Ordinal) || name is "total")
        {
            return Mismatch(each.Member.Position, $"'{name}' is already a name here: call the member something else");
        }

        var enumType = new PolicyType(ValueKind.Enum, domain.Type.Enum);
        var member = E.Variable(typeof(long), name);
        _members[name] = new Bound(member, enumType);
        Bound body;
        try
        {
            body = Bind(each.Body);
        }
        finally
        {
            _members.Remove(name);
        }

        if (body.IsError)
        {
            return body;
        }

        var summing = each.Function == "sum";
        if (summing ? !body.Type.IsNumber : body.Type.Kind != ValueKind.Bool)
        {
            return Mismatch(each.Body.Position, $"{each.Function}()'s body must be {(summing ? "a number" : "a condition (true/false)")}, not {Article(body.Type)}");
        }

        var type = each.Function switch
        {
            "sum" => body.Type,
            "count" => PolicyType.Integer,
            _ => PolicyType.Bool,
        };
        var all = (1L << domain.Type.Enum!.Values.Count) - 1;
        var bits = E.Variable(typeof(long), name + "_bits");
        var result = E.Variable(type.ClrType, name + "_" + each.Function);
        var done = E.Label(type.ClrType, name + "_done");
        E step = each.Function switch
        {
            "sum" => E.Assign(result, type.Kind == ValueKind.Integer ? E.AddChecked(result, body.Expr) : E.Add(result, body.Expr)),
            "count" => E.IfThen(body.Expr, E.Assign(result, E.AddChecked(result, E.Constant(1L)))),
            "any" => E.IfThen(body.Expr, E.Break(done, E.Constant(true))),
            _ => E.IfThen(E.Not(body.Expr), E.Break(done, E.Constant(false))),
        };
        E start = type.Kind switch
        {
            ValueKind.Bool => E.Constant(each.Function == "all"),
            ValueKind.Decimal => E.Constant(0m),
            _ => E.Constant(0L),
        };
        var loop = E.Block(
            type.ClrType,
            [bits, result, member],
            E.Assign(bits, each.Complement ? E.And(E.Not(domain.Expr), E.Constant(all)) : domain.Expr),
            E.Assign(result, start),
            E.Loop(
                E.IfThenElse(
                    E.Equal(bits, E.Constant(0L)),
                    E.Break(done, result),
                    E.Block(
                        E.Assign(member, E.Convert(E.Call(typeof(System.Numerics.BitOperations), nameof(System.Numerics.BitOperations.TrailingZeroCount), null, bits), typeof(long))),
                        E.Assign(bits, E.And(bits, E.Subtract(bits, E.Constant(1L)))),
                        step)),
                done));
        return new Bound(loop, type);
    }

    /// <summary>A call of a built-in function: its entry in <see cref="BuiltIns"/> checks the arguments and lowers it.</summary>
    private Bound BindCall(CallSyntax call)
    {
        if (BuiltIns.Find(call.Function) is not { } function)
        {
            var suggestion = Closest(call.Function, BuiltIns.Names);
            Diagnostics.Error(call.Position, "function.unknown", $"unknown function '{call.Function}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"), call.Function);
            return Bound.Error;
        }

        return Arity(call, function.MinArguments, function.MaxArguments) ? function.Lower(new BuiltInCall(function, call, this)) : Bound.Error;
    }

    internal ParameterDefinition? ParameterArgument(Syntax argument, ParameterType? expected = null)
    {
        var name = argument switch
        {
            NameSyntax n => n.Name,
            TextSyntax t => t.Value,
            _ => null,
        };
        if (name is null)
        {
            Diagnostics.Error(argument.Position, "expected a parameter name");
            return null;
        }

        if (context.ParametersRefused is { } why)
        {
            Diagnostics.Error(argument.Position, why);
            return null;
        }

        if (!context.Parameters.TryGetValue(name, out var parameter))
        {
            var suggestion = Closest(name, context.Parameters.Keys);
            Diagnostics.Error(argument.Position, "parameter.unknown", $"unknown parameter '{name}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"), name);
            return null;
        }

        if (expected is { } kind && parameter.Type != kind)
        {
            Diagnostics.Error(argument.Position, $"parameter '{name}' is {parameter.Type.ToString().ToLowerInvariant()}, not {kind.ToString().ToLowerInvariant()}");
            return null;
        }

        UsedParameters.Add(parameter.Index);
        return parameter;
    }

    private bool Arity(CallSyntax call, int min, int max)
    {
        if (call.Arguments.Count >= min && call.Arguments.Count <= max)
        {
            return true;
        }

        var expected = min == max ? $"{min}" : max >= BuiltIn.MaxRepeated ? $"at least {min}" : $"{min} or {max}";
        Diagnostics.Error(call.Position, $"{call.Function}() takes {expected} argument{(max == 1 ? string.Empty : "s")}, not {call.Arguments.Count}");
        return false;
    }

    internal Bound Number(Syntax syntax, string what)
    {
        var bound = Bind(syntax);
        return bound.IsError || bound.Type.IsNumber ? bound : Mismatch(syntax.Position, $"{what} must be a number, not {Article(bound.Type)}");
    }

    internal Bound Integer(Syntax syntax, string what)
    {
        var bound = Bind(syntax);
        return bound.IsError || bound.Type.Kind == ValueKind.Integer ? bound : Mismatch(syntax.Position, $"{what} must be a whole number, not {Article(bound.Type)}");
    }

    internal Bound Date(Syntax syntax, string what)
    {
        var bound = Bind(syntax);
        return bound.IsError || bound.Type.Kind == ValueKind.Date ? bound : Mismatch(syntax.Position, $"{what} must be a date, not {Article(bound.Type)}");
    }

    internal Bound Mismatch(SourcePosition at, string message)
    {
        Diagnostics.Error(at, message);
        return Bound.Error;
    }

    public static E ToDecimal(Bound bound) => bound.Type.Kind == ValueKind.Decimal ? bound.Expr : E.Convert(bound.Expr, typeof(decimal));

    public static E Coerce(Bound bound, PolicyType type) => type.Kind == ValueKind.Decimal ? ToDecimal(bound) : bound.Expr;

    /// <summary>The common type of two branches or rows: equal types, or integer and decimal as decimal.</summary>
    public static PolicyType? Unify(PolicyType a, PolicyType b)
    {
        if (a.IsNumber && b.IsNumber)
        {
            return a.Kind == b.Kind ? a : PolicyType.Decimal;
        }

        if (a.Kind != b.Kind)
        {
            return null;
        }

        return a.Kind is ValueKind.Enum or ValueKind.Set && !a.Enum!.SameValues(b.Enum!) ? null : a;
    }

    public static string Article(PolicyType type) => type.Kind switch
    {
        ValueKind.Integer => "a whole number",
        ValueKind.Decimal => "a decimal number",
        ValueKind.Bool => "a condition (true/false)",
        ValueKind.Date => "a date",
        ValueKind.Text => "a text",
        ValueKind.Enum => "an " + type,
        ValueKind.Set => "a " + type,
        ValueKind.TextSet => "a set of texts",
        _ => "an invalid value",
    };

    private static string Plural(PolicyType type) => type.Kind switch
    {
        ValueKind.Bool => "conditions",
        ValueKind.Text => "texts",
        _ => "sets",
    };

    /// <summary>
    /// The known name nearest to a misspelt one, if it is close enough to be the likely intent. Case and swapped
    /// neighbours count as one slip ('B2' is 'b2', 'bahcelor' is 'bachelor'); among equally near names the one
    /// sharing the longest beginning wins, then the first listed.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestScore = (int.MaxValue, int.MaxValue, 0);
        foreach (var candidate in known)
        {
            var score = (Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant()), Distance(name, candidate), -CommonPrefix(name, candidate));
            if (score.CompareTo(bestScore) < 0)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return bestScore.Item1 <= Math.Max(1, name.Length / 3) ? best : null;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>Edit distance with adjacent transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
