using System.Globalization;
using System.Text.Json.Nodes;
using Koshi.Policy.Yaml;

namespace Koshi.Policy.Testing;

/// <summary>A case of the pack's own tests: inputs, a date, and what the law must give.</summary>
public sealed class PolicyTestCase
{
    private PolicyTestCase(string name, SourcePosition position, string target, bool isScheme, DateOnly asOf, CaseInput? input, YMapping expect)
    {
        Name = name;
        Position = position;
        Target = target;
        IsScheme = isScheme;
        AsOf = asOf;
        Input = input;
        Expect = expect;
    }

    public string Name { get; }
    public SourcePosition Position { get; }

    /// <summary>The scheme or rule set id the case runs against.</summary>
    public string Target { get; }

    public bool IsScheme { get; }
    public DateOnly AsOf { get; }
    internal CaseInput? Input { get; }
    internal YMapping Expect { get; }

    internal static IEnumerable<PolicyTestCase> Read(YNode node, SourcePosition parent, Diagnostics d, IReadOnlyList<Scheme> schemes, IReadOnlyList<RuleSet> ruleSets)
    {
        var list = NodeReader.Sequence(node, d, "tests", parent);
        foreach (var item in list?.Items ?? [])
        {
            var map = NodeReader.Mapping(item, d, "a test", list!.Position);
            if (map is null)
            {
                continue;
            }

            NodeReader.OnlyKeys(map, d, "a test", "name", "scheme", "ruleset", "as-of", "inputs", "expect", "note");
            var name = NodeReader.Text(map["name"], d, "the test's name", map.Position) ?? "(unnamed)";
            var asOf = NodeReader.Date(map["as-of"], d, "as-of", map.Position);
            var expect = NodeReader.Mapping(map["expect"], d, "expect", map.Position);
            var schemeId = NodeReader.Text(map["scheme"], d, "scheme", map.Position, required: false);
            var ruleSetId = NodeReader.Text(map["ruleset"], d, "ruleset", map.Position, required: false);
            if ((schemeId is null) == (ruleSetId is null))
            {
                d.Error(map.Position, $"test '{name}' needs exactly one of 'scheme' or 'ruleset'");
                continue;
            }

            var layout = schemeId is not null ? schemes.FirstOrDefault(s => s.Id == schemeId)?.Layout : ruleSets.FirstOrDefault(r => r.Id == ruleSetId)?.Layout;
            if (layout is null)
            {
                // An unknown target is an error only when it was not refused already for its own errors.
                if (!d.HasErrors)
                {
                    d.Error(map.Position, $"test '{name}': no {(schemeId is not null ? "scheme" : "rule set")} '{schemeId ?? ruleSetId}'");
                }

                continue;
            }

            if (asOf is null || expect is null)
            {
                continue;
            }

            NodeReader.OnlyKeys(expect, d, "expect", "total", "passed", "decision", "points", "gates", "outputs", "error", "pass-mark", "law-date");
            if (schemeId is not null)
            {
                var scheme = schemes.First(s => s.Id == schemeId);
                KnownIds(expect, "points", "criterion", scheme.Criteria.Select(c => c.Id), name, d);
                KnownIds(expect, "gates", "gate", scheme.Gates.Select(g => g.Id), name, d);
                NotFor(expect, "outputs", "a scheme", name, d);
                if (expect["decision"] is YScalar decision && Array.IndexOf(Decisions, decision.Value) < 0)
                {
                    var suggestion = Expressions.ExpressionBinder.Closest(decision.Value, Decisions);
                    d.Error(decision.Position, $"test '{name}': unknown decision '{decision.Value}' (expected {string.Join(", ", Decisions)})"
                        + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
                }
            }
            else
            {
                KnownIds(expect, "outputs", "output", ruleSets.First(r => r.Id == ruleSetId).Outputs, name, d);
                foreach (var key in new[] { "total", "passed", "decision", "points", "gates", "pass-mark" })
                {
                    NotFor(expect, key, "a rule set", name, d);
                }
            }

            CaseInput? input = null;
            try
            {
                input = CaseReader.Read(layout, System.Text.Json.JsonSerializer.SerializeToElement(ToJson(map["inputs"]) ?? new JsonObject()));
            }
            catch (CaseInputException ex)
            {
                foreach (var error in ex.Errors)
                {
                    d.Error(map["inputs"]?.Position ?? map.Position, $"test '{name}': input {error}");
                }

                continue;
            }

            yield return new PolicyTestCase(name, map.Position, schemeId ?? ruleSetId!, schemeId is not null, asOf.Value, input, expect);
        }
    }

    private static readonly string[] Decisions = ["pass", "fail-gate", "fail-score", "ranked"];

    /// <summary>An expectation naming a criterion, gate or output that does not exist would never be compared: an error.</summary>
    private static void KnownIds(YMapping expect, string key, string what, IEnumerable<string> ids, string test, Diagnostics d)
    {
        if (expect[key] is not { } node)
        {
            return;
        }

        if (node is not YMapping map)
        {
            d.Error(node.Position, $"test '{test}': '{key}' must be a mapping of {what} ids to expected values");
            return;
        }

        var known = ids.ToList();
        foreach (var (id, _) in map.Entries)
        {
            if (!known.Contains(id.Value))
            {
                var suggestion = Expressions.ExpressionBinder.Closest(id.Value, known);
                d.Error(id.Position, $"test '{test}': no {what} '{id.Value}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
            }
        }
    }

    private static void NotFor(YMapping expect, string key, string target, string test, Diagnostics d)
    {
        if (expect[key] is { } node)
        {
            d.Error(node.Position, $"test '{test}': '{key}' cannot be expected of {target}");
        }
    }

    /// <summary>YAML inputs as JSON: plain scalars that read as numbers or booleans become those.</summary>
    internal static JsonNode? ToJson(YNode? node) => node switch
    {
        null => null,
        YScalar { IsNull: true } => null,
        YScalar s when s.Plain && s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YScalar s when s.Plain && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YScalar s when s.Plain && decimal.TryParse(s.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) => JsonValue.Create(m),
        YScalar s => JsonValue.Create(s.Value),
        YSequence seq => new JsonArray(seq.Items.Select(ToJson).ToArray()),
        YMapping map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        _ => null,
    };
}

public sealed record PolicyTestOutcome(PolicyTestCase Case, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

public sealed record PolicyTestReport(IReadOnlyList<PolicyTestOutcome> Outcomes)
{
    public int Passed => Outcomes.Count(o => o.Passed);
    public int Failed => Outcomes.Count(o => !o.Passed);
}

internal static class PolicyTestRunner
{
    public static PolicyTestReport Run(PolicyPack pack)
        => new(pack.Tests.Select(t => new PolicyTestOutcome(t, Check(pack, t))).ToList());

    private static List<string> Check(PolicyPack pack, PolicyTestCase test)
    {
        var failures = new List<string>();
        var expectedError = test.Expect["error"] is YScalar e ? e.Value : null;
        try
        {
            if (test.IsScheme)
            {
                var result = pack.Scheme(test.Target).Evaluate(test.Input!, test.AsOf, withPaths: false);
                if (expectedError is not null)
                {
                    failures.Add($"expected an error containing \"{expectedError}\", but the case scored {result.Total}");
                    return failures;
                }

                Compare(failures, "total", test.Expect["total"], result.Total.ToString(CultureInfo.InvariantCulture));
                Compare(failures, "passed", test.Expect["passed"], result.Passed ? "true" : "false");
                Compare(failures, "decision", test.Expect["decision"], result.Decision);
                Compare(failures, "pass-mark", test.Expect["pass-mark"], result.PassMark?.ToString(CultureInfo.InvariantCulture) ?? "none");
                Compare(failures, "law-date", test.Expect["law-date"], result.LawDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                foreach (var (key, value) in (test.Expect["points"] as YMapping)?.Entries ?? [])
                {
                    var criterion = result.Criteria.FirstOrDefault(c => c.Id == key.Value);
                    if (criterion is null)
                    {
                        failures.Add($"points: no criterion '{key.Value}'");
                        continue;
                    }

                    Compare(failures, "points of " + key.Value, value, criterion.Points.ToString(CultureInfo.InvariantCulture));
                }

                foreach (var (key, value) in (test.Expect["gates"] as YMapping)?.Entries ?? [])
                {
                    var gate = result.Gates.FirstOrDefault(g => g.Id == key.Value);
                    if (gate is null)
                    {
                        failures.Add($"gates: no gate '{key.Value}'");
                        continue;
                    }

                    Compare(failures, "gate " + key.Value, value, gate.Passed ? "true" : "false");
                }
            }
            else
            {
                var result = pack.RuleSet(test.Target).Evaluate(test.Input!, test.AsOf);
                if (expectedError is not null)
                {
                    failures.Add($"expected an error containing \"{expectedError}\", but the rule set gave {string.Join(", ", result.Outputs.Select(o => $"{o.Name}={Format.Value(o.Value)}"))}");
                    return failures;
                }

                foreach (var (key, value) in (test.Expect["outputs"] as YMapping)?.Entries ?? [])
                {
                    var output = result.Outputs.FirstOrDefault(o => o.Name == key.Value);
                    if (output is null)
                    {
                        failures.Add($"outputs: no output '{key.Value}'");
                        continue;
                    }

                    Compare(failures, key.Value, value, Format.Value(output.Value));
                }
            }
        }
        catch (PolicyEvaluationException ex)
        {
            if (expectedError is null)
            {
                failures.Add("evaluation failed: " + ex.Message);
            }
            else if (!ex.Message.Contains(expectedError, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"expected an error containing \"{expectedError}\", got: {ex.Message}");
            }
        }

        return failures;
    }

    private static void Compare(List<string> failures, string what, YNode? expected, string actual)
    {
        if (expected is not YScalar scalar)
        {
            return;
        }

        var same = scalar.Value == actual
                   || (decimal.TryParse(scalar.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                       && decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var b) && a == b);
        if (!same)
        {
            failures.Add($"{what}: expected {scalar.Value}, got {actual} ({scalar.Position})");
        }
    }
}
