using System.Diagnostics.CodeAnalysis;

namespace Koshi.Web.ForeignLabour;

/// <summary>A section of OKED, Kazakhstan's classifier of economic activity (NACE Rev. 2): one capital letter, A to U.</summary>
public readonly record struct OkedSection : ISpanParsable<OkedSection>
{
    /// <summary>Every section, A to U, in order.</summary>
    public static readonly IReadOnlyList<OkedSection> All = [.. "ABCDEFGHIJKLMNOPQRSTU".Select(c => new OkedSection(c.ToString()))];

    /// <summary>Section T, activities of households as employers: the section of a household worker's employer.</summary>
    public static readonly OkedSection Households = new("T");

    private OkedSection(string value) => Value = value;

    public string Value { get; }

    /// <summary>The one rule for a section, whether it arrives by the API or by a page. Exactly one letter, in capitals.</summary>
    public static bool TryCreate(string? text, out OkedSection section, [NotNullWhen(false)] out string? error)
    {
        section = default;
        if (text is not [>= 'A' and <= 'U'])
        {
            error = text is null ? "Required: the OKED section letter, A to U." : "The OKED section letter, A to U.";
            return false;
        }

        section = new OkedSection(text);
        error = null;
        return true;
    }

    /// <summary>A section read back from the database, where only checked sections are written.</summary>
    internal static OkedSection FromStorage(string value) => new(value);

    public static OkedSection Parse(string s, IFormatProvider? provider) =>
        TryCreate(s, out var section, out var error) ? section : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OkedSection result) => TryCreate(s, out result, out _);

    public static OkedSection Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out OkedSection result) => TryCreate(s.ToString(), out result, out _);

    public override string ToString() => Value ?? string.Empty;
}
