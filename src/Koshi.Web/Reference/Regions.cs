using System.Collections.Frozen;
using System.Globalization;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Reference;

/// <summary>One of Kazakhstan's 17 oblasts or 3 cities of republican significance.</summary>
public sealed record Region(string Code, string Kind, LocalizedString Name, string AdminCentre, string Zone, long? Population2026);

/// <summary>The regions from Reference/Data/regions.csv (ISO 3166-2:KZ; the number is also the KATO prefix).</summary>
public static class Regions
{
    private static readonly Lazy<FrozenDictionary<string, Region>> Loaded = new(Load);

    public static FrozenDictionary<string, Region> ByCode => Loaded.Value;

    public static IEnumerable<Region> All => ByCode.Values.OrderBy(r => r.Code, StringComparer.Ordinal);

    private static FrozenDictionary<string, Region> Load() =>
        Csv.ReadResource("regions.csv")
            .Select(row => new Region(
                row["iso_3166_2"],
                row["kind"],
                new LocalizedString(row["name_kk"], row["name_ru"], row["name_en"]),
                row["admin_centre_en"],
                row["zone"],
                long.TryParse(row["population_2026_01_01"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null))
            .ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);
}
