using System.Collections.Frozen;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Expressions;

/// <summary>What an argument of a built-in function must be; the binder checks it when the function reads the argument.</summary>
internal enum ArgumentKind
{
    /// <summary>Any expression; the function's type rule checks it.</summary>
    Any,
    Number,
    WholeNumber,
    Date,

    /// <summary>A parameter's name (of <see cref="BuiltInArgument.Parameter"/>'s type when given).</summary>
    Parameter,
}

/// <summary>One argument of a built-in function: the name diagnostics call it by and what it must be.</summary>
internal sealed record BuiltInArgument(string Name, ArgumentKind Kind, bool Optional = false, ParameterType? Parameter = null);

/// <summary>
/// A built-in function of the expression language: its name, its arguments (which fix its arity and how each is
/// checked), what it returns, and <see cref="Lower"/>, which reads the arguments, applies the type rule and builds the
/// expression tree. Arguments are bound only when <see cref="Lower"/> reads them, so a function that stops at its first
/// bad argument reports only that one.
/// </summary>
internal sealed record BuiltIn(string Name, IReadOnlyList<BuiltInArgument> Arguments, string Returns, Func<BuiltInCall, Bound> Lower)
{
    /// <summary>The most arguments a function whose last argument repeats (min, max) takes.</summary>
    public const int MaxRepeated = 64;

    /// <summary>The last argument may be repeated (up to <see cref="MaxRepeated"/> arguments in all).</summary>
    public bool Repeats { get; init; }

    public int MinArguments => Arguments.Count(a => !a.Optional);

    public int MaxArguments => Repeats ? MaxRepeated : Arguments.Count;

    /// <summary>How the function is written, for people: <c>round(argument, [digits])</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Arguments.Select(a => a.Optional ? $"[{a.Name}]" : a.Name))}{(Repeats ? ", …" : string.Empty)})";
}

/// <summary>One call of a built-in function being bound: reads its arguments as the function declares them.</summary>
internal sealed class BuiltInCall(BuiltIn function, CallSyntax syntax, ExpressionBinder binder)
{
    public CallSyntax Syntax => syntax;

    public ExpressionBinder Binder => binder;

    public BindContext Context => binder.Context;

    public int Count => syntax.Arguments.Count;

    /// <summary>Binds argument <paramref name="index"/> and checks it is what the function declares (errors reported).</summary>
    public Bound Argument(int index)
    {
        var declared = function.Arguments[Math.Min(index, function.Arguments.Count - 1)];
        var argument = syntax.Arguments[index];
        var what = function.Repeats ? $"{syntax.Function}()'s {declared.Name} {index + 1}" : $"{syntax.Function}()'s {declared.Name}";
        return declared.Kind switch
        {
            ArgumentKind.Number => binder.Number(argument, what),
            ArgumentKind.WholeNumber => binder.Integer(argument, what),
            ArgumentKind.Date => binder.Date(argument, what),
            ArgumentKind.Any => binder.Bind(argument),
            _ => throw new InvalidOperationException($"{syntax.Function}()'s {declared.Name} is a parameter's name: read it with Parameter()"),
        };
    }

    /// <summary>The parameter argument <paramref name="index"/> names, or null (reported) when it names none of the declared type.</summary>
    public ParameterDefinition? Parameter(int index) => binder.ParameterArgument(syntax.Arguments[index], function.Arguments[index].Parameter);

    public Bound Mismatch(SourcePosition at, string message) => binder.Mismatch(at, message);
}

/// <summary>
/// The built-in functions, one entry each. Adding a function is adding its entry here (and its line in
/// docs/policy-format.md); the binder finds it by name and checks its arity before <see cref="BuiltIn.Lower"/> runs.
/// </summary>
internal static class BuiltIns
{
    private static readonly BuiltInArgument Number = new("argument", ArgumentKind.Number);
    private static readonly BuiltInArgument OneDate = new("argument", ArgumentKind.Date);
    private static readonly BuiltInArgument FirstDate = new("first argument", ArgumentKind.Date);
    private static readonly BuiltInArgument SecondDate = new("second argument", ArgumentKind.Date);

