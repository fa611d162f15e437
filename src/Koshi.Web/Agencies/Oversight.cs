using Koshi.Web.Platform;

namespace Koshi.Web.Agencies;

public enum ComplaintStatus
{
    New,

    /// <summary>The officer read it and keeps it for the agency's risk and next inspection.</summary>
    Triaged,

    /// <summary>Linked to an inspection, whose findings answer it.</summary>
    Inspection,
    Dismissed,
}

/// <summary>What a complaint is about.</summary>
public static class ComplaintCategories
{
    public static readonly IReadOnlyList<string> All = ["fee-charged", "contract-breach", "documents-withheld", "no-contract", "misleading-offer", "data-misuse", "other"];
}

/// <summary>A worker's complaint against an agency, signed in or anonymous with a contact.</summary>
public sealed class Complaint
{
    private Complaint()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public string Category { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    /// <summary>The complainant's account, when signed in.</summary>
    public string? UserId { get; private set; }

    /// <summary>How to reach an anonymous complainant (phone or e-mail).</summary>
    public string? Contact { get; private set; }

    public DateTimeOffset FiledAt { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public string? Note { get; private set; }

    public Guid? InspectionId { get; private set; }

    public bool Illustrative { get; private set; }

    public static Complaint File(Guid agencyId, string category, string text, string? userId, string? contact, DateTimeOffset now, bool illustrative = false) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgencyId = agencyId,
        Category = category,
        Text = text,
        UserId = userId,
        Contact = contact,
        FiledAt = now,
        Status = ComplaintStatus.New,
        Illustrative = illustrative,
    };

    public Refusal? Triage(ComplaintStatus to, string? note, Guid? inspectionId)
    {
        if (Status is ComplaintStatus.Dismissed or ComplaintStatus.Inspection)
        {
            return new Refusal("complaint-closed", $"The complaint is already {Status.ToString().ToLowerInvariant()}.");
        }

        if (!Enum.IsDefined(to) || to == ComplaintStatus.New)
        {
            return new Refusal(RefusalCodes.OutOfRange, $"'{to}' is not a status a complaint can be triaged to.", "status");
        }

        (Status, Note, InspectionId) = (to, note, inspectionId);
        return null;
    }
}

/// <summary>Why an agency is on the quarter's plan: its risk, the random sample, or a complaint.</summary>
public enum InspectionSelection
{
    Targeted,
    Random,
    Complaint,
}

/// <summary>A quarter's inspection plan: its capacity, and the seed the random sample was drawn with (so it can be redrawn).</summary>
public sealed class InspectionPlan
{
    private InspectionPlan()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public int Quarter { get; private set; }

    public int Capacity { get; private set; }

    public int RandomSlots { get; private set; }

    public int Seed { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The agencies the plan was drawn from with their risk scores then (JSON), so the draw can be run again from the
    /// recorded seed and checked; empty for a plan not drawn by <see cref="InspectionDraw"/> (the illustrative demo plan).
    /// </summary>
    public string Candidates { get; private set; } = string.Empty;

    public static InspectionPlan Create(int year, int quarter, int capacity, int randomSlots, int seed, string by, DateTimeOffset now, string candidates = "") => new()
    {
        Candidates = candidates,
        Id = Guid.CreateVersion7(now),
        Year = year,
        Quarter = quarter,
        Capacity = capacity,
        RandomSlots = randomSlots,
        Seed = seed,
        CreatedBy = by,
        CreatedAt = now,
    };
}

/// <summary>An inspection of one agency: planned, then done with each standard's finding and the pack's measure.</summary>
public sealed class Inspection
{
    private Inspection()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public Guid? PlanId { get; private set; }

    public InspectionSelection Selection { get; private set; }

    public int RiskScore { get; private set; }

    public string RiskBand { get; private set; } = string.Empty;

    public DateTimeOffset PlannedAt { get; private set; }

    public DateOnly? InspectedOn { get; private set; }

    /// <summary>Standards found not met, comma-separated pack ids; empty when all were met.</summary>
    public string Failed { get; private set; } = string.Empty;

    public int Points { get; private set; }

    public int CriticalFailures { get; private set; }

    /// <summary>The registry measure the pack gave: none, warning, conditions, suspension, exclusion.</summary>
    public string? Measure { get; private set; }

    /// <summary>The art. 98 sanction: none, warning, fine.</summary>
    public string? Art98Sanction { get; private set; }

    public decimal Art98FineKzt { get; private set; }

    public string? Inspector { get; private set; }

    public string? Explanation { get; private set; }

    public string? PackHash { get; private set; }

    public bool Done => InspectedOn is not null;

    /// <summary>Whether the inspection found any standard not met (a "hit" for the targeting measure).</summary>
    public bool FoundViolation => Done && Failed.Length > 0;

    public IReadOnlyList<string> FailedList => Failed.Length == 0 ? [] : Failed.Split(',');

    public static Inspection Plan(Guid agencyId, Guid? planId, InspectionSelection selection, int score, string band, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgencyId = agencyId,
        PlanId = planId,
        Selection = selection,
        RiskScore = score,
        RiskBand = band,
        PlannedAt = now,
    };

    public Refusal? Record(InspectionFindings findings, string inspector, DateOnly on, string packHash)
    {
        if (Done)
        {
            return new Refusal("inspection-done", "The outcome of this inspection is already recorded.");
        }

        InspectedOn = on;
        Failed = string.Join(',', findings.Failed);
        Points = findings.Points;
        CriticalFailures = findings.CriticalFailures;
        Measure = findings.Measure;
        Art98Sanction = findings.Art98Sanction;
        Art98FineKzt = findings.Art98FineKzt;
        Explanation = findings.Explanation;
        Inspector = inspector;
        PackHash = packHash;
        return null;
    }
}

/// <summary>An agency the quarter's plan could pick, with its risk score when the plan was drawn.</summary>
public sealed record DrawCandidate(string Bin, int Score);

/// <summary>The agencies a draw picked: the highest-risk ones, then the random sample.</summary>
public sealed record DrawResult(IReadOnlyList<string> Targeted, IReadOnlyList<string> Random);

/// <summary>
/// How a quarter's inspection plan is drawn: the highest risk scores fill the capacity left after the random slots (ties
/// by BIN), then the random sample is drawn from the others in BIN order with a seeded <see cref="System.Random"/>, whose
/// sequence for a seed is fixed, so the same candidates and seed always give the same plan.
/// </summary>
public static class InspectionDraw
{
    public static DrawResult Run(IReadOnlyList<DrawCandidate> candidates, int capacity, int randomSlots, int seed)
    {
        var targetedCount = Math.Min(Math.Max(0, capacity - randomSlots), candidates.Count);
        var targeted = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Bin, StringComparer.Ordinal).Take(targetedCount).ToList();
        var picked = targeted.Select(c => c.Bin).ToHashSet(StringComparer.Ordinal);
        var rest = candidates.Where(c => !picked.Contains(c.Bin)).OrderBy(c => c.Bin, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var sample = rest.OrderBy(_ => random.Next()).Take(randomSlots).ToList();
        return new DrawResult([.. targeted.Select(c => c.Bin)], [.. sample.Select(c => c.Bin)]);
    }
}
