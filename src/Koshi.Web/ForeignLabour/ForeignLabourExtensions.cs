namespace Koshi.Web.ForeignLabour;

/// <summary>The foreign-labour capability: employer permits under the national quota, fees, and the skilled share.</summary>
public static class ForeignLabourExtensions
{
    public static WebApplicationBuilder AddForeignLabour(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IWorkerCheck, WorkerCheckSimulator>();
        builder.Services.AddSingleton<IEmployerCheck, EmployerCheckSimulator>();
        builder.Services.AddSingleton<IPaymentGateway, PaymentGatewaySimulator>();
        builder.Services.AddSingleton(services => services.GetRequiredService<PolicyPackSource>().Pack is { } pack
            ? new LabourRules(pack)
            : throw new Residence.Scoring.ScoringUnavailableException("Foreign-labour rules need the policy pack: " + services.GetRequiredService<PolicyPackSource>().Problem));
        builder.Services.AddScoped<EmployerRegistry>();
        builder.Services.AddScoped<PermitRegister>();
        builder.Services.AddScoped<PermitScreening>();
        builder.Services.AddScoped<PermitLifecycle>();
        builder.Services.AddScoped<QuotaAdministration>();
        builder.Services.AddScoped<LabourStatistics>();
        builder.Services.AddScoped<AllocationRoundService>();
        builder.Services.AddHostedService<RoundScheduler>();
        builder.Services.AddScoped<ForeignLabourDemoData>();
        builder.Services.AddScoped<QuotaReconciliation>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, ForeignLabourDemoStep>();
        builder.Services.AddScoped<Koshi.Web.Platform.IStartupStep, QuotaReconciliationStep>();
        return builder;
    }

    public static WebApplication MapForeignLabour(this WebApplication app)
    {
        app.MapForeignLabourApi();
        return app;
    }
}
