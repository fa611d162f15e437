using System.Globalization;
using System.Text.RegularExpressions;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Reference;

/// <summary>The reference lists a person chooses from by name instead of typing a code.</summary>
public enum PickerKind
{
    Country,
    Occupation,
}

/// <summary>One entry of a list: the code the server stores and the label people read and search.</summary>
public sealed record PickerOption(string Code, string Label);

/// <summary>
/// Countries (ISO 3166-1) and ISCO-08 unit groups as searchable lists in the page's language. A chosen entry reads
/// "name (code)"; the server turns back into a code whatever the browser sends: the label, the bare code, or a name in
/// any of the three languages. Anything else is not a code, and the page names the field.
/// </summary>
public static partial class Pickers
{
    public static IReadOnlyList<PickerOption> Options(PickerKind kind, string language) => kind switch
    {
        PickerKind.Country => Countries.Names
            .Select(c => new PickerOption(c.Key, Label(kind, c.Key, language)))
            .OrderBy(o => o.Label, StringComparer.Create(Culture(language), CompareOptions.IgnoreCase))
            .ToList(),
        _ => Occupations.UnitGroups.Select(o => new PickerOption(o.Code, Label(kind, o.Code, language))).ToList(),
    };

    /// <summary>The label of a code in a language, or the code itself when the list has no such entry.</summary>
    public static string Label(PickerKind kind, string code, string language)
    {
        if (kind == PickerKind.Country)
        {
            return Countries.Names.TryGetValue(code, out var name) ? $"{name.For(language)} ({code})" : code;
        }

        if (!Occupations.ByCode.TryGetValue(code, out var occupation))
        {
            return code;
        }

        // Should a title be missing in the language, the major group still tells the reader in their own language what field it is.
        var title = occupation.Names.For(language);
        var major = Occupations.MajorGroupOf(code);
        return language != "en" && title == occupation.Title && major is not null
            ? $"{code} {title} ({major.Names.For(language)})"
            : $"{code} {title}";
    }

    /// <summary>The code a person chose, or null when the text names no entry of the list.</summary>
    public static string? Resolve(PickerKind kind, string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 300)
        {
            return null;
        }

        return kind == PickerKind.Country ? ResolveCountry(text) : ResolveOccupation(text);
    }

    /// <summary>Several countries in one field, separated by semicolons (or commas); null when any entry is not a country.</summary>
    public static IReadOnlyList<string>? ResolveCountries(string? input)
    {
        var codes = new List<string>();
        foreach (var piece in (input ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ResolveCountry(piece) is { } code)
            {
                codes.Add(code);
                continue;
            }

            foreach (var part in piece.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (ResolveCountry(part) is not { } one)
                {
                    return null;
                }

                codes.Add(one);
            }
        }

        return codes.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Several countries as the field shows them: labels in the page's language, separated by semicolons.</summary>
    public static string CountriesLabel(IEnumerable<string> codes, string language) =>
        string.Join("; ", codes.Select(c => Label(PickerKind.Country, c, language)));

    private static string? ResolveCountry(string text)
    {
        var code = TrailingCode().Match(text) is { Success: true } m ? m.Groups[1].Value : text;
        code = code.ToUpperInvariant();
        if (Countries.IsKnown(code))
        {
            return code;
        }

        return Countries.Names.FirstOrDefault(c =>
            Text.Languages.Any(l => string.Equals(c.Value.For(l), text, StringComparison.OrdinalIgnoreCase))).Key;
    }

    private static string? ResolveOccupation(string text)
    {
        var code = LeadingCode().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
        if (code is not null)
        {
            return Occupations.ByCode.TryGetValue(code, out var o) && o.Level == 4 ? code : null;
        }

        return Occupations.UnitGroups.FirstOrDefault(o =>
            Text.Languages.Any(l => string.Equals(o.Names.For(l), text, StringComparison.OrdinalIgnoreCase))
            || string.Equals(Label(PickerKind.Occupation, o.Code, "en"), text, StringComparison.OrdinalIgnoreCase))?.Code;
    }

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language switch
    {
        "kk" => "kk-KZ",
        "ru" => "ru-RU",
        _ => "en-GB",
    });

    [GeneratedRegex(@"\(([A-Za-z]{2})\)\s*$")]
    private static partial Regex TrailingCode();

    [GeneratedRegex(@"^([0-9]{4})(?:\s|$)")]
    private static partial Regex LeadingCode();
}
