using System.Diagnostics.CodeAnalysis;
using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

/// <summary>An ISO 3166-1 alpha-2 country code from the reference list of countries (a worker's citizenship).</summary>
public readonly record struct CountryCode : ISpanParsable<CountryCode>
{
    private CountryCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Kazakhstan: its citizens need no work permit.</summary>
    public bool IsKazakhstan => Value == "KZ";

    /// <summary>The one rule for a country code, whether it arrives by the API or by a page (after the page's picker turns a name into a code).</summary>
    public static bool TryCreate(string? text, out CountryCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var normalised = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalised))
        {
            error = "Required: an ISO 3166-1 alpha-2 country code such as CN or UZ.";
            return false;
        }

        if (!Countries.IsKnown(normalised))
        {
            error = $"'{text!.Trim()}' is not an ISO 3166-1 alpha-2 country code such as CN or UZ.";
            return false;
        }

        code = new CountryCode(normalised);
        error = null;
        return true;
    }

    /// <summary>A code read back from the database, where only checked codes are written.</summary>
    internal static CountryCode FromStorage(string value) => new(value);

    public static CountryCode Parse(string s, IFormatProvider? provider) =>
        TryCreate(s, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CountryCode result) => TryCreate(s, out result, out _);

    public static CountryCode Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out CountryCode result) => TryCreate(s.ToString(), out result, out _);

    public override string ToString() => Value ?? string.Empty;
}
