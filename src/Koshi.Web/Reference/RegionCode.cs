using System.Diagnostics.CodeAnalysis;

namespace Koshi.Web.Reference;

/// <summary>An ISO 3166-2 code of one of Kazakhstan's 20 first-level units (KZ-10 … KZ-79), checked against the list.</summary>
public readonly record struct RegionCode
{
    private RegionCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out RegionCode? code)
    {
        code = null;
        if (text is null)
        {
            return false;
        }

        var normalised = text.Trim().ToUpperInvariant();
        if (!Regions.ByCode.ContainsKey(normalised))
        {
            return false;
        }

        code = new RegionCode(normalised);
        return true;
    }

    public static RegionCode Parse(string text) =>
        TryParse(text, out var code) ? code.Value : throw new FormatException($"'{text}' is not a Kazakhstan region code.");

    public Region Region => Regions.ByCode[Value];

    public override string ToString() => Value;
}
