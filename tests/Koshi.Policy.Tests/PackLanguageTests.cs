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
                      decision: passs
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
        Assert.Contains(errors, e => e.StartsWith("t.yaml:10:", StringComparison.Ordinal) && e.Contains("unknown decision 'passs' (expected pass, fail-gate, fail-score, ranked) (did you mean 'pass'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("t.yaml:16:", StringComparison.Ordinal) && e.Contains("no output 'fees' (did you mean 'fee'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("t.yaml:17:", StringComparison.Ordinal) && e.Contains("'total' cannot be expected of a rule set", StringComparison.Ordinal));
    }
}

public sealed class EnumParameterTests
{
    private const string Parameters = """
        parameters:
          min_level:
            type: text
            values:
              2025-01-01: { value: b1, source: order A }
              2026-01-01: { value: b2, source: order B }
          accepted_levels:
            type: set
            values:
              2025-01-01: { value: [b2, c1], source: order C }
        """;

    private static string RuleSet(string outputs) => $$"""
        ruleset:
          id: r
          title: R
          inputs:
            level: { type: enum, values: [a1, a2, b1, b2, c1, c2] }
          outputs:
        {{outputs}}
        """;

    [Theory]
    [InlineData("b1", "2025-06-01", true)]
    [InlineData("b1", "2026-03-01", false)]
    [InlineData("c2", "2026-03-01", true)]
    [InlineData("a1", "2025-06-01", false)]
    public void A_text_parameter_compares_with_an_enum_by_the_enums_order(string level, string asOf, bool expected)
    {
        using var pack = TempPack.Create(("p.yaml", Parameters), ("r.yaml", RuleSet("""
                enough: "level >= param(min_level)"
                exactly: "param(min_level) = level"
                listed: "level in param(accepted_levels)"
            """)));
        var ruleSet = pack.Load().RuleSet("r");

        var result = ruleSet.Evaluate(ruleSet.ReadCase($$"""{ "level": "{{level}}" }"""), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, result["enough"]);
        Assert.Equal(level == (asOf.StartsWith("2025", StringComparison.Ordinal) ? "b1" : "b2"), result["exactly"]);
        Assert.Equal(level is "b2" or "c1", result["listed"]);
    }

    [Fact]
    public void A_typo_in_an_enum_valued_or_set_valued_parameter_fails_the_check_with_the_closest_value()
    {
        using var pack = TempPack.Create(
            ("p.yaml", """
                parameters:
                  min_level:
                    type: text
                    values:
                      2025-01-01: { value: b1, source: order A }
                      2026-01-01: { value: B2, source: order B }
                  accepted_levels:
                    type: set
                    values:
                      2026-01-01: { value: [b2, c1, cc2], source: order C }
                """),
            ("r.yaml", RuleSet("""
                enough: "level >= param(min_level)"
                again: "level = param(min_level)"
                listed: "level in param(accepted_levels)"
            """)));

        var errors = pack.Errors();

        Assert.True(errors.Count == 2, string.Join("\n", errors));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:6:", StringComparison.Ordinal)
            && e.Contains("parameter 'min_level' from 2026-01-01: 'B2' is not a value of enum (a1, a2, b1, b2, c1, c2) (did you mean 'b2'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:10:", StringComparison.Ordinal)
            && e.Contains("'cc2' is not a value of enum (a1, a2, b1, b2, c1, c2) (did you mean 'c2'?)", StringComparison.Ordinal));
    }
}

public sealed class EnumKeyedMapTests
{
    [Fact]
    public void A_map_read_by_an_enum_has_only_its_values_as_keys()
    {
        using var pack = TempPack.Create(
            ("p.yaml", """
                parameters:
                  bonus:
                    type: map
                    values:
                      2026-01-01: { value: { b1: 5, c11: 10 }, source: order }
                """),
            ("r.yaml", """
                ruleset:
                  id: r
                  title: R
                  inputs:
                    level: { type: enum, values: [a1, b1, c1] }
                  outputs:
                    points: "lookup(bonus, level, 0)"
                """));

        var error = Assert.Single(pack.Errors());

        Assert.StartsWith("p.yaml:5:", error, StringComparison.Ordinal);
        Assert.Contains("parameter 'bonus' from 2026-01-01: 'c11' is not a value of enum (a1, b1, c1) (did you mean 'c1'?)", error, StringComparison.Ordinal);
    }
}

