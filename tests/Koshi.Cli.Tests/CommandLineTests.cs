namespace Koshi.Cli.Tests;

/// <summary>The command line as System.CommandLine reads it: help for every verb, and every bad word named, with exit 2.</summary>
public class CommandLineTests
{
    public static TheoryData<string> VerbNames() => [.. Program.Verbs.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void Every_verb_has_help_by_help_and_by_the_help_option(string name)
    {
        var verb = Program.Verbs.Single(v => v.Name == name);
        var words = name.Split(' ');

        var byHelp = Cli.Run(["help", .. words]);
        var byOption = Cli.Run([.. words, "--help"]);
        var byShort = Cli.Run([.. words, "-h"]);

        foreach (var run in new[] { byHelp, byOption, byShort })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("usage: " + verb.Synopsis, run.Out, StringComparison.Ordinal);
            Assert.Empty(run.Error);
            foreach (var option in verb.Options)
            {
                Assert.Contains("--" + option.Name, run.Out, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Help_wins_over_other_problems_on_the_line()
    {
        var run = Cli.Run("score", "--colour", "red", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: koshi score", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_of_a_group_word_lists_the_verbs_under_it()
    {
        var run = Cli.Run("policy", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: koshi policy check DIR", run.Out, StringComparison.Ordinal);
        Assert.Contains("usage: koshi policy test DIR", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_help_lists_every_verb_with_its_summary()
    {
        var run = Cli.Run("-h");

        Assert.Equal(0, run.ExitCode);
        foreach (var verb in Program.Verbs)
        {
            Assert.Contains($"{verb.Name}  ", run.Out, StringComparison.Ordinal);
            Assert.Contains(verb.Summary, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void An_unknown_option_is_named_for_every_verb(string name)
    {
        var run = Cli.Run([.. name.Split(' '), "--frobnicate", "1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"koshi: unknown option '--frobnicate' for 'koshi {name}'", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: koshi " + name, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("unknown option '-x'", "simulate", "-x", "--scheme", "s", "--population", "p.jsonl")]
    [InlineData("unknown option '--frobnicate' for 'koshi simulate'", "simulate", "--frobnicate=3", "--scheme", "s", "--population", "p.jsonl")]
    [InlineData("option '--json' takes no value", "simulate", "--json=yes", "--scheme", "s", "--population", "p.jsonl")]
    [InlineData("option '--population' needs a value (FILE)", "simulate", "--scheme", "s", "--population=")]
    [InlineData("option '--population' needs a value (FILE)", "fairness", "--scheme", "s", "--population", "--json")]
    [InlineData("option '--population' is given twice", "fairness", "--scheme", "s", "--population", "a.jsonl", "--population", "b.jsonl")]
    [InlineData("missing option '--population FILE'", "fairness", "--scheme", "s")]
    [InlineData("--flips must be at least 0 (got -3)", "simulate", "--scheme", "s", "--population", "p.jsonl", "--flips", "-3")]
    [InlineData("--band 'wide' is not a whole number", "fairness", "--scheme", "s", "--population", "p.jsonl", "--band", "wide")]
    [InlineData("--band must be at least 1 (got 0)", "fairness", "--scheme", "s", "--population", "p.jsonl", "--band", "0")]
    [InlineData("--format 'csv' is not a population format", "population", "generate", "--scheme", "permanent-residence", "--count", "1", "--seed", "1", "--out", "x", "--format", "csv")]
    [InlineData("missing DIR", "policy", "check")]
    [InlineData("unexpected argument 'extra'", "policy", "test", "a", "extra")]
    public void Bad_words_are_named_and_exit_2(string message, params string[] args)
    {
        var run = Cli.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("koshi: " + message, run.Error, StringComparison.Ordinal);
        Assert.Contains("(koshi help ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Words_after_a_double_dash_are_arguments_even_when_they_look_like_options()
    {
        using var temp = new TempDir();
        var file = temp.Write("-case.json", Cases.StrongForeigner);

        var run = Cli.RunIn(temp.Path, DateTimeOffset.UtcNow, "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--pack", Repo.Pack, "--", "-case.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Total 475", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_at_sign_is_a_file_name_not_a_response_file()
    {
        using var temp = new TempDir();
        temp.Write("@case.json", Cases.StrongForeigner);

        var run = Cli.RunIn(temp.Path, DateTimeOffset.UtcNow, "score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--pack", Repo.Pack, "@case.json");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Output_to_a_file_or_pipe_is_plain_text_tables()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Cli.Run("score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--pack", Repo.Pack, file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.Matches(@"(?m)^  criterion\s+points\s+why\s+notes$", run.Out);
        Assert.Matches(@"(?m)^  -+  -+  -+", run.Out);
    }
}
