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
internal sealed class ParsedArgs(Verb verb, IReadOnlyDictionary<string, string?> options, IReadOnlyList<string> positionals)
{
    public Verb Verb { get; } = verb;
    public IReadOnlyList<string> Positionals { get; } = positionals;

    public string? Value(string name) => options.GetValueOrDefault(name);

    public bool Flag(string name) => options.ContainsKey(name);
}