public sealed class SuggestionTests
{
    [Theory]
    [InlineData("B2", "b2")]
    [InlineData("bahcelor", "bachelor")]
    [InlineData("bachelors", "bachelor")]
    [InlineData("c3", "c1")]
    [InlineData("mastr", "master")]
    [InlineData("zzzz", null)]
    public void Did_you_mean_picks_the_closest_value(string typo, string? expected)
    {
        string[] values = ["none", "a1", "a2", "b1", "b2", "c1", "c2", "secondary", "bachelor", "master", "doctorate"];

        Assert.Equal(expected, Expressions.ExpressionBinder.Closest(typo, values));
    }
}

public sealed class NestedGroupTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private static string Scheme(string groups) => $$"""
        scheme:
          id: s
          title: S
          inputs:
            r: { type: integer }
            w: { type: integer }
            l: { type: integer }
            s: { type: integer }
          criteria:
            - { id: reading, points: "r", source: test }
            - { id: writing, points: "w", source: test }
            - { id: listening, points: "l", source: test }
            - { id: speaking, points: "s", source: test }
          groups:
        {{groups}}
          pass: { rule: "total >= 60" }
        """;

    private const string Language = """
            - { id: written, criteria: [reading, writing], cap: 50 }
            - { id: spoken, criteria: [listening, speaking], cap: 50 }
            - { id: language, groups: [written, spoken], cap: 80 }
        """;

    [Fact]
    public void Inner_groups_cap_first_then_the_outer_group_and_each_criterion_says_which_cut_it()
    {
        using var pack = TempPack.Create(("s.yaml", Scheme(Language)));
        var scheme = pack.Load().Scheme("s");

        var result = scheme.Evaluate(scheme.ReadCase("""{ "r": 30, "w": 30, "l": 30, "s": 30 }"""), March2026);

        Assert.Equal(80, result.Total);
        var points = result.Criteria.ToDictionary(c => c.Id);
        Assert.Equal((30L, 30L, null), (points["reading"].Points, points["reading"].RawPoints, points["reading"].CappedBy));
        Assert.Equal((20L, 30L, "group:written"), (points["writing"].Points, points["writing"].RawPoints, points["writing"].CappedBy));
        Assert.Equal((30L, 30L, null), (points["listening"].Points, points["listening"].RawPoints, points["listening"].CappedBy));
        Assert.Equal((0L, 30L, "group:language"), (points["speaking"].Points, points["speaking"].RawPoints, points["speaking"].CappedBy));
        var groups = result.Groups.ToDictionary(g => g.Id);
        Assert.Equal((50L, "language"), (groups["written"].Points, groups["written"].Group));
        Assert.Equal((30L, "language"), (groups["spoken"].Points, groups["spoken"].Group));
        Assert.Equal((80L, (string?)null), (groups["language"].Points, groups["language"].Group));
        Assert.Contains("\"group\":\"language\"", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_population_kernel_caps_nested_groups_as_the_explanation_does()
    {
        using var pack = TempPack.Create(("s.yaml", Scheme(Language)));
        var scheme = pack.Load().Scheme("s");
        var path = Path.Combine(pack.Directory, "people.jsonl");
        File.WriteAllLines(path, [
            """{ "r": 30, "w": 30, "l": 30, "s": 30 }""",
            """{ "r": 10, "w": 10, "l": 60, "s": 5 }""",
            """{ "r": 0, "w": 70, "l": 0, "s": 0 }""",
        ]);

        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);

        Assert.Equal([80, 70, 50], Enumerable.Range(0, 3).Select(scores.Total));
        Assert.Equal([10, 10, 50, 0], Enumerable.Range(0, 4).Select(c => scores.Points(1, c)));
    }

    [Fact]
    public void Unknown_doubly_held_and_circular_groups_are_refused()
    {
        var errors = ErrorsOf(Scheme("""
                - { id: written, criteria: [reading, writing], cap: 50 }
                - { id: spoken, criteria: [listening, speaking], groups: [language], cap: 50 }
                - { id: language, groups: [writen, spoken], cap: 80 }
                - { id: other, groups: [spoken], cap: 80 }
            """));

        Assert.Contains(errors, e => e.Contains("group 'language' names unknown group 'writen' (did you mean 'written'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("group 'spoken' is already in group 'language'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("is inside itself", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> ErrorsOf(string yaml)
    {
        using var pack = TempPack.Create(("s.yaml", yaml));
        return pack.Errors();
    }
}

public sealed class RankingTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    [Fact]
    public void A_scheme_without_a_pass_rule_ranks_every_case_its_gates_admit()
    {
        using var pack = TempPack.Create(("s.yaml", """
            scheme:
              id: draw
              title: Invitation round
              inputs:
                age: { type: integer }
                skill: { type: integer, changeable: true }
              gates:
                - { id: adult, title: Adult, rule: "age >= 18", reason: Applicants must be adults, source: test }
              criteria:
                - { id: skill, points: "skill * 10", source: test }
            """));
        var scheme = pack.Load().Scheme("draw");

        var ranked = scheme.Evaluate(scheme.ReadCase("""{ "age": 30, "skill": 3 }"""), March2026);
        var refused = scheme.Evaluate(scheme.ReadCase("""{ "age": 16, "skill": 9 }"""), March2026);

        Assert.True(scheme.Ranks);
        Assert.Equal(("ranked", true, 30L, (long?)null), (ranked.Decision, ranked.Passed, ranked.Total, ranked.PassMark));
        Assert.Empty(ranked.PathsToPass);
        Assert.Equal(("fail-gate", false, 90L), (refused.Decision, refused.Passed, refused.Total));
        Assert.Empty(refused.PathsToPass);
        Assert.DoesNotContain("passMark", ranked.ToJson(), StringComparison.Ordinal);

        var path = Path.Combine(pack.Directory, "pool.jsonl");
        File.WriteAllLines(path, ["""{ "age": 30, "skill": 3 }""", """{ "age": 16, "skill": 9 }"""]);
        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);
        Assert.Equal(("ranked", "fail-gate"), (scores.Decision(0), scores.Decision(1)));
    }

    [Fact]
    public void A_scheme_of_gates_alone_decides_without_a_pass_rule()
    {
        using var pack = TempPack.Create(("s.yaml", """
            scheme:
              id: exempt
              title: Exemption
              inputs:
                eaeu: { type: bool }
              gates:
                - { id: eaeu, title: EAEU citizen, rule: "eaeu", reason: Only EAEU citizens are exempt, source: test }
            """));
        var scheme = pack.Load().Scheme("exempt");

        var yes = scheme.Evaluate(scheme.ReadCase("""{ "eaeu": true }"""), March2026);
        var no = scheme.Evaluate(scheme.ReadCase("""{ "eaeu": false }"""), March2026);

        Assert.False(scheme.Ranks);
        Assert.Equal(("pass", 0L), (yes.Decision, yes.Total));
        Assert.Equal("fail-gate", no.Decision);
        Assert.Equal("Only EAEU citizens are exempt", no.Gates.Single().Reason!.En);
    }

    [Fact]
    public void A_scheme_that_decides_nothing_or_has_a_pass_rule_over_no_criteria_is_refused()
    {
        using var pack = TempPack.Create(
            ("a.yaml", """
                scheme:
                  id: empty
                  title: E
                  inputs:
                    n: { type: integer }
                """),
            ("b.yaml", """
                scheme:
                  id: gates
                  title: G
                  inputs:
                    n: { type: integer }
                  gates:
                    - { id: g, rule: "n > 0", reason: positive, source: test }
                  pass: { rule: "total >= 0" }
                """));

        var errors = pack.Errors();

        Assert.Contains(errors, e => e.StartsWith("a.yaml:", StringComparison.Ordinal) && e.Contains("scheme 'empty' has no criteria and no gates", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("b.yaml:8:", StringComparison.Ordinal) && e.Contains("its gates decide, so it needs no pass rule", StringComparison.Ordinal));
    }
}

public sealed class ValuePerCaseTableTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    // Canada's age points, with and without a spouse, side by side (values shortened).
    private const string Scheme = """
        scheme:
          id: s
          title: S
          inputs:
            age: { type: integer }
            has_spouse: { type: bool, default: false }
            spouse_level: { type: enum, values: [none, a1, b1, c1], default: none }
          criteria:
            - id: age
              source: test
              table:
                columns: [age]
                by: has_spouse
                rows:
                  - { when: ["< 18"], points: 0 }
                  - { when: ["18..29"], points: { "true": 100, "false": 110 }, label: "18 to 29" }
                  - { when: [">= 30"], points: { "true": 50, "false": 55 } }
            - id: spouse_language
              source: test
              table:
                hit: unique
                columns: [has_spouse]
                by: spouse_level
                rows:
                  - { when: ["true"], points: { none: 0, "a1..b1": 3, c1: 5 } }
                  - { when: ["false"], points: 0 }
          pass: { rule: "total >= 100" }
        """;

    [Theory]
    [InlineData(25, false, "none", 110, 2, "18 to 29 · has_spouse: no", 0)]
    [InlineData(25, true, "b1", 100, 2, "18 to 29 · has_spouse: yes", 3)]
    [InlineData(40, true, "c1", 50, 3, "age >= 30 · has_spouse true", 5)]
    [InlineData(10, true, "none", 0, 1, "age < 18", 0)]
    public void Each_row_gives_the_value_of_the_case_and_is_explained_by_its_own_number(
        int age, bool spouse, string level, long points, int row, string label, long spousePoints)
    {
        using var pack = TempPack.Create(("s.yaml", Scheme));
        var scheme = pack.Load().Scheme("s");

        var result = scheme.Evaluate(scheme.ReadCase($$"""{ "age": {{age}}, "has_spouse": {{(spouse ? "true" : "false")}}, "spouse_level": "{{level}}" }"""), March2026);

        var criterion = result.Criteria.Single(c => c.Id == "age");
        Assert.Equal(points, criterion.Points);
        Assert.Equal(new MatchedRow(row, label), Assert.Single(criterion.Rows));
        Assert.Equal(spousePoints, result.Criteria.Single(c => c.Id == "spouse_language").Points);
    }

    [Fact]
    public void The_population_kernel_gives_the_same_points()
    {
        using var pack = TempPack.Create(("s.yaml", Scheme));
        var scheme = pack.Load().Scheme("s");
        var path = Path.Combine(pack.Directory, "people.jsonl");
        File.WriteAllLines(path, [
            """{ "age": 25, "has_spouse": false }""",
            """{ "age": 25, "has_spouse": true, "spouse_level": "a1" }""",
            """{ "age": 31, "has_spouse": true, "spouse_level": "c1" }""",
        ]);

        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);

        Assert.Equal([110, 103, 55], Enumerable.Range(0, 3).Select(scores.Total));
    }

    [Fact]
    public void Misused_values_per_case_are_refused_with_the_row_and_case_named()
    {
        using var pack = TempPack.Create(("r.yaml", """
            ruleset:
              id: r
              title: R
              inputs:
                n: { type: integer }
                single: { type: bool }
                level: { type: enum, values: [none, a1, b1] }
              outputs:
                no_by:
                  table:
                    columns: [n]
                    rows:
                      - { when: ["-"], then: { "true": 1, "false": 2 } }
                condition_row:
                  table:
                    columns: [n]
                    by: single
                    rows:
                      - { when: "n > 1", then: { "true": 1, "false": 2 } }
            """));
        using var analysed = TempPack.Create(("r.yaml", """
            ruleset:
              id: r
              title: R
              inputs:
                n: { type: integer }
                level: { type: enum, values: [none, a1, b1] }
              outputs:
                overlap:
                  table:
                    hit: unique
                    columns: [n]
                    by: level
                    rows:
                      - { when: ["0..10"], then: { none: 1, ">= a1": 2 } }
                      - { when: ["5..20"], then: { b1: 3, none: 0 } }
                typo:
                  table:
                    columns: [n]
                    by: level
                    rows:
                      - { when: ["-"], then: { nnone: 1, a1: 2 } }
            """));

        var errors = pack.Errors();
        var analysis = analysed.Errors();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("r.yaml:13:", StringComparison.Ordinal) && e.Contains("is a value per case: give the table a 'by' column", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("r.yaml:19:", StringComparison.Ordinal) && e.Contains("cannot give a value per case of 'single'", StringComparison.Ordinal));
        errors = analysis;
        Assert.Contains(errors, e => e.Contains("row 2 (for level b1) overlaps row 1 (for level >= a1)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("row 2 (for level none) overlaps row 1 (for level none)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("cell 'nnone': 'nnone' is not one of: none, a1, b1 (did you mean 'none'?)", StringComparison.Ordinal));
    }
}

public sealed class PathsToPassTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    [Fact]
    public void A_wage_is_raised_to_the_cent_and_a_records_abilities_move_up_together()
    {
        using var pack = TempPack.Create(
            ("p.yaml", """
                parameters:
                  median_wage:
                    type: money
                    values:
                      2026-01-01: { value: 1234.56, source: statistics }
                """),
            ("s.yaml", """
                scheme:
                  id: s
                  title: S
                  inputs:
                    wage: { type: decimal, min: 0, max: 100000, changeable: true }
                    language:
                      type: record
                      changeable: true
                      fields:
                        reading: { type: enum, values: [clb4, clb5, clb6, clb7] }
                        writing: { type: enum, values: [clb4, clb5, clb6, clb7] }
                        listening: { type: enum, values: [clb4, clb5, clb6, clb7] }
                        speaking: { type: enum, values: [clb4, clb5, clb6, clb7] }
                  criteria:
                    - { id: wage, points: "if wage >= 3 * param(median_wage) then 50 else 0", source: test }
                    - id: language
                      source: test
                      points: "if language.reading >= 'clb6' and language.writing >= 'clb6' and language.listening >= 'clb6' and language.speaking >= 'clb6' then 50 else 0"
                  pass: { rule: "total >= 50" }
                """));
        var scheme = pack.Load().Scheme("s");

        var result = scheme.Evaluate(scheme.ReadCase("""
            { "wage": 1000, "language": { "reading": "clb5", "writing": "clb6", "listening": "clb4", "speaking": "clb5" } }
            """), March2026);

        Assert.Equal("fail-score", result.Decision);
        var wage = Assert.Single(result.PathsToPass, p => p.Changes.Any(c => c.Input == "wage"));
        Assert.Equal(new InputChange("wage", "1000", "3703.68"), Assert.Single(wage.Changes));
        Assert.Equal(50, wage.Total);
        var language = Assert.Single(result.PathsToPass, p => p.Changes.Any(c => c.Input.StartsWith("language.", StringComparison.Ordinal)));
        Assert.Equal(
            [
                new InputChange("language.reading", "clb5", "clb7"),
                new InputChange("language.writing", "clb6", "clb7"),
                new InputChange("language.listening", "clb4", "clb6"),
                new InputChange("language.speaking", "clb5", "clb7"),
            ],
            language.Changes);
    }
}

public sealed class ExpressionBoundTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private const string Parameters = """
        parameters:
          median_wage:
            type: money
            values:
              2026-01-01: { value: 1000, source: statistics }
          language_cap:
            type: integer
            values:
              2026-01-01: { value: 40, source: order }
        """;

    private const string Scheme = """
        scheme:
          id: s
          title: S
          inputs:
            wage: { type: decimal }
            has_spouse: { type: bool, default: false }
            reading: { type: integer }
            writing: { type: integer }
          criteria:
            - id: salary
              source: test
              table:
                columns: [wage]
                rows:
                  - { when: [">= 3 * param(median_wage)"], points: 30, label: "three times the median or more" }
                  - { when: [">= param(median_wage)"], points: 10 }
                default: 0
            - { id: reading, points: "reading", cap: "if has_spouse then 25 else 30", source: test }
            - { id: writing, points: "writing", source: test }
          groups:
            - { id: language, criteria: [reading, writing], cap: "param(language_cap)" }
          pass: { rule: "total >= 50" }
        """;

    [Theory]
    [InlineData(3000, false, 30, 30, 30, 30, null, 10, "group:language")]
    [InlineData(2999.99, true, 30, 30, 10, 25, "cap", 15, "group:language")]
    [InlineData(999, false, 10, 10, 0, 10, null, 10, null)]
    public void Cells_and_caps_computed_from_parameters_and_inputs_decide_and_are_explained(
        decimal wage, bool spouse, long reading, long writing, long salary, long readingPoints, string? readingCut, long writingPoints, string? writingCut)
    {
        using var pack = TempPack.Create(("p.yaml", Parameters), ("s.yaml", Scheme));
        var scheme = pack.Load().Scheme("s");

        var result = scheme.Evaluate(scheme.ReadCase($$"""{ "wage": {{wage.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "has_spouse": {{(spouse ? "true" : "false")}}, "reading": {{reading}}, "writing": {{writing}} }"""), March2026);

        var criteria = result.Criteria.ToDictionary(c => c.Id);
        Assert.Equal(salary, criteria["salary"].Points);
        Assert.Contains(criteria["salary"].Parameters, p => p.Name == "median_wage");
        Assert.Equal((readingPoints, readingCut), (criteria["reading"].Points, criteria["reading"].CappedBy));
        Assert.Equal((writingPoints, writingCut), (criteria["writing"].Points, criteria["writing"].CappedBy));
        var group = Assert.Single(result.Groups);
        Assert.Equal(40, group.Cap);
        Assert.Equal("language_cap", Assert.Single(group.Parameters).Name);
    }

    [Fact]
    public void The_population_kernel_agrees_on_computed_cells_and_caps()
    {
        using var pack = TempPack.Create(("p.yaml", Parameters), ("s.yaml", Scheme));
        var scheme = pack.Load().Scheme("s");
        var path = Path.Combine(pack.Directory, "people.jsonl");
        File.WriteAllLines(path, [
            """{ "wage": 3000, "reading": 30, "writing": 30 }""",
            """{ "wage": 2999.99, "has_spouse": true, "reading": 30, "writing": 30 }""",
            """{ "wage": 999, "reading": 10, "writing": 10 }""",
        ]);

        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);

        Assert.Equal([70, 50, 20], Enumerable.Range(0, 3).Select(scores.Total));
    }

    [Fact]
    public void A_bad_cell_is_one_error_and_a_computed_cell_is_left_out_of_the_overlap_analysis()
    {
        using var pack = TempPack.Create(("p.yaml", Parameters), ("r.yaml", """
            ruleset:
              id: r
              title: R
              inputs:
                wage: { type: decimal }
              outputs:
                typo:
                  table:
                    columns: [wage]
                    rows:
                      - { when: [">= 3 ** 2"], then: 1 }
                      - { when: ["10..20"], then: 2 }
                unknown:
                  table:
                    columns: [wage]
                    rows:
                      - { when: [">= 3 * param(median_wag)"], then: 1 }
                      - { when: ["-"], then: 2 }
                computed:
                  table:
                    hit: unique
                    columns: [wage]
                    rows:
                      - { when: [">= 3 * param(median_wage)"], then: 1 }
                      - { when: ["< 3000"], then: 2 }
            """));

        var errors = pack.Errors();

        Assert.True(errors.Count == 2, string.Join("\n", errors));
        Assert.Contains(errors, e => e.StartsWith("r.yaml:11:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("r.yaml:17:", StringComparison.Ordinal) && e.Contains("unknown parameter 'median_wag' (did you mean 'median_wage'?)", StringComparison.Ordinal));
    }
}

public sealed class ForEachTableTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private static string Scheme(string forEach = "[language.reading, language.writing, language.listening, language.speaking]") => $$"""
        scheme:
          id: s
          title: S
          inputs:
            age: { type: integer, default: 30 }
            language:
              type: record
              fields:
                reading: { type: enum, values: [clb4, clb5, clb6, clb7, clb8, clb9] }
                writing: { type: enum, values: [clb4, clb5, clb6, clb7, clb8, clb9] }
                listening: { type: enum, values: [clb4, clb5, clb6, clb7, clb8, clb9] }
                speaking: { type: enum, values: [clb4, clb5, clb6, clb7, clb8, clb9] }
          criteria:
            - id: first_language
              source: test
              for-each: { ability: {{forEach}} }
              table:
                columns: [ability]
                rows:
                  - { when: ["< clb5"], points: 0 }
                  - { when: ["clb5..clb6"], points: 6, label: "CLB 5 or 6" }
                  - { when: ["clb7..clb8"], points: 16 }
                  - { when: [">= clb9"], points: 29, label: "CLB 9 or more" }
          pass: { rule: "total >= 50" }
        """;

    [Fact]
    public void One_grid_scores_each_ability_and_the_explanation_names_each_application()
    {
        using var pack = TempPack.Create(("s.yaml", Scheme()));
        var scheme = pack.Load().Scheme("s");

        var result = scheme.Evaluate(scheme.ReadCase("""
            { "language": { "reading": "clb9", "writing": "clb6", "listening": "clb8", "speaking": "clb4" } }
            """), March2026);

        var criterion = Assert.Single(result.Criteria);
        Assert.Equal(29 + 6 + 16 + 0, criterion.Points);
        Assert.Equal(
            [
                new MatchedRow(4, "language.reading: CLB 9 or more"),
                new MatchedRow(2, "language.writing: CLB 5 or 6"),
                new MatchedRow(3, "language.listening: ability clb7..clb8"),
                new MatchedRow(1, "language.speaking: ability < clb5"),
            ],
            criterion.Rows);
    }

    [Fact]
    public void The_population_kernel_sums_the_applications_too()
    {
        using var pack = TempPack.Create(("s.yaml", Scheme()));
        var scheme = pack.Load().Scheme("s");
        var path = Path.Combine(pack.Directory, "people.jsonl");
        File.WriteAllLines(path, [
            """{ "language": { "reading": "clb9", "writing": "clb6", "listening": "clb8", "speaking": "clb4" } }""",
            """{ "language": { "reading": "clb9", "writing": "clb9", "listening": "clb9", "speaking": "clb9" } }""",
        ]);

        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);

        Assert.Equal([51, 116], Enumerable.Range(0, 2).Select(scores.Total));
    }

    [Theory]
    [InlineData("[language.reading, age]", "for-each inputs must have one shape: 'language.reading' is an enum (clb4, clb5, clb6, clb7, clb8, clb9), 'age' is a whole number")]
    [InlineData("[language.reading, language.writting]", "unknown name 'language.writting' (did you mean 'language.writing'?)")]
    public void Inputs_of_different_shapes_or_unknown_inputs_are_refused(string forEach, string message)
    {
        using var pack = TempPack.Create(("s.yaml", Scheme(forEach)));

        var errors = pack.Errors();

        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }
}

