using System.Collections.Frozen;

namespace Koshi.Web.Reference;

/// <summary>ISO 3166-1 alpha-2 countries from Reference/Data/countries.csv (the iso-codes list).</summary>
public static class Countries
{
    private static readonly Lazy<FrozenDictionary<string, string>> Loaded = new(() =>
        Csv.ReadResource("countries.csv").ToFrozenDictionary(r => r["alpha_2"], r => r["name_en"], StringComparer.Ordinal));

    /// <summary>English name by code.</summary>
    public static FrozenDictionary<string, string> ByCode => Loaded.Value;

    public static bool IsKnown(string? code) => code is { Length: 2 } && ByCode.ContainsKey(code);
}
