using System.Globalization;

namespace Koshi.Cli.Infrastructure;

/// <summary>Reading option values and files, with messages that name the option or the file.</summary>
internal static class Inputs
{
    public static DateOnly Date(ParsedArgs args, string option)
    {
        var text = args.Value(option)!;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--{option} '{text}' is not a date (expected YYYY-MM-DD, e.g. 2026-03-01)", args.Verb);
    }

    public static int Integer(ParsedArgs args, string option, int min)
    {
        var text = args.Value(option)!;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"--{option} '{text}' is not a whole number", args.Verb);
        }

        return value >= min ? value : throw new UsageException($"--{option} must be at least {min} (got {value})", args.Verb);
    }

    /// <summary>A file's text; a missing or unreadable file is bad input that names the file.</summary>
    public static string ReadText(string path, string currentDirectory)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        if (Directory.Exists(full))
        {
            throw new CliException($"koshi: {path}: is a folder, not a file");
        }

        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"koshi: {path}: no such file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"koshi: {path}: cannot read the file ({ex.Message})");
        }
    }

    public static void RequireFile(string path, string currentDirectory)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        if (Directory.Exists(full))
        {
            throw new CliException($"koshi: {path}: is a folder, not a file");
        }

        if (!File.Exists(full))
        {
            throw new CliException($"koshi: {path}: no such file");
        }
    }
}
