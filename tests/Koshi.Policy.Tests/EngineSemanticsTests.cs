namespace Koshi.Policy.Tests;

/// <summary>What the expression language and the scoring rules mean, on small packs written for each case.</summary>
public sealed class EngineSemanticsTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    private const string Parameters = """
        parameters:
          mrp:
            type: money
            unit: KZT
            values:
              2025-01-01: { value: 3932, source: budget 2025 }
              2026-01-01: { value: 4325, source: budget 2026 }
          regions:
            type: set
            values:
              2025-01-01: { value: [KZ-55, KZ-59], source: order A }
              2026-01-01: { value: [KZ-55, KZ-59, KZ-23], source: order B }
          quota:
            type: map
            values:
              2026-01-01: { value: { KZ-55: 977, KZ-23: 125 }, source: order C }
          rent:
            type: scale
            values:
              2026-01-01:
                source: rules D
                brackets:
                  - { from: 1, value: 15 }
                  - { from: 3, value: 20 }
                  - { from: 5, value: 30 }
          pass_mark:
            type: integer
            values:
              2026-01-01: { value: 100, provisional: true, note: not public }
        """;

    /// <summary>Evaluates one expression as the output of a rule set with a date input and a few others.</summary>
    private static object Eval(string expression, string inputs = "{}", DateOnly? asOf = null, string rounding = "half-up")
    {
        using var pack = TempPack.Create(
            ("pack.yaml", $"pack: {{ id: test, rounding: {rounding} }}\n"),
            ("parameters.yaml", Parameters),
            ("ruleset.yaml", $$"""
                ruleset:
                  id: probe
                  title: Probe
                  inputs:
                    d: { type: date, default: 2000-02-29 }
                    n: { type: integer, default: 7 }
                    x: { type: decimal, default: 2.5 }
                    level: { type: enum, values: [none, a1, a2, b1, b2], default: b1 }
                    certs: { type: set, values: [ielts, toefl], default: [ielts] }
                    region: { type: text, default: KZ-23 }
                  outputs:
                    result: "{{expression.Replace("\"", "\\\"", StringComparison.Ordinal)}}"
                """));
        var (loaded, diagnostics) = pack.Check();
        Assert.True(loaded is not null, string.Join("\n", diagnostics));
        var ruleSet = loaded.RuleSet("probe");
        return ruleSet.Evaluate(ruleSet.ReadCase(inputs), asOf ?? March2026)["result"];
    }

    [Theory]
    [InlineData("age(@2000-02-29, @2026-02-28)", 25L)]
    [InlineData("age(@2000-02-29, @2026-03-01)", 26L)]
    [InlineData("age(@2000-02-29, @2028-02-29)", 28L)]
    [InlineData("years_between(@2020-05-10, @2026-05-09)", 5L)]
    [InlineData("months_between(@2026-01-31, @2026-02-28)", 1L)]
    [InlineData("months_between(@2026-01-15, @2026-03-14)", 1L)]
    [InlineData("days_between(@2026-02-01, @2026-03-01)", 28L)]
    [InlineData("year(add_months(@2026-11-30, 3))", 2027L)]
    [InlineData("7 / 2", 3.5)]
    [InlineData("n * 2 + 1", 15L)]
    [InlineData("round(x)", 3L)]
    [InlineData("round(-2.5)", -3L)]
    [InlineData("round(2.345, 2)", 2.35)]
    [InlineData("floor(x) + ceil(x)", 5L)]
    [InlineData("min(n, 3, 10)", 3L)]
    [InlineData("max(n, x)", 7.0)]
    [InlineData("abs(0 - n)", 7L)]
    [InlineData("if n > 5 then 1 else 2.5", 1.0)]
    [InlineData("count(certs)", 1L)]
    public void Arithmetic_and_dates(string expression, object expected)
    {
        var value = Eval(expression);
        if (expected is double d)
        {
            Assert.Equal((decimal)d, Assert.IsType<decimal>(value));
        }
        else
        {
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void Round_breaks_ties_the_way_the_pack_declares()
    {
        Assert.Equal(3L, Eval("round(2.5)", rounding: "half-up"));
        Assert.Equal(2L, Eval("round(2.5)", rounding: "half-even"));
    }

    [Theory]
    [InlineData("level >= 'b1'", true)]
    [InlineData("level < 'a2'", false)]
    [InlineData("level in ['a1', 'b1']", true)]
    [InlineData("level not in ['a1', 'b1']", false)]
    [InlineData("'ielts' in certs", true)]
    [InlineData("'toefl' in certs", false)]
    [InlineData("region in param(regions)", true)]
    [InlineData("n between 7 and 9", true)]
    [InlineData("not (n = 7) or region = 'KZ-23'", true)]
    [InlineData("d < @2001-01-01 and as_of = @2026-03-01", true)]
    public void Conditions(string expression, bool expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Parameters_take_the_value_in_force_on_the_date()
    {
        Assert.Equal(4325m, Eval("param(mrp)"));
        Assert.Equal(3932m, Eval("param(mrp)", asOf: new DateOnly(2025, 12, 31)));
        Assert.Equal(false, Eval("region in param(regions)", asOf: new DateOnly(2025, 6, 1)));
        Assert.Equal(977L, Eval("lookup(quota, 'KZ-55')"));
        Assert.Equal(0L, Eval("lookup(quota, 'KZ-10', 0)"));
        Assert.Equal(20L, Eval("scale(rent, 4)"));
        Assert.Equal(30L, Eval("scale(rent, n)"));
    }

    [Fact]
    public void A_parameter_asked_for_before_its_first_value_is_an_error_naming_it()
    {
        var error = Assert.Throws<PolicyEvaluationException>(() => Eval("param(mrp)", asOf: new DateOnly(2024, 12, 31)));
        Assert.Contains("'mrp' has no value on 2024-12-31", error.Message, StringComparison.Ordinal);

        var key = Assert.Throws<PolicyEvaluationException>(() => Eval("lookup(quota, region)", "{\"region\":\"KZ-99\"}"));
        Assert.Contains("no entry 'KZ-99'", key.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Division_by_zero_is_an_evaluation_error_not_a_crash()
    {
        var error = Assert.Throws<PolicyEvaluationException>(() => Eval("n / (n - 7)"));
        Assert.Contains("division by zero", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a1", false, 10, 1, 0, -1)]
    [InlineData("b1", false, 30, 3, 0, -1)]
    [InlineData("c1", true, 30, 3, 5, 1)]
    public void One_column_tables_give_the_first_matching_row_or_the_default(string level, bool flag, long byLevel, long levelRow, long byFlag, long flagRow)
    {
        using var pack = TempPack.Create(("r.yaml", """
            ruleset:
              id: r
              title: R
              inputs:
                level: { type: enum, values: [a1, a2, b1, c1] }
                flag: { type: bool }
              outputs:
                by_level:
                  table:
                    columns: [level]
                    rows:
                      - { when: [a1], then: 10 }
                      - { when: [a2], then: 20 }
                      - { when: [">= b1"], then: 30 }
                      - { when: [c1], then: 40 }
                by_flag:
                  table:
                    columns: [flag]
                    rows:
                      - { when: [true], then: 5 }
                    default: 0
            """));
        var (loaded, diagnostics) = pack.Check();

        // Row 4 is covered by row 3 for a first-hit table: the pack is refused until it is fixed.
        Assert.Null(loaded);
        Assert.Contains(diagnostics, d => d.Message.Contains("row 4 can never match", StringComparison.Ordinal));

        pack.Write("r.yaml", pack.Read("r.yaml").Replace("- { when: [c1], then: 40 }", "# (row 4 removed)", StringComparison.Ordinal));
        var ruleSet = pack.Load().RuleSet("r");
        var result = ruleSet.Evaluate(ruleSet.ReadCase($"{{\"level\":\"{level}\",\"flag\":{(flag ? "true" : "false")}}}"), March2026);

        Assert.Equal(byLevel, result["by_level"]);
        Assert.Equal(byFlag, result["by_flag"]);
        Assert.Equal(levelRow, result.Outputs[0].Rows.Single().Row);
        Assert.Equal(flagRow < 0 ? [] : [flagRow], result.Outputs[1].Rows.Select(r => (long)r.Row));
    }

    [Fact]
    public void A_table_over_a_condition_a_whole_number_and_an_enum_gives_the_first_matching_row_at_every_boundary()
    {
        using var pack = TempPack.Create(("r.yaml", """
            ruleset:
              id: r
              title: R
              inputs:
                flag: { type: bool }
                n: { type: integer }
                level: { type: enum, values: [none, a1, a2, b1, b2] }
              outputs:
                points:
                  table:
                    hit: first
                    columns: [flag, n, level]
                    rows:
                      - { when: [true, "< 2.5", "-"], then: 1 }
                      - { when: [true, "> 2.5", ">= b1"], then: 2 }
                      - { when: ["-", "!= 7", a1], then: 3 }
                      - { when: ["-", "3..6", "-"], then: 4 }
                      - { when: [false, ">= 100", "-"], then: 5 }
                    default: 0
            """));
        var ruleSet = pack.Load().RuleSet("r");
        string[] levels = ["none", "a1", "a2", "b1", "b2"];
        foreach (var flag in new[] { false, true })
        {
            foreach (var n in new long[] { long.MinValue, -1000, 0, 1, 2, 3, 4, 6, 7, 8, 99, 100, 101, 5000, long.MaxValue })
            {
                for (var level = 0; level < levels.Length; level++)
                {
                    // The rows as a reader takes them, first match wins.
                    var expectedRow = flag && n < 2.5m ? 0
                        : flag && n > 2.5m && level >= 3 ? 1
                        : n != 7 && level == 1 ? 2
                        : n is >= 3 and <= 6 ? 3
                        : !flag && n >= 100 ? 4
                        : -1;
                    var json = $"{{\"flag\":{(flag ? "true" : "false")},\"n\":{n},\"level\":\"{levels[level]}\"}}";
                    var result = ruleSet.Evaluate(ruleSet.ReadCase(json), March2026);

                    Assert.Equal(expectedRow < 0 ? 0L : expectedRow + 1L, result["points"]);
                    Assert.Equal(expectedRow < 0 ? [] : [expectedRow + 1], result.Outputs[0].Rows.Select(r => (long)r.Row));
                }
            }
        }
    }

    private const string Scheme = """
        scheme:
          id: points
          title: Points
          effective-from: 2026-01-01
          law-date: "if lodged < @2026-01-01 then @2026-01-01 else lodged"
          inputs:
            lodged: { type: date }
            age: { type: integer, min: 0, max: 120 }
            has_spouse: { type: bool, default: false }
            education: { type: enum, values: [secondary, bachelor, master], changeable: true }
            kazakh: { type: enum, values: [none, a1, a2, b1, b2], changeable: true }
            english: { type: enum, values: [none, b1, c1], default: none, changeable: true }
            ielts: { type: decimal, default: 0 }
            region: { type: text, default: KZ-71 }
            convicted: { type: bool, default: false }
          derived:
            educated: "education >= 'bachelor'"
          gates:
            - id: clean_record
              rule: "not convicted"
              reason: { en: No criminal record, ru: Нет судимости, kk: Сотталмаған }
              source: order 1
          criteria:
            - id: age
              provisional: true
              note: test
              table:
                hit: first
                columns: [has_spouse, age]
                rows:
                  - { when: [false, "18..34"], points: 100, label: single young }
                  - { when: [true, "18..34"], points: 90, label: couple young }
                  - { when: ["-", ">= 35"], points: "max(0, 100 - (age - 34) * 5)" }
                default: 0
            - id: education
              provisional: true
              note: test
              table:
                hit: unique
                columns: [education]
                rows:
                  - { when: [secondary], points: 20 }
                  - { when: [bachelor], points: 60 }
                  - { when: [master], points: 80 }
            - id: language
              provisional: true
              note: test
              cap: 70
              best-of:
                - id: kazakh
                  table:
                    columns: [kazakh]
                    rows:
                      - { when: [">= b1"], points: 80 }
                      - { when: ["a1..a2"], points: 30 }
                    default: 0
                - id: english
                  points: "if english = 'c1' then 60 else if ielts >= 6.5 then 50 else 0"
            - id: education_x_kazakh
              provisional: true
              note: test
              points: "if educated and kazakh >= 'b1' then 50 else 0"
            - id: education_x_english
              provisional: true
              note: test
              points: "if educated and english != 'none' then 40 else 0"
            - id: extras
              provisional: true
              note: test
              table:
                hit: collect-sum
                columns: [has_spouse, region]
                rows:
                  - { when: [true, "-"], points: 10, label: spouse }
                  - { when: ["-", "KZ-55, KZ-59"], points: 15, label: north }
            - id: north_bonus
              provisional: true
              note: test
              bonus: true
              when: "region in param(regions)"
              points: 25
          groups:
            - { id: transferability, criteria: [education_x_kazakh, education_x_english], cap: 60 }
          max-total: 250
          pass:
            rule: "total >= param(pass_mark)"
            mark: "param(pass_mark)"
        """;

    private static SchemeResult Score(string json, DateOnly? asOf = null)
    {
        using var pack = TempPack.Create(("parameters.yaml", Parameters), ("scheme.yaml", Scheme));
        var (loaded, diagnostics) = pack.Check();
        Assert.True(loaded is not null, string.Join("\n", diagnostics));
        var scheme = loaded.Scheme("points");
        return scheme.Evaluate(scheme.ReadCase(json), asOf ?? March2026);
    }

    [Fact]
    public void A_points_table_can_depend_on_another_input()
    {
        var single = Score("""{"lodged":"2026-02-01","age":30,"education":"secondary","kazakh":"none"}""");
        var couple = Score("""{"lodged":"2026-02-01","age":30,"has_spouse":true,"education":"secondary","kazakh":"none"}""");
        var older = Score("""{"lodged":"2026-02-01","age":40,"education":"secondary","kazakh":"none"}""");

        Assert.Equal(100, single.Criteria.Single(c => c.Id == "age").Points);
        Assert.Equal("single young", single.Criteria.Single(c => c.Id == "age").Rows.Single().Label);
        Assert.Equal(90, couple.Criteria.Single(c => c.Id == "age").Points);
        Assert.Equal(70, older.Criteria.Single(c => c.Id == "age").Points);
        Assert.Equal(3, older.Criteria.Single(c => c.Id == "age").Rows.Single().Row);
    }

    [Fact]
    public void Best_of_counts_the_strongest_indicator_and_its_cap()
    {
        var kazakh = Score("""{"lodged":"2026-02-01","age":30,"education":"bachelor","kazakh":"b2","english":"c1"}""");
        var english = Score("""{"lodged":"2026-02-01","age":30,"education":"bachelor","kazakh":"a1","ielts":7.0}""");

        var language = kazakh.Criteria.Single(c => c.Id == "language");
        Assert.Equal("kazakh", language.Indicator);
        Assert.Equal(80, language.RawPoints);
        Assert.Equal(70, language.Points);
        Assert.Equal("cap", language.CappedBy);
        Assert.Equal(1, language.Rows.Single().Row);
        Assert.Equal("english", english.Criteria.Single(c => c.Id == "language").Indicator);
        Assert.Equal(50, english.Criteria.Single(c => c.Id == "language").Points);
    }

    [Fact]
    public void A_group_cap_limits_combination_points_in_the_order_criteria_are_listed()
    {
        var result = Score("""{"lodged":"2026-02-01","age":30,"education":"master","kazakh":"b1","english":"b1"}""");

        Assert.Equal(50, result.Criteria.Single(c => c.Id == "education_x_kazakh").Points);
        var capped = result.Criteria.Single(c => c.Id == "education_x_english");
        Assert.Equal(40, capped.RawPoints);
        Assert.Equal(10, capped.Points);
        Assert.Equal("group:transferability", capped.CappedBy);
        Assert.Equal(60, result.Groups.Single().Points);
    }

    [Fact]
    public void Collect_sum_adds_every_matching_row_and_names_them()
    {
        var result = Score("""{"lodged":"2026-02-01","age":30,"has_spouse":true,"education":"secondary","kazakh":"none","region":"KZ-55"}""");

        var extras = result.Criteria.Single(c => c.Id == "extras");
        Assert.Equal(25, extras.Points);
        Assert.Equal(["spouse", "north"], extras.Rows.Select(r => r.Label));
    }

    [Fact]
    public void A_bonus_is_added_after_the_normal_maximum()
    {
        var result = Score("""{"lodged":"2026-02-01","age":30,"has_spouse":true,"education":"master","kazakh":"b2","english":"c1","region":"KZ-55"}""");

        // 90 + 80 + 70 + 60 (group) + 25 = 325 regular points, capped at 250, then the 25 bonus.
        Assert.Equal(325, result.RegularPoints);
        Assert.Equal(275, result.Total);
        Assert.True(result.Total > result.MaxTotal);
        Assert.True(result.Criteria.Single(c => c.Id == "north_bonus").Bonus);
    }

    [Fact]
    public void A_criterion_whose_condition_fails_is_not_applicable()
    {
        var result = Score("""{"lodged":"2026-02-01","age":30,"education":"secondary","kazakh":"none","region":"KZ-71"}""");

        var bonus = result.Criteria.Single(c => c.Id == "north_bonus");
        Assert.False(bonus.Applicable);
        Assert.Equal(0, bonus.Points);
    }

    [Fact]
    public void A_failed_gate_fails_the_case_whatever_the_points_and_gives_its_reason()
    {
        var result = Score("""{"lodged":"2026-02-01","age":30,"education":"master","kazakh":"b2","convicted":true}""");

        Assert.Equal("fail-gate", result.Decision);
        Assert.False(result.Passed);
        var gate = result.Gates.Single();
        Assert.False(gate.Passed);
        Assert.Equal("Нет судимости", gate.Reason!.Ru);
    }

    [Fact]
    public void The_law_date_comes_from_the_schemes_own_rule()
    {
        var early = Score("""{"lodged":"2025-11-20","age":30,"education":"secondary","kazakh":"none"}""");
        var late = Score("""{"lodged":"2026-02-10","age":30,"education":"secondary","kazakh":"none"}""");

        Assert.Equal(new DateOnly(2026, 1, 1), early.LawDate);
        Assert.Equal(new DateOnly(2026, 2, 10), late.LawDate);
        Assert.Equal(March2026, late.AsOf);
    }

    [Fact]
    public void The_explanation_lists_each_parameter_used_with_its_source_and_survives_a_round_trip()
    {
        var result = Score("""{"lodged":"2026-02-01","age":30,"education":"secondary","kazakh":"none","region":"KZ-23"}""");

        var bonus = result.Criteria.Single(c => c.Id == "north_bonus");
        var regions = Assert.Single(bonus.Parameters);
        Assert.Equal("regions", regions.Name);
        Assert.Equal("order B", regions.Source);
        Assert.Equal(new DateOnly(2026, 1, 1), regions.From);
        var mark = Assert.Single(result.PassParameters);
        Assert.True(mark.Provisional);

        var json = result.ToJson();
        Assert.Contains("\"schema\":\"koshi.explanation/1\"", json, StringComparison.Ordinal);
        var back = SchemeResult.FromJson(json);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void A_failing_case_gets_the_smallest_changes_that_reach_the_pass_mark()
    {
        // 100 (age) + 20 (secondary) + 0 = 120 ≥ 100 passes: raise the mark by scoring an older applicant.
        var result = Score("""{"lodged":"2026-02-01","age":50,"education":"secondary","kazakh":"none"}""");
        Assert.Equal(40, result.Total);
        Assert.False(result.Passed);

        Assert.NotEmpty(result.PathsToPass);
        var first = result.PathsToPass[0];
        Assert.Single(first.Changes);
        Assert.True(first.Total >= 100);
        foreach (var path in result.PathsToPass)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse("""{"lodged":"2026-02-01","age":50,"education":"secondary","kazakh":"none"}""")!.AsObject();
            foreach (var change in path.Changes)
            {
                json[change.Input] = change.To;
            }

            Assert.True(Score(json.ToJsonString()).Passed, string.Join(", ", path.Changes));
        }
    }
}
