using System.Collections.Frozen;
using System.Globalization;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Reference;

/// <summary>
/// An ISCO-08 group (major, sub-major, minor or unit) with the ILO skill level of its major group (the lower bound of a
/// range such as 2-3). <see cref="Names"/> holds the title in Kazakh, Russian and English (the file's header says where
/// the Kazakh and Russian titles come from); a title missing in a language shows the English one.
/// </summary>
public sealed record Occupation(string Code, int Level, string Title, int? SkillLevel)
{
    public LocalizedString Names { get; init; } = new(Title, Title, Title);
}

/// <summary>ISCO-08 from Reference/Data/isco08.csv: Kazakhstan's occupation classifier (NKZ) is built on it.</summary>
public static class Occupations
{
    private static readonly Lazy<FrozenDictionary<string, Occupation>> Loaded = new(Load);

    public static FrozenDictionary<string, Occupation> ByCode => Loaded.Value;

    public static IEnumerable<Occupation> UnitGroups => ByCode.Values.Where(o => o.Level == 4).OrderBy(o => o.Code, StringComparer.Ordinal);

    /// <summary>The major group (first digit) of a code, whose title exists in every language.</summary>
    public static Occupation? MajorGroupOf(string code) => code.Length > 0 ? ByCode.GetValueOrDefault(code[..1]) : null;

    private static FrozenDictionary<string, Occupation> Load() =>
        Csv.ReadResource("isco08.csv")
            .Select(row => new Occupation(
                row["code"],
                int.Parse(row["level"], CultureInfo.InvariantCulture),
                row["title_en"],
                int.TryParse(row["isco_skill_level"].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null)
            {
                Names = new LocalizedString(
                    Or(row.GetValueOrDefault("title_kk"), row["title_en"]), Or(row.GetValueOrDefault("title_ru"), row["title_en"]), row["title_en"]),
            })
            .ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;
}
