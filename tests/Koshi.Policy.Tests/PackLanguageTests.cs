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
