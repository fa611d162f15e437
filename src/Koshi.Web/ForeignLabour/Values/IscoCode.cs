using System.Diagnostics.CodeAnalysis;
using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// An ISCO-08 unit group (four digits) that has a skill level in the reference data: the only occupations a vacancy or
/// a permit may name, since the skill level decides whether the worker counts as skilled.
/// </summary>
public readonly record struct IscoCode : ISpanParsable<IscoCode>
{
    private IscoCode(string value) => Value = value;

    public string Value { get; }

    public Occupation Occupation => Occupations.ByCode[Value];

    public int SkillLevel => Occupation.SkillLevel ?? 0;

    /// <summary>The one rule for an occupation code, whether it arrives by the API or by a page.</summary>
    public static bool TryCreate(string? text, out IscoCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "Required: an ISCO-08 unit group code (4 digits).";
            return false;
        }

        if (!Occupations.ByCode.TryGetValue(trimmed, out var occupation) || occupation.Level != 4 || occupation.SkillLevel is null)
        {
            error = $"'{trimmed}' is not an ISCO-08 unit group with a skill level.";
            return false;
        }

        code = new IscoCode(trimmed);
        error = null;
        return true;
    }

    /// <summary>A code read back from the database, where only checked codes are written.</summary>
    internal static IscoCode FromStorage(string value) => new(value);

    public static IscoCode Parse(string s, IFormatProvider? provider) =>
        TryCreate(s, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out IscoCode result) => TryCreate(s, out result, out _);

    public static IscoCode Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out IscoCode result) => TryCreate(s.ToString(), out result, out _);

    public override string ToString() => Value ?? string.Empty;
}