    /// <summary>Every built-in function, in the order suggestions for a misspelt name consider them.</summary>
    public static IReadOnlyList<BuiltIn> All { get; } =
    [
        new("param", [new("name", ArgumentKind.Parameter)], "the parameter's value as of the law date", Param),
        new("scale", [new("name", ArgumentKind.Parameter, Parameter: ParameterType.Scale), new("second argument", ArgumentKind.Number)],
            "the bracket's value: a whole number for a scale of whole numbers, else a decimal", Scale),
        new("lookup", [new("name", ArgumentKind.Parameter, Parameter: ParameterType.Map), new("key", ArgumentKind.Any), new("default", ArgumentKind.Number, Optional: true)],
            "the key's value: a whole number for a map of whole numbers (and a whole-number default), else a decimal", Lookup),
        new("age", [FirstDate, SecondDate], "whole years", c => Between(c, nameof(Runtime.YearsBetween))),
        new("years_between", [FirstDate, SecondDate], "whole years", c => Between(c, nameof(Runtime.YearsBetween))),
        new("months_between", [FirstDate, SecondDate], "whole months", c => Between(c, nameof(Runtime.MonthsBetween))),
        new("days_between", [FirstDate, SecondDate], "whole days", c => Between(c, null)),
        new("add_days", [FirstDate, new("second argument", ArgumentKind.WholeNumber)], "a date", c => AddToDate(c, nameof(Runtime.AddDays))),
        new("add_months", [FirstDate, new("second argument", ArgumentKind.WholeNumber)], "a date", c => AddToDate(c, nameof(Runtime.AddMonths))),
        new("add_years", [FirstDate, new("second argument", ArgumentKind.WholeNumber)], "a date", c => AddToDate(c, nameof(Runtime.AddYears))),
        new("year", [OneDate], "a whole number", c => PartOfDate(c, nameof(Runtime.Year))),
        new("month", [OneDate], "a whole number", c => PartOfDate(c, nameof(Runtime.Month))),
        new("day", [OneDate], "a whole number", c => PartOfDate(c, nameof(Runtime.Day))),
        new("min", [Number, Number], "a whole number when every argument is one, else a decimal", c => Extreme(c, nameof(Math.Min))) { Repeats = true },
        new("max", [Number, Number], "a whole number when every argument is one, else a decimal", c => Extreme(c, nameof(Math.Max))) { Repeats = true },
        new("abs", [Number], "the argument's type", Abs),
        new("floor", [Number], "a whole number", c => Whole(c, nameof(Runtime.Floor))),
        new("ceil", [Number], "a whole number", c => Whole(c, nameof(Runtime.Ceiling))),
        new("round", [Number, new("digits", ArgumentKind.WholeNumber, Optional: true)],
            "a whole number, or a decimal when digits are given", Round),
        new("count", [new("argument", ArgumentKind.Any)], "a whole number", Count),
    ];

    /// <summary>The functions' names, for suggestions.</summary>
    public static FrozenSet<string> Names { get; } = All.Select(f => f.Name).ToFrozenSet();

    private static readonly FrozenDictionary<string, BuiltIn> ByName = All.ToFrozenDictionary(f => f.Name);

    public static BuiltIn? Find(string name) => ByName.GetValueOrDefault(name);

    private static Bound Param(BuiltInCall call)
    {
        var parameter = call.Parameter(0);
        if (parameter is null)
        {
            return Bound.Error;
        }

        var snapshot = call.Context.Snapshot;
        var index = E.Constant(parameter.Index);
        return parameter.Type switch
        {
            ParameterType.Integer => new Bound(E.Call(snapshot, nameof(ParameterSnapshot.Long), null, index), PolicyType.Integer),
            ParameterType.Date => new Bound(E.Call(snapshot, nameof(ParameterSnapshot.Long), null, index), PolicyType.Date),
            ParameterType.Decimal or ParameterType.Money or ParameterType.Percent
                => new Bound(E.Call(snapshot, nameof(ParameterSnapshot.Decimal), null, index), PolicyType.Decimal),
            ParameterType.Bool => new Bound(E.Call(snapshot, nameof(ParameterSnapshot.Bool), null, index), PolicyType.Bool),
            ParameterType.Text => new Bound(E.Call(snapshot, nameof(ParameterSnapshot.Text), null, index), PolicyType.Text),
            ParameterType.Set => new Bound(E.Call(snapshot, nameof(ParameterSnapshot.Set), null, index), PolicyType.TextSet),
            ParameterType.Map => call.Mismatch(call.Syntax.Position, $"parameter '{parameter.Name}' is a map: read it with lookup({parameter.Name}, key)"),
            _ => call.Mismatch(call.Syntax.Position, $"parameter '{parameter.Name}' is a scale: read it with scale({parameter.Name}, x)"),
        };
    }

    private static Bound Scale(BuiltInCall call)
    {
        var parameter = call.Parameter(0);
        var x = call.Argument(1);
        if (parameter is null || x.IsError)
        {
            return Bound.Error;
        }

        var value = E.Call(call.Context.Snapshot, nameof(ParameterSnapshot.Scale), null, E.Constant(parameter.Index), ExpressionBinder.ToDecimal(x));
        return WholeOrDecimal(value, parameter.WholeNumbers);
    }

