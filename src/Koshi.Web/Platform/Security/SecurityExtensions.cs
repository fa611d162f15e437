using System.Security.Claims;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Platform.Security;

/// <summary>
/// Defaults a bank's platform team would insist on: security headers on every answer, HSTS and Secure cookies outside
/// development, sign-in, token and registration limited per source, and bearer tokens that die with the account's
/// security stamp (lockout, password change, role change).
/// </summary>
public static class SecurityExtensions
{
    /// <summary>The strict policy for the pages and the API: nothing inline, nothing from elsewhere, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference page (Scalar) runs its own inline script and styles; it is still never framed.</summary>
    private const string ReferencePagePolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    private static readonly string[] LimitedPaths = ["/api/v1/auth/token", "/api/v1/auth/register", "/account/login", "/account/register"];

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var production = !builder.Environment.IsDevelopment();
        var perMinute = builder.Configuration.GetValue("Koshi:RateLimit:SignInPerMinute", 20);
        // The limiter counts in wall-clock windows, not the platform's clock; a test on a slow machine widens the window
        // so that it never rolls over between its requests.
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue("Koshi:RateLimit:WindowSeconds", 60));
        builder.Services.AddSingleton(new AttemptLimiter(perMinute, window));

        if (production)
        {
            builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        }

        // Cookies only over HTTPS outside development; Koshi:SecureCookies=false is for a plain-HTTP load test on one machine.
        if (builder.Configuration.GetValue("Koshi:SecureCookies", production))
        {
            builder.Services.ConfigureApplicationCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        return builder;
    }

    /// <summary>
    /// Sign-in, token and registration attempts counted per source in the database (<see cref="AttemptLimiter"/>): the
    /// limit holds across every instance on it. Refused with 429 problem details and Retry-After.
    /// </summary>
    public static WebApplication UseAttemptLimits(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<AttemptLimiter>();
        app.Use(async (context, next) =>
        {
            // Routing takes "/api/v1/auth/token/" for the same endpoint: the path is compared without its trailing slashes.
            if (HttpMethods.IsPost(context.Request.Method) && LimitedPaths.Contains(context.Request.Path.Value?.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
            {
                // Per source first: one client cannot spend the failed-attempt budget of every account.
                var source = "sign-in:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                var db = context.RequestServices.GetRequiredService<KoshiDbContext>();
                var (allowed, retryAfter) = await limiter.AttemptAsync(db, source, context.RequestAborted);
                if (!allowed)
                {
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many attempts from this address.",
                            Detail = Refused(limiter, retryAfter),
                        },
                    });
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>The 429's detail (English, translated as the problem is written): the limit and the window configured.</summary>
    private static string Refused(AttemptLimiter limiter, int retryAfter) =>
        limiter.Window == TimeSpan.FromMinutes(1)
            ? $"At most {limiter.Limit} sign-in, token or registration requests a minute; try again in a minute."
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"At most {limiter.Limit} sign-in, token or registration requests in {(long)limiter.Window.TotalSeconds} seconds; try again in {retryAfter} seconds.");

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ReferencePagePolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// A bearer token carries the account's security stamp from when it was issued; once the stamp has moved on
    /// (lockout, password or role change) the token is refused with 401, on every instance, at once.
    /// </summary>
    public static WebApplication UseBearerRevocation(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                var result = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
                if (result.Succeeded && !await IsCurrentAsync(context, result.Principal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status401Unauthorized,
                            Title = "The token has been revoked.",
                            Detail = "The account was locked or its password or roles changed; ask for a new token.",
                        },
                    });
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    private static async Task<bool> IsCurrentAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var users = context.RequestServices.GetRequiredService<UserManager<KoshiUser>>();
        var stampType = users.Options.ClaimsIdentity.SecurityStampClaimType;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return false;
        }

        // Runs on every API request: only the three columns the check needs, untracked, rather than the whole account
        // row kept in the change tracker (which every later save of the request would scan). The user manager still
        // judges lockout and the stamp, on an account object holding just those values.
        var account = await context.RequestServices.GetRequiredService<KoshiDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new KoshiUser { Id = u.Id, SecurityStamp = u.SecurityStamp, LockoutEnabled = u.LockoutEnabled, LockoutEnd = u.LockoutEnd })
            .FirstOrDefaultAsync();
        if (account is null || await users.IsLockedOutAsync(account))
        {
            return false;
        }

        return !users.SupportsUserSecurityStamp || principal.FindFirstValue(stampType) == await users.GetSecurityStampAsync(account);
    }
}
