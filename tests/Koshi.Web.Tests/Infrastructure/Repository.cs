namespace Koshi.Web.Tests.Infrastructure;

/// <summary>The repository the tests run from, and copies of its Kazakh pack that a test may change.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A fresh copy of policy/kz in the temporary folder, for a test that changes the law.</summary>
    public static string CopyOfKazakhPack()
    {
        var source = Path.Combine(Root, "policy", "kz");
        var target = Path.Combine(Path.GetTempPath(), $"koshi-pack-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Koshi.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Koshi.slnx not found above the test binaries.");
    }
}
