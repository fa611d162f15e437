using Koshi.Web.Platform;
using Koshi.Web.Reference;

namespace Koshi.Web.Agencies;

/// <summary>Where an agency stands in the registry.</summary>
public enum AgencyStatus
{
    /// <summary>Applied, waiting for the officer to accept it.</summary>
    Pending,
    Active,
    Suspended,
    Excluded,
}

/// <summary>What an agency does; the registry lists them and the public lookup shows them.</summary>
public static class AgencyServices
{
    public const string RecruitForeign = "recruit-foreign";
    public const string PlaceAbroad = "place-abroad";
    public const string Domestic = "domestic";

    public static readonly IReadOnlyList<string> All = [RecruitForeign, PlaceAbroad, Domestic];
}

/// <summary>
/// A private employment agency in the registry, identified by its BIN: address, director, services and the countries it
/// serves; its status changes (accepted, suspended, excluded, reinstated) are kept with their reason and date.
/// </summary>
public sealed class Agency
{
    private readonly List<AgencyStatusChange> history = [];

    private Agency()
    {
    }

    public Guid Id { get; private set; }

    public string Bin { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public RegionCode Region { get; private set; }

    public string Address { get; private set; } = string.Empty;

    public string Director { get; private set; } = string.Empty;

    /// <summary>Services, comma-separated (see <see cref="AgencyServices"/>).</summary>
    public string Services { get; private set; } = string.Empty;

    /// <summary>ISO 3166-1 alpha-2 codes of the countries served, comma-separated.</summary>
    public string Countries { get; private set; } = string.Empty;

    /// <summary>The account that acts for the agency (empty for illustrative agencies).</summary>
    public string OwnerId { get; private set; } = string.Empty;

    public AgencyStatus Status { get; private set; }

    /// <summary>Additional conditions an inspection imposed, while they apply.</summary>
    public string? Conditions { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public DateOnly? RegisteredOn { get; private set; }

    /// <summary>Made up for the demonstration, not a real agency.</summary>
    public bool Illustrative { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<AgencyStatusChange> History => history;

    public IReadOnlyList<string> ServiceList => Split(Services);

    public IReadOnlyList<string> CountryList => Split(Countries);

    public static Agency Apply(
        Bin bin, string name, RegionCode region, string address, string director, IEnumerable<string> services, IEnumerable<string> countries,
        string ownerId, DateTimeOffset now, bool illustrative = false) => new()
        {
            Id = Guid.CreateVersion7(now),
            Bin = bin.Value,
            Name = name,
            Region = region,
            Address = address,
            Director = director,
            Services = string.Join(',', services.Distinct(StringComparer.Ordinal)),
            Countries = string.Join(',', countries.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            OwnerId = ownerId,
            Status = AgencyStatus.Pending,
            AppliedAt = now,
            Illustrative = illustrative,
            Version = 1,
        };

    public void Update(string name, RegionCode region, string address, string director, IEnumerable<string> services, IEnumerable<string> countries)
    {
        (Name, Region, Address, Director) = (name, region, address, director);
        Services = string.Join(',', services.Distinct(StringComparer.Ordinal));
        Countries = string.Join(',', countries.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Version++;
    }

    /// <summary>The officer accepts the agency into the registry.</summary>
    public Refusal? Accept(string by, DateOnly on, DateTimeOffset now)
    {
        if (Status != AgencyStatus.Pending)
        {
            return new Refusal("not-pending", $"The agency is {Status.ToString().ToLowerInvariant()}, not waiting to be accepted.");
        }

        RegisteredOn = on;
        return Change(AgencyStatus.Active, "Accepted into the registry.", by, on, now);
    }

    /// <summary>A status change by the officer (suspend, exclude, reinstate) or by an inspection's sanction.</summary>
    public Refusal? Change(AgencyStatus to, string reason, string by, DateOnly on, DateTimeOffset now)
    {
        if (Status == AgencyStatus.Excluded)
        {
            return new Refusal("excluded", "An excluded agency stays excluded; it may apply again under a new registration.");
        }

        if (!Enum.IsDefined(to) || to == AgencyStatus.Pending || to == Status || (Status == AgencyStatus.Pending && to != AgencyStatus.Active))
        {
            return new Refusal("status-change", $"An agency that is {Status.ToString().ToLowerInvariant()} cannot become {to.ToString().ToLowerInvariant()}.", "status");
        }

        history.Add(new AgencyStatusChange(Guid.CreateVersion7(now), Id, Status, to, reason, on, by, now));
        Status = to;
        if (to != AgencyStatus.Active)
        {
            Conditions = null;
        }

        Version++;
        return null;
    }

    public void Impose(string conditions)
    {
        Conditions = conditions;
        Version++;
    }

    /// <summary>Suspended at any time in the year before <paramref name="on"/>.</summary>
    public bool SuspendedWithinYear(DateOnly on) =>
        Status == AgencyStatus.Suspended || history.Any(h => h.To == AgencyStatus.Suspended && h.On > on.AddYears(-1));

    private static string[] Split(string value) =>
        value.Length == 0 ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One change of an agency's registry status, with its reason and the date it took effect.</summary>
public sealed class AgencyStatusChange
{
    private AgencyStatusChange()
    {
    }

    public AgencyStatusChange(Guid id, Guid agencyId, AgencyStatus from, AgencyStatus to, string reason, DateOnly on, string by, DateTimeOffset at)
    {
        (Id, AgencyId, From, To, Reason, On, By, At) = (id, agencyId, from, to, reason, on, by, at);
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public AgencyStatus From { get; private set; }

    public AgencyStatus To { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public DateOnly On { get; private set; }

    public string By { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }
}
