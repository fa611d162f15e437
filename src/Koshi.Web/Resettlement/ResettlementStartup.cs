using Koshi.Web.Platform;

namespace Koshi.Web.Resettlement;

/// <summary>The demo quotas and register when demo data is asked for and the law is loaded.</summary>
internal sealed class ResettlementDemoStep(ResettlementDemoData demo, PolicyPackSource pack, IConfiguration configuration) : IStartupStep
{
    public int Order => 40;

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        if (seedDemo && pack.Pack is not null)
        {
            await demo.SeedAsync(configuration.GetValue("Koshi:Demo:ResettlementRegister", true), ct);
        }
    }
}
