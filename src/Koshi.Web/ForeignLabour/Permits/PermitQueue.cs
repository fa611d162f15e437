using System.Linq.Expressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

public enum PermitSort
{
    /// <summary>Waiting for the officer first (to decide, oldest first; then to issue), then the rest, newest first.</summary>
    Waiting,

    /// <summary>Newest application first (the API's order when none is asked for).</summary>
    Newest,

    /// <summary>Oldest application first.</summary>
    Applied,

    /// <summary>By the worker's name.</summary>
    Name,
}

/// <summary>
/// What an officer (or an employer, over their own permits) asks of the permit register: a search (case number, worker
/// passport or name, employer BIN/IIN or name), one status, only the applications waiting for the officer, only those past
/// the decision term (<see cref="PermitDecisionTerm"/>), the region (an officer sees only their own anyway), and the order.
/// Read from query parameters by the page and the API alike.
/// </summary>
public sealed record PermitQueueFilter(string? Search, PermitStatus? Status, bool NeedsAction, RegionCode? Region, PermitSort Sort, bool Overdue = false)
{
    public bool Narrowed => Search is not null || Status is not null || NeedsAction || Region is not null || Overdue;

    public static PermitQueueFilter Read(
        string? q, string? status, string? mine, string? overdue, string? region, string? sort, PermitSort fallback, List<(string Field, string Message)> errors)
    {
        var search = QueueParameters.Search(q, errors);
        PermitStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            var count = errors.Count;
            var value = QueueParameters.Choice(status, "status", PermitStatus.Submitted, errors);
            wanted = errors.Count == count ? value : null;
        }

        RegionCode? inRegion = null;
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (RegionCode.TryParse(region.Trim(), out var code))
            {
                inRegion = code;
            }
            else
            {
                errors.Add(("region", $"'{region}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
            }
        }

        return new PermitQueueFilter(
            search, wanted, QueueParameters.Flag(mine, "mine", errors), inRegion, QueueParameters.Choice(sort, "sort", fallback, errors),
            QueueParameters.Flag(overdue, "overdue", errors));
    }
}

/// <summary>The permit register as a queue: filtered, searched and sorted by the database, so pages follow each other.</summary>
public static class PermitQueue
{
    public static IQueryable<WorkPermit> Queue(this PermitRegister register, Actor actor, PermitQueueFilter filter, LabourRules rules)
    {
        var query = register.VisibleTo(actor);
        if (filter.Overdue)
        {
            var before = PermitDecisionTerm.OverdueBefore(register.Today, rules);
            query = query.Where(PermitDecisionTerm.RunsFor).Where(p => p.AppliedAt < before);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter.Region is { } region)
        {
            query = query.Where(p => p.Region == region);
        }

        if (filter.NeedsAction)
        {
            query = query.Where(WaitsForOfficer);
        }

        if (filter.Search is { } search)
        {
            query = Search(query, search);
        }

        return filter.Sort switch
        {
            PermitSort.Newest => query.OrderByDescending(p => p.AppliedAt).ThenBy(p => p.Id),
            PermitSort.Applied => query.OrderBy(p => p.AppliedAt).ThenBy(p => p.Id),
            PermitSort.Name => query.OrderBy(p => p.WorkerName).ThenBy(p => p.Id),
            _ => query
                .OrderBy(p => p.Status == PermitStatus.Submitted ? 0 : p.Status == PermitStatus.Paid ? 1 : p.Status == PermitStatus.Approved ? 2 : 3)
                .ThenBy(p => p.Status == PermitStatus.Submitted ? p.AppliedAt : DateTimeOffset.MinValue)
                .ThenByDescending(p => p.AppliedAt)
                .ThenBy(p => p.Id),
        };
    }

    /// <summary>
    /// The officer's next step: decide a lodged application (a ranked one once a round has admitted it), or issue a paid one.
    /// </summary>
    public static readonly Expression<Func<WorkPermit, bool>> WaitsForOfficer =
        p => (p.Status == PermitStatus.Submitted && (!p.Ranked || p.RoundId != null)) || p.Status == PermitStatus.Paid;

    public static bool NeedsOfficer(WorkPermit p) =>
        (p.Status == PermitStatus.Submitted && (!p.Ranked || p.RoundId is not null)) || p.Status == PermitStatus.Paid;

    /// <summary>
    /// A case number (2026-000123, 2026-123) or a number without its year (123), a 12-digit employer BIN (or a household
    /// employer's IIN), a worker's passport number, or part of the worker's or the employer's name.
    /// </summary>
    private static IQueryable<WorkPermit> Search(IQueryable<WorkPermit> query, string search)
    {
        if (CaseNumbers.TryParse(search, out var number))
        {
            // lower(…) LIKE in SQL: the overload taking a StringComparison is not translated by the database providers.
#pragma warning disable CA1862
            return query.Where(p => p.CaseNumber == number);
        }

        var compact = search.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.Length == 12 && compact.All(char.IsAsciiDigit))
        {
            // lower(…) LIKE in SQL: the overload taking a StringComparison is not translated by the database providers.
#pragma warning disable CA1862
            return query.Where(p => p.EmployerIdentifier == compact);
        }

        var term = SearchTerm.Read(search);
        var suffix = term.NumberSuffix;
        var hasPassport = PassportNumber.TryCreate(compact, out var passport, out _);
        var key = search.Trim().ToLowerInvariant();
        // lower(…) LIKE in SQL: the overload taking a StringComparison is not translated by the database providers.
#pragma warning disable CA1862
        return query.Where(p =>
            (suffix != null && p.CaseNumber.EndsWith(suffix))
            || (hasPassport && p.WorkerPassport == passport)
            || p.WorkerName.ToLower().Contains(key)
            || p.EmployerName.ToLower().Contains(key));
#pragma warning restore CA1862
    }
}
