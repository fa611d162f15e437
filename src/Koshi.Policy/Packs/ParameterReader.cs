using System.Collections.Frozen;
using System.Globalization;
using Koshi.Policy.Yaml;

namespace Koshi.Policy.Packs;

/// <summary>Reads the <c>parameters:</c> section of pack files.</summary>
internal static class ParameterReader
{
    public static void Read(YMapping section, Diagnostics d, Dictionary<string, ParameterDefinition> into)
    {
        foreach (var (key, node) in section.Entries)
        {
            if (!NodeReader.DottedName().IsMatch(key.Value))
            {
                d.Error(key.Position, $"parameter name '{key.Value}' is not valid (lower case words joined by '_', parts separated by '.')");
                continue;
            }

            if (into.TryGetValue(key.Value, out var existing))
            {
                d.Error(key.Position, $"parameter '{key.Value}' is already defined at {existing.Position}");
                continue;
            }

            var parameter = ReadOne(key, node, d, into.Count);
            if (parameter is not null)
            {
                into[key.Value] = parameter;
            }
        }
    }

    /// <summary>A parameter with one value changed from a date (a reform drafted in the policy lab): the value is read as the
    /// pack's YAML would give it, and kept provisional with the change's note; later dated values of the pack still apply.</summary>
    public static ParameterDefinition? Change(ParameterDefinition parameter, ParameterChange change, SourcePosition position, Diagnostics d)
    {
        if (parameter.Type == ParameterType.Scale)
        {
            d.Error(position, "reform.scale", $"parameter '{parameter.Name}' is a scale: change it in a reform pack", parameter.Name);
            return null;
        }

        if (parameter.Until is { } until && change.From > until)
        {
            d.Error(position, "reform.ended", $"parameter '{parameter.Name}' ends on {until:yyyy-MM-dd}: a value from {change.From:yyyy-MM-dd} would never apply", parameter.Name, $"{until:yyyy-MM-dd}", $"{change.From:yyyy-MM-dd}");
            return null;
        }

        var errors = d.ErrorCount;
        var node = change.Value.Contains('\n') || change.Value.Contains('#') ? null : YamlTree.Parse(position.File, change.Value, d);
        if (node is null)
        {
            if (d.ErrorCount == errors)
            {
                d.Error(position, "reform.value-empty", $"parameter '{parameter.Name}': the value is empty or not one line", parameter.Name);
            }

            return null;
        }

        var value = Value(parameter.Type, node, d, position);
        if (value is null || d.ErrorCount > errors)
        {
            return null;
        }

        var dated = new DatedValue(change.From, value, null, true, change.Note, position);
        var values = parameter.Values.Where(v => v.From < change.From).Append(dated).Concat(parameter.Values.Where(v => v.From > change.From)).ToList();
        return new ParameterDefinition(parameter.Name, parameter.Index, parameter.Type, parameter.Unit, parameter.Title, values, parameter.Until, parameter.Position)
        {
            WholeNumbers = parameter.WholeNumbers,
        };
    }

    private static ParameterDefinition? ReadOne(YScalar key, YNode node, Diagnostics d, int index)
    {
        var map = NodeReader.Mapping(node, d, $"parameter '{key.Value}'", key.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, $"parameter '{key.Value}'", "title", "description", "type", "unit", "of", "values", "until", "source", "provisional", "note");
        var typeNode = NodeReader.Scalar(map["type"], d, $"the type of parameter '{key.Value}'", map.Position);
        ParameterType? type = typeNode?.Value switch
        {
            "integer" => ParameterType.Integer,
            "decimal" => ParameterType.Decimal,
            "money" => ParameterType.Money,
            "percent" => ParameterType.Percent,
            "bool" => ParameterType.Bool,
            "text" => ParameterType.Text,
            "date" => ParameterType.Date,
            "set" => ParameterType.Set,
            "map" => ParameterType.Map,
            "scale" => ParameterType.Scale,
            _ => null,
        };
        if (typeNode is not null && type is null)
        {
            d.Error(typeNode.Position, $"unknown parameter type '{typeNode.Value}' (expected integer, decimal, money, percent, bool, text, date, set, map or scale)");
        }

        if (type is null)
        {
            return null;
        }

        var mapOfIntegers = true;
        if (map["of"] is { } ofNode)
        {
            var of = NodeReader.Text(ofNode, d, "of", map.Position);
            if (type != ParameterType.Map)
            {
                d.Error(ofNode.Position, "'of' is only for map parameters");
            }
            else if (of is not ("integer" or "decimal"))
            {
                d.Error(ofNode.Position, $"a map holds integer or decimal values, not '{of}'");
            }

            mapOfIntegers = of != "decimal";
        }

        var defaultSource = NodeReader.Translatable(map["source"], d, "source", map.Position);
        var defaultProvisional = NodeReader.Bool(map["provisional"], d, "provisional", map.Position) ?? false;
        var defaultNote = NodeReader.Text(map["note"], d, "note", map.Position, required: false);
        var values = new List<DatedValue>();
        if (NodeReader.Mapping(map["values"], d, $"the values of parameter '{key.Value}'", map.Position) is { } valuesMap)
        {
            DateOnly? previous = null;
            foreach (var (dateKey, valueNode) in valuesMap.Entries)
            {
                var from = NodeReader.Date(dateKey, d, "a value's date", dateKey.Position);
                if (from is null)
                {
                    continue;
                }

                if (previous is { } before && before >= from)
                {
                    d.Error(dateKey.Position, $"dates of parameter '{key.Value}' must increase: {from:yyyy-MM-dd} follows {before:yyyy-MM-dd}");
                }

                previous = from;
                if (ReadValue(key.Value, type.Value, from.Value, valueNode, d, defaultSource, defaultProvisional, defaultNote) is { } dated)
                {
                    values.Add(dated);
                }
            }

            if (valuesMap.Entries.Count == 0)
            {
                d.Error(valuesMap.Position, $"parameter '{key.Value}' has no values");
            }
        }

        var until = map["until"] is { } untilNode ? NodeReader.Date(untilNode, d, "until", map.Position) : null;
        if (until is { } u && values.Count > 0 && values[^1].From > u)
        {
            d.Error(map["until"]!.Position, $"'until' {u:yyyy-MM-dd} is before the last value's date {values[^1].From:yyyy-MM-dd}");
        }

        var unit = NodeReader.Text(map["unit"], d, "unit", map.Position, required: false) ?? (type == ParameterType.Percent ? "%" : null);
        return new ParameterDefinition(key.Value, index, type.Value, unit,
            NodeReader.LocalizedText(map["title"], d, "title", map.Position), values, until, key.Position)
        {
            WholeNumbers = type switch
            {
                ParameterType.Map => mapOfIntegers,
                ParameterType.Scale => values.All(v => ((Bracket[])v.Value).All(b => b.Value == decimal.Truncate(b.Value))),
                _ => false,
            },
        };
    }

