using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Policy.Compilation;
using Koshi.Policy.Expressions;
using Koshi.Policy.Packs;
using Koshi.Policy.Schemes;
using Koshi.Policy.Tables;
using Koshi.Policy.Yaml;
using E = System.Linq.Expressions.Expression;

namespace Koshi.Policy;

internal delegate void RuleSetKernel(CaseBatch batch, int row, long asOfDay, object[] outputs, long[] rows, long[] lawDay);

internal sealed class OutputDefinition
{
    public required Definition Definition { get; init; }
    public required LocalizedText Title { get; init; }
    public string? Source { get; init; }
    public bool Provisional { get; init; }
    public string? Note { get; init; }
}

/// <summary>A rule set of a pack, compiled: inputs in, named outputs (amounts, decisions, classifications) out.</summary>
public sealed class RuleSet
{
    private readonly RuleSetKernel _kernel;
    private readonly List<OutputDefinition> _outputs;
    private readonly Dictionary<string, int[]> _parameters;
    private readonly PackModel _pack;

    private RuleSet(string id, LocalizedText title, string? source, string packId, string packHash, PackModel pack, CaseLayout layout,
        RuleSetKernel kernel, List<OutputDefinition> outputs, Dictionary<string, int[]> parameters)
    {
        Id = id;
        Title = title;
        Source = source;
        PackId = packId;
        PackHash = packHash;
        _pack = pack;
        Layout = layout;
        _kernel = kernel;
        _outputs = outputs;
        _parameters = parameters;
    }

    public string Id { get; }
    public LocalizedText Title { get; }
    public string? Source { get; }
    public string PackId { get; }
    public string PackHash { get; }
    public IReadOnlyList<InputDefinition> Inputs => Layout.Inputs;
    public IReadOnlyList<string> Outputs => _outputs.Select(o => o.Definition.Name).ToList();

    /// <summary>The title of an output in the three languages (for a page that shows a stored result), or null.</summary>
    public LocalizedText? OutputTitle(string name) => _outputs.FirstOrDefault(o => o.Definition.Name == name)?.Title;

    /// <summary>The kind of value an output gives, or null when the rule set has no such output.</summary>
    public ValueKind? OutputKind(string name) =>
        _outputs.FirstOrDefault(o => o.Definition.Name == name)?.Definition is { } d ? (d.Bound?.Type ?? d.DeclaredType)?.Kind : null;
    internal CaseLayout Layout { get; }

    public CaseInput ReadCase(JsonElement json) => CaseReader.Read(Layout, json);

    public CaseInput ReadCase(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadCase(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new CaseInputException([new FieldError("$", $"not valid JSON: {ex.Message}")]);
        }
    }

    /// <summary>Builds a case from .NET values keyed by input name (long, int, decimal, bool, DateOnly, string, string[]).</summary>
    public CaseInput Case(IReadOnlyDictionary<string, object?> values)
    {
        var json = JsonSerializer.SerializeToElement(values.ToDictionary(p => p.Key, p => p.Value is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : p.Value));
        return ReadCase(json);
    }

