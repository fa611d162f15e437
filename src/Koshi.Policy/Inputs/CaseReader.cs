using System.Globalization;
using System.Text.Json;

namespace Koshi.Policy;

/// <summary>One case of a scheme or rule set: inputs checked against their declarations.</summary>
public sealed class CaseInput
{
    internal CaseInput(CaseBatch batch) => Batch = batch;

    internal CaseBatch Batch { get; }

    /// <summary>The value of an input by its full name (long, decimal, bool, DateOnly, string, or string[] for sets).</summary>
    public object this[string name] => Batch.Layout.ByName.TryGetValue(name, out var leaf)
        ? Batch.Get(0, leaf)
        : throw new KeyNotFoundException($"no input '{name}'");

    /// <summary>The case as a JSON object, the same shape a case file has.</summary>
    public string ToJson() => Batch.ToJson(0);

    /// <summary>A copy with one input changed; the value is checked like any case value.</summary>
    public CaseInput With(string name, object value)
    {
        var leaf = Batch.Layout.ByName[name];
        var copy = new CaseBatch(Batch.Layout, 1) { Count = 1 };
        Batch.CopyRow(0, copy, 0);
        copy.Set(0, leaf, value);
        return new CaseInput(copy);
    }
}

/// <summary>Reads cases from JSON objects and from flat text rows (CSV), naming every bad field.</summary>
internal static class CaseReader
{
    public static CaseInput Read(CaseLayout layout, JsonElement json)
    {
        var batch = new CaseBatch(layout, 1) { Count = 1 };
        var errors = new List<FieldError>();
        ReadJson(batch, 0, json, errors);
        return errors.Count > 0 ? throw new CaseInputException(errors) : new CaseInput(batch);
    }

