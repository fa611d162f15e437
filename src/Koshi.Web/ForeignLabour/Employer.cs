using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// An organisation that hires foreign workers, identified by its BIN, with its OKED section (which decides the fee's
/// sector group), its region and its declared headcount by permit category and citizenship.
/// </summary>
public sealed class Employer
{
    private Employer()
    {
    }

    public Guid Id { get; private set; }

    public string Bin { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    /// <summary>OKED (NACE-based) section letter A–U.</summary>
    public OkedSection OkedSection { get; private set; }

    public RegionCode Region { get; private set; }

    /// <summary>The account that acts for the employer.</summary>
    public string OwnerId { get; private set; } = string.Empty;

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Kazakh citizens employed, by category 1–4 (index 0 = category 1).</summary>
    public int KazakhCat1 { get; private set; }

    public int KazakhCat2 { get; private set; }

    public int KazakhCat3 { get; private set; }

    public int KazakhCat4 { get; private set; }

    /// <summary>Foreign workers employed outside this register (earlier permits, EAEU citizens), by category.</summary>
    public int ForeignCat1 { get; private set; }

    public int ForeignCat2 { get; private set; }

    public int ForeignCat3 { get; private set; }

    public int ForeignCat4 { get; private set; }

    public int Version { get; private set; }

    public static Employer Register(Bin bin, string name, OkedSection okedSection, RegionCode region, string ownerId, StaffDeclaration staff, DateTimeOffset now)
    {
        var employer = new Employer
        {
            Id = Guid.CreateVersion7(now),
            Bin = bin.Value,
            Name = name,
            OkedSection = okedSection,
            Region = region,
            OwnerId = ownerId,
            RegisteredAt = now,
            Version = 1,
        };
        employer.Declare(staff);
        return employer;
    }

    public StaffDeclaration Staff => new(
        [KazakhCat1, KazakhCat2, KazakhCat3, KazakhCat4], [ForeignCat1, ForeignCat2, ForeignCat3, ForeignCat4]);

    public void Declare(StaffDeclaration staff)
    {
        (KazakhCat1, KazakhCat2, KazakhCat3, KazakhCat4) = (staff.Kazakh[0], staff.Kazakh[1], staff.Kazakh[2], staff.Kazakh[3]);
        (ForeignCat1, ForeignCat2, ForeignCat3, ForeignCat4) = (staff.Foreign[0], staff.Foreign[1], staff.Foreign[2], staff.Foreign[3]);
        Version++;
    }

    public void Rename(string name, OkedSection okedSection, RegionCode region)
    {
        (Name, OkedSection, Region) = (name, okedSection, region);
        Version++;
    }
}

/// <summary>Declared headcount by category 1–4: Kazakh citizens and foreign workers not on this register's permits.</summary>
public sealed record StaffDeclaration(IReadOnlyList<int> Kazakh, IReadOnlyList<int> Foreign)
{
    public static StaffDeclaration Empty => new([0, 0, 0, 0], [0, 0, 0, 0]);

    public int KazakhIn(PermitCategory category) => category is PermitCategory.None ? 0 : Kazakh[(int)category - 1];

    public int ForeignIn(PermitCategory category) => category is PermitCategory.None ? 0 : Foreign[(int)category - 1];
}

/// <summary>
/// One staff declaration as made, kept with its date: the local-content check uses the declaration in force some days
/// before the application (the pack sets how many), so staff re-declared just before applying do not count.
/// </summary>
public sealed class StaffDeclarationRecord
{
    private StaffDeclarationRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid EmployerId { get; private set; }

    public DateOnly DeclaredOn { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    public int KazakhCat1 { get; private set; }

    public int KazakhCat2 { get; private set; }

    public int KazakhCat3 { get; private set; }

    public int KazakhCat4 { get; private set; }

    public int ForeignCat1 { get; private set; }

    public int ForeignCat2 { get; private set; }

    public int ForeignCat3 { get; private set; }

    public int ForeignCat4 { get; private set; }

    public StaffDeclaration Staff => new(
        [KazakhCat1, KazakhCat2, KazakhCat3, KazakhCat4], [ForeignCat1, ForeignCat2, ForeignCat3, ForeignCat4]);

    public static StaffDeclarationRecord Of(Guid employerId, StaffDeclaration staff, DateOnly declaredOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EmployerId = employerId,
        DeclaredOn = declaredOn,
        DeclaredAt = now,
        KazakhCat1 = staff.Kazakh[0],
        KazakhCat2 = staff.Kazakh[1],
        KazakhCat3 = staff.Kazakh[2],
        KazakhCat4 = staff.Kazakh[3],
        ForeignCat1 = staff.Foreign[0],
        ForeignCat2 = staff.Foreign[1],
        ForeignCat3 = staff.Foreign[2],
        ForeignCat4 = staff.Foreign[3],
    };
}

/// <summary>A vacancy the employer posted for local candidates; a permit application must quote one posted long enough.</summary>
public sealed class Vacancy
{
    private Vacancy()
    {
    }

    public Guid Id { get; private set; }

    public Guid EmployerId { get; private set; }

    /// <summary>The public reference quoted in permit applications, e.g. VAC-2026-3F9A01C2D4.</summary>
    public string Reference { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public IscoCode Isco { get; private set; }

    public PermitCategory Category { get; private set; }

    public RegionCode Region { get; private set; }

    public int Positions { get; private set; }

    public DateOnly PostedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Posts a vacancy; without a given reference it gets one from its id (the random tail of a version-7 id).</summary>
    public static Vacancy Post(Guid employerId, string? reference, string title, IscoCode isco, PermitCategory category, RegionCode region, int positions, DateOnly postedOn, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new Vacancy
        {
            Id = id,
            EmployerId = employerId,
            Reference = reference ?? $"VAC-{postedOn.Year}-{id.ToString("N")[^10..].ToUpperInvariant()}",
            Title = title,
            Isco = isco,
            Category = category,
            Region = region,
            Positions = positions,
            PostedOn = postedOn,
        };
    }

    public void Close(DateOnly on) => ClosedOn ??= on;
}
