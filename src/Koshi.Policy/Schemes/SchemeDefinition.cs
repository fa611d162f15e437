using Koshi.Policy.Compilation;
using Koshi.Policy.Tables;
using Koshi.Policy.Yaml;

namespace Koshi.Policy.Schemes;

internal sealed class GateDefinition
{
    public required string Id { get; init; }
    public required LocalizedText Title { get; init; }
    public required YScalar Rule { get; init; }
    public required LocalizedText Reason { get; init; }
    public string? Source { get; init; }
}

/// <summary>Points from a table or an expression; a criterion or one indicator of a best-of criterion.</summary>
internal class PointsDefinition
{
    public required string Id { get; init; }
    public required LocalizedText Title { get; init; }
    public required SourcePosition Position { get; init; }
    public DecisionTable? Table { get; init; }
    public YScalar? Points { get; init; }
    public YScalar? When { get; init; }
}

internal sealed class CriterionDefinition : PointsDefinition
{
    public IReadOnlyList<PointsDefinition>? BestOf { get; init; }
    /// <summary>The criterion's cap: a whole number or an expression (over parameters and inputs).</summary>
    public YScalar? Cap { get; init; }
    public bool Bonus { get; init; }
    public bool Provisional { get; init; }
    public string? Note { get; init; }
    public string? Source { get; init; }
    public string? Group { get; set; }

    /// <summary>One name bound in turn to each of several inputs of one shape; the criterion's points are the sum of
    /// its table (or expression) applied to each.</summary>
    public ForEach? ForEach { get; init; }
}

internal sealed record ForEach(string Name, IReadOnlyList<string> Inputs, SourcePosition Position);

/// <summary>A cap shared by criteria and by groups inside it (each inner group capped first, on its own).</summary>
internal sealed record GroupDefinition(string Id, LocalizedText Title, IReadOnlyList<string> Criteria, IReadOnlyList<string> Groups, YScalar Cap, SourcePosition Position)
{
    /// <summary>The group this one sits inside, once the scheme is checked.</summary>
    public string? Parent { get; set; }
}