    public static void ReadJson(CaseBatch batch, int row, JsonElement json, List<FieldError> errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldError.Of("$", "case.not-object", "a case must be a JSON object of the scheme's inputs"));
            return;
        }

        ReadObject(batch, row, json, batch.Layout.Inputs, string.Empty, errors);
    }

    private static void ReadObject(CaseBatch batch, int row, JsonElement json, IReadOnlyList<InputDefinition> inputs, string prefix, List<FieldError> errors)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (!inputs.Any(i => i.Name == prefix + property.Name))
            {
                var expected = string.Join(", ", inputs.Select(i => i.Name[prefix.Length..]));
                errors.Add(FieldError.Of(prefix + property.Name, "input.unknown", $"unknown input (expected one of: {expected})", expected));
            }
        }

        foreach (var input in inputs)
        {
            var present = json.TryGetProperty(input.Name[prefix.Length..], out var value) && value.ValueKind != JsonValueKind.Null;
            if (input.Kind == InputKind.Record)
            {
                if (!present)
                {
                    FillDefaults(batch, row, input.Fields, errors);
                }
                else if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(FieldError.Of(input.Name, "input.not-object", "must be an object of its fields"));
                }
                else
                {
                    ReadObject(batch, row, value, input.Fields, input.Name + ".", errors);
                }

                continue;
            }

            if (!present)
            {
                Default(batch, row, input, errors);
                continue;
            }

            var typed = FromJson(input, value, out InputProblem? error);
            if (typed is null)
            {
                errors.Add(new FieldError(input.Name, error!));
            }
            else
            {
                batch.Set(row, input, typed);
            }
        }
    }

    private static void FillDefaults(CaseBatch batch, int row, IEnumerable<InputDefinition> fields, List<FieldError> errors)
    {
        foreach (var field in fields)
        {
            if (field.Kind == InputKind.Record)
            {
                FillDefaults(batch, row, field.Fields, errors);
            }
            else
            {
                Default(batch, row, field, errors);
            }
        }
    }

    private static void Default(CaseBatch batch, int row, InputDefinition input, List<FieldError> errors)
    {
        if (input.Default is null)
        {
            errors.Add(FieldError.Of(input.Name, "input.required", $"is required ({Describe(input)})", Kind(input)));
        }
        else
        {
            batch.Set(row, input, input.Default);
        }
    }

    /// <summary>Reads a row of texts keyed by full input name (CSV columns; set members separated by '|' or ';').</summary>
    public static void ReadText(CaseBatch batch, int row, Func<string, string?> column, List<FieldError> errors)
    {
        foreach (var input in batch.Layout.Leaves)
        {
            var text = column(input.Name);
            if (string.IsNullOrEmpty(text))
            {
                Default(batch, row, input, errors);
                continue;
            }

            var typed = FromText(input, text, out InputProblem? error);
            if (typed is null)
            {
                errors.Add(new FieldError(input.Name, error!));
            }
            else
            {
                batch.Set(row, input, typed);
            }
        }
    }

    public static object? FromJson(InputDefinition input, JsonElement value, out InputProblem? error)
    {
        error = null;
        switch (input.Kind)
        {
            case InputKind.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l):
                return Check(input, l, out error) ? l : null;
            case InputKind.Decimal when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var m):
                return Check(input, m, out error) ? m : null;
            case InputKind.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean();
            case InputKind.Date or InputKind.Text or InputKind.Enum when value.ValueKind == JsonValueKind.String:
                return FromText(input, value.GetString()!, out error);
            case InputKind.Set when value.ValueKind == JsonValueKind.Array:
            {
                var members = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || input.Enum!.IndexOf(item.GetString()!) < 0)
                    {
                        error = NotOneOf(input, item.ToString());
                        return null;
                    }

                    members.Add(item.GetString()!);
                }

                return members.Distinct(StringComparer.Ordinal).ToArray();
            }

            default:
                error = new InputProblem("value.type", $"expected {Describe(input)}, got {Show(value)}", Kind(input), value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
                return null;
        }
    }

    public static object? FromText(InputDefinition input, string text, out InputProblem? error)
    {
        error = null;
        text = text.Trim();
        switch (input.Kind)
        {
            case InputKind.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return Check(input, l, out error) ? l : null;
                }

                break;
            case InputKind.Decimal:
                if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
                {
                    return Check(input, m, out error) ? m : null;
                }

                break;
            case InputKind.Bool:
                if (text is "true" or "false")
                {
                    return text == "true";
                }

                break;
            case InputKind.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    return d;
                }

                break;
            case InputKind.Text:
                if (input.PatternRegex is { } pattern && !pattern.IsMatch(text))
                {
                    error = new InputProblem("value.pattern", $"'{text}' does not match {pattern}", text);
                    return null;
                }

                return text;
            case InputKind.Enum:
                if (input.Enum!.IndexOf(text) >= 0)
                {
                    return text;
                }

                error = NotOneOf(input, text);
                return null;
            case InputKind.Set:
            {
                var members = text.Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var member in members)
                {
                    if (input.Enum!.IndexOf(member) < 0)
                    {
                        error = NotOneOf(input, member);
                        return null;
                    }
                }

                return members.Distinct(StringComparer.Ordinal).ToArray();
            }
        }

        error = new InputProblem("value.type", $"expected {Describe(input)}, got '{text}'", Kind(input), text);
        return null;
    }

    private static bool Check(InputDefinition input, decimal value, out InputProblem? error)
    {
        error = OutOfRange(input, value);
        return error is null;
    }

    /// <summary>A number below the input's minimum or above its maximum, or null when it is within them.</summary>
    internal static InputProblem? OutOfRange(InputDefinition input, decimal value) =>
        value < input.Min ? new InputProblem("value.below-min", $"{value} is below the minimum {input.Min}", Invariant(value), Invariant(input.Min.Value))
        : value > input.Max ? new InputProblem("value.above-max", $"{value} is above the maximum {input.Max}", Invariant(value), Invariant(input.Max.Value))
        : null;

    private static InputProblem NotOneOf(InputDefinition input, string value) =>
        new("value.not-one-of", $"'{value}' is not one of: {input.Enum!.Describe()}", value, input.Enum!.Describe());

    /// <summary>The input's kind as a code (integer, decimal, bool, date, text, enum, set, record) for a translated message.</summary>
    internal static string Kind(InputDefinition input) => input.Kind.ToString().ToLowerInvariant();

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Describe(InputDefinition input) => input.Kind switch
    {
        InputKind.Integer => "a whole number" + Range(input),
        InputKind.Decimal => "a number" + Range(input),
        InputKind.Bool => "true or false",
        InputKind.Date => "a date YYYY-MM-DD",
        InputKind.Text => input.PatternRegex is null ? "a text" : $"a text matching {input.PatternRegex}",
        InputKind.Enum => "one of: " + input.Enum!.Describe(),
        InputKind.Set => "a list of: " + input.Enum!.Describe(),
        _ => "an object",
    };

    private static string Range(InputDefinition input) => (input.Min, input.Max) switch
    {
        (null, null) => string.Empty,
        ({ } min, null) => $" ≥ {min}",
        (null, { } max) => $" ≤ {max}",
        var (min, max) => $" from {min} to {max}",
    };

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.GetRawText(),
    };
}
