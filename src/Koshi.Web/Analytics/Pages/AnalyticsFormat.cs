using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;

namespace Koshi.Web.Analytics.Pages;

/// <summary>How a table's cells read on a page: codes as their names in the reader's language, numbers in the reader's culture.</summary>
public static class AnalyticsFormat
{
    public static string Cell(Text t, Column column, object? value) => value switch
    {
        null => "—",
        string s => column.Name switch
        {
            "region" => Regions.ByCode.TryGetValue(s, out var region) ? region.Name.Current : s,
            "stage" => Known(t, "stage." + s, s),
            "pool" => Known(t, "labour.pool." + s, s),
            "status" => Known(t, "agencies.status." + s, s),
            "selection" => Known(t, "agencies.selection." + s, s),
            "programme" => Known(t, s == "kandas" ? "rs.programme.Kandas" : "rs.programme.Resettler", s),
            "kpi" => Known(t, "an.kpi." + s, s),
            "unit" => Known(t, "an.unit." + s, s),
            _ => s,
        },
        int i => column.Name == "year" ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : Text.Number(i),
        decimal d => column.Name.EndsWith("_percent", StringComparison.Ordinal) ? Charts.Percent(d) : Charts.Number(d),
        bool b => b ? "✓" : "✗",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Known(Text t, string key, string fallback) => t.Has(key) ? t[key] : fallback;

    public static string Title(Text t, string table) => t["an.table." + table];

    public static string Export(string table, string format, AnalyticsFilter filter) =>
        $"/analytics?handler=Export&table={table}&format={format}&year={filter.Year}" + (filter.Region is null ? string.Empty : "&region=" + filter.Region);
}
