using System.Collections.Frozen;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Reference;

/// <summary>
/// ISO 3166-1 alpha-2 countries from Reference/Data/countries.csv (the iso-codes list, with its Russian and Kazakh
/// translations of the same release), so that people choose a country by its name in their language.
/// </summary>
public static class Countries
{
    private static readonly Lazy<FrozenDictionary<string, LocalizedString>> Loaded = new(() =>
        Csv.ReadResource("countries.csv").ToFrozenDictionary(
            r => r["alpha_2"],
            r => new LocalizedString(Or(r["name_kk"], r["name_en"]), Or(r["name_ru"], r["name_en"]), r["name_en"]),
            StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, string>> English = new(() =>
        Loaded.Value.ToFrozenDictionary(c => c.Key, c => c.Value.En, StringComparer.Ordinal));

    /// <summary>English name by code.</summary>
    public static FrozenDictionary<string, string> ByCode => English.Value;

    /// <summary>The name in Kazakh, Russian and English by code.</summary>
    public static FrozenDictionary<string, LocalizedString> Names => Loaded.Value;

    /// <summary>The country's name in the request's language, or the code when it is not a known country.</summary>
    public static string Name(string code) => Names.TryGetValue(code, out var name) ? name.Current : code;

    public static bool IsKnown(string? code) => code is { Length: 2 } && ByCode.ContainsKey(code);

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
