namespace Koshi.Web.Resettlement;

/// <summary>The resettlement capability: kandas and internal resettlers under the regional quota, support, the social contract.</summary>
public static class ResettlementExtensions
{
    public static WebApplicationBuilder AddResettlement(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AddressRegisterSimulator>();
        builder.Services.AddSingleton<IAddressRegister>(services => services.GetRequiredService<AddressRegisterSimulator>());
        builder.Services.AddSingleton<SupportPaymentSimulator>();
        builder.Services.AddSingleton<ISupportPayments>(services => services.GetRequiredService<SupportPaymentSimulator>());
        builder.Services.AddSingleton(services => services.GetRequiredService<PolicyPackSource>().Pack is { } pack
            ? new ResettlementRules(pack)
            : throw new Residence.Scoring.ScoringUnavailableException("Resettlement rules need the policy pack: " + services.GetRequiredService<PolicyPackSource>().Problem));
        builder.Services.AddScoped<ResettlementService>();
        builder.Services.AddScoped<EmployerSubsidyService>();
        builder.Services.AddScoped<ResettlementMeasuresQuery>();
        builder.Services.AddScoped<ResettlementDemoData>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, ResettlementDemoStep>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, ResettlementDueDaysStep>();
        return builder;
    }

    public static WebApplication MapResettlement(this WebApplication app)
    {
        app.MapResettlementApi();
        app.MapEmployerSubsidyApi();
        return app;
    }
}
