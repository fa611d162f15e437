using System.Linq.Expressions;
using Koshi.Policy;

namespace Koshi.Web.ForeignLabour;

/// <summary>Where an application stands against the decision term: the day it is due, working days left (negative: overdue).</summary>
public sealed record PermitClock(DateOnly DueOn, int DaysLeft, bool Overdue);

/// <summary>
/// The term within which the local executive body decides an employer's permit application (the pack's
/// <c>labour.permit_decision_working_days</c>, in force on the day of lodgement), counted in working days from the day after
/// lodgement. Working days are Monday to Friday: the pack has no calendar of public holidays. The term runs for an application
/// decided on its own; one waiting in a ranked pool waits for its round instead (the pool's own wait limit).
/// </summary>
public static class PermitDecisionTerm
{
    public const string Parameter = "labour.permit_decision_working_days";

    /// <summary>The applications the term runs for: lodged, not waiting in a ranked pool (as a query the database runs).</summary>
    public static readonly Expression<Func<WorkPermit, bool>> RunsFor = p => p.Status == PermitStatus.Submitted && !p.Ranked;

    private static readonly Func<WorkPermit, bool> RunsCompiled = RunsFor.Compile();

    /// <summary>The application is one the term runs for.</summary>
    public static bool Runs(WorkPermit p) => RunsCompiled(p);

    /// <summary>The last day of the term for an application lodged on <paramref name="lodged"/>.</summary>
    public static DateOnly DueOn(DateOnly lodged, int workingDays)
    {
        var day = lodged;
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Working days from <paramref name="today"/> to the due day: positive while time is left, negative once overdue.</summary>
    public static int WorkingDaysLeft(DateOnly today, DateOnly due)
    {
        var (from, to, sign) = due >= today ? (today, due, 1) : (due, today, -1);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        // Overdue by at least one day even when the days past the term were a weekend.
        return sign > 0 ? count : -Math.Max(count, 1);
    }

    /// <summary>An application's clock, or null when the term does not run for it.</summary>
    public static PermitClock? Clock(WorkPermit p, DateOnly today, LabourRules rules)
    {
        if (!Runs(p))
        {
            return null;
        }

        var lodged = LegalClock.DateOf(p.AppliedAt);
        var due = DueOn(lodged, rules.PermitDecisionWorkingDays(lodged));
        return new PermitClock(due, WorkingDaysLeft(today, due), today > due);
    }

    /// <summary>The instant before which an application lodged has run out of its term by <paramref name="today"/>: the start of the
    /// day after the last such lodgement day (the due day grows with the lodgement day, so the days before it are overdue too).</summary>
    public static DateTimeOffset OverdueBefore(DateOnly today, LabourRules rules)
    {
        var day = today.AddDays(-1);
        while (DueOn(day, rules.PermitDecisionWorkingDays(day)) >= today)
        {
            day = day.AddDays(-1);
        }

        var start = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(start, LegalClock.Zone), TimeSpan.Zero);
    }

    private static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
