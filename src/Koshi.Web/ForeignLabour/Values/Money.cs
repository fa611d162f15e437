using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// An amount in tenge (KZT), to the tiyn (two decimal places), never negative. Text is read in the invariant culture
/// ("1234.50"): the amount a client sends must not depend on the language of its page.
/// </summary>
public readonly record struct Tenge : ISpanParsable<Tenge>, IComparable<Tenge>
{
    private Tenge(decimal amount) => Amount = amount;

    public decimal Amount { get; }

    public static Tenge Zero => default;

    public static bool TryCreate(decimal amount, out Tenge tenge, [NotNullWhen(false)] out string? error) =>
        Money.TryCreate(amount, "tenge", out tenge, out error, a => new Tenge(a));

    public static bool TryCreate(string? text, out Tenge tenge, [NotNullWhen(false)] out string? error) =>
        Money.TryCreate(text, "tenge", out tenge, out error, a => new Tenge(a));

    /// <summary>An amount computed by the platform (the pack's fee, a conversion): taken at the pack's precision, never negative.</summary>
    public static Tenge Of(decimal amount) => amount >= 0 ? new(amount) : throw new ArgumentOutOfRangeException(nameof(amount), "An amount in tenge is not negative.");

    /// <summary>An amount read back from the database, where only checked amounts are written.</summary>
    internal static Tenge FromStorage(decimal amount) => new(amount);

    public static Tenge Parse(string s, IFormatProvider? provider) => TryCreate(s, out var tenge, out var error) ? tenge : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Tenge result) => TryCreate(s, out result, out _);

    public static Tenge Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Tenge result) => TryCreate(s.ToString(), out result, out _);

    public int CompareTo(Tenge other) => Amount.CompareTo(other.Amount);

    public static bool operator <(Tenge left, Tenge right) => left.Amount < right.Amount;

    public static bool operator <=(Tenge left, Tenge right) => left.Amount <= right.Amount;

    public static bool operator >(Tenge left, Tenge right) => left.Amount > right.Amount;

    public static bool operator >=(Tenge left, Tenge right) => left.Amount >= right.Amount;

    public override string ToString() => Amount.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// An amount in monthly calculation indices (MRP), the unit in which the law states fees; its value in tenge is set each
/// year by the budget law and lives in the policy pack. Two decimal places, never negative.
/// </summary>
public readonly record struct Mrp : ISpanParsable<Mrp>, IComparable<Mrp>
{
    private Mrp(decimal amount) => Amount = amount;

    public decimal Amount { get; }

    public static bool TryCreate(decimal amount, out Mrp mrp, [NotNullWhen(false)] out string? error) =>
        Money.TryCreate(amount, "MRP", out mrp, out error, a => new Mrp(a));

    public static bool TryCreate(string? text, out Mrp mrp, [NotNullWhen(false)] out string? error) =>
        Money.TryCreate(text, "MRP", out mrp, out error, a => new Mrp(a));

    /// <summary>An amount computed by the platform (the pack's fee): taken at the pack's precision, never negative.</summary>
    public static Mrp Of(decimal amount) => amount >= 0 ? new(amount) : throw new ArgumentOutOfRangeException(nameof(amount), "An amount in MRP is not negative.");

    /// <summary>An amount read back from the database, where only checked amounts are written.</summary>
    internal static Mrp FromStorage(decimal amount) => new(amount);

    public static Mrp Parse(string s, IFormatProvider? provider) => TryCreate(s, out var mrp, out var error) ? mrp : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Mrp result) => TryCreate(s, out result, out _);

    public static Mrp Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Mrp result) => TryCreate(s.ToString(), out result, out _);

    public int CompareTo(Mrp other) => Amount.CompareTo(other.Amount);

    public static bool operator <(Mrp left, Mrp right) => left.Amount < right.Amount;

    public static bool operator <=(Mrp left, Mrp right) => left.Amount <= right.Amount;

    public static bool operator >(Mrp left, Mrp right) => left.Amount > right.Amount;

    public static bool operator >=(Mrp left, Mrp right) => left.Amount >= right.Amount;

    public override string ToString() => Amount.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The rule both kinds of amount share.</summary>
internal static class Money
{
    /// <summary>Amounts beyond this are typing errors, not fees; it also keeps them inside the columns' precision.</summary>
    private const decimal Largest = 999_999_999_999.99m;

    public static bool TryCreate<T>(decimal amount, string unit, out T value, [NotNullWhen(false)] out string? error, Func<decimal, T> make)
        where T : struct
    {
        value = default;
        if (amount < 0)
        {
            error = $"An amount in {unit} is not negative.";
            return false;
        }

        if (amount > Largest)
        {
            error = $"An amount in {unit} is at most {Largest.ToString("#,0.##", CultureInfo.InvariantCulture)}.";
            return false;
        }

        if (decimal.Round(amount, 2) != amount)
        {
            error = $"An amount in {unit} has at most two decimal places.";
            return false;
        }

        value = make(amount);
        error = null;
        return true;
    }

    public static bool TryCreate<T>(string? text, string unit, out T value, [NotNullWhen(false)] out string? error, Func<decimal, T> make)
        where T : struct
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Required: an amount in {unit}, such as 1234.50.";
            return false;
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{text.Trim()}' is not an amount in {unit}: digits with at most one decimal point, such as 1234.50.";
            return false;
        }

        return TryCreate(amount, unit, out value, out error, make);
    }
}
