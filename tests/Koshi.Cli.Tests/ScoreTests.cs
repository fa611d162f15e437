using System.Text.Json;

namespace Koshi.Cli.Tests;

public class ScoreTests
{
    private static CliRun Score(string file, params string[] more)
        => Cli.Run(["score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--pack", Repo.Pack, .. more, file]);

    [Fact]
    public void A_passing_case_shows_total_decision_gates_criteria_and_law_values()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Score(file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Error);
        Assert.Contains("Total 475", run.Out, StringComparison.Ordinal);
        Assert.Contains("(pass mark 400): PASS (decision: pass)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  kaztest\s+passed\s", run.Out);
        Assert.Matches(@"(?m)^  age: Age\s+120\s+row \d+: ", run.Out);
        Assert.Matches(@"(?m)^  education: Education\s+120\s", run.Out);
        Assert.Matches(@"(?m)^  total\s+475", run.Out);
        Assert.Matches(@"(?m)^  residence\.pass_mark\s+400 points\s+2026-02-13\s+pass mark\s+Joint order", run.Out);
        Assert.DoesNotContain("To reach the pass mark", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_case_shows_what_would_reach_the_pass_mark()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.WeakApplicant);

        var run = Score(file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Total 175", run.Out, StringComparison.Ordinal);
        Assert.Contains("FAIL (decision: fail-score)", run.Out, StringComparison.Ordinal);
        Assert.Contains("To reach the pass mark (400)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+1  \S+: \S+ -> \S+.*\s(4\d\d|[5-9]\d\d)$", run.Out);
    }

    [Fact]
    public void Json_prints_the_explanation_that_parses()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Score(file, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("koshi.explanation/1", root.GetProperty("schema").GetString());
        Assert.Equal(475, root.GetProperty("total").GetInt64());
        Assert.Equal("pass", root.GetProperty("decision").GetString());
        Assert.True(root.GetProperty("passed").GetBoolean());
        var age = root.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "age");
        Assert.Equal(120, age.GetProperty("points").GetInt64());
    }

    [Fact]
    public void Lang_shows_titles_in_Russian()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Score(file, "--lang", "ru");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Балльная оценка для вида на жительство", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_with_wrong_types_and_missing_fields_names_every_bad_field_and_exits_2()
    {
        using var temp = new TempDir();
        var file = temp.Write("bad.json", """{ "applicant_kind": "martian", "birth_date": "yesterday", "kaztest_attempts": "3" }""");

        var run = Score(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains($"{file}: applicant_kind: 'martian' is not one of: foreigner, kandas", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}: birth_date: ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}: kaztest_attempts: ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}: citizenship: is required", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}: health_certificate: is required", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_is_bad_input()
    {
        using var temp = new TempDir();
        var file = temp.Write("bad.json", "applicant_kind: foreigner");

        var run = Score(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}: $: not valid JSON", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_case_file_is_named()
    {
        using var temp = new TempDir();
        var file = temp.File("nope.json");

        var run = Score(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"koshi: {file}: no such file", run.ErrorLines.Single());
    }

    [Fact]
    public void An_unknown_scheme_lists_the_schemes_of_the_pack()
    {
        using var temp = new TempDir();
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Cli.Run("score", "--scheme", "citizenship", "--as-of", "2026-03-01", "--pack", Repo.Pack, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no scheme 'citizenship'; it has: permanent-residence", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_pack_stops_scoring_with_its_errors()
    {
        using var temp = new TempDir();
        var pack = temp.CopyPack();
        File.AppendAllText(Path.Combine(pack, "parameters", "residence.yaml"), "\nbogus: 1\n");
        var file = temp.Write("case.json", Cases.StrongForeigner);

        var run = Cli.Run("score", "--scheme", "permanent-residence", "--as-of", "2026-03-01", "--pack", pack, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(pack + "/parameters/residence.yaml:", run.Error, StringComparison.Ordinal);
        Assert.Contains("has 1 error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_the_law_cannot_be_applied_to_is_bad_input_with_the_reason()
    {
        using var temp = new TempDir();
        var file = temp.Write("late.json", Cases.StrongForeigner.Replace("\"lodgement_date\": \"2026-03-01\"", "\"lodgement_date\": \"2027-06-01\"", StringComparison.Ordinal));

        var run = Score(file);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains($"koshi: {file}: the law cannot be applied to this case", run.Error, StringComparison.Ordinal);
        Assert.Contains("has no value on 2027-06-01", run.Error, StringComparison.Ordinal);
    }
}
