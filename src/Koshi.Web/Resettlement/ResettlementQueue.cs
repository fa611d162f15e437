using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

public enum ResettlementSort
{
    /// <summary>The decision day, earliest (so the overdue) first.</summary>
    Due,

    /// <summary>Oldest application first.</summary>
    Applied,

    /// <summary>Newest application first.</summary>
    Newest,

    /// <summary>By the applicant's name.</summary>
    Name,
}

/// <summary>
/// What a resettlement officer asks of the queue: a search (case number, IIN or name), the status ("open" by default:
/// submitted, approved or arrived; "all"; or one status), only the cases waiting for the officer, only the overdue, the
/// receiving region (for an administrator; an officer sees only their own), the programme, and the order. Read from
/// query parameters by the page and the API alike.
/// </summary>
public sealed record ResettlementQueueFilter(
    string? Search, string Stage, bool NeedsAction, bool Overdue, RegionCode? Region, Programme? Programme, ResettlementSort Sort)
{
    public const string Open = "open";
    public const string All = "all";

    public static readonly CaseStatus[] OpenStatuses = [CaseStatus.Submitted, CaseStatus.Approved, CaseStatus.Arrived];

    public static ResettlementQueueFilter Default { get; } = new(null, Open, false, false, null, null, ResettlementSort.Due);

    public static IReadOnlyList<string> StageNames { get; } = Enum.GetValues<CaseStatus>().Select(s => QueueParameters.Name(s)).ToList();

    public bool Narrowed => Search is not null || Stage != Open || NeedsAction || Overdue || Region is not null || Programme is not null;

    public static ResettlementQueueFilter Read(
        string? q, string? stage, string? mine, string? overdue, string? region, string? programme, string? sort, List<(string Field, string Message)> errors)
    {
        var search = QueueParameters.Search(q, errors);

        // A search looks through closed cases too, unless a status is asked for: a caller quoting a number expects it found.
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

        RegionCode? wantedRegion = null;
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (RegionCode.TryParse(region.Trim(), out var code))
            {
                wantedRegion = code;
            }
            else
            {
                errors.Add(("region", $"'{region}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
            }
        }

        Programme? wantedProgramme = string.IsNullOrWhiteSpace(programme) ? null : QueueParameters.Choice<Programme>(programme, "programme", default, errors);
        if (wantedProgramme is not null && errors.Any(e => e.Field == "programme"))
        {
            wantedProgramme = null;
        }

        return new ResettlementQueueFilter(
            search, wantedStage, QueueParameters.Flag(mine, "mine", errors), QueueParameters.Flag(overdue, "overdue", errors), wantedRegion, wantedProgramme,
            QueueParameters.Choice(sort, "sort", ResettlementSort.Due, errors));
    }
}

/// <summary>One row of the resettlement queue.</summary>
public sealed record ResettlementQueueItem(
    Guid Id, string CaseNumber, string Reference, CaseStatus Status, Programme Programme, string ApplicantName, string Origin, string Destination,
    int FamilySize, DateTimeOffset AppliedAt, DateOnly? DueOn, int? DaysLeft, bool Overdue, bool NeedsAction);

/// <summary>The resettlement officer's queue: filtered, searched, sorted and cut into pages by the database.</summary>
public static class ResettlementQueue
{
    public static async Task<(List<ResettlementQueueItem> Items, int Total)> QueueAsync(
        this ResettlementService service, Actor actor, ResettlementQueueFilter filter, Paging paging, CancellationToken ct)
    {
        var today = LegalClock.DateOf(service.Now);
        var query = service.VisibleTo(actor);
        if (filter.Stage == ResettlementQueueFilter.Open)
        {
            query = query.Where(c => c.Status == CaseStatus.Submitted || c.Status == CaseStatus.Approved || c.Status == CaseStatus.Arrived);
        }
        else if (filter.Stage != ResettlementQueueFilter.All)
        {
            var status = Enum.GetValues<CaseStatus>().Single(s => QueueParameters.Name(s) == filter.Stage);
            query = query.Where(c => c.Status == status);
        }

        if (filter.Search is { } search)
        {
            query = Search(query, search);
        }

        if (filter.Region is { } region)
        {
            query = query.Where(c => c.Destination == region);
        }

        if (filter.Programme is { } programme)
        {
            query = query.Where(c => c.Programme == programme);
        }

        if (filter.NeedsAction)
        {
            query = query.Where(NeedsAction(today));
        }

        if (filter.Overdue)
        {
            query = query.Where(c => c.Status == CaseStatus.Submitted && c.DueOn < today);
        }

        var total = await query.CountAsync(ct);
        query = filter.Sort switch
        {
            ResettlementSort.Applied => query.OrderBy(c => c.AppliedAt).ThenBy(c => c.CaseNumber),
            ResettlementSort.Newest => query.OrderByDescending(c => c.AppliedAt).ThenByDescending(c => c.CaseNumber),
            ResettlementSort.Name => query.OrderBy(c => c.ApplicantNameKey).ThenBy(c => c.CaseNumber),
            // Waiting for a decision first, by its day; then the rest by application.
            _ => query.OrderBy(c => c.Status == CaseStatus.Submitted ? 0 : 1).ThenBy(c => c.Status == CaseStatus.Submitted ? c.DueOn : null)
                .ThenBy(c => c.AppliedAt).ThenBy(c => c.CaseNumber),
        };

        var rows = await query.Skip(paging.Skip).Take(paging.Size)
            .Select(c => new
            {
                c.Id, c.CaseNumber, c.Reference, c.Status, c.Programme, c.ApplicantName, c.Origin, c.Destination, Members = c.Members.Count, c.AppliedAt, c.DueOn,
                c.RefundStatus, PaymentDue = c.Payments.Any(p => (p.Status == PaymentStatus.Scheduled || p.Status == PaymentStatus.Failed) && p.DueOn <= today),
            })
            .ToListAsync(ct);
        var items = rows.Select(c =>
        {
            var overdue = c.Status == CaseStatus.Submitted && c.DueOn is { } due && today > due;
            var waiting = c.Status == CaseStatus.Submitted || c.RefundStatus == RefundStatus.Open || (c.Status == CaseStatus.Arrived && c.PaymentDue);
            return new ResettlementQueueItem(
                c.Id, c.CaseNumber, c.Reference, c.Status, c.Programme, c.ApplicantName, c.Origin, c.Destination.Value, 1 + c.Members, c.AppliedAt, c.DueOn,
                c.Status == CaseStatus.Submitted && c.DueOn is { } d ? d.DayNumber - today.DayNumber : null, overdue, waiting);
        }).ToList();
        return (items, total);
    }

    /// <summary>
    /// The officer's next step: decide a submitted application, pay support that has fallen due, or decide an open refund claim.
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<ResettlementCase, bool>> NeedsAction(DateOnly today) =>
        c => c.Status == CaseStatus.Submitted || c.RefundStatus == RefundStatus.Open
            || (c.Status == CaseStatus.Arrived && c.Payments.Any(p => (p.Status == PaymentStatus.Scheduled || p.Status == PaymentStatus.Failed) && p.DueOn <= today));

    /// <summary>A case number (2026-000123, 2026-123), a number without its year (123), a full IIN, or part of a name.</summary>
    private static IQueryable<ResettlementCase> Search(IQueryable<ResettlementCase> query, string search)
    {
        var term = SearchTerm.Read(search);
        if (term.FindsNothing)
        {
            return query.Where(c => false);
        }

        if (term.CaseNumber is { } number)
        {
            return query.Where(c => c.CaseNumber == number);
        }

        if (term.Iin is { } iin)
        {
            return query.Where(c => c.ApplicantIin == iin);
        }

        if (term.NumberSuffix is { } suffix)
        {
            return query.Where(c => c.CaseNumber.EndsWith(suffix));
        }

        var key = ResettlementCase.NameKey(search);
        var reference = search.ToUpperInvariant();
        return query.Where(c => c.ApplicantNameKey.Contains(key) || c.ApplicantName.Contains(search) || c.Reference == reference);
    }
}