    private static DatedValue? ReadValue(string name, ParameterType type, DateOnly from, YNode node, Diagnostics d,
        string? defaultSource, bool defaultProvisional, string? defaultNote)
    {
        var map = NodeReader.Mapping(node, d, $"the value of '{name}' from {from:yyyy-MM-dd}", node.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, "a dated value", "value", "brackets", "source", "provisional", "note");
        var source = NodeReader.Translatable(map["source"], d, "source", map.Position) ?? defaultSource;
        var provisional = NodeReader.Bool(map["provisional"], d, "provisional", map.Position) ?? defaultProvisional;
        var note = NodeReader.Text(map["note"], d, "note", map.Position, required: false) ?? defaultNote;
        if (source is null && !provisional)
        {
            d.Error(map.Position, $"the value of '{name}' from {from:yyyy-MM-dd} has no source: give 'source', or 'provisional: true' with a 'note'");
        }

        if (provisional && note is null)
        {
            d.Error(map.Position, $"the provisional value of '{name}' from {from:yyyy-MM-dd} needs a 'note' saying why");
        }

        object? value = type == ParameterType.Scale ? Brackets(map, d) : Value(type, map["value"], d, map.Position);
        return value is null ? null : new DatedValue(from, value, source, provisional, note, map.Position);
    }

    private static Bracket[]? Brackets(YMapping map, Diagnostics d)
    {
        if (map["value"] is { } stray)
        {
            d.Error(stray.Position, "a scale's value is a list of 'brackets', not 'value'");
        }

        var list = NodeReader.Sequence(map["brackets"], d, "brackets", map.Position);
        if (list is null)
        {
            return null;
        }

        var brackets = new List<Bracket>();
        foreach (var item in list.Items)
        {
            var bracket = NodeReader.Mapping(item, d, "a bracket", list.Position);
            if (bracket is null)
            {
                continue;
            }

            NodeReader.OnlyKeys(bracket, d, "a bracket", "from", "value");
            var from = NodeReader.Number(bracket["from"], d, "the bracket's 'from'", bracket.Position);
            var value = NodeReader.Number(bracket["value"], d, "the bracket's 'value'", bracket.Position);
            if (from is null || value is null)
            {
                continue;
            }

            if (brackets.Count > 0 && brackets[^1].From >= from)
            {
                d.Error(bracket.Position, $"brackets must start at increasing values: {from} follows {brackets[^1].From}");
            }

            brackets.Add(new Bracket(from.Value, value.Value));
        }

        if (brackets.Count == 0)
        {
            d.Error(list.Position, "a scale needs at least one bracket");
            return null;
        }

        return [.. brackets];
    }

    private static object? Value(ParameterType type, YNode? node, Diagnostics d, SourcePosition parent)
    {
        switch (type)
        {
            case ParameterType.Set:
            {
                var list = NodeReader.Sequence(node, d, "a set's value", parent);
                if (list is null)
                {
                    return null;
                }

                var items = new List<string>();
                foreach (var item in list.Items)
                {
                    if (NodeReader.Text(item, d, "a member", list.Position) is { } text)
                    {
                        if (items.Contains(text))
                        {
                            d.Error(item.Position, $"'{text}' is listed twice");
                        }

                        items.Add(text);
                    }
                }

                return items.ToFrozenSet(StringComparer.Ordinal);
            }

            case ParameterType.Map:
            {
                var map = NodeReader.Mapping(node, d, "a map's value", parent);
                if (map is null)
                {
                    return null;
                }

                var entries = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Entries)
                {
                    if (NodeReader.Number(v, d, $"the value for '{k.Value}'", k.Position) is { } n)
                    {
                        entries[k.Value] = n;
                    }
                }

                return entries.ToFrozenDictionary(StringComparer.Ordinal);
            }
        }

        var scalar = NodeReader.Scalar(node, d, "value", parent);
        if (scalar is null)
        {
            return null;
        }

        switch (type)
        {
            case ParameterType.Integer:
                if (long.TryParse(scalar.Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                d.Error(scalar.Position, "value.integer", $"'{scalar.Value}' is not a whole number", scalar.Value);
                return null;
            case ParameterType.Decimal or ParameterType.Money or ParameterType.Percent:
                return NodeReader.Number(scalar, d, "value", parent);
            case ParameterType.Bool:
                return NodeReader.Bool(scalar, d, "value", parent);
            case ParameterType.Date:
                return NodeReader.Date(scalar, d, "value", parent);
            default:
                return scalar.Value;
        }
    }
}
