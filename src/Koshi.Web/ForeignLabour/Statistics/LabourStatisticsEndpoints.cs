using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using static Koshi.Web.ForeignLabour.LabourFields;

namespace Koshi.Web.ForeignLabour;

/// <summary>The statistics' endpoint: the skilled share of a year's admissions.</summary>
internal static class LabourStatisticsEndpoints
{
    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/skilled-share", Skilled).RequireAuthorization(Policies.ApiLabourOversight)
            .WithName("SkilledShare").WithSummary("Share of skilled workers among those admitted in the year, against the path to 95 % in 2030");
        return api;
    }

    private static async Task<Results<Ok<SkilledShare>, BadRequestProblem>> Skilled(LabourStatistics statistics, TimeProvider time, int? year, CancellationToken ct)
    {
        var y = year ?? LegalClock.DateOf(time.GetUtcNow()).Year;
        return IsYear(y) ? TypedResults.Ok(await statistics.SkilledShareAsync(y, ct)) : BadRequestProblem.Invalid("year", "A year from 2020 to 2100.");
    }
}