    public RuleSetResult Evaluate(CaseInput input, DateOnly asOf)
    {
        if (input.Batch.Layout != Layout)
        {
            throw new ArgumentException($"the case was read for another rule set than '{Id}'", nameof(input));
        }

        var values = new object[_outputs.Count];
        var rows = new long[_outputs.Count];
        var lawDay = new long[1];
        try
        {
            _kernel(input.Batch, 0, asOf.DayNumber, values, rows, lawDay);
        }
        catch (OverflowException)
        {
            throw new PolicyEvaluationException($"rule set '{Id}': a number grew too large");
        }

        var snapshot = _pack.Snapshots.For(lawDay[0]);
        var outputs = _outputs.Select((o, i) => new OutputResult
        {
            Name = o.Definition.Name,
            Title = o.Title,
            Value = values[i] is long day && o.Definition.Bound?.Type.Kind == ValueKind.Date ? DateOnly.FromDayNumber((int)day) : values[i],
            Rows = o.Definition.Table is { } table && rows[i] >= 0
                ? (table.Hit is HitPolicy.First or HitPolicy.Unique
                    ? [table.Matched((int)rows[i])]
                    : Enumerable.Range(0, table.Rows.Count).Where(r => (rows[i] & (1L << r)) != 0).Select(table.Matched).ToList())
                    .Select(m => m with { Text = _pack.Translate(m.Label) }).ToList()
                : [],
            Source = o.Source,
            SourceText = _pack.Translate(o.Source),
            Provisional = o.Provisional,
            Note = o.Note,
            Parameters = _parameters[o.Definition.Name].Order().Select(p =>
            {
                var definition = _pack.ParameterList[p];
                var value = snapshot.Value(p);
                return value is null
                    ? new ParameterUse(definition.Name, "(no value)", definition.Unit, snapshot.Date, null, false, null)
                    : new ParameterUse(definition.Name, value.Display, definition.Unit, value.From, value.Source, value.Provisional, value.Note) { SourceText = _pack.Translate(value.Source) };
            }).ToList(),
        }).ToList();
        return new RuleSetResult
        {
            RuleSet = Id,
            Pack = new PackReference(PackId, PackHash),
            AsOf = asOf,
            LawDate = DateOnly.FromDayNumber((int)lawDay[0]),
            Outputs = outputs,
            Inputs = JsonNode.Parse(input.ToJson())?.AsObject(),
        };
    }

    internal int OutputCount => _outputs.Count;

    /// <summary>The parameters of the pack that the rule set's outputs read, in the pack's order.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters => _parameters.Values.SelectMany(p => p).Distinct().Order().Select(p => _pack.ParameterList[p]).ToList();

