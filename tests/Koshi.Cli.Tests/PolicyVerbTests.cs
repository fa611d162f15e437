using System.Text.RegularExpressions;

namespace Koshi.Cli.Tests;

public class PolicyVerbTests
{
    [Fact]
    public void Check_of_the_Kazakhstan_pack_summarises_it_and_exits_0()
    {
        var run = Cli.Run("policy", "check", Repo.Pack);

        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = run.OutLines[^1];
        Assert.Matches(@"pack kz sha256:[0-9a-f]{64}: \d+ parameters, \d+ schemes?, \d+ rule sets, \d+ tests, \d+ warnings?$", summary);
    }

    [Fact]
    public void Check_of_a_malformed_pack_lists_every_error_as_file_line_column_under_the_folder_and_exits_2()
    {
        using var temp = new TempDir();
        temp.Write("bad/pack.yaml", "pack:\n  id: broken\n  title: { en: Broken }\n");
        temp.Write("bad/parameters/fees.yaml",
            "parameters:\n  fee.base:\n    title: { en: Base fee }\n    type: integer\n    values:\n      2026-01-01:\n        value: abc\n        source: x\n");
        temp.Write("bad/extra.yaml", "colour: red\n");
        var dir = temp.File("bad");

        var run = Cli.Run("policy", "check", dir);

        Assert.Equal(2, run.ExitCode);
        var lines = run.OutLines;
        Assert.Contains(lines, l => l.StartsWith(dir + "/parameters/fees.yaml:7:16: ", StringComparison.Ordinal) && l.Contains("'abc' is not a whole number", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, "^" + Regex.Escape(dir) + @"/extra\.yaml:1:1: unknown section 'colour'"));
        Assert.Equal($"{dir}: 2 errors, 0 warnings", lines[^1]);
    }

    [Fact]
    public void Check_of_a_missing_folder_exits_2()
    {
        using var temp = new TempDir();

        var run = Cli.Run("policy", "check", temp.File("nothing-here"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such directory", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_of_the_Kazakhstan_pack_passes_and_ends_with_the_counts()
    {
        var run = Cli.Run("policy", "test", Repo.Pack);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^[1-9]\d* passed, 0 failed$", run.OutLines[^1]);
        Assert.DoesNotContain("FAIL", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_pack_test_is_shown_with_its_position_and_what_differed_and_exits_1()
    {
        using var temp = new TempDir();
        var pack = temp.CopyPack();
        var tests = Path.Combine(pack, "tests", "permanent-residence.yaml");
        var text = File.ReadAllText(tests);
        var first = text.IndexOf("      total: 475\n", StringComparison.Ordinal);
        Assert.True(first > 0, "the pack's first residence test expects 475 points");
        File.WriteAllText(tests, string.Concat(text.AsSpan(0, first), "      total: 476\n", text.AsSpan(first + "      total: 475\n".Length)));
        var expected = Cli.Run("policy", "test", Repo.Pack).OutLines[^1].Split(' ')[0];

        var run = Cli.Run("policy", "test", pack);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) - 1} passed, 1 failed", run.OutLines[^1]);
        Assert.Contains($"FAIL {pack}/tests/permanent-residence.yaml:2:5: Typical strong foreigner", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"total: expected 476, got 475 \(" + Regex.Escape(pack) + @"/tests/permanent-residence\.yaml:\d+:\d+\)", run.Out);
    }

    [Fact]
    public void Test_of_a_pack_that_does_not_load_exits_2_with_its_errors_on_stderr()
    {
        using var temp = new TempDir();
        var pack = temp.CopyPack();
        File.AppendAllText(Path.Combine(pack, "parameters", "residence.yaml"), "\nbogus: 1\n");

        var run = Cli.Run("policy", "test", pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(Regex.Escape(pack) + @"/parameters/residence\.yaml:\d+:1: unknown section 'bogus'", run.Error);
        Assert.DoesNotContain("passed,", run.Out, StringComparison.Ordinal);
    }
}
