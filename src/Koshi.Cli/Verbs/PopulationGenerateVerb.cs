using Koshi.Cli.Infrastructure;

namespace Koshi.Cli.Verbs;

/// <summary><c>koshi population generate</c>: writes a synthetic population from the pack's profile; the same seed writes the same bytes.</summary>
internal static class PopulationGenerateVerb
{
    public static readonly Verb Definition = new(
        "population generate",
        "Write a synthetic population (JSON Lines, one case a line, or Parquet) from the pack's population profile.",
        [],
        [
            new OptionSpec("scheme", "ID", "the scheme whose population profile to draw from", Required: true),
            new OptionSpec("count", "N", "how many cases to write", Required: true),
            new OptionSpec("seed", "S", "the random seed: the same seed writes the same file", Required: true),
            new OptionSpec("out", "FILE", "the file to write (replaced if it exists)", Required: true),
            new OptionSpec("format", "FORMAT", "jsonl or parquet (default: parquet when FILE ends in .parquet, else jsonl)"),
            new OptionSpec("pack", "DIR", "the policy pack (default: policy/kz, found from the current folder upwards)"),
        ],
        "",
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var count = Inputs.Integer(args, "count", min: 1);
        var seed = Inputs.Integer(args, "seed", min: int.MinValue);
        var location = Packs.Locate(args.Value("pack"), context.CurrentDirectory);
        var pack = Packs.Load(location);
        var scheme = Packs.Scheme(pack, location, args.Value("scheme")!);
        var profile = pack.Populations.FirstOrDefault(p => p.Scheme.Id == scheme.Id)
                      ?? throw new CliException($"koshi: the pack {location.Display} has no population profile for scheme '{scheme.Id}'"
                                                + (pack.Populations.Count == 0 ? string.Empty : $" (it has profiles for: {string.Join(", ", pack.Populations.Select(p => p.Scheme.Id))})"));

        var outPath = args.Value("out")!;
        var format = args.Value("format") ?? (outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "jsonl");
        if (format is not ("jsonl" or "parquet"))
        {
            throw new UsageException($"--format '{format}' is not a population format (expected jsonl or parquet)", args.Verb);
        }

        var full = Path.GetFullPath(outPath, context.CurrentDirectory);
        if (Directory.Exists(full))
        {
            throw new CliException($"koshi: {outPath}: is a folder, not a file");
        }

        // Write beside the target and move it in place, so a failed run never leaves half a file under the final name.
        var temp = full + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (format == "parquet")
                {
                    // The same people as the JSON Lines file of the same seed, written a column per input.
                    profile.Generate(count, seed, outPath).WriteParquet(stream);
                }
                else
                {
                    profile.Generate(count, seed, stream);
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new CliException($"koshi: {outPath}: cannot write the file ({ex.Message})");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        context.Out.WriteLine($"wrote {Packs.Plural(count, "case")} of {scheme.Id} to {outPath} as {format} (seed {seed}, profile as of {Fmt.Date(profile.AsOf)}, pack {pack.Id} {pack.ContentHash})");
        return Dispatcher.Ok;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the write already failed and says so.
        }
    }
}
