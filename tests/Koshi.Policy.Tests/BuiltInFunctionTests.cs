using System.Text.RegularExpressions;
using Koshi.Policy.Expressions;

namespace Koshi.Policy.Tests;

/// <summary>The table of built-in functions: every entry is documented, evaluates, and has its arity checked.</summary>
public sealed partial class BuiltInFunctionTests
{
    private static readonly DateOnly March2026 = new(2026, 3, 1);

    /// <summary>One call of every built-in function and its value on 2026-03-01; a function added to the table without a
    /// line here fails <see cref="Every_function_in_the_table_has_a_sample_here"/>.</summary>
    private static readonly Dictionary<string, (string Call, object Value)> Samples = new()
    {
        ["param"] = ("param(pass_mark)", 100L),
        ["scale"] = ("scale(rent, 4)", 20L),
        ["lookup"] = ("lookup(quota, 'KZ-99', 0.5)", 0.5m),
        ["age"] = ("age(@2000-02-29, @2026-02-28)", 25L),
        ["years_between"] = ("years_between(@2020-05-10, @2026-05-10)", 6L),
        ["months_between"] = ("months_between(@2026-01-31, @2026-02-28)", 1L),
        ["days_between"] = ("days_between(@2026-02-01, @2026-03-01)", 28L),
        ["add_days"] = ("days_between(@2026-01-01, add_days(@2026-01-01, 40))", 40L),
        ["add_months"] = ("month(add_months(@2026-11-30, 3))", 2L),
        ["add_years"] = ("year(add_years(@2024-02-29, 1))", 2025L),
        ["year"] = ("year(@2026-03-01)", 2026L),
        ["month"] = ("month(@2026-03-01)", 3L),
        ["day"] = ("day(@2026-03-01)", 1L),
        ["min"] = ("min(9, 4, 7)", 4L),
        ["max"] = ("max(9, 4.5, 7)", 9m),
        ["abs"] = ("abs(0 - 2.5)", 2.5m),
        ["floor"] = ("floor(2.7)", 2L),
        ["ceil"] = ("ceil(2.1)", 3L),
        ["round"] = ("round(2.345, 2)", 2.35m),
        ["count"] = ("count(param(regions))", 2L),
    };

    private const string Parameters = """
        parameters:
          pass_mark:
            type: integer
            values:
              2026-01-01: { value: 100, source: order A }
          regions:
            type: set
            values:
              2026-01-01: { value: [KZ-55, KZ-59], source: order B }
          quota:
            type: map
            values:
              2026-01-01: { value: { KZ-55: 977 }, source: order C }
          rent:
            type: scale
            values:
              2026-01-01:
                source: rules D
                brackets:
                  - { from: 1, value: 15 }
                  - { from: 3, value: 20 }
        """;

    private static TempPack PackWith(IEnumerable<(string Name, string Expression)> outputs) => TempPack.Create(
        ("parameters.yaml", Parameters),
        ("r.yaml", "ruleset:\n  id: r\n  title: R\n  inputs:\n    n: { type: integer, default: 1 }\n  outputs:\n"
                   + string.Concat(outputs.Select(o => $"    {o.Name}: \"{o.Expression}\"\n"))));

    [Fact]
    public void Every_function_in_the_table_has_a_sample_here()
        => Assert.Equal(BuiltIns.All.Select(f => f.Name).Order(StringComparer.Ordinal), Samples.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_function_is_in_the_pack_format_documentation_and_every_documented_function_in_the_table()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "policy-format.md"));
        var table = doc[doc.IndexOf("| `param(name)`", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var documented = DocumentedCall().Matches(table).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(BuiltIns.All.Select(f => f.Name).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_evaluates_its_sample()
    {
        using var pack = PackWith(Samples.Select(s => ($"f_{s.Key}", s.Value.Call)));
        var (loaded, diagnostics) = pack.Check();
        Assert.True(loaded is not null, string.Join("\n", diagnostics));
        var ruleSet = loaded.RuleSet("r");
        var result = ruleSet.Evaluate(ruleSet.ReadCase("{}"), March2026);

        foreach (var (name, (call, value)) in Samples)
        {
            Assert.True(Equals(value, result[$"f_{name}"]), $"{call} gave {result[$"f_{name}"]} ({result[$"f_{name}"]?.GetType().Name}), not {value}");
        }
    }

    [Fact]
    public void Every_function_refuses_one_argument_too_few_and_one_too_many()
    {
        var calls = new List<(string Name, string Expression, int Given)>();
        foreach (var f in BuiltIns.All)
        {
            var few = f.MinArguments - 1;
            calls.Add(($"few_{f.Name}", $"{f.Name}({string.Join(", ", Enumerable.Repeat("1", few))})", few));
            var many = f.MaxArguments + 1;
            calls.Add(($"many_{f.Name}", $"{f.Name}({string.Join(", ", Enumerable.Repeat("1", many))})", many));
        }

        using var pack = PackWith(calls.Select(c => (c.Name, c.Expression)));
        var errors = pack.Errors();

        foreach (var (_, expression, given) in calls)
        {
            var name = expression[..expression.IndexOf('(', StringComparison.Ordinal)];
            Assert.Contains(errors, e => e.Contains($"{name}() takes ", StringComparison.Ordinal) && e.EndsWith($", not {given}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Arity_is_described_from_the_declared_arguments()
    {
        Assert.Equal((1, 1), Arity("param"));
        Assert.Equal((2, 3), Arity("lookup"));
        Assert.Equal((1, 2), Arity("round"));
        Assert.Equal((2, BuiltIn.MaxRepeated), Arity("min"));
        Assert.Equal("round(argument, [digits])", BuiltIns.Find("round")!.Signature);
        Assert.Equal("max(argument, argument, …)", BuiltIns.Find("max")!.Signature);
        Assert.Null(BuiltIns.Find("sqrt"));

        static (int, int) Arity(string name) => (BuiltIns.Find(name)!.MinArguments, BuiltIns.Find(name)!.MaxArguments);
    }

    [GeneratedRegex(@"`(\w+)\(")]
    private static partial Regex DocumentedCall();
}
