using System.Text.Json;

namespace Koshi.Cli.Tests;

public class PopulationTests
{
    private static readonly string[] Decisions = ["pass", "fail-gate", "fail-score"];

    private static CliRun Generate(string file, int count, int seed, string? pack = null)
        => Cli.Run("population", "generate", "--scheme", "permanent-residence", "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file, "--pack", pack ?? Repo.Pack);

    [Fact]
    public void Generate_with_the_same_seed_writes_the_same_bytes_and_another_seed_other_bytes()
    {
        using var temp = new TempDir();

        var a = Generate(temp.File("a.jsonl"), 300, 42);
        var b = Generate(temp.File("b.jsonl"), 300, 42);
        var c = Generate(temp.File("c.jsonl"), 300, 43);

        Assert.True(a.ExitCode == 0, a.ToString());
        Assert.True(b.ExitCode == 0, b.ToString());
        Assert.True(c.ExitCode == 0, c.ToString());
        Assert.Contains("wrote 300 cases of permanent-residence", a.Out, StringComparison.Ordinal);
        var bytesA = File.ReadAllBytes(temp.File("a.jsonl"));
        Assert.Equal(bytesA, File.ReadAllBytes(temp.File("b.jsonl")));
        Assert.NotEqual(bytesA, File.ReadAllBytes(temp.File("c.jsonl")));
        Assert.Equal(300, File.ReadAllLines(temp.File("a.jsonl")).Length);
        Assert.False(File.Exists(temp.File("a.jsonl.tmp")));
    }

    [Fact]
    public void Any_line_of_a_generated_population_is_a_valid_case_file()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 50, 7);
        var lines = File.ReadAllLines(temp.File("pop.jsonl"));

        foreach (var i in new[] { 0, 17, 49 })
        {
            var file = temp.Write($"case{i}.json", lines[i]);
            var run = Cli.Run("score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--pack", Repo.Pack, "--json", file);
            Assert.True(run.ExitCode == 0, run.ToString());
            using var json = JsonDocument.Parse(run.Out);
            Assert.Contains(json.RootElement.GetProperty("decision").GetString(), Decisions);
        }
    }

    [Fact]
    public void Generate_into_a_missing_folder_is_bad_input()
    {
        using var temp = new TempDir();
        var target = Path.Combine(temp.Path, "no", "such", "pop.jsonl");

        var run = Generate(target, 10, 1);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(target + ": cannot write the file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_without_a_reform_prints_the_summary_tables()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 2000, 5);

        var run = Cli.Run("simulate", "--scheme", "permanent-residence", "--population", temp.File("pop.jsonl"), "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Error);
        Assert.Contains("Simulation of permanent-residence as of 2026-03-01: 2,000 cases", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  passed\s+[\d,]+\s+\d+\.\d%$", run.Out);
        Assert.Contains("Totals (histogram)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Mean points by criterion", run.Out, StringComparison.Ordinal);
        Assert.Contains("By applicant_kind", run.Out, StringComparison.Ordinal);
        Assert.Contains("Errors: none", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Scored 2,000 cases once in \d+\.\d{3} s \([\d,]+ rows/s\)", run.Out);
        Assert.DoesNotContain("Flips", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_a_higher_pass_mark_makes_people_fail_and_none_pass()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 3000, 11);
        var reform = temp.CopyPack("reform");
        var residence = Path.Combine(reform, "parameters", "residence.yaml");
        var yaml = File.ReadAllText(residence);
        Assert.Contains("        value: 400\n", yaml, StringComparison.Ordinal);
        File.WriteAllText(residence, yaml.Replace("        value: 400\n", "        value: 450\n", StringComparison.Ordinal));

        var json = Cli.Run("simulate", "--scheme", "permanent-residence", "--population", temp.File("pop.jsonl"), "--reform", reform,
            "--as-of", "2026-03-01", "--pack", Repo.Pack, "--json", "--flips", "10");
        var text = Cli.Run("simulate", "--scheme", "permanent-residence", "--population", temp.File("pop.jsonl"), "--reform", reform,
            "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.True(json.ExitCode == 0, json.ToString());
        using var report = JsonDocument.Parse(json.Out);
        var root = report.RootElement;
        var before = root.GetProperty("baseline").GetProperty("passed").GetInt64();
        var after = root.GetProperty("reform").GetProperty("passed").GetInt64();
        var toFail = root.GetProperty("toFail").GetInt64();
        Assert.True(after < before, $"reform passes {after}, baseline {before}");
        Assert.Equal(before - after, toFail);
        Assert.Equal(0, root.GetProperty("toPass").GetInt64());
        var flips = root.GetProperty("flips").EnumerateArray().ToList();
        Assert.Equal(Math.Min(10, toFail), flips.Count);
        Assert.All(flips, f =>
        {
            Assert.Equal("pass", f.GetProperty("baselineDecision").GetString());
            Assert.Equal("fail-score", f.GetProperty("reformDecision").GetString());
            Assert.InRange(f.GetProperty("reformTotal").GetInt64(), 400, 449);
        });

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"Flips: {toFail:N0} pass under the baseline and fail under the reform; 0 fail and then pass", text.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+\d+\s+4\d\d pass\s+4\d\d fail-score\s+\(no criterion moved", text.Out);
        Assert.Contains("reform    " + reform, text.Out, StringComparison.Ordinal);
    }

    /// <summary>"Today" is the date in Astana (UTC+5): 23:30Z on 2 March is already 3 March there, 18:00Z is not yet.</summary>
    [Theory]
    [InlineData(23, 30, "2026-03-03")]
    [InlineData(18, 59, "2026-03-02")]
    public void Simulate_as_of_defaults_to_today_in_Kazakhstan(int hour, int minute, string expected)
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 100, 3);

        var run = Cli.RunIn(temp.Path, new DateTimeOffset(2026, 3, 2, hour, minute, 0, TimeSpan.Zero),
            "simulate", "--scheme", "permanent-residence", "--population", "pop.jsonl", "--pack", Repo.Pack, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal(expected, report.RootElement.GetProperty("asOf").GetString());
        Assert.Equal("pop.jsonl", report.RootElement.GetProperty("population").GetString());
    }

    [Fact]
    public void Simulate_a_bad_population_row_names_the_file_line_and_field()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 10, 1);
        var lines = File.ReadAllLines(temp.File("pop.jsonl"));
        lines[2] = System.Text.RegularExpressions.Regex.Replace(lines[2], "\"citizenship\":\"[A-Z]{2}\"", "\"citizenship\":\"zz\"");
        var bad = temp.File("bad.jsonl");
        File.WriteAllLines(bad, lines);

        var run = Cli.Run("simulate", "--scheme", "permanent-residence", "--population", bad, "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.StartsWith($"{bad}:3: citizenship: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_a_missing_population_file_is_bad_input()
    {
        using var temp = new TempDir();

        var run = Cli.Run("simulate", "--scheme", "permanent-residence", "--population", temp.File("none.jsonl"), "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("none.jsonl: no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_with_a_reform_without_the_scheme_is_bad_input()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 10, 1);
        var reform = temp.CopyPack("reform");
        File.Delete(Path.Combine(reform, "schemes", "permanent-residence.yaml"));
        File.Delete(Path.Combine(reform, "populations", "permanent-residence.yaml"));
        File.Delete(Path.Combine(reform, "tests", "permanent-residence.yaml"));

        var run = Cli.Run("simulate", "--scheme", "permanent-residence", "--population", temp.File("pop.jsonl"), "--reform", reform,
            "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no scheme 'permanent-residence'", run.Error, StringComparison.Ordinal);
    }
}
