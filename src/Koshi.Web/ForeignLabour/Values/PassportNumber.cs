using System.Diagnostics.CodeAnalysis;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// A passport number as the worker's passport prints it: 5 to 20 Latin letters and digits, kept in capitals so one
/// passport is one value however it was typed (spaces around it are dropped).
/// </summary>
public readonly record struct PassportNumber : ISpanParsable<PassportNumber>
{
    public const int MinLength = 5;
    public const int MaxLength = 20;

    private PassportNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>The one rule for a passport number, whether it arrives by the API or by a page.</summary>
    public static bool TryCreate(string? text, out PassportNumber passport, [NotNullWhen(false)] out string? error)
    {
        passport = default;
        var normalised = text?.Trim().ToUpperInvariant();
        if (normalised is not { Length: >= MinLength and <= MaxLength } || !normalised.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            error = "Required: the passport number, 5 to 20 letters and digits.";
            return false;
        }

        passport = new PassportNumber(normalised);
        error = null;
        return true;
    }

    /// <summary>A number read back from the database, where only checked numbers are written.</summary>
    internal static PassportNumber FromStorage(string value) => new(value);

    public static PassportNumber Parse(string s, IFormatProvider? provider) =>
        TryCreate(s, out var passport, out var error) ? passport : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PassportNumber result) => TryCreate(s, out result, out _);

    public static PassportNumber Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out PassportNumber result) => TryCreate(s.ToString(), out result, out _);

    public override string ToString() => Value ?? string.Empty;
}
