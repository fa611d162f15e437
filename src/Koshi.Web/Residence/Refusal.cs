namespace Koshi.Web.Residence;

/// <summary>
/// Why the application refused an action: a stable code for programs, a message for people, and the request field
/// at fault when the action failed on a bad value rather than on the application's stage.
/// </summary>
public sealed record Refusal(string Code, string Message, string? Field = null);
