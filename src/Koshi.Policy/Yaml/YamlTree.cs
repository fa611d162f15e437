using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Koshi.Policy.Yaml;

/// <summary>A YAML node with its position; the loader reads these instead of YamlDotNet's model so that every
/// problem can be reported at its line and column, and duplicate keys are errors rather than exceptions.</summary>
internal abstract record YNode(SourcePosition Position);

internal sealed record YScalar(SourcePosition Position, string Value, bool Plain) : YNode(Position)
{
    public bool IsNull => Plain && (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");
}

internal sealed record YSequence(SourcePosition Position, IReadOnlyList<YNode> Items) : YNode(Position);

internal sealed record YMapping(SourcePosition Position, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(Position)
{
    public YNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

internal static class YamlTree
{
    private const int MaxDepth = 64;

    /// <summary>Parses one YAML document; returns null (with diagnostics) when the text is not valid YAML.</summary>
    public static YNode? Parse(string file, string text, Diagnostics errors)
    {
        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(file, parser, errors, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                errors.Error(Pos(file, next.Start), "yaml.documents", "a pack file holds one YAML document");
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            errors.Error(Pos(file, ex.Start), "yaml.malformed", "malformed YAML: " + FirstLine(ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up in some broken states without a position: report where it stopped.
            var at = parser?.Current is { } current ? Pos(file, current.Start) : new SourcePosition(file, 1, 1);
            errors.Error(at, "yaml.malformed", "malformed YAML: the parser could not continue here (check indentation and brackets)");
            return null;
        }
        catch (DepthException ex)
        {
            errors.Error(ex.Position, $"nesting deeper than {MaxDepth} levels");
            return null;
        }
    }

    private static YNode ReadNode(string file, IParser parser, Diagnostics errors, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the document");
        var pos = Pos(file, current.Start);
        if (depth > MaxDepth)
        {
            throw new DepthException(pos);
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YScalar(pos, scalar.Value, scalar.Style == ScalarStyle.Plain);
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<YNode>();
                while (!parser.Accept<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(file, parser, errors, depth + 1));
                }

                parser.MoveNext();
                return new YSequence(pos, items);
            }

            case MappingStart:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YScalar, YNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.Accept<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(file, parser, errors, depth + 1);
                    var value = ReadNode(file, parser, errors, depth + 1);
                    if (keyNode is not YScalar key)
                    {
                        errors.Error(keyNode.Position, "yaml.key", "a key must be a plain value");
                        continue;
                    }

                    if (!seen.Add(key.Value))
                    {
                        errors.Error(key.Position, "yaml.duplicate-key", $"duplicate key '{key.Value}'", key.Value);
                        continue;
                    }

                    entries.Add(new(key, value));
                }

                parser.MoveNext();
                return new YMapping(pos, entries);
            }

            case AnchorAlias:
                throw new YamlException(current.Start, current.End, "anchors and aliases are not supported in a pack");
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static SourcePosition Pos(string file, Mark mark) => new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string FirstLine(string message)
    {
        var text = message;
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; the position is reported separately.
        var cut = text.LastIndexOf("): ", StringComparison.Ordinal);
        if (text.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0)
        {
            text = text[(cut + 3)..];
        }

        var newline = text.IndexOf('\n');
        return newline < 0 ? text : text[..newline];
    }

    private sealed class DepthException(SourcePosition position) : Exception
    {
        public SourcePosition Position { get; } = position;
    }
}
