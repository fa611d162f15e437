using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

/// <summary>The foreign-labour JSON API under /api/v1/labour: each slice maps its own endpoints into the one group.</summary>
public static partial class ForeignLabourEndpoints
{
    public static IEndpointRouteBuilder MapForeignLabourApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/labour").WithTags("Foreign labour")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapEmployerApi();
        api.MapPermitScreeningApi();
        api.MapPermitRegisterApi();
        api.MapPermitLifecycleApi();
        api.MapQuotaApi();
        api.MapFeeApi();
        api.MapStatisticsApi();
        MapSkills(api);
        return app;
    }
}

/// <summary>The field checks the foreign-labour endpoints share; each adds a (field, message) pair to the list it is given.</summary>
internal static class LabourFields
{
    /// <summary>The longest reason or comment a person writes.</summary>
    public const int MaxText = 2000;

    /// <summary>Reads an enum from a query string the way the JSON bodies spell it (kebab-case, e.g. business-immigrant).</summary>
    public static T? Choice<T>(string? value, string field, List<(string, string)> errors)
        where T : struct, Enum
    {
        if (value is not null && !int.TryParse(value, out _)
            && Enum.TryParse<T>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        var names = string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
        errors.Add((field, value is null ? $"Required: one of {names}." : $"'{value}' is not one of {names}."));
        return null;
    }

    public static void Text(string? value, string field, int max, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors.Add((field, $"Required: at most {max} characters."));
        }
    }

    public static RegionCode? Region(string? value, string field, List<(string, string)> errors)
    {
        if (RegionCode.TryParse(value, out var code))
        {
            return code;
        }

        errors.Add((field, value is null ? "Required: an ISO 3166-2 region code such as KZ-71." : $"'{value}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
        return null;
    }

    /// <summary>A value type's own rule, its message under the field's name.</summary>
    public static T? Value<T>(bool valid, T value, string? error, string field, List<(string, string)> errors)
        where T : struct
    {
        if (valid)
        {
            return value;
        }

        errors.Add((field, error!));
        return null;
    }

    public static QuotaPool? Pool(string? value, string field, List<(string, string)> errors) =>
        Value(QuotaPool.TryCreate(value, out var pool, out var error), pool, error, field, errors);

    public static bool IsYear(int year) => year is >= 2020 and <= 2100;
}
