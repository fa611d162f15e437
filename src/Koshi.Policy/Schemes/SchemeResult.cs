using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Koshi.Policy;

/// <summary>The result of scoring one case, with the explanation of every point. Its JSON form
/// (<see cref="ToJson"/>, schema <c>koshi.explanation/1</c>, documented in docs/explanation.md) is what decisions store.</summary>
public sealed record SchemeResult
{
    public const string SchemaVersion = "koshi.explanation/1";

    public string Schema { get; init; } = SchemaVersion;
    public required string Scheme { get; init; }
    public DateOnly? SchemeVersion { get; init; }
    public required PackReference Pack { get; init; }
    public required DateOnly AsOf { get; init; }
    public required DateOnly LawDate { get; init; }
    public string? LawDateSource { get; init; }

    /// <summary><c>pass</c>, <c>fail-gate</c> or <c>fail-score</c>.</summary>
    public required string Decision { get; init; }

    public required bool Passed { get; init; }
    public required long Total { get; init; }
    public long? PassMark { get; init; }
    public long? MaxTotal { get; init; }

    /// <summary>Points of the criteria that are not bonuses, before <see cref="MaxTotal"/> caps them.</summary>
    public required long RegularPoints { get; init; }

    public required IReadOnlyList<GateResult> Gates { get; init; }
    public required IReadOnlyList<CriterionResult> Criteria { get; init; }
    public IReadOnlyList<GroupResult> Groups { get; init; } = [];
    public IReadOnlyList<ParameterUse> PassParameters { get; init; } = [];

    /// <summary>The scheme's derived values for this case, in the order the scheme declares them.</summary>
    public IReadOnlyList<DerivedResult> Derived { get; init; } = [];

    /// <summary>The case's inputs as given (a JSON object).</summary>
    public JsonObject? Inputs { get; init; }

    /// <summary>For a failing case: the smallest changes of changeable inputs that reach the pass mark.</summary>
    public IReadOnlyList<PathToPass> PathsToPass { get; init; } = [];

    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, indented ? JsonOptions.Indented : JsonOptions.Compact);

    /// <summary>Reads a stored explanation; refuses one of another schema version.</summary>
    public static SchemeResult FromJson(string json)
    {
        var result = JsonSerializer.Deserialize<SchemeResult>(json, JsonOptions.Compact)
                     ?? throw new JsonException("the explanation is empty");
        return result.Schema == SchemaVersion ? result : throw new JsonException($"unknown explanation schema '{result.Schema}' (this engine reads {SchemaVersion})");
    }
}

public sealed record PackReference(string Id, string Hash);

/// <summary>A value the scheme computes from the case (an hourly wage, the lowest of four levels), as people read it,
/// with the law values it read.</summary>
public sealed record DerivedResult(string Name, string Value, IReadOnlyList<ParameterUse> Parameters);

public sealed record GateResult(string Id, LocalizedText Title, bool Passed, LocalizedText? Reason, string? Source, IReadOnlyList<ParameterUse> Parameters)
{
    public LocalizedText? SourceText { get; init; }
}

/// <summary>One criterion's points and why: the row or indicator that matched, the caps, and the law values used.</summary>
public sealed record CriterionResult
{
    public required string Id { get; init; }
    public required LocalizedText Title { get; init; }
    public required long Points { get; init; }
    public required long RawPoints { get; init; }
    public bool Bonus { get; init; }
    public bool Applicable { get; init; } = true;

    /// <summary>Set when the points were limited: <c>cap</c> (the criterion's own) or <c>group:ID</c>.</summary>
    public string? CappedBy { get; init; }

    /// <summary>For a best-of criterion: the indicator that counted.</summary>
    public string? Indicator { get; init; }

    /// <summary>The table rows that matched (1-based, as a person counts them) with their labels; empty for an expression.</summary>
    public IReadOnlyList<MatchedRow> Rows { get; init; } = [];

    public bool Provisional { get; init; }
    public string? Note { get; init; }
    public string? Source { get; init; }

    /// <summary>The source in three languages, where the pack gives them (added in v1).</summary>
    public LocalizedText? SourceText { get; init; }

    public IReadOnlyList<ParameterUse> Parameters { get; init; } = [];
}

public sealed record MatchedRow(int Row, string Label)
{
    /// <summary>The label in three languages, where the pack gives them (added in v1).</summary>
    public LocalizedText? Text { get; init; }
}

/// <summary>A group's cap and the points its members kept (those of groups inside it included).</summary>
public sealed record GroupResult(string Id, LocalizedText Title, long Cap, long Points)
{
    /// <summary>The group this one sits inside, if any.</summary>
    public string? Group { get; init; }

    /// <summary>The law values a cap written as an expression read.</summary>
    public IReadOnlyList<ParameterUse> Parameters { get; init; } = [];
}

/// <summary>A law value used for a result, with where it comes from.</summary>
public sealed record ParameterUse(string Name, string Value, string? Unit, DateOnly From, string? Source, bool Provisional, string? Note)
{
    /// <summary>The source in three languages, where the pack gives them (added in v1).</summary>
    public LocalizedText? SourceText { get; init; }
}

public sealed record InputChange(string Input, string From, string To);

public sealed record PathToPass(IReadOnlyList<InputChange> Changes, long Total);

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };
}
