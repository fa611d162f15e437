namespace Koshi.Cli.Infrastructure;

/// <summary>Finds the verb a command line names, runs it, and turns every failure into a message and an exit code.</summary>
internal static class Dispatcher
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static readonly string[] HelpWords = ["--help", "-h", "help"];

    public static int Run(string[] args, CliContext context, IReadOnlyList<Verb> verbs)
    {
        try
        {
            if (args.Length == 0)
            {
                context.Error.WriteLine("koshi: no command given");
                context.Error.WriteLine();
                WriteUsage(context.Error, verbs);
                return BadInput;
            }

            if (HelpWords.Contains(args[0]))
            {
                return Help(args.Skip(1).ToArray(), context, verbs);
            }

            var verb = Find(args, verbs, out var used)
                       ?? throw new UsageException($"unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))}'", null);
            var rest = args.Skip(used).ToList();
            if (rest.Any(a => a is "--help" or "-h"))
            {
                verb.WriteHelp(context.Out);
                return Ok;
            }

            return verb.Execute(context, ParsedArgs.Parse(verb, rest));
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
    private static Verb? Find(string[] args, IReadOnlyList<Verb> verbs, out int used)
    {
        foreach (var verb in verbs.OrderByDescending(v => v.Words.Length))
        {
            var words = verb.Words;
            if (args.Length >= words.Length && words.Select((w, i) => args[i] == w).All(x => x))
            {
                used = words.Length;
                return verb;
            }
        }

        used = 0;
        return null;
    }

    private static int Help(string[] words, CliContext context, IReadOnlyList<Verb> verbs)
    {
        if (words.Length == 0)
        {
            WriteUsage(context.Out, verbs);
            return Ok;
        }

        var exact = Find(words, verbs, out var used);
        if (exact is not null && used == words.Length)
        {
            exact.WriteHelp(context.Out);
            return Ok;
        }

        // 'koshi help policy' lists the verbs under 'policy'.
        var group = verbs.Where(v => v.Words.Length > words.Length && v.Words.Take(words.Length).SequenceEqual(words)).ToList();
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
