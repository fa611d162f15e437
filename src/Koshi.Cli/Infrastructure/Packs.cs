using Koshi.Policy;

namespace Koshi.Cli.Infrastructure;

/// <summary>Finds and loads policy packs, printing a pack's problems as <c>DIR/file:line:column: message</c>.</summary>
internal static class Packs
{
    public const string DefaultPack = "policy/kz";

    /// <summary>A pack folder to load and the name to show for it (as the user wrote it, or relative to the current folder).</summary>
    public sealed record Location(string FullPath, string Display);

    /// <summary><c>--pack DIR</c> as given, or policy/kz in the current folder or the nearest parent that has one.</summary>
    public static Location Locate(string? option, string currentDirectory)
    {
        if (option is not null)
        {
            var display = option.Length > 1 ? option.TrimEnd('/', '\\') : option;
            return new Location(Path.GetFullPath(option, currentDirectory), display.Length == 0 ? option : display);
        }

        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policy", "kz");
            if (File.Exists(Path.Combine(candidate, "pack.yaml")))
            {
                return new Location(candidate, Path.GetRelativePath(currentDirectory, candidate).Replace('\\', '/'));
            }
        }

        throw new CliException($"koshi: no policy pack found: looked for {DefaultPack}/pack.yaml in {currentDirectory} and every folder above it; give one with --pack DIR");
    }

    /// <summary>A diagnostic with its file shown under the pack folder, so a reader can open it.</summary>
    public static string Format(Diagnostic diagnostic, Location pack)
    {
        var file = diagnostic.Position.File;
        var shown = Path.IsPathRooted(file) || file == pack.Display || Path.GetFullPath(file, pack.FullPath) == pack.FullPath
            ? file
            : pack.Display.TrimEnd('/') + "/" + file;
        return (diagnostic with { Position = diagnostic.Position with { File = shown } }).ToString();
    }

    /// <summary>Loads a pack for a verb that uses it; a pack with errors stops the command (exit 2) with every error listed.</summary>
    public static PolicyPack Load(Location location)
    {
        var (pack, diagnostics) = PolicyPack.Check(location.FullPath);
        if (pack is not null)
        {
            return pack;
        }

        var errors = diagnostics.Where(d => !d.IsWarning).ToList();
        var lines = errors.Select(d => Format(d, location)).ToList();
        lines.Add($"koshi: the policy pack {location.Display} has {Plural(errors.Count, "error")} (koshi policy check {location.Display} lists warnings too)");
        throw new CliException(string.Join(Environment.NewLine, lines));
    }

    public static Scheme Scheme(PolicyPack pack, Location location, string id)
        => pack.TryGetScheme(id, out var scheme)
            ? scheme
            : throw new CliException($"koshi: the pack {location.Display} ({pack.Id}) has no scheme '{id}'; it has: {string.Join(", ", pack.Schemes.Select(s => s.Id))}");

    public static RuleSet RuleSet(PolicyPack pack, Location location, string id)
        => pack.RuleSets.FirstOrDefault(r => r.Id == id)
           ?? throw new CliException($"koshi: the pack {location.Display} ({pack.Id}) has no rule set '{id}'; it has: {string.Join(", ", pack.RuleSets.Select(r => r.Id))}");

    public static string Plural(long count, string noun) => count == 1 ? $"1 {noun}" : $"{Fmt.N(count)} {noun}s";
}
