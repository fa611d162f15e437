using Koshi.Policy;

namespace Koshi.Web.Platform;

/// <summary>
/// The policy pack every capability applies, loaded once at startup from <c>Koshi:PolicyPack</c>, else from
/// <c>policy/kz</c> found upwards from the content root or the binaries. A pack that cannot be loaded leaves
/// <see cref="Pack"/> null and says why in <see cref="Problem"/>: the law is never guessed.
/// </summary>
public sealed class PolicyPackSource
{
    private PolicyPackSource(PolicyPack? pack, string? problem, string? directory)
    {
        Pack = pack;
        Problem = problem;
        Directory = directory;
    }

    public PolicyPack? Pack { get; }

    public string? Problem { get; }

    public string? Directory { get; }

    public static PolicyPackSource Load(string? configured, string contentRoot, ILogger logger)
    {
        var directory = string.IsNullOrWhiteSpace(configured)
            ? FindPack(contentRoot) ?? FindPack(AppContext.BaseDirectory)
            : Path.GetFullPath(configured, contentRoot);
        if (directory is null)
        {
            logger.LogError("No policy pack found: set Koshi:PolicyPack to the pack's folder (policy/kz)");
            return new PolicyPackSource(null, "No policy pack found (set Koshi:PolicyPack).", null);
        }

        PolicyPack pack;
        try
        {
            pack = PolicyPack.Load(directory);
        }
        catch (PolicyLoadException e)
        {
            logger.LogError("Policy pack {Directory} refused: {Errors}", directory, e.Message);
            return new PolicyPackSource(null, $"The policy pack at {directory} was refused: {e.Message}", directory);
        }

        // A valid pack of the wrong shape is a deployment mistake, not an outage: startup stops and names the gap.
        var problems = PackContract.Check(pack);
        if (problems.Count > 0)
        {
            logger.LogCritical("Policy pack {Directory} does not give what the platform needs: {Problems}", directory, string.Join("; ", problems));
            throw new PackContractException(problems);
        }

        logger.LogInformation("Policy pack {Directory} loaded, version {PackHash}", directory, pack.ContentHash);
        return new PolicyPackSource(pack, null, directory);
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

public static class PolicyPackExtensions
{
    public static WebApplicationBuilder AddPolicyPack(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Koshi:PolicyPack"];
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(services => PolicyPackSource.Load(
            configured, contentRoot, services.GetRequiredService<ILoggerFactory>().CreateLogger("Koshi.Web.PolicyPack")));
        return builder;
    }
}