    /// <summary>Runs the compiled rule set on one row of a population: output values as <see cref="Evaluate"/> gives them
    /// (dates as <see cref="DateOnly"/>), without the explanation.</summary>
    internal void EvaluateRow(CaseBatch batch, int row, long asOfDay, object[] values, long[] rows, long[] lawDay)
    {
        try
        {
            _kernel(batch, row, asOfDay, values, rows, lawDay);
        }
        catch (OverflowException)
        {
            throw new PolicyEvaluationException($"rule set '{Id}': a number grew too large");
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new PolicyEvaluationException($"rule set '{Id}': a date fell out of range ({ex.ParamName})");
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is long day && _outputs[i].Definition.Bound?.Type.Kind == ValueKind.Date)
            {
                values[i] = DateOnly.FromDayNumber((int)day);
            }
        }
    }

    internal static RuleSet? Read(YNode node, Diagnostics d, PackModel pack, string packId, string packHash)
    {
        var map = NodeReader.Mapping(node, d, "ruleset", node.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, "a rule set", "id", "title", "description", "source", "law-date", "inputs", "derived", "outputs");
        var id = NodeReader.Name(map["id"], d, "rule set id", map.Position, NodeReader.IdName());
        if (id is null)
        {
            return null;
        }

        var layout = new CaseLayout(InputReader.Read(map["inputs"], d, map.Position));
        var definitions = new List<Definition>();
        if (map["derived"] is { } derivedNode && NodeReader.Mapping(derivedNode, d, "derived", map.Position) is { } derivedMap)
        {
            foreach (var (key, value) in derivedMap.Entries)
            {
                if (NodeReader.CheckName(key, d, "derived name", NodeReader.SimpleName()) && NodeReader.Scalar(value, d, $"derived '{key.Value}'", key.Position) is { } expr)
                {
                    definitions.Add(new Definition { Name = key.Value, Position = key.Position, Expression = expr });
                }
            }
        }

        var outputs = new List<OutputDefinition>();
        if (NodeReader.Mapping(map["outputs"], d, "outputs", map.Position) is { } outputMap)
        {
            foreach (var (key, value) in outputMap.Entries)
            {
                if (!NodeReader.CheckName(key, d, "output name", NodeReader.SimpleName()))
                {
                    continue;
                }

                if (definitions.Any(x => x.Name == key.Value) || layout.ByName.ContainsKey(key.Value))
                {
                    d.Error(key.Position, $"'{key.Value}' is already an input or derived value");
                    continue;
                }

                if (ReadOutput(key, value, d) is { } output)
                {
                    outputs.Add(output);
                    definitions.Add(output.Definition);
                }
            }
        }

        foreach (var output in outputs)
        {
            TableReader.DescribeCases(output.Definition.Table, layout.Inputs, d);
        }

        if (outputs.Count == 0)
        {
            d.Error(map.Position, $"rule set '{id}' has no outputs");
            return null;
        }

        var context = new BindContext(pack.Parameters, pack.Rounding, d);
        var scope = new CaseScope(layout, context, definitions);
        var batch = E.Parameter(typeof(CaseBatch), "batch");
        var row = E.Parameter(typeof(int), "row");
        var asOf = E.Parameter(typeof(long), "asOfDay");
        var values = E.Parameter(typeof(object[]), "outputs");
        var rows = E.Parameter(typeof(long[]), "rows");
        var lawDayOut = E.Parameter(typeof(long[]), "lawDay");
        var body = new List<E>();
        body.AddRange(scope.LoadRow(batch, row));
        var inputsAt = body.Count;
        body.Add(E.Assign(scope.AsOfDay, asOf));
        var lawDateText = map["law-date"] is { } ld ? NodeReader.Scalar(ld, d, "law-date", map.Position) : null;
        if (lawDateText is not null)
        {
            var lawContext = new BindContext(new Dictionary<string, ParameterDefinition>(), pack.Rounding, d) { ParametersRefused = "param() cannot decide the law date" };
            var lawScope = new CaseScope(layout, lawContext, []) { LawDateVisible = false };
            var law = new ExpressionBinder(lawContext, lawScope).BindAs(lawDateText.Value, NodeReader.TextStart(lawDateText), PolicyType.Date, "law-date");
            body.AddRange(lawScope.LoadRow(batch, row));
            body.AddRange(lawScope.InputLoads);
            body.Add(E.Assign(lawScope.AsOfDay, asOf));
            body.Add(E.Assign(scope.LawDay, law.IsError ? asOf : law.Expr));
            scope.Variables.AddRange(lawScope.RowVariables.Concat(lawScope.Variables).Append(lawScope.AsOfDay));
        }
        else
        {
            body.Add(E.Assign(scope.LawDay, scope.AsOfDay));
        }

        body.Add(E.Assign(E.ArrayAccess(lawDayOut, E.Constant(0)), scope.LawDay));
        body.Add(E.Assign(context.Snapshot, E.Call(E.Constant(pack.Snapshots), nameof(SnapshotCache.For), null, scope.LawDay)));
        foreach (var definition in definitions)
        {
            scope.Bind(definition, definition.Position);
        }

        body.InsertRange(inputsAt, scope.InputLoads);
        body.AddRange(scope.Assignments);
        for (var i = 0; i < outputs.Count; i++)
        {
            var definition = outputs[i].Definition;
            if (definition.Bound is not { IsError: false } bound)
            {
                continue;
            }

            body.Add(E.Assign(E.ArrayAccess(values, E.Constant(i)), E.Convert(bound.Expr, typeof(object))));
            body.Add(E.Assign(E.ArrayAccess(rows, E.Constant(i)), definition.Row ?? (E)E.Constant(-1L)));
        }

        var variables = scope.RowVariables.Concat(scope.Variables).Append(scope.LawDay).Append(scope.AsOfDay).Append(context.Snapshot).Distinct();
        var lambda = E.Lambda<RuleSetKernel>(E.Block(typeof(void), variables, body), batch, row, asOf, values, rows, lawDayOut);
        var parameters = outputs.ToDictionary(o => o.Definition.Name, o => o.Definition.Parameters.ToArray());
        if (d.HasErrors)
        {
            return null;
        }

        return new RuleSet(id, NodeReader.LocalizedText(map["title"], d, "title", map.Position, required: true),
            NodeReader.Translatable(map["source"], d, "source", map.Position), packId, packHash, pack, layout, lambda.Compile(), outputs, parameters);
    }

    private static OutputDefinition? ReadOutput(YScalar key, YNode node, Diagnostics d)
    {
        if (node is YScalar expr)
        {
            return new OutputDefinition { Definition = new Definition { Name = key.Value, Position = key.Position, Expression = expr }, Title = new LocalizedText(key.Value) };
        }

        var map = NodeReader.Mapping(node, d, $"output '{key.Value}'", key.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, $"output '{key.Value}'", "type", "title", "expr", "table", "source", "provisional", "note", "unit");
        PolicyType? type = null;
        if (map["type"] is { } typeNode)
        {
            var name = NodeReader.Text(typeNode, d, "type", map.Position);
            type = name switch
            {
                "integer" => PolicyType.Integer,
                "decimal" or "money" or "percent" => PolicyType.Decimal,
                "bool" => PolicyType.Bool,
                "text" => PolicyType.Text,
                "date" => PolicyType.Date,
                _ => null,
            };
            if (type is null)
            {
                d.Error(typeNode.Position, $"unknown output type '{name}' (expected integer, decimal, money, percent, bool, text or date)");
            }
        }

        var table = map["table"] is { } t ? TableReader.Read(t, d, "then", map.Position) : null;
        var expression = map["expr"] is { } e ? NodeReader.Scalar(e, d, "expr", map.Position) : null;
        if ((table is null) == (expression is null))
        {
            if (map["table"] is null || map["expr"] is not null)
            {
                d.Error(map.Position, $"output '{key.Value}' needs exactly one of 'expr' or 'table'");
            }

            return null;
        }

        var provisional = NodeReader.Bool(map["provisional"], d, "provisional", map.Position) ?? false;
        var note = NodeReader.Text(map["note"], d, "note", map.Position, required: false);
        if (provisional && note is null)
        {
            d.Error(map.Position, $"output '{key.Value}' is provisional: add a 'note' saying why");
        }

        return new OutputDefinition
        {
            Definition = new Definition { Name = key.Value, Position = key.Position, Expression = expression, Table = table, DeclaredType = type },
            Title = NodeReader.LocalizedText(map["title"], d, "title", map.Position) is { En.Length: > 0 } title ? title : new LocalizedText(key.Value),
            Source = NodeReader.Translatable(map["source"], d, "source", map.Position),
            Provisional = provisional,
            Note = note,
        };
    }

    public override string ToString() => Id;
}

