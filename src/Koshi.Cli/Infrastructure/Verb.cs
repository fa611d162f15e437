namespace Koshi.Cli.Infrastructure;

/// <summary>An option of a verb: <c>--name VALUE</c>, or a flag without a value.</summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Help, bool Required = false)
{
    public bool IsFlag => ValueName is null;

    public string Synopsis => IsFlag ? "--" + Name : $"--{Name} {ValueName}";
}

/// <summary>A verb of the command: its words (<c>policy check</c>), what it takes, and what it does.</summary>
internal sealed record Verb(
    string Name,
    string Summary,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<OptionSpec> Options,
    string Details,
    Func<CliContext, ParsedArgs, int> Execute)
{
    public string[] Words => Name.Split(' ');

    public string Synopsis
    {
        get
        {
            var parts = new List<string> { "koshi", Name };
            parts.AddRange(Options.Where(o => o.Required).Select(o => o.Synopsis));
            parts.AddRange(Arguments);
            parts.AddRange(Options.Where(o => !o.Required).Select(o => $"[{o.Synopsis}]"));
            return string.Join(' ', parts);
        }
    }

    public void WriteHelp(TextWriter w)
    {
        w.WriteLine("usage: " + Synopsis);
        w.WriteLine();
        w.WriteLine(Summary);
        if (Details.Length > 0)
        {
            w.WriteLine();
            foreach (var line in Details.Split('\n'))
            {
                w.WriteLine(line.TrimEnd());
            }
        }

        if (Options.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("options:");
            var width = Options.Max(o => o.Synopsis.Length);
            foreach (var option in Options)
            {
                w.WriteLine($"  {option.Synopsis.PadRight(width)}  {option.Help}{(option.Required ? " (required)" : string.Empty)}");
            }
        }
    }
}

/// <summary>A verb's command line once checked against its options: values by option name, and the positional arguments.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, string?> _options;

    private ParsedArgs(Verb verb, Dictionary<string, string?> options, List<string> positionals)
    {
        Verb = verb;
        _options = options;
        Positionals = positionals;
    }

    public Verb Verb { get; }
    public IReadOnlyList<string> Positionals { get; }

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>Reads the words after the verb; anything the verb does not take is a usage error.</summary>
    public static ParsedArgs Parse(Verb verb, IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positionals = new List<string>();
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || !arg.StartsWith('-') || arg == "-")
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{arg}'", verb);
            }

            var name = arg[2..];
            string? inline = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            var spec = verb.Options.FirstOrDefault(o => o.Name == name)
                       ?? throw new UsageException($"unknown option '--{name}' for 'koshi {verb.Name}'", verb);
            if (options.ContainsKey(name))
            {
                throw new UsageException($"option '--{name}' is given twice", verb);
            }

            if (spec.IsFlag)
            {
                if (inline is not null)
                {
                    throw new UsageException($"option '--{name}' takes no value", verb);
                }

                options[name] = null;
                continue;
            }

            if (inline is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                {
                    throw new UsageException($"option '--{name}' needs a value ({spec.ValueName})", verb);
                }

                inline = args[++i];
            }

            if (inline.Length == 0)
            {
                throw new UsageException($"option '--{name}' needs a value ({spec.ValueName})", verb);
            }

            options[name] = inline;
        }

        foreach (var missing in verb.Options.Where(o => o.Required && !options.ContainsKey(o.Name)))
        {
            throw new UsageException($"missing option '--{missing.Name} {missing.ValueName}'", verb);
        }

        if (positionals.Count < verb.Arguments.Count)
        {
            throw new UsageException($"missing {verb.Arguments[positionals.Count]}", verb);
        }

        if (positionals.Count > verb.Arguments.Count)
        {
            throw new UsageException($"unexpected argument '{positionals[verb.Arguments.Count]}'", verb);
        }

        return new ParsedArgs(verb, options, positionals);
    }
}
