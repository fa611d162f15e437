using Koshi.Web.Platform;

namespace Koshi.Web.Residence.Scoring;

public static class ScoringExtensions
{
    /// <summary>Scores with the loaded pack's residence scheme; without a pack scoring is unavailable (503, health degraded).</summary>
    public static WebApplicationBuilder AddResidenceScoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IResidenceScoring>(services =>
        {
            var source = services.GetRequiredService<PolicyPackSource>();
            if (source.Pack is null)
            {
                return new UnavailableResidenceScoring(source.Problem!);
            }

            try
            {
                return new PolicyEngineScoring(source.Pack);
            }
            catch (KeyNotFoundException e)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Koshi.Web.Residence.Scoring")
                    .LogError("Policy pack {Directory} has no residence scheme: {Error}", source.Directory, e.Message);
                return new UnavailableResidenceScoring(e.Message);
            }
        });
        return builder;
    }
}
