using Koshi.Cli;
using Koshi.Cli.Infrastructure;

namespace Koshi.Cli.Tests;

/// <summary>Runs the command in-process and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

internal static class Cli
{
    public static CliRun Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs from another current folder, with a fixed clock.</summary>
    public static CliRun RunIn(string currentDirectory, DateTimeOffset now, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, new CliContext(stdout, stderr, new FixedTime(now), currentDirectory, ErrorIsTerminal: false));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Pack => Path.Combine(Root, "policy", "kz");

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

/// <summary>A temporary folder, deleted when the test ends.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "koshi-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A copy of policy/kz to change for a reform or a broken pack.</summary>
    public string CopyPack(string name = "pack")
    {
        var target = File(name);
        foreach (var file in Directory.EnumerateFiles(Repo.Pack, "*", SearchOption.AllDirectories))
        {
            var to = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(Repo.Pack, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            System.IO.File.Copy(file, to);
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

internal static class Cases
{
    /// <summary>The pack's own "typical strong foreigner" test case: 475 points, passes.</summary>
    public const string StrongForeigner = """
        {
          "applicant_kind": "foreigner", "lodgement_date": "2026-03-01", "birth_date": "1996-05-10",
          "citizenship": "TR", "destination_region": "KZ-71",
          "kaztest_listening_pct": 60, "kaztest_reading_pct": 55, "kaztest_attempts": 1,
          "education": "bachelor", "kazakh_level": "b1", "russian_level": "b2", "english_level": "a2",
          "work_experience_years": 3,
          "health_certificate": true, "funds_kzt": 10000000, "citizenship_consent": true
        }
        """;

    /// <summary>The pack's "weak applicant" case: 175 points, fails on score.</summary>
    public const string WeakApplicant = """
        {
          "applicant_kind": "foreigner", "lodgement_date": "2026-03-01", "birth_date": "1980-06-15",
          "citizenship": "UZ", "destination_region": "KZ-79",
          "kaztest_listening_pct": 40, "kaztest_reading_pct": 35, "kaztest_attempts": 2,
          "education": "secondary", "kazakh_level": "a1", "russian_level": "b1",
          "work_experience_years": 2,
          "health_certificate": true, "funds_kzt": 10000000, "citizenship_consent": true
        }
        """;
}
