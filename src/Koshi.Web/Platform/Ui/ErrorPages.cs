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

    public static bool WantsPage(HttpContext context) =>
        !MachinePaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>Exceptions and empty error statuses: pages for browsers, problem details for everyone else.</summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Reached only when ProblemExceptionHandler leaves a browser's request to the page.
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = exception => ProblemExceptionHandler.Classify(exception).Status,
        });
        app.UseWhen(WantsPage, branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(context => !WantsPage(context), branch => branch.UseStatusCodePages());
        return app;
    }
}
