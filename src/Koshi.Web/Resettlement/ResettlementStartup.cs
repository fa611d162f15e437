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

/// <summary>Cases stored before decision days were kept get theirs, from the law as of their application day.</summary>
internal sealed class ResettlementDueDaysStep(ResettlementService service, PolicyPackSource pack) : IStartupStep
{
    public int Order => 60;

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        if (pack.Pack is not null)
        {
            await service.FillDueDaysAsync(ct);
        }
    }
}
