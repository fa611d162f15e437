using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Residence;

public enum QueueSort
{
    /// <summary>The day the decision is due, earliest (so the overdue) first.</summary>
    Due,

    /// <summary>Oldest lodgement first.</summary>
    Lodged,

    /// <summary>Newest lodgement first.</summary>
    Newest,
}

/// <summary>
/// What an officer asks of the queue: a search (case number, IIN or name), the stage ("open" by default, "all", or one
/// stage), only the cases waiting for an officer, only the overdue, and the order. Read from query parameters by the
/// page and the API alike, so a link to a filtered queue works in both.
/// </summary>
public sealed record QueueFilter(string? Search, string Stage, bool NeedsAction, bool Overdue, QueueSort Sort)
{
    public const string Open = "open";
    public const string All = "all";
    public const int MaxSearch = QueueParameters.MaxSearch;

    /// <summary>The stages in which the next step is an officer's (an interview counts once its time has come, or when none is set).</summary>
    public static readonly IReadOnlyList<ResidenceStage> OfficerStages = [ResidenceStage.Checks, ResidenceStage.Interview, ResidenceStage.Decision];

    public static QueueFilter Default { get; } = new(null, Open, false, false, QueueSort.Due);

    /// <summary>Reads the parameters; a value out of its set is named in <paramref name="errors"/> and left at its default.</summary>
    public static QueueFilter Read(string? q, string? stage, string? mine, string? overdue, string? sort, List<(string Field, string Message)> errors)
    {
        var search = QueueParameters.Search(q, errors);

        // A search looks through closed cases too, unless a stage is asked for: a caller quoting a number expects it found.
        var wantedStage = search is null ? Open : All;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            var value = stage.Trim().ToLowerInvariant();
            if (value is Open or All || StageNames.Contains(value))
            {
                wantedStage = value;
            }
            else
            {
                errors.Add(("stage", $"'{stage}' is not one of {Open}, {All}, {string.Join(", ", StageNames)}."));
            }
        }

        var wantedSort = QueueParameters.Choice(sort, "sort", QueueSort.Due, errors);
        return new QueueFilter(search, wantedStage, QueueParameters.Flag(mine, "mine", errors), QueueParameters.Flag(overdue, "overdue", errors), wantedSort);
    }

    /// <summary>The stages by their names in query strings (kebab-case, as the JSON spells them).</summary>
    public static IReadOnlyList<string> StageNames { get; } = Enum.GetValues<ResidenceStage>().Select(Name).ToList();

    public static string Name(ResidenceStage stage) => QueueParameters.Name(stage);
}

/// <summary>The officer's queue: filtered, searched, sorted and cut into pages by the database.</summary>
public static class ResidenceQueue
{
    private static readonly ResidenceStage[] Closed = [ResidenceStage.Approved, ResidenceStage.Refused, ResidenceStage.Withdrawn];

    private static readonly System.Linq.Expressions.Expression<Func<ResidenceApplication, bool>> IsOpen =
        a => a.Stage != ResidenceStage.Approved && a.Stage != ResidenceStage.Refused && a.Stage != ResidenceStage.Withdrawn;

    public static async Task<(List<QueueItem> Items, int Total)> QueueAsync(
        this ResidenceService service, Actor actor, QueueFilter filter, Koshi.Web.Platform.Paging paging, CancellationToken ct)
    {
        var today = service.Today;
        var now = service.Now;
        var query = service.VisibleTo(actor);
        if (filter.Stage == QueueFilter.Open)
        {
            query = query.Where(IsOpen);
        }
        else if (filter.Stage != QueueFilter.All)
        {
            var stage = Enum.GetValues<ResidenceStage>().Single(s => QueueFilter.Name(s) == filter.Stage);
            query = query.Where(a => a.Stage == stage);
        }

        if (filter.Search is { } search)
        {
            query = Search(query, search);
        }

        if (filter.NeedsAction)
        {
            query = query.Where(a => a.Stage == ResidenceStage.Checks || a.Stage == ResidenceStage.Decision
                || (a.Stage == ResidenceStage.Interview && (a.Interview == null || a.Interview.Outcome == null && a.Interview.ScheduledAt <= now)));
        }

        if (filter.Overdue)
        {
            query = query.Where(IsOpen).Where(a => a.DueOn < today);
        }

        var total = await query.CountAsync(ct);
        query = filter.Sort switch
        {
            QueueSort.Lodged => query.OrderBy(a => a.LodgedOn).ThenBy(a => a.CaseNumber),
            QueueSort.Newest => query.OrderByDescending(a => a.LodgedOn).ThenByDescending(a => a.CaseNumber),
            _ => query.OrderBy(a => a.DueOn).ThenBy(a => a.CaseNumber),
        };

        // Only the queue's columns: loading whole applications would drag every stored score explanation along.
        var rows = await query.Skip(paging.Skip).Take(paging.Size)
            .Select(a => new { a.Id, a.CaseNumber, a.Kind, a.Stage, a.ApplicantName, a.LodgedOn, a.DueOn })
            .ToListAsync(ct);
        var items = rows.Select(a => new QueueItem(
                a.Id, a.CaseNumber, a.Kind, a.Stage, a.ApplicantName, a.LodgedOn, a.DueOn, a.DueOn.DayNumber - today.DayNumber,
                !Closed.Contains(a.Stage) && today > a.DueOn))
            .ToList();
        return (items, total);
    }

    /// <summary>A case number (2026-000123, 2026-123), a number without its year (123), a full IIN, a passport number, or part of a name.</summary>
    private static IQueryable<ResidenceApplication> Search(IQueryable<ResidenceApplication> query, string search)
    {
        var term = SearchTerm.Read(search);
        if (term.FindsNothing)
        {
            return query.Where(a => false);
        }

        if (term.CaseNumber is { } number)
        {
            return query.Where(a => a.CaseNumber == number);
        }

        if (term.Iin is { } digits)
        {
            var iin = Iin.Parse(digits);
            return query.Where(a => a.ApplicantIin == iin);
        }

        if (term.NumberSuffix is { } suffix)
        {
            return query.Where(a => a.CaseNumber.EndsWith(suffix));
        }

        // The folded key finds any case of letters; the name as written also finds rows stored before the key existed.
        var key = ResidenceApplication.NameKey(search);
        var passport = Koshi.Web.Identity.ApplicantRegistration.NormalisePassport(search);
        return query.Where(a => a.ApplicantNameKey.Contains(key) || a.ApplicantName.Contains(search) || a.ApplicantPassport == passport);
    }
}
