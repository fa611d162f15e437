namespace Koshi.Web.Analytics;

public enum ColumnKind
{
    Text,
    Integer,
    Decimal,
    Boolean,
}

/// <summary>One column of an analytics table: its export name, its type, and what it means (for the data dictionary).</summary>
public sealed record Column(string Name, ColumnKind Kind, string Description);

/// <summary>
/// One table of the dashboard, as exported: aggregates only (counts, shares, targets), never a person's record.
/// Rows hold string, int, decimal or bool cells (or null where a figure is undefined, e.g. a share of nothing).
/// </summary>
public sealed record Dataset(string Name, string Description, string Filters, IReadOnlyList<Column> Columns, IReadOnlyList<object?[]> Rows)
{
    public Dataset With(IReadOnlyList<object?[]> rows) => this with { Rows = rows };
}

/// <summary>The tables the dashboard shows and exports, with their columns described once for the data dictionary.</summary>
public static class Catalogue
{
    private static Column T(string name, string description) => new(name, ColumnKind.Text, description);

    private static Column I(string name, string description) => new(name, ColumnKind.Integer, description);

    private static Column D(string name, string description) => new(name, ColumnKind.Decimal, description);

    private const string YearRegion = "year, region";
    private const string YearOnly = "year (national figures: the source is not kept by region)";

    public static readonly Dataset Kpis = new("kpis", "Every headline measure against its target or limit from the policy pack.", YearRegion,
        [T("kpi", "Measure code"), D("value", "The measure's value for the filters"), D("target", "The pack's target or limit (empty where the pack sets none)"),
         T("unit", "percent, days or count"), T("source", "The pack's source for the target")], []);

    public static readonly Dataset SkilledShare = new("skilled-share", "Share of skilled workers among foreign workers admitted (permits issued) by quota year, against the pack's path to 2030.", YearRegion,
        [I("year", "Quota year"), I("admitted", "Permits issued that the pack counts"), I("skilled", "Of those, skilled"),
         D("share_percent", "skilled / admitted × 100, one decimal"), D("target_percent", "The pack's target for the year")], []);

    public static readonly Dataset QuotaUse = new("quota-use", "The year's foreign-labour quota by region and pool: seats allocated and used.", YearRegion,
        [I("year", "Quota year"), T("region", "Region code (ISO 3166-2:KZ)"), T("pool", "Quota pool (cat1–cat4, seasonal, household)"),
         I("seats", "Seats allocated"), I("used", "Seats used by issued permits"), D("use_percent", "used / seats × 100")], []);

    public static readonly Dataset Countries = new("source-countries", "Foreign workers admitted in the year by citizenship.", YearOnly,
        [I("year", "Quota year"), T("country", "Citizenship (ISO 3166-1 alpha-2)"), I("admitted", "Permits issued that the pack counts"), I("skilled", "Of those, skilled"),
         D("share_percent", "Skilled share")], []);

    public static readonly Dataset Sectors = new("sectors", "Foreign workers admitted in the year by economic sector.", YearOnly,
        [I("year", "Quota year"), T("sector", "OKED section letter"), I("admitted", "Permits issued that the pack counts"), I("skilled", "Of those, skilled"),
         D("share_percent", "Skilled share")], []);

    public static readonly Dataset ResidenceStages = new("residence-stages", "Residence applications lodged in the year by region and stage.", YearRegion,
        [I("year", "Year of lodgement"), T("region", "Region code"), T("stage", "Stage of the application"), I("applications", "Applications")], []);

    public static readonly Dataset ResidenceTimeliness = new("residence-timeliness",
        "Residence applications lodged in the year by region: decisions, pass rate, days to decision against the limit, open and overdue cases.", YearRegion,
        [I("year", "Year of lodgement"), T("region", "Region code"), I("lodged", "Applications lodged"), I("decided", "Approved or refused"),
         I("approved", "Approved"), D("pass_rate_percent", "approved / decided × 100"), D("median_days", "Median days from lodgement to decision"),
         I("within_limit", "Decided within the processing limit"), I("open", "Not yet decided nor withdrawn"), I("overdue", "Open past the processing limit today"),
         I("limit_days", "The pack's processing limit in days today")], []);

    public static readonly Dataset ResettlementQuota = new("resettlement-quota", "The resettlement quota by region and programme: seats and fill.", YearRegion,
        [I("year", "Year"), T("region", "Receiving region code"), T("programme", "kandas or resettler"), I("seats", "Seats"), I("used", "Seats used"),
         D("fill_percent", "used / seats × 100")], []);

    public static readonly Dataset Northern = new("resettlement-northern", "Participants who arrived in the year and the share settled in the northern regions the pack names.", YearOnly,
        [I("year", "Year of arrival"), I("participants", "Persons arrived (whole families)"), I("northern", "Of those, in northern regions"),
         D("northern_share_percent", "northern / participants × 100"), D("reference_percent", "The pack's reference share")], []);

    public static readonly Dataset AgencyStatus = new("agency-status", "Private employment agencies by registry status (today).", "region",
        [T("status", "pending, active, suspended or excluded"), I("agencies", "Agencies")], []);

    public static readonly Dataset HitRates = new("agency-hit-rates", "Agency inspections by how they were selected, and how often they found a standard not met (all time).", "none",
        [T("selection", "targeted, random or complaint"), I("planned", "Inspections planned"), I("done", "Inspections done"),
         I("found_violation", "Inspections that found a violation"), D("hit_rate_percent", "found_violation / done × 100")], []);

    public static readonly IReadOnlyList<Dataset> All =
        [Kpis, SkilledShare, QuotaUse, Countries, Sectors, ResidenceStages, ResidenceTimeliness, ResettlementQuota, Northern, AgencyStatus, HitRates];

    public static Dataset? Find(string? name) => All.FirstOrDefault(d => d.Name == name);
}
