using System.Text.Json;

namespace Koshi.Web.ForeignLabour;

/// <summary>What the employer declares about the worker's skills; each item is checked by the officer.</summary>
public sealed record WorkerFacts(Qualification Education, bool EducationRelevant, int ExperienceYears, bool QualificationRecognised, string LanguageLevel)
{
    /// <summary>The evidence items an officer accepts or rejects, one per declared fact.</summary>
    public static readonly IReadOnlyList<string> Items = ["education", "experience", "qualification", "language"];

    public static readonly IReadOnlyList<string> LanguageLevels = ["none", "a1", "a2", "b1", "b2", "c1", "c2"];

    /// <summary>The facts as the assessment counts them: a rejected item counts as not shown.</summary>
    public WorkerFacts Counted(IReadOnlyDictionary<string, EvidenceStatus> evidence)
    {
        bool Rejected(string item) => evidence.GetValueOrDefault(item) == EvidenceStatus.Rejected;
        return new WorkerFacts(
            Rejected("education") ? Qualification.None : Education,
            !Rejected("education") && EducationRelevant,
            Rejected("experience") ? 0 : ExperienceYears,
            !Rejected("qualification") && QualificationRecognised,
            Rejected("language") ? "none" : LanguageLevel);
    }
}

public enum EvidenceStatus
{
    /// <summary>Declared by the employer, not yet checked; counts until rejected.</summary>
    Declared,
    Accepted,
    Rejected,
}

/// <summary>One change of a declared fact that would raise the points, and by how much.</summary>
public sealed record WorkerRaise(string Input, string From, string To, long Points);

/// <summary>The assessment of a worker: points, tier, demand, the law date and pack it was made under, and its explanation.</summary>
public sealed record WorkerScore(int Points, string Tier, bool InDemand, DateOnly LawDate, string PackHash, string ExplanationJson, IReadOnlyList<WorkerRaise> Raises);

/// <summary>
/// One allocation round of a ranked pool: the seats it offered, the applicants waiting, how many it admitted and the
/// cut-off (the lowest admitted points). Published as it is: aggregate figures only, no applicant is named.
/// </summary>
public sealed class AllocationRound
{
    private AllocationRound()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public Reference.RegionCode Region { get; private set; }

    public string Pool { get; private set; } = string.Empty;

    /// <summary>The round's number within its year, region and pool: unique, so two rounds cannot both be the same round.</summary>
    public int Number { get; private set; }

    /// <summary>The seats the round offered: the ministry's figure, or every free seat.</summary>
    public int SeatsOffered { get; private set; }

    public int Applicants { get; private set; }

    public int Admitted { get; private set; }

    /// <summary>The lowest points admitted; null when nobody was.</summary>
    public int? CutOff { get; private set; }

    /// <summary>Lodgement time of the last admitted at the cut-off: ties at the cut-off went to earlier applications.</summary>
    public DateTimeOffset? CutOffLodgedBefore { get; private set; }

    /// <summary>The scheduled slot (the first day of the month it belongs to); null for a round the ministry started.
    /// Unique with the region and pool, so a slot's round runs once however many instances reach it.</summary>
    public DateOnly? Slot { get; private set; }

    /// <summary>How many of the admitted hold skilled occupations, and how many first come, first served would have
    /// admitted from the same pool and seats: the counterfactual the ministry weighs ranking against.</summary>
    public int SkilledAdmitted { get; private set; }

    public int SkilledFirstCome { get; private set; }

    /// <summary>How many of the admitted work in occupations in demand in the region, and how many first come would have.</summary>
    public int InDemandAdmitted { get; private set; }

    public int InDemandFirstCome { get; private set; }

    /// <summary>How many of the admitted the assessment reads as qualified (the pack's worker-tier), and how many first come would have.</summary>
    public int QualifiedAdmitted { get; private set; }

    public int QualifiedFirstCome { get; private set; }

    public string PackHash { get; private set; } = string.Empty;

    public string StartedBy { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    public static AllocationRound Record(
        int year, Reference.RegionCode region, string pool, int number, int offered, IReadOnlyList<PoolEntry> waiting, IReadOnlyList<PoolEntry> admitted,
        string packHash, string by, DateTimeOffset now, DateOnly? slot = null) => new()
        {
            Slot = slot,
            SkilledAdmitted = admitted.Count(a => a.Skilled),
            SkilledFirstCome = PoolEntry.FirstCome(waiting).Take(admitted.Count).Count(a => a.Skilled),
            InDemandAdmitted = admitted.Count(a => a.InDemand),
            InDemandFirstCome = PoolEntry.FirstCome(waiting).Take(admitted.Count).Count(a => a.InDemand),
            QualifiedAdmitted = admitted.Count(a => a.Qualified),
            QualifiedFirstCome = PoolEntry.FirstCome(waiting).Take(admitted.Count).Count(a => a.Qualified),
            Id = Guid.CreateVersion7(now),
            Year = year,
            Region = region,
            Pool = pool,
            Number = number,
            SeatsOffered = offered,
            Applicants = waiting.Count,
            Admitted = admitted.Count,
            CutOff = admitted.Count == 0 ? null : admitted[^1].Points,
            CutOffLodgedBefore = admitted.Count == 0 ? null : admitted[^1].AppliedAt,
            PackHash = packHash,
            StartedBy = by,
            At = now,
        };
}

internal static class EvidenceCodec
{
    public static Dictionary<string, EvidenceStatus> Read(string json) => string.IsNullOrEmpty(json) ? [] :
        JsonSerializer.Deserialize<Dictionary<string, EvidenceStatus>>(json, Options) ?? [];

