using System.Globalization;
using System.Text.RegularExpressions;

namespace Koshi.Policy.Yaml;

/// <summary>Collects the problems found while loading a pack; loading goes on after an error so that all are reported.</summary>
internal sealed class Diagnostics
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => !d.IsWarning);

    public int ErrorCount => _items.Count(d => !d.IsWarning);

    /// <summary>Reports an error once: a parameter checked where each expression reads it reports a bad value once.</summary>
    public void Error(SourcePosition at, string message) => Add(new Diagnostic(at, message));

    /// <summary>Reports an error with its code and the values it names, so that a caller can say it in another language.</summary>
    public void Error(SourcePosition at, string code, string message, params string[] args) => Add(new Diagnostic(at, message) { Code = code, Args = args });

    private void Add(Diagnostic diagnostic)
    {
        if (!_items.Any(i => i.Position == diagnostic.Position && i.Message == diagnostic.Message && !i.IsWarning))
        {
            _items.Add(diagnostic);
        }
    }

    /// <summary>Moves the errors reported since <paramref name="count"/> to one position (a value parsed on its own, reported where it was given).</summary>
    public void Relocate(int count, SourcePosition at)
    {
        for (var i = count; i < _items.Count; i++)
        {
            _items[i] = _items[i] with { Position = at };
        }
    }

    public void Warn(SourcePosition at, string message) => _items.Add(new Diagnostic(at, message, IsWarning: true));

    public void AddRange(IEnumerable<Diagnostic> items) => _items.AddRange(items);

    /// <summary>Texts the pack gives in several languages where a plain text is stored (sources, row labels): English
    /// to the full text, so results can carry, and pages show, the reader's language.</summary>
    public Dictionary<string, LocalizedText> Translations { get; } = new(StringComparer.Ordinal);
}

/// <summary>Typed reads of YAML nodes that report a diagnostic (and return null) instead of throwing.</summary>
internal static partial class NodeReader
{
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    public static partial Regex SimpleName();

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$")]
    public static partial Regex DottedName();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    public static partial Regex IdName();

    public static YMapping? Mapping(YNode? node, Diagnostics d, string what, SourcePosition parent)
    {
        switch (node)
        {
            case YMapping m:
                return m;
            case null:
                d.Error(parent, "node.missing", $"{what} is missing", what);
                return null;
            default:
                d.Error(node.Position, "node.mapping", $"{what} must be a mapping (key: value)", what);
                return null;
        }
    }

    public static YSequence? Sequence(YNode? node, Diagnostics d, string what, SourcePosition parent)
    {
        switch (node)
        {
            case YSequence s:
                return s;
            case null:
                d.Error(parent, "node.missing", $"{what} is missing", what);
                return null;
            default:
                d.Error(node.Position, "node.list", $"{what} must be a list", what);
                return null;
        }
    }

    public static YScalar? Scalar(YNode? node, Diagnostics d, string what, SourcePosition parent, bool required = true)
    {
        switch (node)
        {
            case YScalar s when !s.IsNull:
                return s;
            case null or YScalar:
                if (required)
                {
                    d.Error(node?.Position ?? parent, "node.missing", $"{what} is missing", what);
                }

                return null;
            default:
                d.Error(node.Position, "node.scalar", $"{what} must be a single value, not a list or mapping", what);
                return null;
        }
    }

