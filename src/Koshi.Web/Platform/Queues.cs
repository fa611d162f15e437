using System.Globalization;
using System.Text.Json;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;

namespace Koshi.Web.Platform;

/// <summary>
/// The query parameters every officer queue reads the same way (page and API alike): a search text, yes/no filters,
/// a choice out of an enum's kebab-case names. A value out of its set is named in the errors and left at its default,
/// so the API answers 400 naming the field and a page takes what it can of a hand-edited address.
/// </summary>
public static class QueueParameters
{
    public const int MaxSearch = 200;

    public static string? Search(string? q, List<(string Field, string Message)> errors)
    {
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (search is { Length: > MaxSearch })
        {
            errors.Add(("q", $"At most {MaxSearch} characters."));
            return null;
        }

        return search;
    }

    public static bool Flag(string? value, string field, List<(string Field, string Message)> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0":
                return false;
            case "true" or "1" or "on":
                return true;
            default:
                errors.Add((field, $"'{value}' is not true or false."));
                return false;
        }
    }

    /// <summary>One of an enum's values by its kebab-case name (never by number).</summary>
    public static TEnum Choice<TEnum>(string? value, string field, TEnum fallback, List<(string Field, string Message)> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var wanted = value.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Name(candidate) == wanted)
            {
                return candidate;
            }
        }

        errors.Add((field, $"'{value}' is not one of {string.Join(", ", Enum.GetValues<TEnum>().Select(Name))}."));
        return fallback;
    }

    /// <summary>An enum value as query strings and the JSON spell it (kebab-case).</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>
/// What a queue's search text asks for: a case number as people say it (2026-000123, 2026-123), a number without its year
/// (123), a full IIN (one that fails its check finds nothing), or otherwise part of a name (as its folded key).
/// </summary>
public sealed record SearchTerm(string Text, string? CaseNumber, string? Iin, string? NumberSuffix, bool FindsNothing)
{
    public string NameKey => Text.Trim().ToLowerInvariant();

    public bool IsName => CaseNumber is null && Iin is null && NumberSuffix is null && !FindsNothing;

    public static SearchTerm Read(string search)
    {
        if (CaseNumbers.TryParse(search, out var number))
        {
            return new SearchTerm(search, number, null, null, false);
        }

        var digits = search.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length == 12 && digits.All(char.IsAsciiDigit))
        {
            return Reference.Iin.TryParse(digits, out var iin, out _)
                ? new SearchTerm(search, null, iin!.Value.Value, null, false)
                : new SearchTerm(search, null, null, null, true);
        }

        if (digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, out var n) && n > 0)
        {
            return new SearchTerm(search, null, null, "-" + n.ToString("D6", CultureInfo.InvariantCulture), false);
        }

        return new SearchTerm(search, null, null, null, false);
    }
}
