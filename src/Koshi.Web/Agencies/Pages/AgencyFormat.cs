using Koshi.Web.Platform.Localisation;
using Koshi.Web.Reference;

namespace Koshi.Web.Agencies.Pages;

/// <summary>Labels the agencies pages share.</summary>
public static class AgencyFormat
{
    public static string Status(Text t, AgencyStatus status) => t["agencies.status." + status.ToString().ToLowerInvariant()];

    public static string Service(Text t, string service) => t.Has("agencies.service." + service) ? t["agencies.service." + service] : service;

    public static string Services(Text t, IEnumerable<string> services) => string.Join(", ", services.Select(s => Service(t, s)));

    public static string Region(RegionCode code) => Regions.ByCode.TryGetValue(code.Value, out var region) ? region.Name.Current : code.Value;

    public static string Region(string code) => Regions.ByCode.TryGetValue(code, out var region) ? region.Name.Current : code;

    public static string Measure(Text t, string? measure) => measure is null ? "—" : t.Has("agencies.measure." + measure) ? t["agencies.measure." + measure] : measure;

    public static string Art98(Text t, string? sanction) => sanction is null ? "—" : t.Has("agencies.art98." + sanction) ? t["agencies.art98." + sanction] : sanction;

    public static string Band(Text t, string band) => t.Has("agencies.band." + band) ? t["agencies.band." + band] : band;

    public static string Report(Text t, string status) => t.Has("agencies.report." + status) ? t["agencies.report." + status] : status;

    public static string Selection(Text t, InspectionSelection selection) => t["agencies.selection." + selection.ToString().ToLowerInvariant()];

    public static string ComplaintStatus(Text t, Agencies.ComplaintStatus status) => t["agencies.complaint-status." + status.ToString().ToLowerInvariant()];

    public static string Category(Text t, string category) => t.Has("agencies.category." + category) ? t["agencies.category." + category] : category;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string StatusClass(AgencyStatus status) => status switch
    {
        AgencyStatus.Active => "ok",
        AgencyStatus.Pending => "warn",
        _ => "bad",
    };
}
