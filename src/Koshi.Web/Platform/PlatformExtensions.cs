using System.Text.Json;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Security;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Koshi.Web.Platform;

/// <summary>What every capability relies on: storage, problem details, languages, pages, health, metrics, OpenAPI.</summary>
public static class PlatformExtensions
{
    /// <summary>
    /// Who may read the request metrics and the health details outside development; the capability that knows the
    /// roles (Identity) defines it.
    /// </summary>
    public const string OperatorsPolicy = "platform:operators";

    private const string BearerScheme = "Bearer";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Koshi:JsonLogs", true))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddProblems();
        builder.AddPolicyPack();
        builder.AddLocalisation();
        builder.AddSecurity();
        builder.Services.AddRazorPages(options => options.RootDirectory = "/");

        // Kazakh and Russian text is written as characters, not as &#x…; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Koshi API",
                    Version = "v1",
                    Description = "Kazakhstan's Migration Policy Concept through 2030 as software. Authenticate with POST /api/v1/auth/token and send 'Authorization: Bearer <accessToken>'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The accessToken from POST /api/v1/auth/token.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                    && !metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<PolicyPackHealthCheck>("policy-pack");
        builder.AddObservability();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseErrorPages();
        app.UseRequestLog();
        app.UseStaticFiles();
        // Before anything that can refuse a request, so that its problem details speak the request's language.
        app.UseRequestLocalization();
        app.UseAttemptLimits();
        app.UseRequestBodyLimit(app.Configuration.GetValue<long>("Koshi:MaxRequestBodyBytes", 65536));
        app.UseInputGuard();
        app.UseAuthentication();
        app.UseBearerRevocation();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/scalar", ConfigureReference);
        // Outside development the request metrics and the health details are for administrators; anyone gets the status.
        var open = app.Environment.IsDevelopment() || app.Configuration.GetValue("Koshi:OpenOperationsEndpoints", false);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = async (context, report) => await WriteHealth(context, report, open || await IsOperator(context)) });
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (!open)
        {
            metrics.RequireAuthorization(OperatorsPolicy);
        }

        app.MapLanguageSwitch();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// The API reference as a public service's page: the bearer-token instructions and the documents, a way back to the
    /// portal in the reader's language, and none of the vendor's deploy, AI chat, SDK or client-generation offers.
    /// </summary>
    private static void ConfigureReference(ScalarOptions options, HttpContext context)
    {
        options.WithTitle("Koshi API")
            .AddPreferredSecuritySchemes([BearerScheme])
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .HideDarkModeToggle()
            .ForceLightMode();
        options.HiddenClients = true;
        var back = System.Net.WebUtility.HtmlEncode(Localisation.Texts.All["ui.back-to-portal"].Current);
        var language = Text.Language;
        options.AddHeadContent("<style>.koshi-back{display:block;background:#005f73;color:#fff;padding:.6rem 1rem;font:600 16px/1.4 system-ui,sans-serif;text-decoration:none}"
            + ".koshi-back:hover{text-decoration:underline}.koshi-back:focus-visible{outline:3px solid #ffd23f;outline-offset:-3px}</style>");
        options.AddHeaderContent($"<nav aria-label=\"Koshi\" lang=\"{language}\"><a class=\"koshi-back\" id=\"back-to-portal\" href=\"/\">← {back}</a></nav>");
    }

    private static async Task<bool> IsOperator(HttpContext context) =>
        (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, OperatorsPolicy)).Succeeded;

    private static Task WriteHealth(HttpContext context, HealthReport report, bool details)
    {
        context.Response.ContentType = "application/json";
        if (!details)
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }));
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

internal sealed class DatabaseHealthCheck(KoshiDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(db.Database.ProviderName)
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}

internal sealed class PolicyPackHealthCheck(PolicyPackSource source) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(source.Pack is { } pack
            ? HealthCheckResult.Healthy("Policy pack " + pack.ContentHash)
            : HealthCheckResult.Degraded("No policy pack: " + source.Problem));
}
