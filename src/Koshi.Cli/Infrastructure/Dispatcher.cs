namespace Koshi.Cli.Infrastructure;

/// <summary>Finds the verb a command line names, runs it, and turns every failure into a message and an exit code.</summary>
internal static class Dispatcher
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    /// <summary>Runs one command line, read by <see cref="CommandLine"/> (System.CommandLine).</summary>
    public static int Run(string[] args, CliContext context, IReadOnlyList<Verb> verbs)
    {
        try
        {
            // Help needs nothing of System.CommandLine: answered here, it spares building and compiling the parser
            // (the command is compiled fully optimised at once, see the project file), most of what help took.
            return HelpWords(args, verbs) is { } words ? Help(words, context, verbs) : Parse(args, context, verbs);
        }
        catch (UsageException ex)
        {
            context.Error.WriteLine("koshi: " + ex.Message);
            context.Error.WriteLine();
            if (ex.Verb is not null)
            {
                context.Error.WriteLine("usage: " + ex.Verb.Synopsis);
                context.Error.WriteLine($"(koshi help {ex.Verb.Name} for more)");
            }
            else
            {
                WriteUsage(context.Error, verbs);
            }

            return BadInput;
        }
        catch (CliException ex)
        {
            context.Error.WriteLine(ex.Message);
            return BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine("koshi: " + ex.Message);
            return BadInput;
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"koshi: unexpected error ({ex.GetType().Name}): {ex.Message.ReplaceLineEndings(" ")}");
            return Failed;
        }
    }

    /// <summary>The verb whose words start the command line (<c>policy check</c> before <c>policy</c>).</summary>
    private static Verb? Find(IReadOnlyList<string> args, IReadOnlyList<Verb> verbs, out int used)
    {
        foreach (var verb in verbs.OrderByDescending(v => v.Words.Length))
        {
            var words = verb.Words;
            if (args.Count >= words.Length && words.Select((w, i) => args[i] == w).All(x => x))
            {
                used = words.Length;
                return verb;
            }
        }

        used = 0;
        return null;
    }

    /// <summary>Kept out of <see cref="Run"/>, so that help does not even load System.CommandLine.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Parse(string[] args, CliContext context, IReadOnlyList<Verb> verbs) => new CommandLine(verbs, context).Run(args);

    /// <summary>
    /// The words to show help for when the command line plainly asks for it: <c>--help</c>, <c>help WORDS</c> or
    /// <c>WORDS --help</c>, with WORDS those of a verb or of a group of verbs; anything else is left to the parser.
    /// </summary>
    private static string[]? HelpWords(string[] args, IReadOnlyList<Verb> verbs)
    {
        string[] words;
        if (args.Length > 0 && args[0] == "help")
        {
            words = args[1..];
        }
        else if (args.Length > 0 && args[^1] is "--help" or "-h")
        {
            words = args[..^1];
        }
        else
        {
            return null;
        }

        return words.Length == 0 || verbs.Any(v => v.Words.Length >= words.Length && v.Words.Take(words.Length).SequenceEqual(words)) ? words : null;
    }

    /// <summary><c>koshi help [WORDS]</c>: the command's usage, a verb's page, or the pages of the verbs under a word.</summary>
    public static int Help(IReadOnlyList<string> words, CliContext context, IReadOnlyList<Verb> verbs)
    {
        if (words.Count == 0)
        {
            WriteUsage(context.Out, verbs);
            return Ok;
        }

        var exact = Find(words, verbs, out var used);
        if (exact is not null && used == words.Count)
        {
            exact.WriteHelp(context.Out);
            return Ok;
        }

        // 'koshi help policy' lists the verbs under 'policy'.
        var group = verbs.Where(v => v.Words.Length > words.Count && v.Words.Take(words.Count).SequenceEqual(words)).ToList();
        if (group.Count > 0)
        {
            foreach (var verb in group)
            {
                verb.WriteHelp(context.Out);
                context.Out.WriteLine();
            }

            return Ok;
        }

        throw new UsageException($"no help for unknown command '{string.Join(' ', words)}'", null);
    }

    public static void WriteUsage(TextWriter w, IReadOnlyList<Verb> verbs)
    {
        w.WriteLine("usage: koshi COMMAND [options]");
        w.WriteLine();
        w.WriteLine("Runs Kazakhstan's migration law from a policy pack (default: policy/kz, found from the current folder upwards).");
        w.WriteLine();
        w.WriteLine("commands:");
        var width = verbs.Max(v => v.Name.Length);
        foreach (var verb in verbs)
        {
            w.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }

        w.WriteLine();
        w.WriteLine("koshi help COMMAND shows a command's options. Exit codes: 0 done, 1 tests failed or unexpected error, 2 bad input.");
    }
}
