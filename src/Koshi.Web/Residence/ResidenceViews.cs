using Koshi.Web.Platform.Localisation;
using Koshi.Web.Residence.Scoring;

namespace Koshi.Web.Residence;

public sealed record KaztestAttemptView(int Number, int ListeningPercent, int ReadingPercent, DateOnly TakenOn, string Certificate, bool Passed);

public sealed record GateView(string Id, LocalizedString Title, bool Passed, LocalizedString? Reason);

public sealed record CriterionView(
    string Id, LocalizedString Title, long Points, string? Detail, bool Applicable, bool Provisional, string? CappedBy, string? Indicator, IReadOnlyList<string> Rows);

public sealed record ScoreView(
    string Decision, bool Passed, long Total, long? PassMark, long? Shortfall, DateOnly AsOf, DateOnly LawDate, string PackHash,
    IReadOnlyList<GateView> Gates, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<PathToPass> PathsToPass)
{
    public static ScoreView From(ScoreResult result) => new(
        result.Decision, result.Passed, result.Total, result.PassMark,
        result.PassMark is { } mark && result.Total < mark ? mark - result.Total : null,
        result.AsOf, result.LawDate, result.PackHash,
        result.Gates.Select(g => new GateView(g.Id, g.Title, g.Passed, g.Reason)).ToList(),
        result.Criteria.Select(c => new CriterionView(c.Id, c.Title, c.Points, c.Detail, c.Applicable, c.Provisional, c.CappedBy, c.Indicator, c.Rows ?? [])).ToList(),
        result.PathsToPass);
}

public sealed record CheckView(CheckKind Kind, CheckStatus Status, string? Detail, int Attempts, DateTimeOffset? AnsweredAt, DateTimeOffset? RetryAfter);

public sealed record InterviewView(DateTimeOffset ScheduledAt, string Place, InterviewOutcome? Outcome, string? Notes, DateTimeOffset? RecordedAt);

public sealed record DecisionView(
    DecisionOutcome Outcome, string? Ground, string? GroundDetail, string Reasons, string DecidedBy, DateTimeOffset DecidedAt,
    string? PackHash, DateOnly? AsOf, long? Total, long? PassMark, ScoreView? Score, string? InputsJson);

public sealed record NotificationView(NotificationKind Kind, DateTimeOffset At);

/// <summary>An application as the API shows it, with the 29-day clock as of today.</summary>
public sealed record ApplicationView(
    Guid Id,
    string CaseNumber,
    ResidenceKind Kind,
    ResidenceStage Stage,
    string Region,
    string ApplicantName,
    DateOnly LodgedOn,
    DateOnly DueOn,
    int DaysLeft,
    bool Overdue,
    IReadOnlyList<KaztestAttemptView> KaztestAttempts,
    ScoreView? Score,
    IReadOnlyList<CheckView> Checks,
    InterviewView? Interview,
    DecisionView? Decision,
    IReadOnlyList<string> FailedGrounds,
    DateTimeOffset? WithdrawnAt,
    IReadOnlyList<NotificationView> Notifications)
{
    public static ApplicationView From(ResidenceApplication a, DateOnly today, Func<string, ScoreResult> explain) => new(
        a.Id,
        a.CaseNumber,
        a.Kind,
        a.Stage,
        a.Region.Value,
        a.ApplicantName,
        a.LodgedOn,
        a.DueOn,
        a.DaysLeft(today),
        a.IsOverdue(today),
        a.KaztestAttempts.OrderBy(k => k.Number)
            .Select(k => new KaztestAttemptView(k.Number, k.ListeningPercent, k.ReadingPercent, k.TakenOn, k.Certificate, k.Passed)).ToList(),
        a.Score is null ? null : ScoreView.From(explain(a.Score.ExplanationJson)),
        a.Checks.OrderBy(c => c.Kind).Select(c => new CheckView(c.Kind, c.Status, c.Detail, c.Attempts, c.AnsweredAt, c.RetryAfter)).ToList(),
        a.Interview is null ? null : new InterviewView(a.Interview.ScheduledAt, a.Interview.Place, a.Interview.Outcome, a.Interview.Notes, a.Interview.RecordedAt),
        a.Decision is null ? null : DecisionFrom(a.Decision, explain),
        a.FailedGrounds().Select(g => g.Code).ToList(),
        a.WithdrawnAt,
        a.Notifications.OrderBy(n => n.At).Select(n => new NotificationView(n.Kind, n.At)).ToList());

    public static DecisionView DecisionFrom(DecisionRecord d, Func<string, ScoreResult> explain) => new(
        d.Outcome, d.Ground, d.GroundDetail, d.Reasons, d.DecidedBy, d.DecidedAt, d.PackHash, d.AsOf, d.Total, d.PassMark,
        d.ExplanationJson is null ? null : ScoreView.From(explain(d.ExplanationJson)), d.InputsJson);
}

/// <summary>One line of an officer's queue.</summary>
public sealed record QueueItem(
    Guid Id, string CaseNumber, ResidenceKind Kind, ResidenceStage Stage, string ApplicantName, DateOnly LodgedOn, DateOnly DueOn, int DaysLeft, bool Overdue);

public sealed record RescoreView(ScoreView AsMade, ScoreView? Current, string? CurrentError, bool TotalChanged, bool DecisionChanged, string CurrentPackHash);

public sealed record StageCount(string Region, ResidenceStage Stage, int Count);
