using Koshi.Web.Platform;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies;

public enum AgencySort
{
    /// <summary>Registry: applications waiting first, then the highest risk. Complaints and inspections: the riskiest agency first.</summary>
    Risk,

    Name,

    /// <summary>Latest application, complaint or planned inspection first.</summary>
    Newest,

    Oldest,
}

/// <summary>
/// What the oversight officer asks of the registry, the complaints or the inspections: a search (BIN, or part of the
/// agency's name), a status (each list its own), the risk band (the names the risk rule set gives), the agency's region,
/// and the order. Read from query parameters by the page and the API alike.
/// </summary>
public sealed record AgencyQueueFilter(string? Search, string? Status, string? Band, RegionCode? Region, AgencySort Sort)
{
    /// <summary>The bands the pack's agency-risk rule set answers (its output values, not figures of the law).</summary>
    public static readonly IReadOnlyList<string> Bands = ["low", "medium", "high"];

    public static readonly IReadOnlyList<string> InspectionStatuses = ["open", "done"];

    public static AgencyQueueFilter Default { get; } = new(null, null, null, null, AgencySort.Risk);

    public bool Narrowed => Search is not null || Status is not null || Band is not null || Region is not null;

    /// <summary>Reads the parameters; <paramref name="statuses"/> are the list's own status names.</summary>
    public static AgencyQueueFilter Read(
        string? q, string? status, string? band, string? region, string? sort, IReadOnlyList<string> statuses, List<(string Field, string Message)> errors)
    {
        var search = QueueParameters.Search(q, errors);
        string? wantedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wantedStatus = status.Trim().ToLowerInvariant();
            if (!statuses.Contains(wantedStatus))
            {
                errors.Add(("status", $"'{status}' is not one of {string.Join(", ", statuses)}."));
                wantedStatus = null;
            }
        }

        string? wantedBand = null;
        if (!string.IsNullOrWhiteSpace(band))
        {
            wantedBand = band.Trim().ToLowerInvariant();
            if (!Bands.Contains(wantedBand))
            {
                errors.Add(("band", $"'{band}' is not one of {string.Join(", ", Bands)}."));
                wantedBand = null;
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

        return new AgencyQueueFilter(search, wantedStatus, wantedBand, wantedRegion, QueueParameters.Choice(sort, "sort", AgencySort.Risk, errors));
    }

    public static IReadOnlyList<string> AgencyStatuses { get; } = Enum.GetValues<AgencyStatus>().Select(s => QueueParameters.Name(s)).ToList();

    public static IReadOnlyList<string> ComplaintStatuses { get; } = Enum.GetValues<ComplaintStatus>().Select(s => QueueParameters.Name(s)).ToList();
}

/// <summary>One agency of the registry queue, with its risk when it is registered.</summary>
public sealed record RegistryItem(Guid Id, string Bin, string Name, string Region, AgencyStatus Status, DateTimeOffset AppliedAt, int? RiskScore, string? RiskBand, bool HasConditions);

public sealed record ComplaintItem(
    Guid Id, Guid AgencyId, string AgencyBin, string AgencyName, string Category, string Text, string? Contact, DateTimeOffset FiledAt, ComplaintStatus Status,
    Guid? InspectionId, int? RiskScore, string? RiskBand);

public sealed record InspectionItem(
    Guid Id, Guid AgencyId, string AgencyBin, string AgencyName, Guid? PlanId, InspectionSelection Selection, int RiskScore, string RiskBand,
    DateTimeOffset PlannedAt, DateOnly? InspectedOn, string? Measure);

/// <summary>
/// The oversight officer's three queues: the registry (applications awaiting acceptance first), complaints, and
/// inspections by risk. The registry is national and small (tens of agencies), so agencies are scored and matched in
/// memory, the same on both databases; complaints and inspections are filtered and paged by the database.
/// </summary>
public static class AgencyQueues
{
    public static async Task<(List<RegistryItem> Items, int Total)> RegistryQueueAsync(this AgenciesService service, AgencyQueueFilter filter, Paging paging, CancellationToken ct)
    {
        var scored = await ScoredAsync(service, ct);
        var rows = scored.Where(r => Matches(r.Agency, filter.Search) && (filter.Region is not { } region || r.Agency.Region == region));
        if (filter.Status is { } status)
        {
            rows = rows.Where(r => QueueParameters.Name(r.Agency.Status) == status);
        }

        if (filter.Band is { } band)
        {
            rows = rows.Where(r => r.Risk?.Band == band);
        }

        var ordered = filter.Sort switch
        {
            AgencySort.Name => rows.OrderBy(r => r.Agency.Name, StringComparer.OrdinalIgnoreCase),
            AgencySort.Newest => rows.OrderByDescending(r => r.Agency.AppliedAt),
            AgencySort.Oldest => rows.OrderBy(r => r.Agency.AppliedAt),
            _ => rows.OrderBy(r => r.Agency.Status == AgencyStatus.Pending ? 0 : 1).ThenBy(r => r.Agency.Status == AgencyStatus.Pending ? r.Agency.AppliedAt : default)
                .ThenByDescending(r => r.Risk?.Score ?? -1),
        };
        var list = ordered.ThenBy(r => r.Agency.Bin, StringComparer.Ordinal).ToList();
        return (list.Skip(paging.Skip).Take(paging.Size)
            .Select(r => new RegistryItem(r.Agency.Id, r.Agency.Bin, r.Agency.Name, r.Agency.Region.Value, r.Agency.Status, r.Agency.AppliedAt, r.Risk?.Score, r.Risk?.Band,
                r.Agency.Conditions is not null))
            .ToList(), list.Count);
    }

