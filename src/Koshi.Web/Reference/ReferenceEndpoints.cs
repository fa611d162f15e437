using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Koshi.Web.Reference;

public sealed record RegionView(string Code, string Kind, LocalizedString Name, string AdminCentre, long? Population2026);

public sealed record IdentifierCheck(bool Valid, string? Error, DateOnly? BirthDate);

/// <summary>Public reference data: regions, occupations, and IIN/BIN checking.</summary>
public static class ReferenceEndpoints
{
    public static IEndpointRouteBuilder MapReference(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup("/api/v1/reference").WithTags("Reference").AllowAnonymous();
        reference.MapGet("/regions", () => TypedResults.Ok(Regions.All.Select(r => new RegionView(r.Code, r.Kind, r.Name, r.AdminCentre, r.Population2026)).ToList()))
            .WithName("ListRegions").WithSummary("Kazakhstan's 20 first-level units (ISO 3166-2:KZ)");
        reference.MapGet("/occupations", Occupations_).WithName("ListOccupations").WithSummary("ISCO-08 unit groups with ILO skill levels");
        reference.MapGet("/iin/{value}", (string value) =>
            TypedResults.Ok(Iin.TryParse(value, out var iin, out var error) ? new IdentifierCheck(true, null, iin.Value.BirthDate) : new IdentifierCheck(false, error, null)))
            .WithName("CheckIin").WithSummary("Check an IIN (birth date, century digit, control digit)");
        reference.MapGet("/bin/{value}", (string value) =>
            TypedResults.Ok(Bin.TryParse(value, out _, out var error) ? new IdentifierCheck(true, null, null) : new IdentifierCheck(false, error, null)))
            .WithName("CheckBin").WithSummary("Check a BIN (registration month, entity type, control digit)");
        return app;
    }

    private static Ok<List<Occupation>> Occupations_(string? search = null) =>
        TypedResults.Ok(Occupations.UnitGroups
            .Where(o => string.IsNullOrWhiteSpace(search) || o.Title.Contains(search, StringComparison.OrdinalIgnoreCase) || o.Code.StartsWith(search, StringComparison.Ordinal))
            .ToList());
}
