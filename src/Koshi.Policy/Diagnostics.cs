namespace Koshi.Policy;

/// <summary>A position in a pack file; lines and columns count from 1.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One problem found in a pack, printed as <c>file:line:column: message</c>.</summary>
public sealed record Diagnostic(SourcePosition Position, string Message, bool IsWarning = false)
{
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

/// <summary>One bad field of a case.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A case whose inputs do not fit the scheme; lists every bad field.</summary>
public sealed class CaseInputException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
