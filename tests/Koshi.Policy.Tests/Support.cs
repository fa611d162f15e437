namespace Koshi.Policy.Tests;

/// <summary>Where the repository's files are, found from the test binary's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string KazakhstanPack => Path.Combine(Root, "policy", "kz");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Koshi.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Koshi.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A pack written to a temporary folder for one test, removed afterwards.</summary>
internal sealed class TempPack : IDisposable
{
    public const string Header = "pack: { id: test, title: Test pack, rounding: half-up }\n";

    private TempPack(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>A pack of the given files (relative path → YAML); a <c>pack.yaml</c> header is added unless given.</summary>
    public static TempPack Create(params (string Path, string Yaml)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "koshi-pack-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        if (files.All(f => f.Path != "pack.yaml"))
        {
            File.WriteAllText(Path.Combine(dir, "pack.yaml"), Header);
        }

        foreach (var (path, yaml) in files)
        {
            var full = Path.Combine(dir, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, yaml);
        }

        return new TempPack(dir);
    }

    /// <summary>A copy of a real pack, to change one file of it.</summary>
    public static TempPack CopyOf(string source)
    {
        var pack = Create();
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(pack.Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return pack;
    }

    public void Write(string path, string yaml) => File.WriteAllText(Path.Combine(Directory, path), yaml);

    public string Read(string path) => File.ReadAllText(Path.Combine(Directory, path));

    public (PolicyPack? Pack, IReadOnlyList<Diagnostic> Diagnostics) Check() => PolicyPack.Check(Directory);

    public PolicyPack Load() => PolicyPack.Load(Directory);

    /// <summary>The errors as printed lines, for asserting on position and message together.</summary>
    public IReadOnlyList<string> Errors() => Check().Diagnostics.Where(d => !d.IsWarning).Select(d => d.ToString()).ToList();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

internal static class Shared
{
    private static readonly Lazy<PolicyPack> Kz = new(() => PolicyPack.Load(Repository.KazakhstanPack));

    /// <summary>The Kazakhstan pack, loaded once for the tests that only read it.</summary>
    public static PolicyPack Kazakhstan => Kz.Value;
}