public sealed class ExplanationContentTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private const string Pack = """
        parameters:
          hours_per_month: { type: decimal, values: { 2026-01-01: { value: 173.2, source: labour code } } }
          high_wage: { type: decimal, values: { 2026-01-01: { value: 20, source: statistics } } }
          high_points: { type: integer, values: { 2026-01-01: { value: 30, source: order } } }
          low_points: { type: integer, values: { 2026-01-01: { value: 5, source: order } } }
          start: { type: date, values: { 2026-01-01: { value: 2026-02-01, source: order } } }
        """;

    private const string Scheme = """
        scheme:
          id: s
          title: S
          inputs:
            monthly_wage: { type: decimal }
            reading: { type: integer }
            writing: { type: integer }
            listening: { type: integer }
            speaking: { type: integer }
            level: { type: enum, values: [low, high], default: high }
          derived:
            hourly_wage: "round(monthly_wage / param(hours_per_month), 2)"
            lowest_level: "min(reading, writing, listening, speaking)"
            since: "param(start)"
            band: "level"
          criteria:
            - id: wage
              source: test
              points: "if hourly_wage >= param(high_wage) then param(high_points) else param(low_points)"
            - { id: language, points: "lowest_level * 5", source: test }
          pass: { rule: "total >= 50" }
        """;

    [Fact]
    public void Derived_values_are_shown_and_only_the_parameters_of_the_taken_branch_are_listed()
    {
        using var pack = TempPack.Create(("p.yaml", Pack), ("s.yaml", Scheme));
        var scheme = pack.Load().Scheme("s");

        var high = scheme.Evaluate(scheme.ReadCase("""{ "monthly_wage": 4000, "reading": 9, "writing": 7, "listening": 8, "speaking": 9 }"""), March2026);
        var low = scheme.Evaluate(scheme.ReadCase("""{ "monthly_wage": 3000, "reading": 9, "writing": 7, "listening": 8, "speaking": 9, "level": "low" }"""), March2026);

        Assert.Equal(
            [("hourly_wage", "23.09"), ("lowest_level", "7"), ("since", "2026-02-01"), ("band", "high")],
            high.Derived.Select(x => (x.Name, x.Value)));
        Assert.Equal("hours_per_month", Assert.Single(high.Derived[0].Parameters).Name);
        Assert.Equal(("hourly_wage", "17.32"), (low.Derived[0].Name, low.Derived[0].Value));
        Assert.Equal("low", low.Derived[3].Value);

        Assert.Equal(30, high.Criteria[0].Points);
        Assert.Equal(["high_points", "high_wage", "hours_per_month"], high.Criteria[0].Parameters.Select(p => p.Name).Order());
        Assert.Equal(5, low.Criteria[0].Points);
        Assert.Equal(["high_wage", "hours_per_month", "low_points"], low.Criteria[0].Parameters.Select(p => p.Name).Order());
        Assert.Contains("\"derived\":[{\"name\":\"hourly_wage\",\"value\":\"23.09\"", high.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tracking_the_reads_leaves_the_population_kernel_with_the_same_totals()
    {
        using var pack = TempPack.Create(("p.yaml", Pack), ("s.yaml", Scheme));
        var scheme = pack.Load().Scheme("s");
        var path = Path.Combine(pack.Directory, "people.jsonl");
        File.WriteAllLines(path, [
            """{ "monthly_wage": 4000, "reading": 9, "writing": 7, "listening": 8, "speaking": 9 }""",
            """{ "monthly_wage": 3000, "reading": 9, "writing": 7, "listening": 8, "speaking": 9 }""",
        ]);

        var scores = Population.PopulationScores.Score(Population.PopulationData.Read(scheme, path), March2026);

        Assert.Equal([65, 40], Enumerable.Range(0, 2).Select(scores.Total));
    }
}

public sealed class TranslatedTextTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private const string Pack = """
        parameters:
          fee:
            type: integer
            values:
              2026-01-01:
                value: 10
                source: { en: "Tax Code, art. 554", ru: "Налоговый кодекс, ст. 554", kk: "Салық кодексі, 554-бап" }
        """;

    private const string Scheme = """
        scheme:
          id: s
          title: S
          inputs:
            age: { type: integer }
            has_spouse: { type: bool, default: false, title: { en: With a spouse, ru: С супругом, kk: Жұбайымен } }
          criteria:
            - id: age
              source: { en: "Joint order No. 41", ru: "Совместный приказ № 41" }
              table:
                columns: [age]
                by: has_spouse
                rows:
                  - { when: ["< 30"], points: { "true": 20, "false": 25 }, label: { en: "under 30", ru: "до 30 лет", kk: "30 жасқа дейін" } }
                  - { when: [">= 30"], points: "param(fee)", label: "30 or older" }
          pass: { rule: "total >= 10" }
        """;

    [Fact]
    public void Sources_and_row_labels_carry_their_translations_and_the_pack_answers_in_a_language()
    {
        using var temp = TempPack.Create(("p.yaml", Pack), ("s.yaml", Scheme));
        var pack = temp.Load();
        var scheme = pack.Scheme("s");

        var young = scheme.Evaluate(scheme.ReadCase("""{ "age": 25, "has_spouse": true }"""), March2026);
        var old = scheme.Evaluate(scheme.ReadCase("""{ "age": 40 }"""), March2026);

        var row = Assert.Single(young.Criteria[0].Rows);
        Assert.Equal("under 30 · With a spouse: yes", row.Label);
        Assert.Equal(new LocalizedText("under 30 · With a spouse: yes", "до 30 лет · С супругом: да", "30 жасқа дейін · Жұбайымен: иә"), row.Text);
        Assert.Equal("30 жасқа дейін · Жұбайымен: иә", pack.Text(row.Label, "kk"));
        Assert.Null(Assert.Single(old.Criteria[0].Rows).Text);
        Assert.Equal("Joint order No. 41", young.Criteria[0].Source);
        Assert.Equal("Совместный приказ № 41", young.Criteria[0].SourceText!.For("kk"));
        Assert.Equal("Салық кодексі, 554-бап", Assert.Single(old.Criteria[0].Parameters).SourceText!.For("kk"));

        Assert.Equal("Совместный приказ № 41", pack.Text("Joint order No. 41", "kk"));
        Assert.Equal("Joint order No. 41", pack.Text("Joint order No. 41", "en"));
        Assert.Equal("30 or older", pack.Text("30 or older", "ru"));
        Assert.Equal("Tax Code, art. 554", pack.Text("Tax Code, art. 554", "de"));
    }

    [Fact]
    public void A_case_of_an_enum_input_is_named_by_its_value_s_title_and_a_case_of_no_one_value_by_its_cell()
    {
        using var temp = TempPack.Create(("s.yaml", """
            scheme:
              id: s
              title: S
              inputs:
                age: { type: integer }
                level:
                  type: enum
                  title: { en: Kazakh level, ru: Уровень казахского, kk: Қазақ тілі деңгейі }
                  values:
                    - { id: a1, title: { en: A1 (beginner), ru: A1 (начальный), kk: A1 (бастапқы) } }
                    - b1
                    - c1
              criteria:
                - id: language
                  source: test
                  table:
                    columns: [age]
                    by: level
                    rows:
                      - { when: ["-"], points: { a1: 5, b1: 10, ">= c1": 15 }, label: { en: any age, ru: любой возраст, kk: кез келген жас } }
              pass: { rule: "total >= 10" }
            """));
        var pack = temp.Load();
        var scheme = pack.Scheme("s");
        MatchedRow Row(string level) => Assert.Single(scheme.Evaluate(scheme.ReadCase($$"""{ "age": 30, "level": "{{level}}" }"""), March2026).Criteria[0].Rows);

        Assert.Equal(new LocalizedText("any age · Kazakh level: A1 (beginner)", "любой возраст · Уровень казахского: A1 (начальный)", "кез келген жас · Қазақ тілі деңгейі: A1 (бастапқы)"), Row("a1").Text);
        Assert.Equal("кез келген жас · Қазақ тілі деңгейі: b1", pack.Text(Row("b1").Label, "kk"));
        Assert.Equal("any age · level >= c1", Row("c1").Label);
        Assert.Equal("кез келген жас · level >= c1", pack.Text(Row("c1").Label, "kk"));
    }

    [Fact]
    public void One_english_text_translated_two_ways_is_an_error()
    {
        using var temp = TempPack.Create(("p.yaml", Pack), ("q.yaml", """
            parameters:
              other:
                type: integer
                values:
                  2026-01-01: { value: 1, source: { en: "Tax Code, art. 554", ru: "НК, ст. 554" } }
            """));

        Assert.Contains(temp.Errors(), e => e.StartsWith("q.yaml:", StringComparison.Ordinal) && e.Contains("source 'Tax Code, art. 554' is translated differently elsewhere in the pack", StringComparison.Ordinal));
    }
}

public sealed class ExamplePackTests
{
    private static string Folder => Path.Combine(Repository.Root, "tests", "Koshi.Policy.Tests", "Packs", "ranked-points");

    [Fact]
    public void A_ranked_points_scheme_written_with_the_new_constructs_checks_clean_and_passes_its_tests()
    {
        var (pack, diagnostics) = PolicyPack.Check(Folder);

        Assert.Empty(diagnostics.Select(d => d.ToString()));
        var report = pack!.RunTests();
        Assert.Equal(3, report.Outcomes.Count);
        Assert.All(report.Outcomes, o => Assert.True(o.Passed, o.Case.Name + ": " + string.Join("; ", o.Failures)));
    }
}
