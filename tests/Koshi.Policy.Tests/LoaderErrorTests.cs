namespace Koshi.Policy.Tests;

/// <summary>A malformed pack is refused with every error at its file, line and column.</summary>
public sealed class LoaderErrorTests
{
    private const string Mrp = """
        parameters:
          mrp:
            type: money
            values:
              2026-01-01: { value: 4325, source: budget }
        """;

    private static string RuleSet(string outputs, string inputs = "n: { type: integer }\n    level: { type: enum, values: [a1, b1, c1] }") => $"""
        ruleset:
          id: r
          title: R
          inputs:
            {inputs}
          outputs:
        {outputs}
        """;

    private static IReadOnlyList<string> ErrorsOf(params (string Path, string Yaml)[] files)
    {
        using var pack = TempPack.Create(files);
        return pack.Errors();
    }

    [Fact]
    public void Malformed_yaml_names_the_file_line_and_column()
    {
        var errors = ErrorsOf(("broken.yaml", "parameters:\n  mrp: { type: money,\n   values: [ }\n"));

        var error = Assert.Single(errors);
        Assert.StartsWith("broken.yaml:3:", error, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_errors_not_silently_overwritten()
    {
        var errors = ErrorsOf(("p.yaml", "parameters:\n  mrp:\n    type: money\n    type: integer\n    values: { 2026-01-01: { value: 1, source: s } }\n"));

        Assert.Contains("p.yaml:4:5: duplicate key 'type'", errors);
    }

    [Fact]
    public void A_value_without_source_or_provisional_note_is_refused()
    {
        var errors = ErrorsOf(("p.yaml", """
            parameters:
              a:
                type: integer
                values:
                  2026-01-01: { value: 1 }
              b:
                type: integer
                values:
                  2026-01-01: { value: 1, provisional: true }
            """));

        Assert.Contains(errors, e => e.StartsWith("p.yaml:5:", StringComparison.Ordinal) && e.Contains("has no source", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:9:", StringComparison.Ordinal) && e.Contains("needs a 'note'", StringComparison.Ordinal));
    }

    [Fact]
    public void Dates_must_increase_and_values_must_fit_the_type()
    {
        var errors = ErrorsOf(("p.yaml", """
            parameters:
              a:
                type: integer
                values:
                  2026-01-01: { value: 1, source: s }
                  2025-01-01: { value: 2.5, source: s }
                  2026-13-01: { value: 3, source: s }
            """));

        Assert.Contains(errors, e => e.Contains("must increase", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'2.5' is not a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("p.yaml:7:", StringComparison.Ordinal) && e.Contains("not a date", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_names_and_parameters_are_reported_with_a_suggestion()
    {
        var errors = ErrorsOf(("p.yaml", Mrp), ("r.yaml", RuleSet("""
                a: "nn + 1"
                b: "param(mrpp)"
                c: "lvl = 'b1'"
            """)));

        Assert.Contains(errors, e => e.StartsWith("r.yaml:8:9:", StringComparison.Ordinal) && e.Contains("unknown name 'nn' (did you mean 'n'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("r.yaml:9:15:", StringComparison.Ordinal) && e.Contains("unknown parameter 'mrpp' (did you mean 'mrp'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown name 'lvl'", StringComparison.Ordinal));
    }

    [Fact]
    public void Type_errors_point_at_the_operator()
    {
        var errors = ErrorsOf(("p.yaml", Mrp), ("r.yaml", RuleSet("""
                a: "'text' + 1"
                b: "if n then 1 else 2"
                c: "level = 'b2'"
                d: "level > 3"
                e:
                  type: integer
                  expr: "param(mrp) * 2"
            """)));

        Assert.Contains(errors, e => e.StartsWith("r.yaml:8:16:", StringComparison.Ordinal) && e.Contains("'+' needs numbers", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'if' needs a condition, not a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'b2' is not a value of enum (a1, b1, c1)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("cannot compare an enum (a1, b1, c1) with a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'e' must be a whole number, but this is a decimal number (use round(), floor() or ceil())", StringComparison.Ordinal));
    }

    [Fact]
    public void Cycles_among_derived_values_are_refused()
    {
        var errors = ErrorsOf(("r.yaml", """
            ruleset:
              id: r
              title: R
              inputs:
                n: { type: integer }
              derived:
                a: "b + 1"
                b: "c + 1"
                c: "a + n"
              outputs:
                out: "a"
            """));

        Assert.Contains(errors, e => e.Contains("'a' depends on itself: a → b → c → a", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_rows_of_a_unique_table_and_unreachable_rows_of_a_first_table_are_errors()
    {
        var errors = ErrorsOf(("r.yaml", RuleSet("""
                u:
                  table:
                    hit: unique
                    columns: [n]
                    rows:
                      - { when: ["0..10"], then: 1 }
                      - { when: ["10..20"], then: 2 }
                f:
                  table:
                    hit: first
                    columns: [n, level]
                    rows:
                      - { when: [">= 0", "-"], then: 1 }
                      - { when: ["5..9", "b1"], then: 2 }
                g:
                  table:
                    columns: [level]
                    rows:
                      - { when: ["a1"], then: 1 }
                      - { when: [">= b1"], then: 2 }
                      - { when: ["not a1"], then: 3 }
            """)));

        Assert.Contains(errors, e => e.Contains("row 2 overlaps row 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("row 2 can never match: row 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("row 3 can never match", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scheme_that_reads_a_parameter_before_its_first_value_is_a_gap()
    {
        var errors = ErrorsOf(("p.yaml", Mrp), ("s.yaml", """
            scheme:
              id: s
              title: S
              effective-from: 2025-07-01
              inputs:
                n: { type: integer }
              criteria:
                - { id: c, points: "round(param(mrp) / 1000)", source: test }
              pass: { rule: "total > 0" }
            """));

        Assert.Contains(errors, e => e.Contains("parameter 'mrp' has no value from 2025-07-01, when scheme 's' starts to apply", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_ids_unknown_keys_and_missing_parts_are_each_reported()
    {
        var errors = ErrorsOf(("s.yaml", """
            scheme:
              id: s
              title: S
              inputs:
                n: { type: integer, colour: red }
              criteria:
                - { id: c, points: "n", source: test }
                - { id: c, points: "1", source: test }
                - { id: d, source: test }
              groups:
                - { id: g, criteria: [c, zz], cap: 10 }
            """));

        Assert.Contains(errors, e => e.Contains("unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("criterion id 'c' is used twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("criterion 'd' needs exactly one of 'table', 'points' or 'best-of'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("group 'g' names unknown criterion 'zz'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pack_needs_exactly_one_pack_section_and_known_sections()
    {
        using var pack = TempPack.Create(("pack.yaml", "pack: { id: a }\n"), ("more.yaml", "pack: { id: b }\nrules: []\n"));

        var errors = pack.Errors();

        Assert.Contains(errors, e => e.Contains("more than one 'pack:' section", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("more.yaml:2:1: unknown section 'rules'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_throws_with_every_error_and_check_returns_them()
    {
        using var pack = TempPack.Create(("r.yaml", RuleSet("""
                a: "nn"
                b: "mm"
            """)));

        var ex = Assert.Throws<PolicyLoadException>(pack.Load);

        Assert.Equal(2, ex.Diagnostics.Count);
        Assert.All(ex.Diagnostics, d => Assert.Equal("r.yaml", d.Position.File));
    }
}
