using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Koshi.Web.ForeignLabour.LabourFields;

namespace Koshi.Web.ForeignLabour;

public sealed record SeatsRequest(int? Seats, string? Reason);

/// <summary>Seats of a pool moved from one region to another, with one reason.</summary>
public sealed record MoveSeatsRequest(string? Pool, string? From, string? To, int? Seats, string? Reason);

public sealed record QuotaMoveView(QuotaView From, QuotaView To, string Reason);

public sealed record QuotaView(int Year, string Region, string Pool, int Seats, int Used, int Free, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static QuotaView From(QuotaAllocation q) => new(q.Year, q.Region.Value, q.Pool, q.Seats, q.Used, q.Seats - q.Used, q.UpdatedAt, q.UpdatedBy);
}

public sealed record QuotaTableView(int Year, NationalQuota? National, IReadOnlyList<QuotaView> Allocations);

public sealed record QuotaChangeView(int SeatsBefore, int SeatsAfter, string Reason, string ChangedBy, DateTimeOffset At);

/// <summary>Quota administration's endpoints: the table of seats, setting and moving them, and each allocation's history.</summary>
internal static class QuotaEndpoints
{
    public static RouteGroupBuilder MapQuotaApi(this RouteGroupBuilder api)
    {
        api.MapGet("/quota", Quota).RequireAuthorization(Policies.ApiUser)
            .WithName("QuotaTable").WithSummary("The year's quota by region and pool with use, and the national figures from the pack");
        api.MapPut("/quota/{year:int}/{region}/{pool}", SetSeats).RequireAuthorization(Policies.ApiAdmin)
            .WithName("SetQuotaSeats").WithSummary("Set a region's seats in a pool (distribution or mid-year redistribution), with a reason");
        api.MapPost("/quota/{year:int}/moves", MoveSeats).RequireAuthorization(Policies.ApiAdmin)
            .WithName("MoveQuotaSeats").WithSummary("Move seats of a pool from one region to another as one change with one reason (both or neither)");
        api.MapGet("/quota/{year:int}/{region}/{pool}/history", QuotaHistory).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("QuotaHistory").WithSummary("Every change of a region's allocation");
        return api;
    }

    private static async Task<Results<Ok<QuotaTableView>, BadRequestProblem>> Quota(
        HttpContext http, QuotaAdministration quota, LabourRules rules, int? year, string? region, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var y = year ?? quota.Today.Year;
        if (!IsYear(y))
        {
            errors.Add(("year", "A year from 2020 to 2100."));
        }

        RegionCode? code = null;
        if (region is not null)
        {
            code = Region(region, "region", errors);
        }

        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        // Without a quota in the pack for that year, the regional rows (if any) are shown alone.
        var national = rules.TryNational(y);

        var rows = await quota.QuotaFor(Actor.From(http.User), y, code).ToListAsync(ct);
        var views = rows.Select(QuotaView.From).OrderBy(q => q.Region, StringComparer.Ordinal).ThenBy(q => PackNames.PoolOrder(q.Pool)).ToList();
        return TypedResults.Ok(new QuotaTableView(y, national, views));
    }

    private static async Task<Results<Ok<QuotaView>, BadRequestProblem, ConflictProblem>> SetSeats(
        int year, string region, string pool, SeatsRequest request, HttpContext http, QuotaAdministration quota, LabourRules rules, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = Region(region, "region", errors);
        var quotaPool = Pool(pool, "pool", errors);
        if (!IsYear(year))
        {
            errors.Add(("year", "A year from 2020 to 2100."));
        }
        else if (rules.TryNational(year) is null)
        {
            errors.Add(("year", $"The policy pack has no foreign-labour quota for {year}."));
        }

        if (request.Seats is null or < 0 or > 1_000_000)
        {
            errors.Add(("seats", "Required: 0 to 1,000,000 seats."));
        }

        Text(request.Reason, "reason", 1000, errors);
        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var (allocation, refusal) = await quota.SetSeatsAsync(Actor.From(http.User), year, code!.Value, quotaPool!.Value.Value, request.Seats!.Value, request.Reason!.Trim(), ct);
        if (refusal is not null)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal) : ConflictProblem.From(refusal);
        }

        return TypedResults.Ok(QuotaView.From(allocation!));
    }

    private static async Task<Results<Ok<QuotaMoveView>, BadRequestProblem, ConflictProblem>> MoveSeats(
        int year, MoveSeatsRequest request, HttpContext http, QuotaAdministration quota, LabourRules rules, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (!IsYear(year) || rules.TryNational(year) is null)
        {
            errors.Add(("year", $"The policy pack has no foreign-labour quota for {year}."));
        }

        var pool = Pool(request.Pool, "pool", errors);
        var from = Region(request.From, "from", errors);
        var to = Region(request.To, "to", errors);
        if (from is not null && from == to)
        {
            errors.Add(("to", "A region other than the one giving the seats."));
        }

        if (request.Seats is null or < 1 or > 1_000_000)
        {
            errors.Add(("seats", "Required: 1 to 1,000,000 seats."));
        }

        Text(request.Reason, "reason", 1000, errors);
        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var (move, refusal) = await quota.MoveSeatsAsync(
            Actor.From(http.User), year, from!.Value, to!.Value, pool!.Value.Value, request.Seats!.Value, request.Reason!.Trim(), ct);
        if (refusal is not null)
        {
            return refusal.Field is not null ? BadRequestProblem.From(refusal) : ConflictProblem.From(refusal);
        }

        return TypedResults.Ok(new QuotaMoveView(QuotaView.From(move!.From), QuotaView.From(move.To), move.Reason));
    }

    private static async Task<Results<Ok<List<QuotaChangeView>>, BadRequestProblem>> QuotaHistory(
        int year, string region, string pool, QuotaAdministration quota, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = Region(region, "region", errors);
        if (errors.Count > 0)
        {
            return BadRequestProblem.Invalid(errors);
        }

        var changes = await quota.QuotaHistoryAsync(year, code!.Value, pool, ct);
        return TypedResults.Ok(changes.Select(c => new QuotaChangeView(c.SeatsBefore, c.SeatsAfter, c.Reason, c.ChangedBy, c.At)).ToList());
    }
}
