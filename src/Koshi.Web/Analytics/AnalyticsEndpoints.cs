using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Koshi.Web.Analytics;

public sealed record DictionaryEntry(string Name, string Description, string Filters, IReadOnlyList<Column> Columns);

/// <summary>The ministry's measures through the API: the whole dashboard, one table as JSON, CSV or Parquet, and the dictionary.</summary>
public static class AnalyticsEndpoints
{
    public static void MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").WithTags("Analytics")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/dashboard", Dashboard).RequireAuthorization(Policies.ApiAnalyst)
            .WithName("AnalyticsDashboard").WithSummary("Every table of the dashboard for a year and, optionally, a region (aggregates only)");
        api.MapGet("/tables/{name}", Table).RequireAuthorization(Policies.ApiAnalyst)
            .WithName("AnalyticsTable").WithSummary("One table as JSON, CSV (RFC 4180) or Parquet: format=json|csv|parquet")
            .Produces<Dataset>(StatusCodes.Status200OK, "application/json", "text/csv", "application/vnd.apache.parquet")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/dictionary", () => TypedResults.Ok(Catalogue.All.Select(d => new DictionaryEntry(d.Name, d.Description, d.Filters, d.Columns)).ToList()))
            .RequireAuthorization(Policies.ApiAnalyst).WithName("AnalyticsDictionary").WithSummary("The data dictionary: every table's filters and columns");
    }

    private static async Task<Results<Ok<Dashboard>, ProblemHttpResult>> Dashboard(HttpContext http, AnalyticsQuery query, int? year, string? region, CancellationToken ct)
    {
        var errors = new List<(string Field, string Message)>();
        var filter = query.Filter(year, region, errors);
        return errors.Count > 0 ? ProblemsExtensions.Invalid(errors) : TypedResults.Ok(await query.LoadAsync(Actor.From(http.User), filter, ct));
    }

    private static async Task<IResult> Table(string name, HttpContext http, AnalyticsQuery query, int? year, string? region, string? format, CancellationToken ct)
    {
        if (Catalogue.Find(name) is null)
        {
            return ProblemsExtensions.NotFound("table (one of " + string.Join(", ", Catalogue.All.Select(d => d.Name)) + ")");
        }

        var errors = new List<(string Field, string Message)>();
        var filter = query.Filter(year, region, errors);
        format ??= "json";
        if (format is not ("json" or "csv" or "parquet"))
        {
            errors.Add(("format", "json, csv or parquet."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var data = (await query.LoadAsync(Actor.From(http.User), filter, ct))[name];
        return format == "json" ? TypedResults.Ok(data) : File(data, format, filter);
    }

    internal static FileContentHttpResult File(Dataset data, string format, AnalyticsFilter filter)
    {
        var (bytes, type, name) = Exports.File(data, format, filter);
        return TypedResults.File(bytes, type, name);
    }
}
