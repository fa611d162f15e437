using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Koshi.Web.Reference;

/// <summary>
/// A Kazakhstan business identification number (БСН / БИН): registration year and month YYMM, a legal-entity type
/// digit (4 resident, 5 non-resident, 6 individual entrepreneur in joint venture), an attribute digit, five serial
/// digits and the same control digit as the IIN.
/// </summary>
public readonly record struct Bin
{
    private Bin(string value) => Value = value;

    public string Value { get; }

    public char EntityType => Value[4];

    public static bool TryParse(string? text, [NotNullWhen(true)] out Bin? bin, out string? error)
    {
        bin = null;
        if (!KazakhControlDigit.IsTwelveDigits(text))
        {
            error = "A BIN is exactly 12 digits.";
            return false;
        }

        var digits = text!;
        var month = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            error = "Digits 3–4 of a BIN are the registration month (01–12).";
            return false;
        }

        if (digits[4] is not ('4' or '5' or '6'))
        {
            error = "The 5th digit of a BIN (legal entity type) must be 4, 5 or 6.";
            return false;
        }

        var control = KazakhControlDigit.Compute(digits);
        if (control is null || control.Value != digits[11] - '0')
        {
            error = "The BIN control digit does not match.";
            return false;
        }

        error = null;
        bin = new Bin(digits);
        return true;
    }

    public static Bin Parse(string text) =>
        TryParse(text, out var bin, out var error) ? bin.Value : throw new FormatException(error);

    public override string ToString() => Value;
}
