using System.Globalization;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;

namespace Koshi.Web.Resettlement.Pages;

/// <summary>Formats the resettlement pages share.</summary>
public static class Rs
{
    public static string Region(string code) =>
        Regions.ByCode.TryGetValue(code, out var region) ? region.Name.Current : code;

    public static string Origin(Text t, string origin) => origin == "abroad" ? t["rs.ministry.abroad"] : Region(origin);

    public static string Money(decimal? value) => value is { } v ? v.ToString("N0", CultureInfo.CurrentCulture) : "—";

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";
}
