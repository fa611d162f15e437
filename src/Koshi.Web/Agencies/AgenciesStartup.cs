using Koshi.Web.Platform;

namespace Koshi.Web.Agencies;

/// <summary>The demo registry when demo data is asked for, the law is loaded and the agencies are not turned off.</summary>
internal sealed class AgenciesDemoStep(AgenciesDemoData demo, PolicyPackSource pack, IConfiguration configuration) : IStartupStep
{
    public int Order => 50;

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        if (seedDemo && pack.Pack is not null && configuration.GetValue("Koshi:Demo:Agencies", true))
        {
            await demo.SeedAsync(ct);
        }
    }
}
