using Koshi.Policy.Testing;

namespace Koshi.Policy.Tests;

public sealed class KazakhstanPackTests
{
    [Fact]
    public void The_pack_loads_without_errors_or_warnings()
    {
        var (pack, diagnostics) = PolicyPack.Check(Repository.KazakhstanPack);

        Assert.Empty(diagnostics.Select(d => d.ToString()));
        Assert.NotNull(pack);
        Assert.Equal("kz", pack.Id);
        Assert.StartsWith("sha256:", pack.ContentHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_states_its_source_or_is_marked_provisional_with_a_note()
    {
        var unsourced = Shared.Kazakhstan.Parameters
            .SelectMany(p => p.Values.Select(v => (p.Name, v)))
            .Where(x => string.IsNullOrWhiteSpace(x.v.Source) && !(x.v.Provisional && !string.IsNullOrWhiteSpace(x.v.Note)))
            .Select(x => $"{x.Name} from {x.v.From}")
            .ToList();

        Assert.Empty(unsourced);
        Assert.All(Shared.Kazakhstan.Scheme("permanent-residence").Criteria,
            c => Assert.True(c.Source is not null || (c.Provisional && c.Note is not null), c.Id));
    }

    [Fact]
    public void The_residence_pass_mark_is_400_and_the_pilot_points_are_provisional()
    {
        var scheme = Shared.Kazakhstan.Scheme("permanent-residence");
        var mark = Shared.Kazakhstan.Parameter("residence.pass_mark")!.ValueOn(new DateOnly(2026, 3, 1))!;

        Assert.Equal(400L, mark.Value);
        Assert.False(mark.Provisional);
        Assert.All(scheme.Criteria, c => Assert.True(c.Provisional, c.Id));
    }

    [Fact]
    public void Every_citation_key_the_pack_uses_is_listed_in_its_source_list()
    {
        var listed = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Path.Combine(Repository.KazakhstanPack, "SOURCES.md")), @"^\| ([A-Z][0-9]+) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var cited = Directory.EnumerateFiles(Repository.KazakhstanPack, "*.yaml", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"\[([A-Z][0-9]+)\]")
                .Select(m => (Key: m.Groups[1].Value, File: Path.GetRelativePath(Repository.KazakhstanPack, file))))
            .ToList();
        Assert.NotEmpty(cited);
        Assert.Empty(cited.Where(c => !listed.Contains(c.Key)).Select(c => $"{c.File}: [{c.Key}]").Distinct());
    }

    [Fact]
    public void The_mrp_follows_the_budget_laws()
    {
        var mrp = Shared.Kazakhstan.Parameter("mrp")!;

        Assert.Equal(3692m, Convert.ToDecimal(mrp.ValueOn(new DateOnly(2024, 6, 1))!.Value));
        Assert.Equal(3932m, Convert.ToDecimal(mrp.ValueOn(new DateOnly(2025, 12, 31))!.Value));
        Assert.Equal(4325m, Convert.ToDecimal(mrp.ValueOn(new DateOnly(2026, 1, 1))!.Value));
        Assert.Null(mrp.ValueOn(new DateOnly(2023, 12, 31)));
    }

    public static TheoryData<string> PackTests()
    {
        var data = new TheoryData<string>();
        foreach (var test in Shared.Kazakhstan.Tests)
        {
            data.Add(test.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PackTests))]
    public void Pack_test_passes(string name)
    {
        var report = Shared.Kazakhstan.RunTests();
        var outcome = report.Outcomes.Single(o => o.Case.Name == name);

        Assert.True(outcome.Passed, $"{outcome.Case.Position}: {string.Join("; ", outcome.Failures)}");
    }

    [Fact]
    public void A_wrong_expectation_in_a_pack_test_is_reported_as_a_failure()
    {
        using var pack = TempPack.CopyOf(Repository.KazakhstanPack);
        var tests = pack.Read("tests/permanent-residence.yaml");
        pack.Write("tests/permanent-residence.yaml", new System.Text.RegularExpressions.Regex("total: 475").Replace(tests, "total: 476", 1));

        var report = pack.Load().RunTests();

        var failed = Assert.Single(report.Outcomes, o => !o.Passed);
        Assert.Contains("total: expected 476, got 475", failed.Failures.Single(), StringComparison.Ordinal);
    }
}

/// <summary>
/// Every text of the pack a person reads (sources, row labels, titles, reasons) exists in Kazakh and Russian: a
/// Kazakh or Russian page must not show an English sentence taken from the pack. A plain English text passes when
/// the pack translates the same text elsewhere.
/// </summary>
public sealed class KazakhstanPackLanguageTests
{
    private static readonly HashSet<string> PersonFacing = new(StringComparer.Ordinal)
    {
        "source", "label", "title", "reason", "detail", "basis", "description", "text",
    };

    [Fact]
    public void Every_text_a_person_reads_exists_in_kazakh_and_russian()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.KazakhstanPack, "*.yaml", SearchOption.AllDirectories)
                     .Where(f => !Path.GetRelativePath(Repository.KazakhstanPack, f).StartsWith("tests", StringComparison.Ordinal)))
        {
            var root = Koshi.Policy.Yaml.YamlTree.Parse(file, File.ReadAllText(file), new Koshi.Policy.Yaml.Diagnostics());
            Walk(root, Path.GetRelativePath(Repository.KazakhstanPack, file), missing);
        }

        Assert.True(missing.Count == 0, $"{missing.Count} texts without Kazakh or Russian:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_check_finds_a_text_in_english_only_or_missing_a_language()
    {
        const string yaml = """
            parameters:
              x:
                title: { en: A figure, ru: Показатель }
                values:
                  2026-01-01: { value: 1, source: "A law nobody translated" }
            """;
        var missing = new List<string>();
        Walk(Koshi.Policy.Yaml.YamlTree.Parse("x.yaml", yaml, new Koshi.Policy.Yaml.Diagnostics()), "x.yaml", missing);

        Assert.Contains(missing, m => m.EndsWith("A law nobody translated", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("no 'kk' for A figure", StringComparison.Ordinal));
        Assert.Equal(2, missing.Count);
    }

    private static void Walk(Koshi.Policy.Yaml.YNode? node, string file, List<string> missing)
    {
        switch (node)
        {
            case Koshi.Policy.Yaml.YMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    if (PersonFacing.Contains(key.Value))
                    {
                        Check(value, file, missing);
                    }

                    Walk(value, file, missing);
                }

                break;
            case Koshi.Policy.Yaml.YSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Walk(item, file, missing);
                }

                break;
        }
    }

    private static void Check(Koshi.Policy.Yaml.YNode value, string file, List<string> missing)
    {
        switch (value)
        {
            case Koshi.Policy.Yaml.YScalar { IsNull: false } scalar:
                var english = scalar.Value;
                if (Shared.Kazakhstan.Text(english, "kk") == english || Shared.Kazakhstan.Text(english, "ru") == english)
                {
                    missing.Add($"{file}:{scalar.Position}: {english}");
                }

                break;
            case Koshi.Policy.Yaml.YMapping map when map["en"] is not null:
                foreach (var language in new[] { "kk", "ru" })
                {
                    if (map[language] is not Koshi.Policy.Yaml.YScalar { IsNull: false })
                    {
                        missing.Add($"{file}:{map.Position}: no '{language}' for {(map["en"] as Koshi.Policy.Yaml.YScalar)?.Value}");
                    }
                }

                break;
        }
    }
}
