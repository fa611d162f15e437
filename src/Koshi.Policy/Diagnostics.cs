namespace Koshi.Policy;

/// <summary>A position in a pack file; lines and columns count from 1.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One problem found in a pack, printed as <c>file:line:column: message</c>. The message is English (the CLI prints it);
/// <see cref="Code"/> and <see cref="Args"/>, when given, let a caller say the same in another language.</summary>
public sealed record Diagnostic(SourcePosition Position, string Message, bool IsWarning = false)
{
    /// <summary>What kind of problem this is (e.g. <c>yaml.malformed</c>, <c>key.unknown</c>), or null for one without a code yet.</summary>
    public string? Code { get; init; }

    /// <summary>The values the message names (a key, a value, a limit), in the order the code's text places them.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    public override string ToString() => IsWarning ? $"{Position}: warning: {Message}" : $"{Position}: {Message}";
}

/// <summary>A pack that cannot be used; carries every problem found, not just the first.</summary>
public sealed class PolicyLoadException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception($"The policy pack has {diagnostics.Count} error(s); first: {(diagnostics.Count > 0 ? diagnostics[0] : null)}")
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>A case that the law could not be applied to (a parameter without a value on the date, no table row matched…).</summary>
public sealed class PolicyEvaluationException(string message) : Exception(message);

/// <summary>One bad field of a case. The message is English (the CLI prints it); <see cref="Code"/> and <see cref="Args"/> let a
/// caller say the same in another language.</summary>
public sealed record FieldError(string Field, string Message)
{
    public FieldError(string field, InputProblem problem)
        : this(field, problem.Message)
    {
        Code = problem.Code;
        Args = problem.Args;
    }

    /// <summary>What kind of problem this is (e.g. <c>value.below-min</c>), or null for one without a code.</summary>
    public string? Code { get; init; }

    /// <summary>The values the message names, in the order the code's text places them.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    public static FieldError Of(string field, string code, string message, params string[] args) => new(field, message) { Code = code, Args = args };

    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Why a value does not fit its input: a code, the values it names, and the English message.</summary>
public sealed record InputProblem(string Code, string Message, params string[] Args)
{
    public override string ToString() => Message;
}

/// <summary>A case whose inputs do not fit the scheme; lists every bad field.</summary>
public sealed class CaseInputException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
