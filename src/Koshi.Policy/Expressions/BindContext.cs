using System.Linq.Expressions;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy.Expressions;

/// <summary>A typed, compiled piece of an expression tree.</summary>
internal sealed record Bound(E Expr, PolicyType Type)
{
    public static Bound Error { get; } = new(E.Constant(0L), PolicyType.Error);

    public bool IsError => Type.Kind == ValueKind.Error;
}

/// <summary>Resolves the plain names an expression uses (inputs, derived values, outputs, law_date…).</summary>
internal interface INameScope
{
    Bound? Resolve(string name, SourcePosition at, ExpressionBinder binder);

    IEnumerable<string> Names { get; }
}

/// <summary>What every expression of one compiled scheme or rule set shares.</summary>
internal sealed class BindContext(IReadOnlyDictionary<string, ParameterDefinition> parameters, MidpointRounding rounding, Diagnostics diagnostics)
{
    public IReadOnlyDictionary<string, ParameterDefinition> Parameters { get; } = parameters;
    public MidpointRounding Rounding { get; } = rounding;
    public Diagnostics Diagnostics { get; } = diagnostics;

    /// <summary>The parameters resolved for the case's law date (a <see cref="ParameterSnapshot"/>).</summary>
    public ParameterExpression Snapshot { get; } = E.Variable(typeof(ParameterSnapshot), "parameters");

    /// <summary>Set where parameters cannot be read, saying why.</summary>
    public string? ParametersRefused { get; init; }
}