    private static Bound Lookup(BuiltInCall call)
    {
        var parameter = call.Parameter(0);
        var key = call.Argument(1);
        if (parameter is null || key.IsError)
        {
            return Bound.Error;
        }

        var keyText = key.Type.Kind switch
        {
            ValueKind.Text => key.Expr,
            ValueKind.Enum => E.ArrayIndex(E.Constant(key.Type.Enum!.Values.Select(v => v.Id).ToArray()), E.Convert(key.Expr, typeof(int))),
            _ => null,
        };
        if (keyText is null)
        {
            return call.Mismatch(call.Syntax.Arguments[1].Position, $"a map key must be a text or an enum, not {ExpressionBinder.Article(key.Type)}");
        }

        // A map read by an enum is keyed by its values: a misspelt key would silently fall to the default.
        if (key.Type.Kind == ValueKind.Enum && !call.Binder.ValuesOfEnum(parameter, key.Type))
        {
            return Bound.Error;
        }

        var snapshot = call.Context.Snapshot;
        if (call.Count == 3)
        {
            var fallback = call.Argument(2);
            if (fallback.IsError)
            {
                return Bound.Error;
            }

            var orDefault = E.Call(snapshot, nameof(ParameterSnapshot.LookupOr), null, E.Constant(parameter.Index), keyText, ExpressionBinder.ToDecimal(fallback));
            return WholeOrDecimal(orDefault, parameter.WholeNumbers && fallback.Type.Kind != ValueKind.Decimal);
        }

        return WholeOrDecimal(E.Call(snapshot, nameof(ParameterSnapshot.Lookup), null, E.Constant(parameter.Index), keyText), parameter.WholeNumbers);
    }

    private static Bound WholeOrDecimal(E value, bool whole)
        => whole ? new Bound(E.Convert(value, typeof(long)), PolicyType.Integer) : new Bound(value, PolicyType.Decimal);

    /// <summary>Whole units from the first date to the second; <paramref name="method"/> null for days (a subtraction).</summary>
    private static Bound Between(BuiltInCall call, string? method)
    {
        var a = call.Argument(0);
        var b = call.Argument(1);
        if (a.IsError || b.IsError)
        {
            return Bound.Error;
        }

        return new Bound(method is null ? E.Subtract(b.Expr, a.Expr) : E.Call(typeof(Runtime).GetMethod(method)!, a.Expr, b.Expr), PolicyType.Integer);
    }

    private static Bound AddToDate(BuiltInCall call, string method)
    {
        var d = call.Argument(0);
        var n = call.Argument(1);
        if (d.IsError || n.IsError)
        {
            return Bound.Error;
        }

        return new Bound(E.Call(typeof(Runtime).GetMethod(method)!, d.Expr, n.Expr), PolicyType.Date);
    }

    private static Bound PartOfDate(BuiltInCall call, string method)
    {
        var d = call.Argument(0);
        return d.IsError ? Bound.Error : new Bound(E.Call(typeof(Runtime).GetMethod(method)!, d.Expr), PolicyType.Integer);
    }

    private static Bound Extreme(BuiltInCall call, string method)
    {
        var args = Enumerable.Range(0, call.Count).Select(call.Argument).ToList();
        if (args.Any(a => a.IsError))
        {
            return Bound.Error;
        }

        var type = args.All(a => a.Type.Kind == ValueKind.Integer) ? PolicyType.Integer : PolicyType.Decimal;
        var clr = type.ClrType;
        var extreme = typeof(Math).GetMethod(method, [clr, clr])!;
        var result = ExpressionBinder.Coerce(args[0], type);
        foreach (var arg in args.Skip(1))
        {
            result = E.Call(extreme, result, ExpressionBinder.Coerce(arg, type));
        }

        return new Bound(result, type);
    }

    private static Bound Abs(BuiltInCall call)
    {
        var x = call.Argument(0);
        return x.IsError ? x : new Bound(E.Call(typeof(Math).GetMethod(nameof(Math.Abs), [x.Type.ClrType])!, x.Expr), x.Type);
    }

    /// <summary>floor() and ceil(): a whole number stays as it is.</summary>
    private static Bound Whole(BuiltInCall call, string method)
    {
        var x = call.Argument(0);
        return x.IsError || x.Type.Kind == ValueKind.Integer ? x : new Bound(E.Call(typeof(Runtime).GetMethod(method)!, x.Expr), PolicyType.Integer);
    }

    private static Bound Round(BuiltInCall call)
    {
        var x = call.Argument(0);
        if (x.IsError)
        {
            return x;
        }

        var mode = E.Constant(call.Context.Rounding);
        if (call.Count == 1)
        {
            return x.Type.Kind == ValueKind.Integer
                ? x
                : new Bound(E.Call(typeof(Runtime).GetMethod(nameof(Runtime.RoundToWhole))!, x.Expr, mode), PolicyType.Integer);
        }

        var digits = call.Argument(1);
        return digits.IsError
            ? digits
            : new Bound(E.Call(typeof(Runtime).GetMethod(nameof(Runtime.Round))!, ExpressionBinder.ToDecimal(x), digits.Expr, mode), PolicyType.Decimal);
    }

    private static Bound Count(BuiltInCall call)
    {
        var set = call.Argument(0);
        if (set.IsError)
        {
            return set;
        }

        if (set.Type.Kind == ValueKind.TextSet)
        {
            return new Bound(E.Convert(E.Property(set.Expr, nameof(FrozenSet<string>.Count)), typeof(long)), PolicyType.Integer);
        }

        return set.Type.Kind == ValueKind.Set
            ? new Bound(E.Call(typeof(Runtime).GetMethod(nameof(Runtime.Count))!, set.Expr), PolicyType.Integer)
            : call.Mismatch(call.Syntax.Arguments[0].Position, $"count() needs a set, not {ExpressionBinder.Article(set.Type)}");
    }
}
