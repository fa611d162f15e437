using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Koshi.Cli.Infrastructure;

/// <summary>
/// The command line as System.CommandLine reads it: a command for each word of a verb, an option for each of its
/// <see cref="OptionSpec"/>s, and its positional arguments. The checks that name an option (unknown, given twice,
/// without a value, missing) are made here, so the messages are the command's own in every locale, and help is
/// each verb's own page.
/// </summary>
internal sealed class CommandLine
{
    private static readonly ParserConfiguration Parsing = new()
    {
        // "@file" is a file name here, not a response file; there are no one-letter options to bundle.
        ResponseFileTokenReplacer = null,
        EnablePosixBundling = false,
    };

    private readonly IReadOnlyList<Verb> _verbs;
    private readonly CliContext _context;
    private readonly RootCommand _root;
    private readonly Dictionary<Command, VerbCommand> _leaves = [];
    private readonly Dictionary<Command, string[]> _groups = [];
    private readonly Command _help;

    public CommandLine(IReadOnlyList<Verb> verbs, CliContext context)
    {
        _verbs = verbs;
        _context = context;
        _root = new RootCommand("koshi") { TreatUnmatchedTokensAsErrors = false };
        _root.Options.Clear();
        _root.Directives.Clear();
        _root.Options.Add(new System.CommandLine.Help.HelpOption("--help", "-h") { Action = new VerbHelpAction(this) });
        _root.SetAction(new Func<ParseResult, int>(_ => throw UnknownCommand()));

        var words = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore };
        _help = new Command("help", "Show the commands, or a command's options.") { words };
        _help.SetAction(parse => Dispatcher.Help(parse.GetValue(words) ?? [], _context, _verbs));
        _root.Subcommands.Add(_help);