    public static async Task<(List<ComplaintItem> Items, int Total)> ComplaintQueueAsync(this AgenciesService service, AgencyQueueFilter filter, Paging paging, CancellationToken ct)
    {
        var scored = await ScoredAsync(service, ct);
        var byId = scored.ToDictionary(r => r.Agency.Id);
        var query = service.Complaints;
        if (filter.Status is { } status)
        {
            var wanted = Enum.GetValues<ComplaintStatus>().Single(s => QueueParameters.Name(s) == status);
            query = query.Where(c => c.Status == wanted);
        }

        if (Agencies(scored, filter) is { } ids)
        {
            query = query.Where(c => ids.Contains(c.AgencyId));
        }

        var total = await query.CountAsync(ct);
        List<Complaint> page;
        if (filter.Sort is AgencySort.Risk or AgencySort.Name)
        {
            // Ordered by the agency's score or name, known only in memory: the complaints' keys are ordered here, the page loaded after.
            var keys = await query.Select(c => new { c.Id, c.AgencyId, c.FiledAt }).ToListAsync(ct);
            var ordered = filter.Sort == AgencySort.Name
                ? keys.OrderBy(k => byId.GetValueOrDefault(k.AgencyId)?.Agency.Name ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                : keys.OrderByDescending(k => byId.GetValueOrDefault(k.AgencyId)?.Risk?.Score ?? -1);
            var pageIds = ordered.ThenByDescending(k => k.FiledAt).ThenBy(k => k.Id).Skip(paging.Skip).Take(paging.Size).Select(k => k.Id).ToList();
            var loaded = await service.Complaints.Where(c => pageIds.Contains(c.Id)).ToListAsync(ct);
            page = [.. pageIds.Select(id => loaded.Single(c => c.Id == id))];
        }
        else
        {
            query = filter.Sort == AgencySort.Oldest ? query.OrderBy(c => c.FiledAt).ThenBy(c => c.Id) : query.OrderByDescending(c => c.FiledAt).ThenBy(c => c.Id);
            page = await query.Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        }

        return (page.Select(c =>
        {
            var agency = byId.GetValueOrDefault(c.AgencyId);
            return new ComplaintItem(c.Id, c.AgencyId, agency?.Agency.Bin ?? string.Empty, agency?.Agency.Name ?? string.Empty, c.Category, c.Text, c.Contact, c.FiledAt,
                c.Status, c.InspectionId, agency?.Risk?.Score, agency?.Risk?.Band);
        }).ToList(), total);
    }

    public static async Task<(List<InspectionItem> Items, int Total)> InspectionQueueAsync(this AgenciesService service, AgencyQueueFilter filter, Paging paging, CancellationToken ct)
    {
        var scored = await ScoredAsync(service, ct);
        var byId = scored.ToDictionary(r => r.Agency.Id);
        var query = service.Inspections;
        query = filter.Status switch
        {
            "done" => query.Where(i => i.InspectedOn != null),
            "open" => query.Where(i => i.InspectedOn == null),
            _ => query,
        };
        if (filter.Band is { } band)
        {
            query = query.Where(i => i.RiskBand == band);
        }

        // The band filter reads the band the inspection was planned at; the search and region read the agency.
        if (Agencies(scored, filter with { Band = null }) is { } ids)
        {
            query = query.Where(i => ids.Contains(i.AgencyId));
        }

        var total = await query.CountAsync(ct);
        List<Inspection> page;
        if (filter.Sort == AgencySort.Name)
        {
            var keys = await query.Select(i => new { i.Id, i.AgencyId, i.RiskScore }).ToListAsync(ct);
            var pageIds = keys.OrderBy(k => byId.GetValueOrDefault(k.AgencyId)?.Agency.Name ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .ThenByDescending(k => k.RiskScore).ThenBy(k => k.Id).Skip(paging.Skip).Take(paging.Size).Select(k => k.Id).ToList();
            var loaded = await service.Inspections.Where(i => pageIds.Contains(i.Id)).ToListAsync(ct);
            page = [.. pageIds.Select(id => loaded.Single(i => i.Id == id))];
        }
        else
        {
            query = filter.Sort switch
            {
                AgencySort.Newest => query.OrderByDescending(i => i.PlannedAt).ThenBy(i => i.Id),
                AgencySort.Oldest => query.OrderBy(i => i.PlannedAt).ThenBy(i => i.Id),
                // Due by risk: the ones not yet done first, the riskiest of them first.
                _ => query.OrderBy(i => i.InspectedOn == null ? 0 : 1).ThenByDescending(i => i.RiskScore).ThenBy(i => i.PlannedAt).ThenBy(i => i.Id),
            };
            page = await query.Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        }

        return (page.Select(i =>
        {
            var agency = byId.GetValueOrDefault(i.AgencyId)?.Agency;
            return new InspectionItem(i.Id, i.AgencyId, agency?.Bin ?? string.Empty, agency?.Name ?? string.Empty, i.PlanId, i.Selection, i.RiskScore, i.RiskBand,
                i.PlannedAt, i.InspectedOn, i.Measure);
        }).ToList(), total);
    }

    private sealed record Scored(Agency Agency, RiskScore? Risk);

    private static async Task<List<Scored>> ScoredAsync(AgenciesService service, CancellationToken ct)
    {
        var agencies = await service.Agencies.Include(a => a.History).ToListAsync(ct);
        var risks = (await service.RisksAsync([.. agencies.Where(a => a.Status is AgencyStatus.Active or AgencyStatus.Suspended)], ct))
            .ToDictionary(r => r.Agency.Id, r => r.Risk);
        return [.. agencies.Select(a => new Scored(a, risks.GetValueOrDefault(a.Id)))];
    }

    /// <summary>The agencies a search, band or region keeps (null when none narrows).</summary>
    private static List<Guid>? Agencies(List<Scored> scored, AgencyQueueFilter filter) =>
        filter.Search is null && filter.Band is null && filter.Region is null
            ? null
            : [.. scored.Where(r => Matches(r.Agency, filter.Search) && (filter.Band is null || r.Risk?.Band == filter.Band)
                && (filter.Region is not { } region || r.Agency.Region == region)).Select(r => r.Agency.Id)];

    /// <summary>A BIN (all of it or its start) or part of the name, in any case of letters.</summary>
    private static bool Matches(Agency agency, string? search)
    {
        if (search is null)
        {
            return true;
        }

        var digits = search.Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? agency.Bin.StartsWith(digits, StringComparison.Ordinal)
            : agency.Name.Contains(search, StringComparison.OrdinalIgnoreCase);
    }
}
