using Koshi.Policy.Expressions;
using Koshi.Policy.Tables;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;
using PE = System.Linq.Expressions.ParameterExpression;

namespace Koshi.Policy.Compilation;

/// <summary>A named value computed from inputs: a scheme's <c>derived</c> value or a rule set's output.</summary>
internal sealed class Definition
{
    public required string Name { get; init; }
    public required SourcePosition Position { get; init; }
    public YScalar? Expression { get; init; }
    public DecisionTable? Table { get; init; }
    public PolicyType? DeclaredType { get; init; }

    internal Bound? Bound { get; set; }
    internal PE? Row { get; set; }
    internal bool InProgress { get; set; }
    internal HashSet<int> Parameters { get; } = [];
}

/// <summary>The names a case's expressions can use: its inputs, derived values (bound on first use, in dependency
/// order, refusing cycles), <c>law_date</c>, <c>as_of</c> and, in a pass rule, <c>total</c>.</summary>
internal sealed class CaseScope : INameScope
{
    private readonly CaseLayout _layout;
    private readonly BindContext _context;
    private readonly Dictionary<string, Definition> _definitions;
    private readonly Stack<Definition> _binding = new();

    public CaseScope(CaseLayout layout, BindContext context, IEnumerable<Definition> definitions)
    {
        _layout = layout;
        _context = context;
        _definitions = definitions.ToDictionary(x => x.Name, StringComparer.Ordinal);
        Longs = E.Variable(typeof(long[]), "longs");
        Decimals = E.Variable(typeof(decimal[]), "decimals");
        Texts = E.Variable(typeof(string[]), "texts");
        LongBase = E.Variable(typeof(int), "longBase");
        DecimalBase = E.Variable(typeof(int), "decimalBase");
        TextBase = E.Variable(typeof(int), "textBase");
    }

    public PE Longs { get; }
    public PE Decimals { get; }
    public PE Texts { get; }
    public PE LongBase { get; }
    public PE DecimalBase { get; }
    public PE TextBase { get; }
    public PE LawDay { get; } = E.Variable(typeof(long), "law_date");
    public PE AsOfDay { get; } = E.Variable(typeof(long), "as_of");
    public PE? Total { get; set; }
    public bool LawDateVisible { get; set; } = true;

    /// <summary>Assignments of the derived values bound so far, in an order where each follows what it uses.</summary>
    public List<E> Assignments { get; } = [];

    public List<PE> Variables { get; } = [];

    public IReadOnlyDictionary<string, Definition> Definitions => _definitions;

    public IEnumerable<string> Names => _layout.ByName.Keys.Concat(_definitions.Keys).Concat(["law_date", "as_of"]);

    /// <summary>Statements that point the slot arrays at one row of a batch.</summary>
    public IEnumerable<E> LoadRow(E batch, E row)
    {
        yield return E.Assign(Longs, E.Property(batch, nameof(CaseBatch.Longs)));
        yield return E.Assign(Decimals, E.Property(batch, nameof(CaseBatch.Decimals)));
        yield return E.Assign(Texts, E.Property(batch, nameof(CaseBatch.Texts)));
        yield return E.Assign(LongBase, E.Multiply(row, E.Constant(_layout.LongCount)));
        yield return E.Assign(DecimalBase, E.Multiply(row, E.Constant(_layout.DecimalCount)));
        yield return E.Assign(TextBase, E.Multiply(row, E.Constant(_layout.TextCount)));
    }

    public IEnumerable<PE> RowVariables => [Longs, Decimals, Texts, LongBase, DecimalBase, TextBase];

    public E Read(InputDefinition leaf) => leaf.Store switch
    {
        SlotStore.Decimal => E.ArrayIndex(Decimals, E.Add(DecimalBase, E.Constant(leaf.Slot))),
        SlotStore.Text => E.ArrayIndex(Texts, E.Add(TextBase, E.Constant(leaf.Slot))),
        _ => leaf.Kind == InputKind.Bool
            ? E.NotEqual(E.ArrayIndex(Longs, E.Add(LongBase, E.Constant(leaf.Slot))), E.Constant(0L))
            : E.ArrayIndex(Longs, E.Add(LongBase, E.Constant(leaf.Slot))),
    };

