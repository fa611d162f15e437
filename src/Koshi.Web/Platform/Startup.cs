using Koshi.Web.Identity;

namespace Koshi.Web.Platform;

public static class Startup
{
    /// <summary>Applies migrations, creates roles, seeds (or finishes seeding) the demo data, reconciles the quota counters; prints where to log in.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        // Demo users (with their published password) only when asked for: in development, or with Koshi__Demo__Enabled=true.
        var seed = app.Configuration.GetValue<bool?>("Koshi:Demo:Enabled") ?? app.Configuration.GetValue<bool?>("Koshi:SeedDemoData") ?? app.Environment.IsDevelopment();
        (string Email, string Password)? bootstrap = null;
        var scoring = app.Services.GetRequiredService<Koshi.Web.Residence.Scoring.IResidenceScoring>();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().PrepareAsync(seed, CancellationToken.None);
            if (!seed)
            {
                bootstrap = await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAdministratorAsync(CancellationToken.None);
            }

            if (seed && scope.ServiceProvider.GetRequiredService<PolicyPackSource>().Pack is not null)
            {
                await scope.ServiceProvider.GetRequiredService<Koshi.Web.ForeignLabour.ForeignLabourDemoData>().SeedAsync(app.Configuration.GetValue("Koshi:Demo:LabourRegister", true), CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<Koshi.Web.Resettlement.ResettlementDemoData>().SeedAsync(app.Configuration.GetValue("Koshi:Demo:ResettlementRegister", true), CancellationToken.None);
                if (app.Configuration.GetValue("Koshi:Demo:Agencies", true))
                {
                    await scope.ServiceProvider.GetRequiredService<Koshi.Web.Agencies.AgenciesDemoData>().SeedAsync(CancellationToken.None);
                }
            }

            if (scope.ServiceProvider.GetRequiredService<PolicyPackSource>().Pack is not null)
            {
                await scope.ServiceProvider.GetRequiredService<Koshi.Web.Resettlement.ResettlementService>().FillDueDaysAsync(CancellationToken.None);
            }

            // Counters derived from the permits are checked against them before the first request.
            await scope.ServiceProvider.GetRequiredService<Koshi.Web.ForeignLabour.QuotaReconciliation>().RunAsync(CancellationToken.None);
        }

        if (bootstrap is { } admin)
        {
            // Printed once, whatever the banner setting: the only copy of this password.
            Console.WriteLine($"First administrator: {admin.Email}  one-time password: {admin.Password}");
        }

        if (!app.Configuration.GetValue("Koshi:StartupBanner", true))
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
            Console.WriteLine();
            Console.WriteLine($"Koshi is running on {address}");
            Console.WriteLine($"  Sign in:        {address}/account/login   (API token: POST {address}/api/v1/auth/token)");
            Console.WriteLine($"  Policy pack:    {scoring.PackHash}");
            Console.WriteLine($"  API reference:  {address}/scalar   OpenAPI: {address}/openapi/v1.json   Health: {address}/healthz");
            if (seed)
            {
                Console.WriteLine($"  Demo users (password {DemoData.Password}):");
                foreach (var user in DemoData.Users)
                {
                    Console.WriteLine($"    {user.Role,-10} {user.Email}{(user.Region is null ? string.Empty : " (region " + user.Region + ")")}");
                }
            }

            Console.WriteLine();
        });
    }
}
