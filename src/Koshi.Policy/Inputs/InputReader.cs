using System.Text.RegularExpressions;
using Koshi.Policy.Yaml;

namespace Koshi.Policy;

/// <summary>Reads the <c>inputs:</c> of a scheme or rule set.</summary>
internal static class InputReader
{
    public static List<InputDefinition> Read(YNode? node, Diagnostics d, SourcePosition parent, string prefix = "")
    {
        var result = new List<InputDefinition>();
        var map = NodeReader.Mapping(node, d, "inputs", parent);
        if (map is null)
        {
            return result;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (!NodeReader.CheckName(key, d, "input name", NodeReader.SimpleName()))
            {
                continue;
            }

            if (key.Value is "law_date" or "as_of" or "total")
            {
                d.Error(key.Position, $"'{key.Value}' is a reserved name");
                continue;
            }

            var input = ReadOne(prefix + key.Value, key, value, d);
            if (input is not null)
            {
                result.Add(input);
            }
        }

        return result;
    }

    private static InputDefinition? ReadOne(string name, YScalar key, YNode node, Diagnostics d)
    {
        var map = NodeReader.Mapping(node, d, $"input '{name}'", key.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, $"input '{name}'", "type", "title", "help", "values", "fields", "default", "min", "max", "pattern", "changeable");
        var typeNode = NodeReader.Scalar(map["type"], d, $"the type of input '{name}'", map.Position);
        InputKind? kind = typeNode?.Value switch
        {
            "integer" => InputKind.Integer,
            "decimal" or "money" => InputKind.Decimal,
            "bool" => InputKind.Bool,
            "date" => InputKind.Date,
            "text" => InputKind.Text,
            "enum" => InputKind.Enum,
            "set" => InputKind.Set,
            "record" => InputKind.Record,
            _ => null,
        };
        if (typeNode is not null && kind is null)
        {
            d.Error(typeNode.Position, $"unknown input type '{typeNode.Value}' (expected integer, decimal, bool, date, text, enum, set or record)");
        }

        if (kind is null)
        {
            return null;
        }

        var input = new InputDefinition(name, kind.Value, NodeReader.LocalizedText(map["title"], d, "title", map.Position))
        {
            Help = map["help"] is { } help ? NodeReader.LocalizedText(help, d, "help", map.Position) : null,
            Changeable = NodeReader.Bool(map["changeable"], d, "changeable", map.Position) ?? false,
            Min = map["min"] is { } min ? NodeReader.Number(min, d, "min", map.Position) : null,
            Max = map["max"] is { } max ? NodeReader.Number(max, d, "max", map.Position) : null,
            Position = key.Position,
        };

        if (kind is InputKind.Enum or InputKind.Set)
        {
            var values = NodeReader.Sequence(map["values"], d, $"the values of input '{name}'", map.Position);
            var enumValues = new List<EnumValue>();
            foreach (var item in values?.Items ?? [])
            {
                var value = item switch
                {
                    YMapping m => ReadEnumValue(m, d),
                    _ => NodeReader.Text(item, d, "a value", values!.Position) is { } id ? new EnumValue(id, new LocalizedText(id)) : null,
                };
                if (value is null)
                {
                    continue;
                }

                if (enumValues.Any(v => v.Id == value.Id))
                {
                    d.Error(item.Position, $"value '{value.Id}' is listed twice");
                    continue;
                }

                enumValues.Add(value);
            }

            if (values is not null && enumValues.Count == 0)
            {
                d.Error(values.Position, $"input '{name}' needs at least one value");
            }

            // Table cells, 'in' lists and set inputs hold enum values as bits of one long: a 64th value would
            // share a bit with the first and match where it should not, so longer lists are refused.
            if (enumValues.Count > 63)
            {
                var what = kind == InputKind.Set ? "a set" : "an enum";
                d.Error(map.Position, $"{what} input can have at most 63 values, '{name}' has {enumValues.Count} (a longer list can be a text input tested with 'in [ … ]')");
            }

            input.Enum = new EnumType(enumValues);
        }
        else if (map["values"] is { } stray)
        {
            d.Error(stray.Position, "'values' is only for enum and set inputs");
        }

        if (kind == InputKind.Record)
        {
            input.Fields = Read(map["fields"], d, map.Position, name + ".");
            if (input.Fields.Any(f => f.Kind == InputKind.Record))
            {
                d.Error(map.Position, "records cannot nest records");
            }
        }

        if (map["pattern"] is { } patternNode && NodeReader.Text(patternNode, d, "pattern", map.Position) is { } pattern)
        {
            try
            {
                // Linear-time matching: a pattern from a pack can never make reading a case hang, and needs no timeout
                // (a wall-clock timeout fires spuriously on a busy machine).
                input.PatternRegex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (ArgumentException ex)
            {
                d.Error(patternNode.Position, $"pattern is not a valid regular expression: {ex.Message}");
            }
            catch (NotSupportedException ex)
            {
                d.Error(patternNode.Position, $"pattern uses a construct this engine does not support (backreferences, lookarounds): {ex.Message}");
            }
        }

        if (map["default"] is { } defaultNode && kind != InputKind.Record)
        {
            input.Default = ReadDefault(input, defaultNode, d);
        }

        return input;
    }

    private static EnumValue? ReadEnumValue(YMapping map, Diagnostics d)
    {
        NodeReader.OnlyKeys(map, d, "an enum value", "id", "title");
        var id = NodeReader.Name(map["id"], d, "id", map.Position, NodeReader.IdName());
        return id is null ? null : new EnumValue(id, NodeReader.LocalizedText(map["title"], d, "title", map.Position) is { En.Length: > 0 } t ? t : new LocalizedText(id));
    }

    private static object? ReadDefault(InputDefinition input, YNode node, Diagnostics d)
    {
        if (input.Kind == InputKind.Set)
        {
            var list = NodeReader.Sequence(node, d, "default", node.Position);
            var members = new List<string>();
            foreach (var item in list?.Items ?? [])
            {
                var text = NodeReader.Text(item, d, "a member", item.Position);
                if (text is not null && input.Enum!.IndexOf(text) < 0)
                {
                    d.Error(item.Position, $"'{text}' is not one of: {input.Enum.Describe()}");
                }
                else if (text is not null)
                {
                    members.Add(text);
                }
            }

            return members.ToArray();
        }

        var scalar = NodeReader.Scalar(node, d, "default", node.Position);
        if (scalar is null)
        {
            return null;
        }

        var value = CaseReader.FromText(input, scalar.Value, out InputProblem? error);
        if (value is null)
        {
            d.Error(scalar.Position, $"default of '{input.Name}': {error!.Message}");
        }

        return value;
    }
}
