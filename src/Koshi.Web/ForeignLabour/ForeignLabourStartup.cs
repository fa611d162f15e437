using Koshi.Web.Platform;

namespace Koshi.Web.ForeignLabour;

/// <summary>The demo quota, employer and register when demo data is asked for and the law is loaded.</summary>
internal sealed class ForeignLabourDemoStep(ForeignLabourDemoData demo, PolicyPackSource pack, IConfiguration configuration) : IStartupStep
{
    public int Order => 30;

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        if (seedDemo && pack.Pack is not null)
        {
            await demo.SeedAsync(configuration.GetValue("Koshi:Demo:LabourRegister", true), ct);
        }
    }
}

/// <summary>Counters derived from the permits are checked against them before the first request, whatever else ran.</summary>
internal sealed class QuotaReconciliationStep(QuotaReconciliation reconciliation) : IStartupStep
{
    public int Order => 90;

    public Task RunAsync(bool seedDemo, CancellationToken ct) => reconciliation.RunAsync(ct);
}
