using Koshi.Cli.Infrastructure;

namespace Koshi.Cli.Tests;

public class UsageTests
{
    [Fact]
    public void Help_lists_every_verb_and_exits_0()
    {
        var run = Cli.Run("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "policy check", "policy test", "score", "population generate", "simulate" })
        {
            Assert.Contains(verb, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("help", "score")]
    [InlineData("score", "--help")]
    public void Help_for_a_verb_shows_its_usage(string first, string second)
    {
        var run = Cli.Run(first, second);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: koshi score --scheme ID --as-of DATE FILE", run.Out, StringComparison.Ordinal);
        Assert.Contains("--lang", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_for_two_word_verbs()
    {
        var run = Cli.Run("help", "population", "generate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: koshi population generate --scheme ID --count N --seed S --out FILE", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("policy")]
    [InlineData("policy", "lint", "x")]
    public void Unknown_verb_prints_usage_on_stderr_and_exits_2(params string[] args)
    {
        var run = Cli.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("unknown command", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: koshi COMMAND", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_is_a_usage_error()
    {
        var run = Cli.Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown option '--colour'", "score", "--colour", "red", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "x.json")]
    [InlineData("missing option '--as-of DATE'", "score", "--scheme", "permanent-residence", "x.json")]
    [InlineData("missing FILE", "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01")]
    [InlineData("unexpected argument 'y.json'", "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "x.json", "y.json")]
    [InlineData("option '--scheme' is given twice", "score", "--scheme", "a", "--scheme", "b", "--as-of", "2026-03-01", "x.json")]
    [InlineData("option '--scheme' needs a value", "score", "--as-of", "2026-03-01", "x.json", "--scheme")]
    [InlineData("--as-of '2026-02-30' is not a date", "score", "--scheme", "permanent-residence", "--as-of", "2026-02-30", "x.json")]
    [InlineData("--lang 'fr' is not known", "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--lang", "fr", "x.json")]
    [InlineData("--count 'many' is not a whole number", "population", "generate", "--scheme", "s", "--count", "many", "--seed", "1", "--out", "x")]
    [InlineData("--count must be at least 1", "population", "generate", "--scheme", "s", "--count", "0", "--seed", "1", "--out", "x")]
    [InlineData("--as-of 'today' is not a date", "simulate", "--scheme", "s", "--population", "p.jsonl", "--as-of", "today")]
    public void Bad_options_print_the_problem_and_the_usage_and_exit_2(string message, params string[] args)
    {
        var run = Cli.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: koshi " + args[0], run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Option_values_may_follow_an_equals_sign()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Cli.Run("score", "--scheme=permanent-residence", "--as-of=2026-03-01", "--pack=" + Repo.Pack, file);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void The_default_pack_is_found_from_any_subfolder_of_the_repository()
    {
        var sub = Path.Combine(Repo.Root, "src", "Koshi.Policy");

        var location = Packs.Locate(null, sub);

        Assert.Equal(Path.GetFullPath(Repo.Pack), Path.GetFullPath(location.FullPath));
        Assert.Equal("../../policy/kz", location.Display);
    }

    [Fact]
    public void Commands_without_pack_use_policy_kz_above_the_current_folder()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Cli.RunIn(Path.Combine(Repo.Root, "tests"), DateTimeOffset.UtcNow, "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(../policy/kz)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_pack_above_the_current_folder_the_command_says_so()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Cli.RunIn(temp.Path, DateTimeOffset.UtcNow, "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no policy pack found", run.Error, StringComparison.Ordinal);
        Assert.Contains("--pack DIR", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_fault_prints_one_line_and_exits_1()
    {
        var verb = new Verb("explode", "Fails.", [], [], "", (_, _) => throw new InvalidOperationException("boom\nsecond line"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = Dispatcher.Run(["explode"], new CliContext(stdout, stderr, TimeProvider.System, Repo.Root, false), [verb]);

        Assert.Equal(1, code);
        Assert.Equal("koshi: unexpected error (InvalidOperationException): boom second line" + Environment.NewLine, stderr.ToString());
    }
}
