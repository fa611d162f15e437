namespace Koshi.Web.Platform.Problems;

/// <summary>
/// An exception a capability throws when a request cannot be served as asked, saying which problem it stands for, so
/// the platform answers it without knowing the capability.
/// </summary>
public abstract class ProblemException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status of the answer.</summary>
    public abstract int Status { get; }

    /// <summary>The problem's title in English; its translations are keyed by it.</summary>
    public abstract string Title { get; }

    /// <summary>Errors by field, when the input was at fault.</summary>
    public virtual Dictionary<string, string[]>? Errors => null;

    /// <summary>True when <see cref="Exception.Message"/> was written for people and may be shown as the problem's detail.</summary>
    public virtual bool MessageIsForPeople => false;

    /// <summary>True when the failure is a known state of the service (e.g. no law loaded), not a fault to log as one.</summary>
    public virtual bool Expected => Status < 500;
}
