namespace Koshi.Web.Platform;

/// <summary>
/// Why an action was refused: a stable code for programs, a message for people, the request field at fault when the
/// action failed on a bad value rather than on the state of things, and the law's source when a pack rule refused it.
/// </summary>
public sealed record Refusal(string Code, string Message, string? Field = null, string? Source = null)
{
    /// <summary>Always one of <see cref="RefusalCodes"/>, so that every code has its text in each language.</summary>
    public string Code { get; } = RefusalCodes.Registered(Code);

    /// <summary>Refused because another system did not answer (503): nothing is wrong with the request, try again later.</summary>
    public bool ServiceUnavailable { get; init; }

    /// <summary>The pack rules that failed, when a refusal stands for several at once (answered as "rules").</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];
}
