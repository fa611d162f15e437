using Koshi.Web.Identity;
using Koshi.Web.Platform;

namespace Koshi.Web.Agencies;

/// <summary>The private employment agencies capability: registry, placements, reports, complaints, risk-scored inspections.</summary>
public static class AgenciesExtensions
{
    public static WebApplicationBuilder AddAgencies(this WebApplicationBuilder builder)
    {
        // Who may call the agencies API is in the one catalogue (Identity/Policies.cs).
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
}
