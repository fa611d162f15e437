using System.Globalization;
using System.Text.Json;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>Labels and formats the foreign-labour pages share.</summary>
public static class LabourFormat
{
    /// <summary>The OKED (NACE-based) section letters A–U.</summary>

    /// <summary>The permit types an organisation applies for (a household worker is hired from a personal account).</summary>
    public static readonly IReadOnlyList<PermitType> EmployerTypes = [PermitType.Employer, PermitType.Seasonal, PermitType.Ict, PermitType.BusinessImmigrant];

    public static readonly IReadOnlyList<PermitCategory> Categories = [PermitCategory.Cat1, PermitCategory.Cat2, PermitCategory.Cat3, PermitCategory.Cat4];

    public static string Type(Text t, PermitType type) => t["labour.type." + type];

    public static string Category(Text t, PermitCategory category) => t["labour.category." + category];

    public static string Qualification(Text t, Qualification qualification) => t["labour.qualification." + qualification];

    public static string Status(Text t, string status) => t["labour.status." + status];

    public static string Pool(Text t, string? pool) => pool is null ? t["labour.pool.none"] : t.Has("labour.pool." + pool) ? t["labour.pool." + pool] : pool;

    public static string Oked(Text t, OkedSection section) => Oked(t, section.Value);

    public static string Oked(Text t, string section) => t.Has("labour.oked." + section) ? $"{section} — {t["labour.oked." + section]}" : section;

    public static string Rule(Text t, string rule) => t.Has("labour.rule." + rule) ? t["labour.rule." + rule] : rule;

    public static string Region(RegionCode code) => code.Region.Name.Current;

    public static string Region(string code) => Regions.ByCode.TryGetValue(code, out var region) ? region.Name.Current : code;

    /// <summary>A decimal amount (MRP, tenge) in the page's culture, with up to two decimals.</summary>
    public static string Amount(decimal value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    public static string Amount(Tenge value) => Amount(value.Amount);

    public static string Amount(Mrp value) => Amount(value.Amount);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.#", CultureInfo.CurrentCulture) + " %" : "—";

    /// <summary>The automated checks as the application stored them.</summary>
    public static List<RuleCheck> Checks(string json) => JsonSerializer.Deserialize<List<RuleCheck>>(json, JsonSerializerOptions.Web) ?? [];

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
