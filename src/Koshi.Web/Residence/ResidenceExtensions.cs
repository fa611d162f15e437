using Koshi.Web.Residence.Checks;
using Koshi.Web.Residence.Scoring;

namespace Koshi.Web.Residence;

/// <summary>The residence capability: the 2026 pilot for permanent-residence permits and kandas status.</summary>
public static class ResidenceExtensions
{
    public static WebApplicationBuilder AddResidence(this WebApplicationBuilder builder)
    {
        var simulators = builder.Configuration.GetSection("Koshi:Simulators").Get<CheckSimulatorOptions>() ?? new CheckSimulatorOptions();
        builder.Services.AddSingleton(simulators);
        builder.Services.AddSingleton<IInteragencyCheck, PopulationRegisterSimulator>();
        builder.Services.AddSingleton<IInteragencyCheck, MigrationPoliceSimulator>();
        builder.Services.AddSingleton<IInteragencyCheck, CriminalRecordSimulator>();
        builder.Services.AddScoped<ResidenceService>();
        builder.Services.AddScoped<Letters.DecisionLetters>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, ResidenceDemoData>();
        builder.AddResidenceScoring();
        builder.Services.AddHealthChecks().AddCheck<ResidenceScoringHealthCheck>("residence-scoring");
        return builder;
    }

    public static WebApplication MapResidence(this WebApplication app)
    {
        app.MapResidenceApi();
        Letters.DecisionLetterEndpoints.MapDecisionLetters(app);
        return app;
    }
}
