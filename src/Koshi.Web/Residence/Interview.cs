namespace Koshi.Web.Residence;

public enum InterviewOutcome
{
    Passed,
    Failed,
}

public sealed class Interview
{
    private Interview()
    {
    }

    internal Interview(DateTimeOffset scheduledAt, string place, string scheduledBy)
    {
        ScheduledAt = scheduledAt;
        Place = place;
        ScheduledBy = scheduledBy;
    }

    public DateTimeOffset ScheduledAt { get; private set; }

    public string Place { get; private set; } = string.Empty;

    public string ScheduledBy { get; private set; } = string.Empty;

    public InterviewOutcome? Outcome { get; private set; }

    public string? Notes { get; private set; }

    public string? RecordedBy { get; private set; }

    public DateTimeOffset? RecordedAt { get; private set; }

    internal void RecordOutcome(bool passed, string notes, string officerId, DateTimeOffset now)
    {
        Outcome = passed ? InterviewOutcome.Passed : InterviewOutcome.Failed;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        RecordedBy = officerId;
        RecordedAt = now;
    }
}