/// <summary>One version of a scoring scheme as the pack writes it.</summary>
internal sealed class SchemeDefinition
{
    public required string Id { get; init; }
    public required LocalizedText Title { get; init; }
    public required SourcePosition Position { get; init; }
    public string? Source { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public YScalar? LawDate { get; init; }
    public string? LawDateSource { get; init; }
    public required List<InputDefinition> Inputs { get; init; }
    public required List<Definition> Derived { get; init; }
    public required List<GateDefinition> Gates { get; init; }
    public required List<CriterionDefinition> Criteria { get; init; }
    public required List<GroupDefinition> Groups { get; init; }
    public long? MaxTotal { get; init; }
    public YScalar? PassRule { get; init; }
    public YScalar? PassMark { get; init; }
    public required List<string> ReportBy { get; init; }

    /// <summary>Groups with every inner group before the group that holds it, so inner caps apply first.</summary>
    public IEnumerable<GroupDefinition> GroupsInnerFirst() => Groups.OrderByDescending(Depth);

    /// <summary>The criteria a group caps, its own and those of the groups inside it, in the order criteria are listed.</summary>
    public List<CriterionDefinition> Members(GroupDefinition group)
    {
        var ids = new HashSet<string>();
        var seen = new HashSet<string>();
        void Collect(GroupDefinition g)
        {
            if (!seen.Add(g.Id))
            {
                return; // a cycle, reported by the scheme's checks
            }

            ids.UnionWith(g.Criteria);
            foreach (var inner in g.Groups)
            {
                if (Groups.FirstOrDefault(x => x.Id == inner) is { } found)
                {
                    Collect(found);
                }
            }
        }

        Collect(group);
        return Criteria.Where(c => ids.Contains(c.Id)).ToList();
    }

    private int Depth(GroupDefinition group)
    {
        var depth = 0;
        for (var g = group; g.Parent is { } parent && depth <= Groups.Count; depth++)
        {
            g = Groups.First(x => x.Id == parent);
        }

        return depth;
    }

    public static SchemeDefinition? Read(YNode node, Diagnostics d)
    {
        var map = NodeReader.Mapping(node, d, "scheme", node.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, "a scheme", "id", "title", "description", "source", "effective-from", "law-date", "inputs", "derived", "gates", "criteria", "groups", "max-total", "pass", "report-by");
        var id = NodeReader.Name(map["id"], d, "scheme id", map.Position, NodeReader.IdName());
        if (id is null)
        {
            return null;
        }

        YScalar? lawDate = null;
        string? lawDateSource = null;
        switch (map["law-date"])
        {
            case YScalar s:
                lawDate = s;
                break;
            case YMapping m:
                NodeReader.OnlyKeys(m, d, "law-date", "expr", "source", "note");
                lawDate = NodeReader.Scalar(m["expr"], d, "law-date's expr", m.Position);
                lawDateSource = NodeReader.Translatable(m["source"], d, "source", m.Position);
                break;
            case { } other:
                d.Error(other.Position, "law-date must be an expression or { expr: …, source: … }");
                break;
        }

        var derived = new List<Definition>();
        if (map["derived"] is { } derivedNode && NodeReader.Mapping(derivedNode, d, "derived", map.Position) is { } derivedMap)
        {
            foreach (var (key, value) in derivedMap.Entries)
            {
                if (NodeReader.CheckName(key, d, "derived name", NodeReader.SimpleName())
                    && NodeReader.Scalar(value, d, $"derived '{key.Value}'", key.Position) is { } expr)
                {
                    derived.Add(new Definition { Name = key.Value, Position = key.Position, Expression = expr });
                }
            }
        }

        var pass = map["pass"] is null ? null : NodeReader.Mapping(map["pass"], d, "pass", map.Position);
        if (pass is not null)
        {
            NodeReader.OnlyKeys(pass, d, "pass", "rule", "mark");
        }

        var reportBy = new List<string>();
        if (map["report-by"] is { } reportNode && NodeReader.Sequence(reportNode, d, "report-by", map.Position) is { } reportList)
        {
            reportBy.AddRange(reportList.Items.Select(i => NodeReader.Text(i, d, "a report-by input", reportList.Position)).OfType<string>());
        }

        var criteria = map["criteria"] is null && map["gates"] is not null ? [] : ReadList(map["criteria"], d, "criteria", map.Position, m => ReadCriterion(m, d));
        var definition = new SchemeDefinition
        {
            Id = id,
            Title = NodeReader.LocalizedText(map["title"], d, "title", map.Position, required: true),
            Position = map.Position,
            Source = NodeReader.Translatable(map["source"], d, "source", map.Position),
            EffectiveFrom = map["effective-from"] is { } ef ? NodeReader.Date(ef, d, "effective-from", map.Position) : null,
            LawDate = lawDate,
            LawDateSource = lawDateSource,
            Inputs = InputReader.Read(map["inputs"], d, map.Position),
            Derived = derived,
            Gates = map["gates"] is null ? [] : ReadList(map["gates"], d, "gates", map.Position, m => ReadGate(m, d)),
            Criteria = criteria,
            Groups = map["groups"] is null ? [] : ReadList(map["groups"], d, "groups", map.Position, m => ReadGroup(m, d)),
            MaxTotal = map["max-total"] is { } mt ? Whole(NodeReader.Number(mt, d, "max-total", map.Position), mt, d) : null,
            PassRule = pass is null ? null : NodeReader.Scalar(pass["rule"], d, "pass rule", pass.Position),
            PassMark = pass is null ? null : NodeReader.Scalar(pass["mark"], d, "pass mark", pass.Position, required: false),
            ReportBy = reportBy,
        };
        foreach (var points in criteria.SelectMany(c => (c.BestOf ?? []).Prepend(c)))
        {
            TableReader.DescribeCases(points.Table, definition.Inputs, d);
        }

        return definition;
    }

    internal static List<T> ReadList<T>(YNode? node, Diagnostics d, string what, SourcePosition parent, Func<YMapping, T?> read)
        where T : class
    {
        var list = NodeReader.Sequence(node, d, what, parent);
        var result = new List<T>();
        foreach (var item in list?.Items ?? [])
        {
            if (NodeReader.Mapping(item, d, $"an entry of {what}", list!.Position) is { } m && read(m) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static long? Whole(decimal? value, YNode node, Diagnostics d)
    {
        if (value is { } v && v != decimal.Truncate(v))
        {
            d.Error(node.Position, "points are whole numbers");
            return null;
        }

        return (long?)value;
    }

    /// <summary>A cap: a whole number, or an expression giving one ("param(x.cap)", "if has_spouse then 100 else 110").</summary>
    private static YScalar? Cap(YNode? node, Diagnostics d, SourcePosition parent)
    {
        var scalar = NodeReader.Scalar(node, d, "cap", parent);
        if (scalar is not null && decimal.TryParse(scalar.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Whole(number, scalar, d) is null ? null : scalar;
        }

        return scalar;
    }

    private static GateDefinition? ReadGate(YMapping map, Diagnostics d)
    {
        NodeReader.OnlyKeys(map, d, "a gate", "id", "title", "rule", "reason", "source", "note");
        var id = NodeReader.Name(map["id"], d, "gate id", map.Position, NodeReader.SimpleName());
        var rule = NodeReader.Scalar(map["rule"], d, "the gate's rule", map.Position);
        if (id is null || rule is null)
        {
            return null;
        }

        return new GateDefinition
        {
            Id = id,
            Title = NodeReader.LocalizedText(map["title"], d, "title", map.Position) is { En.Length: > 0 } t ? t : new LocalizedText(id),
            Rule = rule,
            Reason = NodeReader.LocalizedText(map["reason"], d, "reason", map.Position, required: true),
            Source = NodeReader.Translatable(map["source"], d, "source", map.Position),
        };
    }

    private static GroupDefinition? ReadGroup(YMapping map, Diagnostics d)
    {
        NodeReader.OnlyKeys(map, d, "a group", "id", "title", "criteria", "groups", "cap", "note");
        var id = NodeReader.Name(map["id"], d, "group id", map.Position, NodeReader.SimpleName());
        var members = map["criteria"] is null && map["groups"] is not null ? null : NodeReader.Sequence(map["criteria"], d, "the group's criteria", map.Position);
        var inner = map["groups"] is null ? null : NodeReader.Sequence(map["groups"], d, "the group's groups", map.Position);
        var cap = Cap(map["cap"], d, map.Position);
        if (id is null || (members is null && inner is null) || cap is null)
        {
            return null;
        }

        return new GroupDefinition(id, NodeReader.LocalizedText(map["title"], d, "title", map.Position) is { En.Length: > 0 } t ? t : new LocalizedText(id),
            members?.Items.Select(i => NodeReader.Text(i, d, "a criterion id", members.Position)).OfType<string>().ToList() ?? [],
            inner?.Items.Select(i => NodeReader.Text(i, d, "a group id", inner.Position)).OfType<string>().ToList() ?? [],
            cap, map.Position);
    }

    private static CriterionDefinition? ReadCriterion(YMapping map, Diagnostics d)
    {
        NodeReader.OnlyKeys(map, d, "a criterion", "id", "title", "table", "points", "best-of", "for-each", "when", "cap", "bonus", "provisional", "note", "source");
        var id = NodeReader.Name(map["id"], d, "criterion id", map.Position, NodeReader.SimpleName());
        if (id is null)
        {
            return null;
        }

        var provisional = NodeReader.Bool(map["provisional"], d, "provisional", map.Position) ?? false;
        var note = NodeReader.Text(map["note"], d, "note", map.Position, required: false);
        var source = NodeReader.Translatable(map["source"], d, "source", map.Position);
        if (provisional && note is null)
        {
            d.Error(map.Position, $"criterion '{id}' is provisional: add a 'note' saying why");
        }

        if (!provisional && source is null)
        {
            d.Error(map.Position, $"criterion '{id}' has no source: give 'source', or 'provisional: true' with a 'note'");
        }

        List<PointsDefinition>? bestOf = null;
        if (map["best-of"] is { } bestNode)
        {
            bestOf = ReadList(bestNode, d, "best-of", map.Position, m => ReadPoints(m, d, "an indicator"));
            if (bestOf.Count == 0)
            {
                d.Error(bestNode.Position, "best-of needs at least one indicator");
            }
        }

        var ways = new[] { map["table"], map["points"], map["best-of"] }.Count(x => x is not null);
        if (ways != 1)
        {
            d.Error(map.Position, $"criterion '{id}' needs exactly one of 'table', 'points' or 'best-of'");
            return null;
        }

        ForEach? forEach = null;
        if (map["for-each"] is { } forEachNode && NodeReader.Mapping(forEachNode, d, "for-each", map.Position) is { } forEachMap)
        {
            if (forEachMap.Entries.Count != 1 || bestOf is not null)
            {
                d.Error(forEachMap.Position, bestOf is not null ? "for-each cannot be combined with best-of" : "for-each names one value and its inputs: { ability: [reading, writing] }");
            }
            else if (NodeReader.CheckName(forEachMap.Entries[0].Key, d, "for-each name", NodeReader.SimpleName())
                     && NodeReader.Sequence(forEachMap.Entries[0].Value, d, "for-each inputs", forEachMap.Position) is { } inputList)
            {
                var names = inputList.Items.Select(i => NodeReader.Text(i, d, "an input name", inputList.Position)).OfType<string>().ToList();
                if (names.Count < 1)
                {
                    d.Error(inputList.Position, "for-each needs at least one input");
                }
                else
                {
                    forEach = new ForEach(forEachMap.Entries[0].Key.Value, names, forEachMap.Entries[0].Key.Position);
                }
            }
        }

        var basis = bestOf is null ? ReadPoints(map, d, "a criterion", checkKeys: false) : null;
        return new CriterionDefinition
        {
            Id = id,
            Title = NodeReader.LocalizedText(map["title"], d, "title", map.Position) is { En.Length: > 0 } t ? t : new LocalizedText(id),
            Position = map.Position,
            Table = basis?.Table,
            Points = basis?.Points,
            When = NodeReader.Scalar(map["when"], d, "when", map.Position, required: false),
            BestOf = bestOf,
            ForEach = forEach,
            Cap = map["cap"] is { } capNode ? Cap(capNode, d, map.Position) : null,
            Bonus = NodeReader.Bool(map["bonus"], d, "bonus", map.Position) ?? false,
            Provisional = provisional,
            Note = note,
            Source = source,
        };
    }

    private static PointsDefinition? ReadPoints(YMapping map, Diagnostics d, string what, bool checkKeys = true)
    {
        if (checkKeys)
        {
            NodeReader.OnlyKeys(map, d, what, "id", "title", "table", "points", "when");
        }

        var id = NodeReader.Name(map["id"], d, "id", map.Position, NodeReader.SimpleName());
        var table = map["table"] is { } tableNode ? TableReader.Read(tableNode, d, "points", map.Position) : null;
        var points = map["points"] is { } pointsNode ? NodeReader.Scalar(pointsNode, d, "points", map.Position) : null;
        if (id is null || (table is null && points is null))
        {
            if (id is not null && map["table"] is null && map["points"] is null)
            {
                d.Error(map.Position, $"{what} '{id}' needs 'table' or 'points'");
            }

            return null;
        }

        return new PointsDefinition
        {
            Id = id,
            Title = checkKeys && NodeReader.LocalizedText(map["title"], d, "title", map.Position) is { En.Length: > 0 } t ? t : new LocalizedText(id),
            Position = map.Position,
            Table = table,
            Points = points,
            When = checkKeys ? NodeReader.Scalar(map["when"], d, "when", map.Position, required: false) : null,
        };
    }
}