        foreach (var verb in verbs)
        {
            Add(verb);
        }
    }

    private string[] Args { get; set; } = [];

    public int Run(string[] args)
    {
        Args = args;
        var parse = _root.Parse(args, Parsing);
        if (parse.Errors.Count > 0 && parse.Action is not VerbHelpAction)
        {
            // Our own checks name the option; a problem they do not foresee keeps System.CommandLine's words.
            if (_leaves.TryGetValue(parse.CommandResult.Command, out var leaf))
            {
                Read(parse, leaf);
                throw new UsageException(parse.Errors[0].Message, leaf.Verb);
            }

            throw UnknownCommand();
        }

        return parse.Invoke(new InvocationConfiguration { Output = _context.Out, Error = _context.Error, EnableDefaultExceptionHandler = false });
    }

    private void Add(Verb verb)
    {
        Command parent = _root;
        var words = verb.Words;
        for (var i = 0; i < words.Length - 1; i++)
        {
            var group = parent.Subcommands.FirstOrDefault(c => c.Name == words[i]);
            if (group is null)
            {
                group = new Command(words[i]) { TreatUnmatchedTokensAsErrors = false };
                group.SetAction(new Func<ParseResult, int>(_ => throw UnknownCommand()));
                parent.Subcommands.Add(group);
                _groups[group] = words[..(i + 1)];
            }

            parent = group;
        }

        var command = new Command(words[^1], verb.Summary) { TreatUnmatchedTokensAsErrors = false };
        var options = new List<(OptionSpec, Option)>();
        foreach (var spec in verb.Options)
        {
            Option option = spec.IsFlag
                ? new Option<bool>("--" + spec.Name) { Description = spec.Help, Arity = ArgumentArity.Zero }
                : new Option<string>("--" + spec.Name) { Description = spec.Help, HelpName = spec.ValueName, Arity = ArgumentArity.ZeroOrOne };
            command.Options.Add(option);
            options.Add((spec, option));
        }

        // Every other word is collected here and checked in Read: an unknown option is named, not taken as a value.
        var positionals = new Argument<string[]>("ARGUMENTS") { Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(positionals);
        var leaf = new VerbCommand(verb, positionals, options);
        command.SetAction(parse => verb.Execute(_context, Read(parse, leaf)));
        parent.Subcommands.Add(command);
        _leaves[command] = leaf;
    }

    /// <summary>A verb's options and arguments as it takes them, or a <see cref="UsageException"/> naming what does not fit.</summary>
    private ParsedArgs Read(ParseResult parse, VerbCommand leaf)
    {
        var verb = leaf.Verb;
        var afterDashes = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var dashes = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        if (dashes >= 0)
        {
            afterDashes.UnionWith(parse.Tokens.Skip(dashes + 1));
        }

        var words = parse.GetResult(leaf.Positionals)?.Tokens ?? [];
        var optionLike = words.Where(t => !afterDashes.Contains(t)).Select(t => t.Value).Concat(parse.UnmatchedTokens)
            .FirstOrDefault(w => w.Length > 1 && w.StartsWith('-'));
        if (optionLike is not null)
        {
            throw new UsageException(optionLike.StartsWith("--", StringComparison.Ordinal)
                ? $"unknown option '{optionLike.Split('=', 2)[0]}' for 'koshi {verb.Name}'"
                : $"unknown option '{optionLike}'", verb);
        }

        // System.CommandLine splits "--json=yes" into the flag and an argument: name the flag instead.
        var given = Args.TakeWhile(a => a != "--").ToList();
        if (verb.Options.FirstOrDefault(o => o.IsFlag && given.Any(a => a.StartsWith($"--{o.Name}=", StringComparison.Ordinal))) is { } valued)
        {
            throw new UsageException($"option '--{valued.Name}' takes no value", verb);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (spec, option) in leaf.Options)
        {
            if (parse.GetResult(option) is not { Implicit: false } result)
            {
                continue;
            }

            if (result.IdentifierTokenCount > 1)
            {
                throw new UsageException($"option '--{spec.Name}' is given twice", verb);
            }

            if (spec.IsFlag)
            {
                if (result.Tokens.Count > 0 || result.Errors.Any())
                {
                    throw new UsageException($"option '--{spec.Name}' takes no value", verb);
                }

                values[spec.Name] = null;
                continue;
            }

            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (string.IsNullOrEmpty(value))
            {
                throw new UsageException($"option '--{spec.Name}' needs a value ({spec.ValueName})", verb);
            }

            values[spec.Name] = value;
        }

        foreach (var missing in verb.Options.Where(o => o.Required && !values.ContainsKey(o.Name)))
        {
            throw new UsageException($"missing option '--{missing.Name} {missing.ValueName}'", verb);
        }

        var positionals = words.Select(t => t.Value).ToList();
        if (positionals.Count < verb.Arguments.Count)
        {
            throw new UsageException($"missing {verb.Arguments[positionals.Count]}", verb);
        }

        if (positionals.Count > verb.Arguments.Count)
        {
            throw new UsageException($"unexpected argument '{positionals[verb.Arguments.Count]}'", verb);
        }

        return new ParsedArgs(verb, values, positionals);
    }

    private UsageException UnknownCommand()
    {
        if (Args.Length == 0)
        {
            return new UsageException("no command given", null);
        }

        return new UsageException($"unknown command '{string.Join(' ', Args.TakeWhile(a => !a.StartsWith('-')).Take(2))}'", null);
    }

    /// <summary><c>--help</c> or <c>-h</c> after any command: the page of the verb, of the verbs under a group word, or of the command.</summary>
    private int WriteHelp(Command command)
    {
        if (_leaves.TryGetValue(command, out var leaf))
        {
            leaf.Verb.WriteHelp(_context.Out);
            return Dispatcher.Ok;
        }

        return _groups.TryGetValue(command, out var words)
            ? Dispatcher.Help(words, _context, _verbs)
            : Dispatcher.Help([], _context, _verbs);
    }

    private sealed record VerbCommand(Verb Verb, Argument<string[]> Positionals, IReadOnlyList<(OptionSpec Spec, Option Option)> Options);

    /// <summary>Help is the verbs' own pages (the usage line the tests and the docs quote), not System.CommandLine's layout.</summary>
    private sealed class VerbHelpAction(CommandLine line) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => line.WriteHelp(parseResult.CommandResult.Command);
    }
}