    public static string? Text(YNode? node, Diagnostics d, string what, SourcePosition parent, bool required = true)
        => Scalar(node, d, what, parent, required)?.Value;

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="allowed"/>.</summary>
    public static void OnlyKeys(YMapping map, Diagnostics d, string where, params string[] allowed)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (Array.IndexOf(allowed, key.Value) < 0)
            {
                d.Error(key.Position, "key.unknown", $"unknown key '{key.Value}' in {where} (expected one of: {string.Join(", ", allowed)})", key.Value, string.Join(", ", allowed));
            }
        }
    }

    public static string? Name(YNode? node, Diagnostics d, string what, SourcePosition parent, Regex pattern)
    {
        var s = Scalar(node, d, what, parent);
        if (s is null)
        {
            return null;
        }

        if (!pattern.IsMatch(s.Value))
        {
            d.Error(s.Position, "name.invalid", $"{what} '{s.Value}' is not a valid name (lower case letters, digits and '_'{(pattern == DottedName() ? ", parts separated by '.'" : string.Empty)})", s.Value);
            return null;
        }

        return s.Value;
    }

    public static bool CheckName(YScalar key, Diagnostics d, string what, Regex pattern)
    {
        if (pattern.IsMatch(key.Value))
        {
            return true;
        }

        d.Error(key.Position, "name.invalid", $"{what} '{key.Value}' is not a valid name (lower case letters, digits and '_')", key.Value);
        return false;
    }

    public static LocalizedText LocalizedText(YNode? node, Diagnostics d, string what, SourcePosition parent, bool required = false)
    {
        switch (node)
        {
            case null:
                if (required)
                {
                    d.Error(parent, "node.missing", $"{what} is missing", what);
                }

                return Policy.LocalizedText.Empty;
            case YScalar s:
                return new LocalizedText(s.Value);
            case YMapping m:
                OnlyKeys(m, d, what, "en", "ru", "kk");
                var en = Text(m["en"], d, what + " in English (en)", m.Position);
                return new LocalizedText(en ?? string.Empty, Text(m["ru"], d, "ru", m.Position, false), Text(m["kk"], d, "kk", m.Position, false));
            default:
                d.Error(node.Position, "node.text", $"{what} must be a text or {{ en: …, ru: …, kk: … }}", what);
                return Policy.LocalizedText.Empty;
        }
    }

    /// <summary>A text people read that is stored as its English form (a source, a row label): a plain text, or
    /// <c>{ en, ru, kk }</c>, whose other languages are kept in <see cref="Diagnostics.Translations"/>.</summary>
    public static string? Translatable(YNode? node, Diagnostics d, string what, SourcePosition parent)
    {
        if (node is not YMapping)
        {
            return Text(node, d, what, parent, required: false);
        }

        var text = LocalizedText(node, d, what, parent);
        if (text.En.Length == 0)
        {
            return null;
        }

        if (d.Translations.TryGetValue(text.En, out var known) && known != text)
        {
            d.Error(node.Position, $"{what} '{text.En}' is translated differently elsewhere in the pack");
        }

        d.Translations[text.En] = text;
        return text.En;
    }

    public static DateOnly? Date(YNode? node, Diagnostics d, string what, SourcePosition parent, bool required = true)
    {
        var s = Scalar(node, d, what, parent, required);
        if (s is null)
        {
            return null;
        }

        var text = s.Value.StartsWith('@') ? s.Value[1..] : s.Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        d.Error(s.Position, "value.date", $"{what} '{s.Value}' is not a date (write YYYY-MM-DD)", s.Value);
        return null;
    }

    public static decimal? Number(YNode? node, Diagnostics d, string what, SourcePosition parent, bool required = true)
    {
        var s = Scalar(node, d, what, parent, required);
        if (s is null)
        {
            return null;
        }

        if (TryNumber(s.Value, out var value))
        {
            return value;
        }

        d.Error(s.Position, "value.number", $"{what} '{s.Value}' is not a number", s.Value);
        return null;
    }

    public static bool TryNumber(string text, out decimal value)
        => decimal.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    public static bool? Bool(YNode? node, Diagnostics d, string what, SourcePosition parent, bool required = false)
    {
        var s = Scalar(node, d, what, parent, required);
        if (s is null)
        {
            return null;
        }

        switch (s.Value)
        {
            case "true" or "True" or "yes":
                return true;
            case "false" or "False" or "no":
                return false;
            default:
                d.Error(s.Position, "value.bool", $"{what} must be true or false, not '{s.Value}'", s.Value);
                return null;
        }
    }

    /// <summary>Where the text of a scalar starts: one column after the opening quote of a quoted scalar.</summary>
    public static SourcePosition TextStart(YScalar s) => s.Plain ? s.Position : s.Position with { Column = s.Position.Column + 1 };
}
