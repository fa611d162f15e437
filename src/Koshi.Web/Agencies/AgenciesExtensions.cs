using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Agencies;

/// <summary>Who may call the agencies API (bearer tokens only, like every API policy).</summary>
public static class AgencyPolicies
{
    public const string Agency = "api:agency";

    /// <summary>Officers and admins read the registry, complaints and inspections.</summary>
    public const string Officer = "api:agency-officer";

    /// <summary>Only officers decide: accept, change status, triage, plan, record outcomes.</summary>
    public const string Decider = "api:agency-decider";

    /// <summary>Officers, analysts and admins see risk, plans and the ministry's measures.</summary>
    public const string Oversight = "api:agency-oversight";
}

/// <summary>The private employment agencies capability: registry, placements, reports, complaints, risk-scored inspections.</summary>
public static class AgenciesExtensions
{
    public static WebApplicationBuilder AddAgencies(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AgencyPolicies.Agency, Api(Roles.Agency))
            .AddPolicy(AgencyPolicies.Officer, Api(Roles.Officer, Roles.Admin))
            .AddPolicy(AgencyPolicies.Decider, Api(Roles.Officer))
            .AddPolicy(AgencyPolicies.Oversight, Api(Roles.Officer, Roles.Analyst, Roles.Admin));
        builder.Services.AddSingleton(services => services.GetRequiredService<PolicyPackSource>().Pack is { } pack
            ? new AgencyRules(pack)
            : throw new Residence.Scoring.ScoringUnavailableException("Agency rules need the policy pack: " + services.GetRequiredService<PolicyPackSource>().Problem));
        builder.Services.AddScoped<AgenciesService>();
        builder.Services.AddScoped<AgenciesDemoData>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, AgenciesDemoStep>();
        return builder;
    }

    public static WebApplication MapAgencies(this WebApplication app)
    {
        app.MapAgenciesApi();
        return app;
    }

    private static AuthorizationPolicy Api(params string[] roles) =>
        new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme).RequireAuthenticatedUser().RequireRole(roles).Build();
}
