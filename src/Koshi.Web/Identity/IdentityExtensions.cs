using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Koshi.Web.Platform.Storage;

namespace Koshi.Web.Identity;

public static class IdentityExtensions
{
    public static WebApplicationBuilder AddKoshiIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<KoshiUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                // The backstop against guessing from many sources; one source is stopped far earlier (SignInChecks).
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Koshi:SignIn:AccountLockoutFailures", 50);
            })
            .AddEntityFrameworkStores<KoshiDbContext>()
            .AddUserManager<KoshiUserManager>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<KoshiClaimsFactory>();

        builder.Services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromHours(1);
        });

        // Sign-in cookies check the account's security stamp every minute, so a lockout or a password or role change ends
        // the sessions soon after; bearer tokens are checked on every request (UseBearerRevocation).
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "koshi.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
        });

        builder.Services.AddAuthorizationBuilder().AddKoshiPolicies();

        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<DemoData>();
        builder.Services.AddScoped<AdminBootstrap>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, IdentityStartup>();
        builder.Services.AddScoped<ApplicantRegistration>();
        builder.Services.AddScoped<Accounts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapKoshiIdentity(this IEndpointRouteBuilder app)
    {
        AuthEndpoints.Map(app);
        AdminEndpoints.Map(app);
        return app;
    }
}

/// <summary>Adds the officer's region and the person's name to the signed-in principal.</summary>
internal sealed class KoshiClaimsFactory(UserManager<KoshiUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<KoshiUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(KoshiUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(KoshiClaims.FullName, user.FullName));
        if (user.Region is not null)
        {
            identity.AddClaim(new Claim(KoshiClaims.Region, user.Region));
        }

        return identity;
    }
}

/// <summary>The signed-in person as the services see them.</summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<string> Roles, string? Region)
{
    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.FindFirstValue(KoshiClaims.FullName) ?? user.Identity?.Name ?? string.Empty,
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindFirstValue(KoshiClaims.Region));

    public bool IsIn(string role) => Roles.Contains(role);
}