    /// <summary>Statements that read each input the expressions use into a local, once per case; they follow
    /// <see cref="LoadRow"/> and come before <see cref="Assignments"/>.</summary>
    public List<E> InputLoads { get; } = [];

    private readonly Dictionary<string, PE> _inputs = new(StringComparer.Ordinal);

    /// <summary>Names standing for another value while one application of a criterion's table is bound
    /// (<c>for-each: { ability: [reading, writing] }</c>); derived values never see them.</summary>
    public Dictionary<string, Bound> Aliases { get; } = new(StringComparer.Ordinal);

    public Bound? Resolve(string name, SourcePosition at, ExpressionBinder binder)
    {
        if (_binding.Count == 0 && Aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }

        if (_layout.ByName.TryGetValue(name, out var leaf))
        {
            if (!_inputs.TryGetValue(name, out var local))
            {
                var read = Read(leaf);
                local = E.Variable(read.Type, "input_" + name.Replace('.', '_'));
                _inputs[name] = local;
                Variables.Add(local);
                InputLoads.Add(E.Assign(local, read));
            }

            return new Bound(local, leaf.Type);
        }

        if (_layout.Inputs.FirstOrDefault(i => i.Name == name && i.Kind == InputKind.Record) is { } record)
        {
            _context.Diagnostics.Error(at, $"'{name}' is a record: use one of its fields ({string.Join(", ", record.Fields.Select(f => f.Name))})");
            return Bound.Error;
        }

        if (_definitions.TryGetValue(name, out var definition))
        {
            var bound = Bind(definition, at);
            binder.UsedParameters.UnionWith(definition.Parameters);
            return bound;
        }

        return name switch
        {
            "law_date" when LawDateVisible => new Bound(LawDay, PolicyType.Date),
            "law_date" => Refuse(at, "law_date is not known yet here: this rule decides it"),
            "as_of" => new Bound(AsOfDay, PolicyType.Date),
            "total" when Total is not null => new Bound(Total, PolicyType.Integer),
            _ => null,
        };
    }

    private Bound Refuse(SourcePosition at, string message)
    {
        _context.Diagnostics.Error(at, message);
        return Bound.Error;
    }

    /// <summary>Binds a definition once; later uses read its variable.</summary>
    public Bound Bind(Definition definition, SourcePosition usedAt)
    {
        if (definition.Bound is { } done)
        {
            return done;
        }

        if (definition.InProgress)
        {
            var cycle = _binding.Reverse().SkipWhile(x => x != definition).Select(x => x.Name).Append(definition.Name);
            _context.Diagnostics.Error(usedAt, $"'{definition.Name}' depends on itself: {string.Join(" → ", cycle)}");
            return Bound.Error;
        }

        definition.InProgress = true;
        _binding.Push(definition);
        var binder = new ExpressionBinder(_context, this);
        Bound value;
        if (definition.Table is not null)
        {
            definition.Row = E.Variable(typeof(long), definition.Name + "_row");
            Variables.Add(definition.Row);
            value = TableCompiler.Compile(definition.Table, binder, definition.Row, definition.DeclaredType, $"'{definition.Name}'");
        }
        else
        {
            value = binder.BindText(definition.Expression!.Value, NodeReader.TextStart(definition.Expression));
            if (definition.DeclaredType is { } declared)
            {
                value = binder.Expect(value, declared, definition.Expression.Position, $"'{definition.Name}'");
            }
        }

        _binding.Pop();
        definition.InProgress = false;
        definition.Parameters.UnionWith(binder.UsedParameters);
        if (value.IsError)
        {
            definition.Bound = value;
            return value;
        }

        var variable = E.Variable(value.Type.ClrType, definition.Name);
        Variables.Add(variable);
        Assignments.Add(E.Assign(variable, value.Expr));
        definition.Bound = new Bound(variable, value.Type);
        return definition.Bound;
    }
}
