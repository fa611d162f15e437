using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http;

namespace Koshi.Web.Platform.Ui.Forms;

/// <summary>
/// One problem of a posted form: the id of the field it is about (the summary links there; empty when it is about the
/// form as a whole) and what to fix.
/// </summary>
public sealed record FieldProblem(string FieldId, string Message);

/// <summary>A confirmation shown after something was saved: a title and what happens next.</summary>
public sealed record ConfirmationPanel(string Title, string? Body = null);

/// <summary>A required "I confirm" box on a form that does something that cannot be undone.</summary>
public sealed record ConfirmBox(string Id, string Label, string? Error = null);

/// <summary>A country or occupation chosen by name from a list in the page's language.</summary>
public sealed record PickerField(PickerKind Kind, string Id, string Name, string Label, string? Value, bool Required = true, string? Error = null, string? Hint = null);

/// <summary>What every guided form shares: the server's check of a confirmation box.</summary>
public static class FormChecks
{
    /// <summary>The name of the confirmation box every destructive form carries.</summary>
    public const string ConfirmField = "confirm";

    /// <summary>
    /// True when the person ticked the confirmation box. Checked on the server, so the step cannot be skipped by
    /// a browser without JavaScript or a hand-made post.
    /// </summary>
    public static bool Confirmed(HttpRequest request) =>
        request.HasFormContentType && string.Equals(request.Form[ConfirmField].ToString(), "yes", StringComparison.Ordinal);

    /// <summary>The text a picker field shows for a stored code (its label), or what the person typed when it is not a code.</summary>
    public static string Display(PickerKind kind, string? value, string language) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : Pickers.Resolve(kind, value) is { } code ? Pickers.Label(kind, code, language) : value;
}

/// <summary>
/// A refused post as the page shows it: the error summary inside a landing block with the page's id (forms post to
/// "#" + id), and, when the law refused it, the line naming the rule's source below the summary.
/// </summary>
public sealed record ErrorOutcome(string Id, IReadOnlyList<FieldProblem> Problems, string? Source = null, string? SourceId = null);
