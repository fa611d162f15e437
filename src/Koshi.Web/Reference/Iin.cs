using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Koshi.Web.Reference;

/// <summary>
/// A Kazakhstan individual identification number (ЖСН / ИИН): birth date YYMMDD, a century-and-sex digit 1–6,
/// four serial digits and a control digit. Holding an <see cref="Iin"/> proves the number was checked.
/// </summary>
public readonly record struct Iin
{
    private Iin(string value, DateOnly birthDate, Sex sex)
    {
        Value = value;
        BirthDate = birthDate;
        Sex = sex;
    }

    public string Value { get; }

    public DateOnly BirthDate { get; }

    public Sex Sex { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Iin? iin, out string? error)
    {
        iin = null;
        if (!KazakhControlDigit.IsTwelveDigits(text))
        {
            error = "An IIN is exactly 12 digits.";
            return false;
        }

        var digits = text!;
        var century = digits[6] switch
        {
            '1' or '2' => 1800,
            '3' or '4' => 1900,
            '5' or '6' => 2000,
            _ => 0,
        };
        if (century == 0)
        {
            error = "The 7th digit of an IIN (century and sex) must be 1–6.";
            return false;
        }

        var year = century + int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "The first six digits of an IIN must be a real birth date (YYMMDD).";
            return false;
        }

        var control = KazakhControlDigit.Compute(digits);
        if (control is null || control.Value != digits[11] - '0')
        {
            error = "The IIN control digit does not match.";
            return false;
        }

        error = null;
        var sex = (digits[6] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        iin = new Iin(digits, new DateOnly(year, month, day), sex);
        return true;
    }

    public static Iin Parse(string text) =>
        TryParse(text, out var iin, out var error) ? iin.Value : throw new FormatException(error);

    public override string ToString() => Value;
}

public enum Sex
{
    Male,
    Female,
}
