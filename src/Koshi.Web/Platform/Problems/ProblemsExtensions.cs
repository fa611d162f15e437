using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// Every error is an RFC 9457 problem details document; bad input is a 4xx naming each bad field, never a 500.
/// </summary>
public static class ProblemsExtensions
{
    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            ProblemTexts.Localise(context);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        return builder;
    }

    /// <summary>Strict JSON: numbers are numbers, enums are their kebab-case names, unknown members are refused.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    /// <summary>Refuses request bodies above <c>Koshi:MaxRequestBodyBytes</c> with 413 problem details; an endpoint that
    /// takes files (the policy lab's population upload) raises its own limit with <c>[RequestSizeLimit]</c>.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long defaultMaxBytes) =>
        app.Use(async (context, next) =>
        {
            var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? defaultMaxBytes;
            if (context.Request.ContentLength > maxBytes)
            {
                await WriteTooLarge(context, maxBytes);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }

            await next(context);
        });

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([(field, message)]);

    public static ProblemHttpResult Invalid(IEnumerable<(string Field, string Message)> errors, string? code = null)
    {
        var details = new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        };
        if (code is not null)
        {
            details.Extensions["code"] = code;
        }

        return TypedResults.Problem(details);
    }

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found.", detail: $"No {what} with that id is visible to you.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A domain refusal: a bad field value is 400 naming the field; a wrong stage or rule is 409 with its code.</summary>
    public static ProblemHttpResult FromRefusal(Refusal refusal)
    {
        if (refusal.Field is not null)
        {
            var invalid = Invalid([(refusal.Field, refusal.Message)], refusal.Code);
            if (refusal.Source is not null)
            {
                invalid.ProblemDetails.Extensions["source"] = refusal.Source;
            }

            return invalid;
        }

        var extensions = new Dictionary<string, object?> { ["code"] = refusal.Code };
        if (refusal.Source is not null)
        {
            extensions["source"] = refusal.Source;
        }

        if (refusal.Rules.Count > 0)
        {
            extensions["rules"] = refusal.Rules;
        }

        return TypedResults.Problem(
            title: "The application cannot do that now.",
            detail: refusal.Message,
            statusCode: refusal.ServiceUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status409Conflict,
            extensions: extensions);
    }

    private static async Task WriteTooLarge(HttpContext context, long maxBytes)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = $"Request bodies are limited to {maxBytes} bytes.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"At most {maxBytes} bytes."] } },
            },
        });
    }
}

/// <summary>Turns the exceptions that bad input can cause into problem details; anything else is a logged 500.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The status, title and field errors an exception stands for.</summary>
    internal static (int Status, string Title, Dictionary<string, string[]>? Errors) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", FieldErrors(bad)),
        JsonException json => (StatusCodes.Status400BadRequest, "The request could not be read.", FromJson(json)),
        ProblemException problem => (problem.Status, problem.Title, problem.Errors),
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Someone else changed this at the same time; reload and try again.", null),
        DbUpdateException update when IsUniqueViolation(update) =>
            (StatusCodes.Status409Conflict, "Someone else changed this at the same time; reload and try again.", null),
        _ when IsBusy(exception) => (StatusCodes.Status503ServiceUnavailable, Busy, null),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", null),
    };

    internal const string Busy = "The service is busy; try again in a few seconds.";

    /// <summary>
    /// The database did not answer in time or had no connection free (under overload, or while it restarts): the
    /// request did nothing, so the client is told to come back (503 with Retry-After) rather than that the server broke.
    /// </summary>
    internal static bool IsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                case Npgsql.NpgsqlException { IsTransient: true }:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, errors) = Classify(exception);

        if (status == StatusCodes.Status503ServiceUnavailable && exception is not ProblemException)
        {
            logger.LogWarning(exception, "The database was busy for {Method} {Path}", context.Request.Method, context.Request.Path.Value);
        }
        else if (status >= 500 && exception is not ProblemException { Expected: true })
        {
            // The exception middleware has already pointed the request at the error page: log the path that failed.
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, path);
        }

        if (Koshi.Web.Platform.Ui.ErrorPages.WantsPage(context))
        {
            // A browser gets the error page in its language (ExceptionHandlerOptions.ExceptionHandlingPath).
            return false;
        }

        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            title = "The request body is too large.";
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var details = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            // Only messages written for people become the detail; a parser's or a framework's message names internals.
            ProblemDetails = { Status = status, Title = title, Detail = exception is ProblemException { MessageIsForPeople: true } ? exception.Message : null },
        };
        if (errors is not null)
        {
            details.ProblemDetails.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(details);
    }

    /// <summary>
    /// Two requests that both add the same part of one aggregate (e.g. its decision) race to the same key: the loser's
    /// insert hits the key before its version check, and is as much a conflict as a failed version check.
    /// </summary>
    private static bool IsUniqueViolation(DbUpdateException update) => update.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    private static Dictionary<string, string[]>? FieldErrors(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            return null;
        }

        // The framework's own words name its internals (parameter types, services): say what is wrong, plainly.
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return new Dictionary<string, string[]> { ["body"] = ["The request has no body."] };
        }

        return ParameterPattern().Match(bad.Message) is { Success: true } parameter
            ? new Dictionary<string, string[]> { [parameter.Groups[2].Value] = [bad.Message.StartsWith("Required", StringComparison.Ordinal) ? "Required." : "The value could not be read."] }
            : new Dictionary<string, string[]> { ["body"] = ["The value could not be read."] };
    }

    private static readonly string[] Required = ["Required."];

    private static Dictionary<string, string[]> FromJson(JsonException json)
    {
        if (MissingPattern().Match(json.Message) is { Success: true } missing)
        {
            return missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(name => name.Trim('\''), _ => Required);
        }

        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "body";
        return new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [Describe(json)] };
    }

    private static string Describe(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "This field is not part of the request."
        : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "The value has the wrong type or is not one of the allowed values."
        : "The value could not be read.";

    [System.Text.RegularExpressions.GeneratedRegex(@"parameter ""([\w.<>?\[\], ]+) (\w+)""")]
    private static partial System.Text.RegularExpressions.Regex ParameterPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"missing required properties including: (.+?)\.?$")]
    private static partial System.Text.RegularExpressions.Regex MissingPattern();
}
