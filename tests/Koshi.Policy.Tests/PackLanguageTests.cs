namespace Koshi.Policy.Tests;

/// <summary>The constructs other countries' schemes need from the pack language, and their misuses.</summary>
public sealed class PackLanguageTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private static IReadOnlyList<string> ErrorsOf(params (string Path, string Yaml)[] files)
    {
        using var pack = TempPack.Create(files);
        return pack.Errors();
    }

    private static string Values(int count) => "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"v{i}")) + "]";

    [Fact]
    public void An_enum_of_more_than_63_values_is_refused_because_its_bits_would_alias()
    {
        // v64 would share v0's bit in a table cell or an 'in' list: a case with v64 would match 'v0'.
        var errors = ErrorsOf(("r.yaml", $$"""
            ruleset:
              id: r
              title: R
              inputs:
                country: { type: enum, values: {{Values(70)}} }
              outputs:
                first: "country in ['v0']"
            """));

        Assert.Contains(errors, e => e.StartsWith("r.yaml:5:", StringComparison.Ordinal)
            && e.Contains("an enum input can have at most 63 values, 'country' has 70", StringComparison.Ordinal));
    }

    [Fact]
    public void An_enum_of_63_values_matches_its_last_value_and_only_it()
    {
        using var pack = TempPack.Create(("r.yaml", $$"""
            ruleset:
              id: r
              title: R
              inputs:
                country: { type: enum, values: {{Values(63)}} }
              outputs:
                listed: "country in ['v62']"
                row:
                  table:
                    columns: [country]
                    rows:
                      - { when: ["v62"], then: 1 }
                      - { when: ["v0"], then: 2 }
                    default: 0
            """));
        var ruleSet = pack.Load().RuleSet("r");

        var last = ruleSet.Evaluate(ruleSet.ReadCase("""{ "country": "v62" }"""), March2026);
        var first = ruleSet.Evaluate(ruleSet.ReadCase("""{ "country": "v0" }"""), March2026);

        Assert.Equal(true, last["listed"]);
        Assert.Equal(1L, last["row"]);
        Assert.Equal(false, first["listed"]);
        Assert.Equal(2L, first["row"]);
    }
}

public sealed class PackTestFileTests
{
    [Fact]
    public void Check_refuses_expectations_that_name_unknown_criteria_gates_or_outputs()
    {
        using var pack = TempPack.Create(
            ("s.yaml", """
                scheme:
                  id: s
                  title: S
                  inputs:
                    n: { type: integer }
                  gates:
                    - { id: adult, title: Adult, rule: "n >= 0", reason: negative, source: test }
                  criteria:
                    - { id: education, points: "n", source: test }
                  pass: { rule: "total >= 10" }
                """),
            ("r.yaml", """
                ruleset:
                  id: r
                  title: R
                  inputs:
                    n: { type: integer }
                  outputs:
                    fee: "n * 2"
                """),
            ("t.yaml", """
                tests:
                  - name: scheme case
                    scheme: s
                    as-of: 2026-03-01
                    inputs: { n: 12 }
                    expect:
                      points: { educaton: 12 }
                      gates: { adults: true }
                      outputs: { fee: 1 }
                  - name: rule set case
                    ruleset: r
                    as-of: 2026-03-01
                    inputs: { n: 1 }
                    expect:
                      outputs: { fees: 2 }
                      total: 2
                """));

        var errors = pack.Errors();

        Assert.Contains("t.yaml:7:17: test 'scheme case': no criterion 'educaton' (did you mean 'education'?)", errors);
        Assert.Contains("t.yaml:8:16: test 'scheme case': no gate 'adults' (did you mean 'adult'?)", errors);
        Assert.Contains(errors, e => e.StartsWith("t.yaml:9:", StringComparison.Ordinal) && e.Contains("'outputs' cannot be expected of a scheme", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("t.yaml:15:", StringComparison.Ordinal) && e.Contains("no output 'fees' (did you mean 'fee'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("t.yaml:16:", StringComparison.Ordinal) && e.Contains("'total' cannot be expected of a rule set", StringComparison.Ordinal));
    }
}
