namespace Koshi.Policy.Tests;

/// <summary><c>sum(m in set: …)</c>, <c>count</c>, <c>any</c> and <c>all</c>: an expression over each member of a set
/// input (or, with <c>not in</c>, each value it lacks), typed and checked at load like every other expression.</summary>
public sealed class SetMemberTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private const string Parameters = """
        parameters:
          weights:
            type: map
            of: integer
            values:
              2026-01-01: { value: { a: 1, b: 4, c: 16, d: 64 }, source: order A }
          rates:
            type: map
            of: decimal
            values:
              2026-01-01: { value: { a: 0.5, b: 0.25, c: 2, d: 1 }, source: order A }
          critical:
            type: set
            values:
              2026-01-01: { value: [b, d], source: order B }
          typo_weights:
            type: map
            of: integer
            values:
              2026-01-01: { value: { a: 1, bb: 2 }, source: order C }
        """;

    /// <summary>A rule set whose outputs start on line 8, column 5 (the expression's text at column 9 for a one-letter name).</summary>
    private static TempPack PackWith(string outputs) => TempPack.Create(
        ("parameters.yaml", Parameters),
        ("r.yaml", "ruleset:\n  id: r\n  title: R\n  inputs:\n    s: { type: set, values: [a, b, c, d], default: [] }\n    n: { type: integer, default: 1 }\n  outputs:\n" + outputs));

    private static RuleSetResult Evaluate(TempPack pack, string members)
    {
        var (loaded, diagnostics) = pack.Check();
        Assert.True(loaded is not null, string.Join("\n", diagnostics));
        var ruleSet = loaded.RuleSet("r");
        return ruleSet.Evaluate(ruleSet.ReadCase($$"""{ "s": [{{members}}] }"""), March2026);
    }

    private const string Every = """
            total: "sum(m in s: lookup(weights, m))"
            rate: "sum(m in s: lookup(rates, m))"
            critical: "count(m in s: m in param(critical))"
            missing: "count(m not in s: m in param(critical))"
            lacking: "sum(m not in s: lookup(weights, m))"
            some: "any(m in s: m >= 'c')"
            every: "all(m in s: m in param(critical))"
            nested: "sum(m in s: count(k in s: k < m))"
        """;

    [Theory]
    [InlineData("", 0L, 0, 0L, 2L, 85L, false, true, 0L)]
    [InlineData("\"a\"", 1L, 0.5, 0L, 2L, 84L, false, false, 0L)]
    [InlineData("\"b\", \"d\"", 68L, 1.25, 2L, 0L, 17L, true, true, 1L)]
    [InlineData("\"a\", \"b\", \"c\", \"d\"", 85L, 3.75, 2L, 0L, 0L, true, false, 6L)]
    public void Each_function_combines_the_members_it_goes_over(string members, long total, double rate, long critical, long missing, long lacking, bool some, bool every, long nested)
    {
        using var pack = PackWith(Every);
        var result = Evaluate(pack, members);

        Assert.Equal(total, result["total"]);
        Assert.Equal((decimal)rate, result["rate"]);
        Assert.Equal(critical, result["critical"]);
        Assert.Equal(missing, result["missing"]);
        Assert.Equal(lacking, result["lacking"]);
        Assert.Equal(some, result["some"]);
        Assert.Equal(every, result["every"]);
        Assert.Equal(nested, result["nested"]);
    }

    [Fact]
    public void Ordinary_calls_and_membership_tests_still_parse_as_before()
    {
        using var pack = PackWith("""
                size: "count(s)"
                listed: "any_of_these(n in [1, 2])"
            """);
        var errors = pack.Errors();

        // count(set) is the old count; a call whose argument is a plain 'in' test is an ordinary call, here of an unknown function.
        Assert.DoesNotContain(errors, e => e.StartsWith("r.yaml:8:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("r.yaml:9:", StringComparison.Ordinal) && e.Contains("unknown function 'any_of_these'", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_uses_are_reported_where_they_are_written()
    {
        using var pack = PackWith("""
                a: "avg(m in s: 1)"
                b: "sum(m in n: 1)"
                c: "sum(m in param(critical): 1)"
                d: "count(m in s: 1)"
                e: "sum(m in s: m = 'b')"
                f: "count(m in s: m = 'bb')"
                g: "sum(n in s: 1)"
                h: "sum(m in s: 1) + m"
                i: "sum(m in s: sum(m in s: 1))"
                j: "sum(m in s: lookup(typo_weights, m))"
                k: "count(m in s: m in param(kritical))"
            """);
        var errors = pack.Errors();

        void Reported(string at, string message) => Assert.True(
            errors.Any(e => e.StartsWith($"r.yaml:{at}:", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal)),
            $"expected at {at}: {message}\n{string.Join("\n", errors)}");

        Reported("8:9", "avg() cannot go over the members of a set: use sum, count, any or all");
        Reported("9:18", "sum() goes over the members of a set input, not a whole number");
        Reported("10:18", "sum() goes over the members of a set input, not a set of texts");
        Reported("11:23", "count()'s body must be a condition (true/false), not a whole number");
        Reported("12:23", "sum()'s body must be a number, not a condition (true/false)");
        Reported("13:27", "'bb' is not a value of");
        Reported("13:27", "(did you mean 'b'?)");
        Reported("14:13", "'n' is already a name here: call the member something else");
        Reported("15:26", "unknown name 'm'");
        Reported("16:25", "'m' is already a name here");
        Assert.Contains(errors, e => e.StartsWith("parameters.yaml:", StringComparison.Ordinal)
                                     && e.Contains("parameter 'typo_weights' from 2026-01-01: 'bb' is not a value of", StringComparison.Ordinal));
        Reported("18:34", "unknown parameter 'kritical' (did you mean 'critical'?)");
    }

    [Fact]
    public void A_scheme_criterion_over_a_set_scores_the_same_case_by_case_and_over_a_population()
    {
        using var pack = TempPack.Create(("parameters.yaml", Parameters), ("s.yaml", """
            scheme:
              id: s
              title: S
              inputs:
                s: { type: set, values: [a, b, c, d], default: [] }
              criteria:
                - id: weights
                  source: test
                  points: "sum(m in s: lookup(weights, m)) + count(m not in s: m in param(critical))"
              pass: { rule: "total >= 20" }
            """));
        var scheme = pack.Load().Scheme("s");
        string[] people = ["""{ "s": [] }""", """{ "s": ["a", "c"] }""", """{ "s": ["b", "c", "d"] }"""];
        var path = Path.Combine(pack.Directory, "people.jsonl");
        File.WriteAllLines(path, people);

        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);

        long[] expected = [2, 19, 84];
        Assert.Equal(expected, people.Select(p => scheme.Evaluate(scheme.ReadCase(p), March2026).Total));
        Assert.Equal(expected, Enumerable.Range(0, people.Length).Select(i => (long)scores.Total(i)));
    }
}
