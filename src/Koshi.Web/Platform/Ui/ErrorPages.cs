using Koshi.Web.Platform.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Koshi.Web.Platform.Ui;

/// <summary>
/// Who gets which error: a browser asking for a page gets an HTML page in its language (/error/{code}); the API, the
/// OpenAPI document, health and metrics, and any client that does not ask for HTML keep RFC 9457 problem details.
/// </summary>
public static class ErrorPages
{
    private static readonly string[] MachinePaths = ["/api", "/openapi", "/healthz", "/metrics", "/scalar"];

    public static bool WantsPage(HttpContext context)
    {
        // While an error is handled the request's path is already the error page's: judge by the path that failed.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { Length: > 0 } failed ? new PathString(failed)
            : context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { Length: > 0 } original ? new PathString(original)
            : context.Request.Path;
        return !MachinePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Exceptions and empty error statuses: pages for browsers, problem details for everyone else.</summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Reached only when ProblemExceptionHandler leaves a browser's request to the page.
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = exception => ProblemExceptionHandler.Classify(exception).Status,
        });
        // Re-execution needs the application's own router, which only a top-level middleware gets: so it comes first and
        // handles what the inner one leaves empty, and the inner one answers everyone but browsers with problem details.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStatusCodePages(context => WantsPage(context.HttpContext)
            ? Task.CompletedTask
            : context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = { Status = context.HttpContext.Response.StatusCode },
            }).AsTask());
        return app;
    }
}
