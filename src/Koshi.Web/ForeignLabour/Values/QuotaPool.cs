using System.Diagnostics.CodeAnalysis;

namespace Koshi.Web.ForeignLabour;

/// <summary>One of the pools a region's foreign-labour quota is split into: categories 1–4, seasonal, household.</summary>
public readonly record struct QuotaPool : ISpanParsable<QuotaPool>
{
    private QuotaPool(string value) => Value = value;

    public string Value { get; }

    /// <summary>The pool's place in <see cref="PackNames.Pools"/>, for showing pools in that order.</summary>
    public int Order => PackNames.PoolOrder(Value);

    /// <summary>The one rule for a pool name, whether it arrives in a route, a body or a form.</summary>
    public static bool TryCreate(string? text, out QuotaPool pool, [NotNullWhen(false)] out string? error)
    {
        pool = default;
        if (text is null || !PackNames.Pools.Contains(text))
        {
            error = (text is null ? "Required: one of " : "One of ") + string.Join(", ", PackNames.Pools) + ".";
            return false;
        }

        pool = new QuotaPool(text);
        error = null;
        return true;
    }

    public static QuotaPool Parse(string s, IFormatProvider? provider) =>
        TryCreate(s, out var pool, out var error) ? pool : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out QuotaPool result) => TryCreate(s, out result, out _);

    public static QuotaPool Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out QuotaPool result) => TryCreate(s.ToString(), out result, out _);

    public override string ToString() => Value ?? string.Empty;
}
