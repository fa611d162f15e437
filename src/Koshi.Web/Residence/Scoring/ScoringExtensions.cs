using Koshi.Policy;

namespace Koshi.Web.Residence.Scoring;

public static class ScoringExtensions
{
    /// <summary>
    /// Loads the policy pack once (<c>Koshi:PolicyPack</c>, else <c>policy/kz</c> found upwards from the content root
    /// or the binaries). A pack that cannot be loaded leaves scoring unavailable (503, health degraded), never guessed.
    /// </summary>
    public static WebApplicationBuilder AddResidenceScoring(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Koshi:PolicyPack"];
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<IResidenceScoring>(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Koshi.Web.Residence.Scoring");
            var directory = string.IsNullOrWhiteSpace(configured)
                ? FindPack(contentRoot) ?? FindPack(AppContext.BaseDirectory)
                : Path.GetFullPath(configured, contentRoot);
            if (directory is null)
            {
                logger.LogError("No policy pack found: set Koshi:PolicyPack to the pack's folder (policy/kz)");
                return new UnavailableResidenceScoring("No policy pack found (set Koshi:PolicyPack).");
            }

            try
            {
                var scoring = new PolicyEngineScoring(PolicyPack.Load(directory));
                logger.LogInformation("Policy pack {Directory} loaded, version {PackHash}", directory, scoring.PackHash);
                return scoring;
            }
            catch (PolicyLoadException e)
            {
                logger.LogError("Policy pack {Directory} refused: {Errors}", directory, e.Message);
                return new UnavailableResidenceScoring($"The policy pack at {directory} was refused: {e.Message}");
            }
            catch (KeyNotFoundException e)
            {
                logger.LogError("Policy pack {Directory} has no residence scheme: {Error}", directory, e.Message);
                return new UnavailableResidenceScoring(e.Message);
            }
        });
        return builder;
    }

    private static string? FindPack(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "policy", "kz");
            if (File.Exists(Path.Combine(candidate, "pack.yaml")))
            {
                return candidate;
            }
        }

        return null;
    }
}
