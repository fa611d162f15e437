namespace Koshi.Web.Residence;

public enum NotificationKind
{
    Lodged,
    KaztestPassed,
    KaztestFailed,
    ScorePassed,
    ScoreBelowPassMark,
    InterviewScheduled,
    Approved,
    Refused,
    Withdrawn,
}

/// <summary>A message to the applicant about their case; shown in their language on the case page.</summary>
public sealed class ApplicantNotification
{
    private ApplicantNotification()
    {
    }

    internal ApplicantNotification(NotificationKind kind, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        At = at;
    }

    public Guid Id { get; private set; }

    public NotificationKind Kind { get; private set; }

    public DateTimeOffset At { get; private set; }
}
