using Koshi.Web.Platform.Storage;

namespace Koshi.Web.Platform;

/// <summary>
/// Work a capability does on its data before the first request: roles and accounts, demo data, counters reconciled.
/// Each capability registers its own (scoped); the platform runs them after the migrations, in <see cref="Order"/>.
/// </summary>
public interface IStartupStep
{
    /// <summary>Lower runs first: accounts before the demo cases that belong to them, reconciliations last.</summary>
    int Order { get; }

    /// <param name="seedDemo">Whether demo data (with its published password) was asked for.</param>
    Task RunAsync(bool seedDemo, CancellationToken ct);

    /// <summary>Lines for the banner printed once the platform listens (e.g. the demo accounts).</summary>
    IEnumerable<string> Banner(bool seedDemo) => [];
}

public static class Startup
{
    /// <summary>Applies pending migrations, runs every capability's startup steps, and prints where to sign in.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        // Demo users (with their published password) only when asked for: in development, or with Koshi__Demo__Enabled=true.
        var seed = app.Configuration.GetValue<bool?>("Koshi:Demo:Enabled") ?? app.Configuration.GetValue<bool?>("Koshi:SeedDemoData") ?? app.Environment.IsDevelopment();
        var banner = new List<string>();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KoshiDbContext>();
            await db.Database.MigrateIfPendingAsync(CancellationToken.None);
            // The steps share this scope's database context: what they write is the system's doing, not a person's.
            db.Audit.ActorOverride = "system";
            foreach (var step in scope.ServiceProvider.GetServices<IStartupStep>().OrderBy(s => s.Order))
            {
                await step.RunAsync(seed, CancellationToken.None);
                banner.AddRange(step.Banner(seed));
            }
        }

        if (!app.Configuration.GetValue("Koshi:StartupBanner", true))
        {
            return;
        }

        var pack = app.Services.GetRequiredService<PolicyPackSource>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
            Console.WriteLine();
            Console.WriteLine($"Koshi is running on {address}");
            Console.WriteLine($"  Sign in:        {address}/account/login   (API token: POST {address}/api/v1/auth/token)");
            Console.WriteLine($"  Policy pack:    {pack.Pack?.ContentHash ?? "none (" + pack.Problem + ")"}");
            Console.WriteLine($"  API reference:  {address}/scalar   OpenAPI: {address}/openapi/v1.json   Health: {address}/healthz");
            foreach (var line in banner)
            {
                Console.WriteLine("  " + line);
            }

            Console.WriteLine();
        });
    }
}
