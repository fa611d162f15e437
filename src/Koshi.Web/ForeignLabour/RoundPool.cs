using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// A ranked pool as a file: the applications waiting (the facts the assessment counts, no names) and the seats a round
/// would offer. Exported by the API and read by <c>koshi round simulate</c>, which assesses and ranks it as a round does.
/// </summary>
public sealed record PoolFile(string Region, string Pool, int Seats, DateOnly AsOf, IReadOnlyList<PoolApplication> Applications)
{
    /// <summary>What makes the file unusable, each problem with its JSON path.</summary>
    public IReadOnlyList<(string Path, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (!RegionCode.TryParse(Region, out _))
        {
            problems.Add(("$.region", $"'{Region}' is not a region code (KZ-71, KZ-55, …)"));
        }

        if (Pool is null || !PackNames.Pools.Contains(Pool))
        {
            problems.Add(("$.pool", "one of " + string.Join(", ", PackNames.Pools)));
        }

        if (Seats is < 0 or > 1_000_000)
        {
            problems.Add(("$.seats", "from 0 to 1,000,000"));
        }

        if (Applications is null)
        {
            problems.Add(("$.applications", "required: the waiting applications"));
            return problems;
        }

        var ids = new HashSet<Guid>();
        for (var i = 0; i < Applications.Count; i++)
        {
            var a = Applications[i];
            var at = $"$.applications[{i}]";
            if (a is null)
            {
                problems.Add((at, "an application, not null"));
                continue;
            }

            if (a.Id == Guid.Empty || !ids.Add(a.Id))
            {
                problems.Add((at + ".id", "a unique application id"));
            }

            if (a.Isco is not { Length: 4 } || !a.Isco.All(char.IsAsciiDigit))
            {
                problems.Add((at + ".isco", "an ISCO-08 unit group: four digits"));
            }

            if (RoundSimulation.Education(a.Education) is null)
            {
                problems.Add((at + ".education", "one of none, vocational, higher"));
            }

            if (a.LanguageLevel is null || !WorkerFacts.LanguageLevels.Contains(a.LanguageLevel))
            {
                problems.Add((at + ".languageLevel", "one of " + string.Join(", ", WorkerFacts.LanguageLevels)));
            }

            if (a.ExperienceYears is < 0 or > 60)
            {
                problems.Add((at + ".experienceYears", "from 0 to 60"));
            }
        }

        return problems;
    }
}

/// <summary>One waiting application: its lodgement, occupation and counted facts, and the points it was assessed at.</summary>
public sealed record PoolApplication(
    Guid Id, DateTimeOffset LodgedAt, DateOnly LodgedOn, string Isco, string Education, bool EducationRelevant, int ExperienceYears,
    bool QualificationRecognised, string LanguageLevel, bool Skilled, int? Points);

/// <summary>What a round on a pool gives: the same ranking and seats as <see cref="AllocationRoundService"/>, with the counterfactual.</summary>
public sealed record RoundOutcome(
    int Seats, int Applicants, int Admitted, int? CutOff, DateTimeOffset? CutOffLodgedBefore, IReadOnlyList<Guid> AdmittedIds,
    int QualifiedAdmitted, int QualifiedFirstCome, int InDemandAdmitted, int InDemandFirstCome, int SkilledAdmitted, int SkilledFirstCome,
    IReadOnlyList<Guid> PointsChanged);

public static class RoundSimulation
{
    /// <summary>The education level of its pack name (none, vocational, higher); null for anything else.</summary>
    public static Qualification? Education(string? name) =>
        Enum.GetValues<Qualification>().Where(q => PackNames.Of(q) == name).Select(q => (Qualification?)q).FirstOrDefault();

    /// <summary>Assesses each application under the rules (on its lodgement day, as at lodgement) and runs the round.</summary>
    public static RoundOutcome Run(LabourRules rules, PoolFile file, int? seats = null)
    {
        var region = RegionCode.Parse(file.Region);
        var changed = new List<Guid>();
        var entries = new List<PoolEntry>();
        foreach (var a in file.Applications)
        {
            var facts = new WorkerFacts(Education(a.Education)!.Value, a.EducationRelevant, a.ExperienceYears, a.QualificationRecognised, a.LanguageLevel);
            var score = rules.Assess(facts, a.Isco, region, a.LodgedOn);
            if (a.Points is { } recorded && recorded != score.Points)
            {
                changed.Add(a.Id);
            }

            entries.Add(new PoolEntry(a.Id, score.Points, a.LodgedAt, a.Skilled, score.InDemand, rules.Qualified(score.Points, file.AsOf)));
        }

        var offered = Math.Max(0, seats ?? file.Seats);
        var ranked = PoolEntry.Ranked(entries);
        var admitted = ranked.Take(offered).ToList();
        var firstCome = PoolEntry.FirstCome(entries).Take(admitted.Count).ToList();
        return new RoundOutcome(
            offered, entries.Count, admitted.Count, admitted.Count == 0 ? null : admitted[^1].Points, admitted.Count == 0 ? null : admitted[^1].AppliedAt,
            admitted.Select(e => e.Id).ToList(),
            admitted.Count(e => e.Qualified), firstCome.Count(e => e.Qualified), admitted.Count(e => e.InDemand), firstCome.Count(e => e.InDemand),
            admitted.Count(e => e.Skilled), firstCome.Count(e => e.Skilled), changed);
    }
}
