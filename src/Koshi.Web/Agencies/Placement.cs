namespace Koshi.Web.Agencies;

/// <summary>Which way a placement goes.</summary>
public enum PlacementKind
{
    /// <summary>A citizen of Kazakhstan placed in a job abroad.</summary>
    Abroad,

    /// <summary>A foreign worker recruited for an employer in Kazakhstan.</summary>
    Recruited,
}

/// <summary>
/// A placement the agency records. A fee charged to the worker is kept as recorded and flagged: the record is evidence,
/// the flag is the pack's verdict at the time of recording.
/// </summary>
public sealed class Placement
{
    private Placement()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public PlacementKind Kind { get; private set; }

    /// <summary>The citizen's IIN (abroad) or the foreign worker's passport number (recruited).</summary>
    public string WorkerId { get; private set; } = string.Empty;

    /// <summary>Destination country (abroad) or the worker's citizenship (recruited), ISO 3166-1 alpha-2.</summary>
    public string Country { get; private set; } = string.Empty;

    public string EmployerName { get; private set; } = string.Empty;

    /// <summary>Contract terms the contract carries, comma-separated pack term ids.</summary>
    public string Terms { get; private set; } = string.Empty;

    public bool Deposit { get; private set; }

    public decimal FeeChargedKzt { get; private set; }

    public DateOnly PlacedOn { get; private set; }

    /// <summary>The work permit the recruited worker arrives on, when known.</summary>
    public Guid? WorkPermitId { get; private set; }

    public int MissingTerms { get; private set; }

    public bool DepositMissing { get; private set; }

    public bool FeeViolation { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public bool Illustrative { get; private set; }

    public bool Compliant => MissingTerms == 0 && !DepositMissing && !FeeViolation;

    public static Placement Record(
        Guid agencyId, PlacementKind kind, string workerId, string country, string employerName, IEnumerable<string> terms, bool deposit,
        decimal fee, DateOnly placedOn, Guid? permitId, PlacementCheck check, DateTimeOffset now, bool illustrative = false) => new()
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agencyId,
            Kind = kind,
            WorkerId = workerId,
            Country = country,
            EmployerName = employerName,
            Terms = string.Join(',', terms.Distinct(StringComparer.Ordinal)),
            Deposit = deposit,
            FeeChargedKzt = fee,
            PlacedOn = placedOn,
            WorkPermitId = permitId,
            MissingTerms = check.MissingTerms,
            DepositMissing = check.DepositMissing,
            FeeViolation = check.FeeViolation,
            RecordedAt = now,
            Illustrative = illustrative,
        };
}

/// <summary>An agency's quarterly report of applicants and placements (one per quarter).</summary>
public sealed class AgencyReport
{
    private AgencyReport()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public int Year { get; private set; }

    public int Quarter { get; private set; }

    public int Applicants { get; private set; }

    public int PlacedAbroad { get; private set; }

    public int Recruited { get; private set; }

    public int PlacedDomestic { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public static AgencyReport Submit(Guid agencyId, int year, int quarter, int applicants, int abroad, int recruited, int domestic, DateOnly on, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgencyId = agencyId,
        Year = year,
        Quarter = quarter,
        Applicants = applicants,
        PlacedAbroad = abroad,
        Recruited = recruited,
        PlacedDomestic = domestic,
        SubmittedOn = on,
    };

    public static DateOnly QuarterEnd(int year, int quarter) => new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);

    public static (int Year, int Quarter) QuarterOf(DateOnly day) => (day.Year, (day.Month + 2) / 3);

    public static (int Year, int Quarter) Previous((int Year, int Quarter) q) => q.Quarter == 1 ? (q.Year - 1, 4) : (q.Year, q.Quarter - 1);
}