    public static string Write(IReadOnlyDictionary<string, EvidenceStatus> evidence) => JsonSerializer.Serialize(evidence, Options);

    public static Dictionary<string, string> ReadReasons(string json) => string.IsNullOrEmpty(json) ? [] :
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];

    public static string WriteReasons(IReadOnlyDictionary<string, string> reasons) => JsonSerializer.Serialize(reasons, Options);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>An application waiting in a ranked pool, as a round sees it (with what the measures count of it).</summary>
public sealed record PoolEntry(Guid Id, int Points, DateTimeOffset AppliedAt, bool Skilled = false, bool InDemand = false, bool Qualified = false)
{
    /// <summary>The order without ranking, for the counterfactual: first lodged first (then the id).</summary>
    public static IReadOnlyList<PoolEntry> FirstCome(IEnumerable<PoolEntry> pool) =>
        pool.OrderBy(e => e.AppliedAt.UtcTicks).ThenBy(e => e.Id).ToList();

    /// <summary>The round's order: most points first, then the earlier lodgement, then the id (a total order: the same pool gives the same result).</summary>
    public static IReadOnlyList<PoolEntry> Ranked(IEnumerable<PoolEntry> pool) =>
        pool.OrderByDescending(e => e.Points).ThenBy(e => e.AppliedAt.UtcTicks).ThenBy(e => e.Id).ToList();
}

/// <summary>What a set of rounds did, by region: seats admitted, the share to in-demand occupations, and the skilled share with ranking against first come, first served on the same pools.</summary>
public sealed record RoundRegionMeasure(
    string Region, int Rounds, int Admitted, int InDemand, int InDemandFirstCome, int Skilled, int SkilledFirstCome, int Qualified, int QualifiedFirstCome)
{
    public decimal? InDemandPercent => Percent(InDemand, Admitted);

    public decimal? InDemandFirstComePercent => Percent(InDemandFirstCome, Admitted);

    public decimal? QualifiedPercent => Percent(Qualified, Admitted);

    public decimal? QualifiedFirstComePercent => Percent(QualifiedFirstCome, Admitted);

    public decimal? SkilledPercent => Percent(Skilled, Admitted);

    public decimal? SkilledFirstComePercent => Percent(SkilledFirstCome, Admitted);

    internal static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}

/// <summary>One pool's cut-offs round after round (null where a round admitted nobody).</summary>
public sealed record CutOffSeries(string Region, string Pool, IReadOnlyList<CutOffPoint> Points);

public sealed record CutOffPoint(int Number, DateTimeOffset At, int SeatsOffered, int Applicants, int Admitted, int? CutOff);

/// <summary>The measures of a year's rounds, aggregate only: by region, in total, and each pool's cut-off over time.</summary>
public sealed record RoundMeasures(int Year, IReadOnlyList<RoundRegionMeasure> Regions, RoundRegionMeasure Total, IReadOnlyList<CutOffSeries> CutOffs)
{
    public static RoundMeasures Of(int year, IReadOnlyList<AllocationRound> rounds)
    {
        static RoundRegionMeasure Sum(string region, IEnumerable<AllocationRound> these)
        {
            var list = these.ToList();
            return new(region, list.Count, list.Sum(r => r.Admitted), list.Sum(r => r.InDemandAdmitted), list.Sum(r => r.InDemandFirstCome),
                list.Sum(r => r.SkilledAdmitted), list.Sum(r => r.SkilledFirstCome), list.Sum(r => r.QualifiedAdmitted), list.Sum(r => r.QualifiedFirstCome));
        }

        var regions = rounds.GroupBy(r => r.Region.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sum(g.Key, g)).ToList();
        var series = rounds.GroupBy(r => (Region: r.Region.Value, r.Pool)).OrderBy(g => g.Key.Region, StringComparer.Ordinal).ThenBy(g => g.Key.Pool, StringComparer.Ordinal)
            .Select(g => new CutOffSeries(g.Key.Region, g.Key.Pool, g.OrderBy(r => r.Number)
                .Select(r => new CutOffPoint(r.Number, r.At, r.SeatsOffered, r.Applicants, r.Admitted, r.CutOff)).ToList()))
            .ToList();
        return new(year, regions, Sum("all", rounds), series);
    }
}