/// <summary>A rule set's outputs for one case, each with the table row that decided it and the law values used.</summary>
public sealed record RuleSetResult
{
    public string Schema { get; init; } = "koshi.ruleset-result/1";
    public required string RuleSet { get; init; }
    public required PackReference Pack { get; init; }
    public required DateOnly AsOf { get; init; }
    public required DateOnly LawDate { get; init; }
    public required IReadOnlyList<OutputResult> Outputs { get; init; }
    public JsonObject? Inputs { get; init; }

    public object this[string name] => Outputs.FirstOrDefault(o => o.Name == name)?.Value ?? throw new KeyNotFoundException($"no output '{name}'");

    public decimal Decimal(string name) => this[name] switch { long l => l, decimal m => m, var v => throw new InvalidCastException($"output '{name}' is {v.GetType().Name}") };

    public bool Bool(string name) => (bool)this[name];

    public string Text(string name) => (string)this[name];

    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, indented ? JsonOptions.Indented : JsonOptions.Compact);
}

public sealed record OutputResult
{
    public required string Name { get; init; }
    public required LocalizedText Title { get; init; }
    public required object Value { get; init; }
    public IReadOnlyList<MatchedRow> Rows { get; init; } = [];
    public string? Source { get; init; }

    /// <summary>The source in three languages, where the pack gives them.</summary>
    public LocalizedText? SourceText { get; init; }
    public bool Provisional { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<ParameterUse> Parameters { get; init; } = [];
}
