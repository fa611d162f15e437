using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Koshi.Cli.Tests;

/// <summary>Rule sets over a population, populations in Parquet, and the fairness report.</summary>
public class LabVerbTests
{
    private static CliRun Generate(string file, int count, int seed, params string[] more)
        => Cli.Run(["population", "generate", "--scheme", "permanent-residence", "--count", count.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", file, "--pack", Repo.Pack, .. more]);

    private static JsonElement Json(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Out);
        return document.RootElement.Clone();
    }

    [Fact]
    public void A_parquet_population_holds_the_same_people_as_the_json_lines_of_the_same_seed()
    {
        using var temp = new TempDir();
        Assert.Equal(0, Generate(temp.File("pop.jsonl"), 2500, 9).ExitCode);
        var parquet = Generate(temp.File("pop.parquet"), 2500, 9);
        Assert.True(parquet.ExitCode == 0, parquet.ToString());
        Assert.Contains("as parquet", parquet.Out, StringComparison.Ordinal);
        Assert.True(new FileInfo(temp.File("pop.parquet")).Length < new FileInfo(temp.File("pop.jsonl")).Length / 4);

        string[] Run(string file) => Cli.Run("simulate", "--scheme", "permanent-residence", "--population", file, "--as-of", "2026-03-01",
                "--pack", Repo.Pack, "--json", "--flips", "0").Out
            .Split('\n').Where(l => !l.Contains("\"population\"", StringComparison.Ordinal) && !l.Contains("lapsed", StringComparison.Ordinal)
                                    && !l.Contains("rowsPerSecond", StringComparison.Ordinal)).ToArray();

        var fromJson = Run(temp.File("pop.jsonl"));
        var fromParquet = Run(temp.File("pop.parquet"));
        Assert.Contains(fromJson, l => l.Contains("\"passed\"", StringComparison.Ordinal));
        Assert.Equal(fromJson, fromParquet);
    }

    [Fact]
    public async Task A_bad_value_in_a_parquet_population_names_the_file_the_row_and_the_column()
    {
        using var temp = new TempDir();
        var file = temp.File("fees.parquet");
        await WriteFeeParquet(file, [("employer", "cat3", "group_1", 365), ("employer", "cat3", "group_1", 5000)]);

        var run = Cli.Run("simulate", "--ruleset", "employer-fee", "--population", file, "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file + ":2: duration_days: 5000 is above the maximum 1095", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 2 is not a valid case for rule set 'employer-fee'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parquet_file_with_a_column_the_scheme_does_not_know_is_bad_input()
    {
        using var temp = new TempDir();
        var file = temp.File("odd.parquet");
        await WriteFeeParquet(file, [("employer", "cat1", "group_1", 365)], extra: "shoe_size");

        var run = Cli.Run("simulate", "--ruleset", "employer-fee", "--population", file, "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file + ":1: shoe_size: unknown column: not an input of employer-fee", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_set_reform_changes_exactly_the_rows_it_touches_and_their_totals()
    {
        using var temp = new TempDir();
        var csv = temp.Write("fees.csv", string.Join('\n',
            "permit_type,category,sector_group,duration_days",
            "employer,cat3,group_1,365",
            "employer,cat4,group_1,365",
            "employer,cat3,group_1,200",
            "employer,cat3,group_2,365",
            "ict,none,none,365",
            ""));
        var reform = temp.CopyPack("reform");
        var fees = Path.Combine(reform, "parameters", "employer-fee.yaml");
        var yaml = File.ReadAllText(fees);
        Assert.Contains("value: { cat1: 137, cat2: 158, cat3: 179, cat4: 200 }", yaml, StringComparison.Ordinal);
        File.WriteAllText(fees, yaml.Replace("value: { cat1: 137, cat2: 158, cat3: 179, cat4: 200 }", "value: { cat1: 137, cat2: 158, cat3: 190, cat4: 200 }", StringComparison.Ordinal));

        var report = Json(Cli.Run("simulate", "--ruleset", "employer-fee", "--population", csv, "--reform", reform, "--as-of", "2026-03-01",
            "--pack", Repo.Pack, "--json"));
        var text = Cli.Run("simulate", "--ruleset", "employer-fee", "--population", csv, "--reform", reform, "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(5, report.GetProperty("count").GetInt32());
        Assert.Equal(2, report.GetProperty("rowsChanged").GetInt64());
        var changes = report.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal([1, 3], changes.Select(c => c.GetProperty("row").GetInt32()));
        var mrp = report.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("output").GetString() == "fee_mrp");
        // 179 + 200 + 179 + 202 (group 2) + 0 (ICT is free); the reform adds 11 to each of the two group-1 category-3 rows.
        Assert.Equal(760m, mrp.GetProperty("baselineSum").GetDecimal());
        Assert.Equal(782m, mrp.GetProperty("reformSum").GetDecimal());
        Assert.Equal(2, mrp.GetProperty("changed").GetInt64());
        Assert.Contains(changes[0].GetProperty("outputs").EnumerateArray(), o =>
            o.GetProperty("output").GetString() == "fee_mrp" && o.GetProperty("baseline").GetString() == "179" && o.GetProperty("reform").GetString() == "190");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Simulation of rule set employer-fee as of 2026-03-01: 5 cases", text.Out, StringComparison.Ordinal);
        Assert.Contains("Rows whose outcome changes: 2 of 5", text.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+1\s+fee_mrp 179->190", text.Out);
    }

    [Fact]
    public void Simulate_takes_a_scheme_or_a_rule_set_not_both_nor_neither()
    {
        using var temp = new TempDir();
        var csv = temp.Write("fees.csv", "permit_type\nict\n");

        var both = Cli.Run("simulate", "--scheme", "permanent-residence", "--ruleset", "employer-fee", "--population", csv, "--pack", Repo.Pack);
        var neither = Cli.Run("simulate", "--population", csv, "--pack", Repo.Pack);
        var unknown = Cli.Run("simulate", "--ruleset", "no-such-rules", "--population", csv, "--pack", Repo.Pack);

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give either --scheme ID or --ruleset ID", both.Error, StringComparison.Ordinal);
        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("has no rule set 'no-such-rules'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fairness_counts_every_scored_person_once_per_attribute_and_its_gate_rates_match_the_data()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 3000, 21);

        var report = Json(Cli.Run("fairness", "--scheme", "permanent-residence", "--population", temp.File("pop.jsonl"), "--as-of", "2026-03-01",
            "--pack", Repo.Pack, "--json"));
        var text = Cli.Run("fairness", "--scheme", "permanent-residence", "--population", temp.File("pop.jsonl"), "--as-of", "2026-03-01", "--pack", Repo.Pack);

        var scored = report.GetProperty("scored").GetInt64();
        Assert.Equal(3000, scored);
        var attributes = report.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("attribute").GetString()!);
        Assert.Equal(["citizenship", "sex", "age_band"], attributes.Keys);
        foreach (var attribute in attributes.Values)
        {
            var groups = attribute.GetProperty("groups").EnumerateArray().ToList();
            Assert.Equal(scored, groups.Sum(g => g.GetProperty("count").GetInt64()));
            Assert.Equal(report.GetProperty("passed").GetInt64(), groups.Sum(g => g.GetProperty("passed").GetInt64()));
            Assert.All(groups, g => Assert.Equal(g.GetProperty("count").GetInt64(), g.GetProperty("bands").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64())));
        }

        // The KAZTEST gate by citizenship, counted straight from the file (the pack's A1 gate: at least 30 % in each section).
        var people = File.ReadAllLines(temp.File("pop.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var uz = people.Where(p => p.GetProperty("citizenship").GetString() == "UZ").ToList();
        var uzPass = uz.Count(p => p.GetProperty("kaztest_listening_pct").GetInt64() >= 30 && p.GetProperty("kaztest_reading_pct").GetInt64() >= 30);
        var uzGroup = attributes["citizenship"].GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("value").GetString() == "UZ");
        var kaztest = uzGroup.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "kaztest");
        Assert.Equal(uz.Count, uzGroup.GetProperty("count").GetInt64());
        Assert.Equal(uzPass, kaztest.GetProperty("passed").GetInt64());

        // By sex, from the file too: the generated people carry it, and each gate's pass rate is given for women and men.
        var women = people.Where(p => p.GetProperty("sex").GetString() == "female").ToList();
        var womenGroup = attributes["sex"].GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("value").GetString() == "female");
        Assert.InRange(women.Count, 300, 2700);
        Assert.Equal(women.Count, womenGroup.GetProperty("count").GetInt64());
        Assert.Equal(
            women.Count(p => p.GetProperty("kaztest_listening_pct").GetInt64() >= 30 && p.GetProperty("kaztest_reading_pct").GetInt64() >= 30),
            womenGroup.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "kaztest").GetProperty("passed").GetInt64());

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Method: Each person is scored once", text.Out, StringComparison.Ordinal);
        Assert.Contains("By citizenship", text.Out, StringComparison.Ordinal);
        Assert.Contains("By age_band", text.Out, StringComparison.Ordinal);
        Assert.Contains("By sex", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Not reported", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fairness_over_a_bad_population_is_bad_input_naming_the_line()
    {
        using var temp = new TempDir();
        Generate(temp.File("pop.jsonl"), 5, 3);
        var lines = File.ReadAllLines(temp.File("pop.jsonl"));
        lines[3] = lines[3].Replace("\"citizenship\":\"", "\"citizenship\":\"x", StringComparison.Ordinal);
        File.WriteAllLines(temp.File("bad.jsonl"), lines);

        var run = Cli.Run("fairness", "--scheme", "permanent-residence", "--population", temp.File("bad.jsonl"), "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(temp.File("bad.jsonl") + ":4: citizenship:", run.Error, StringComparison.Ordinal);
    }

    private static async Task WriteFeeParquet(string path, IReadOnlyList<(string Type, string Category, string Sector, long Days)> rows, string? extra = null)
    {
        var fields = new List<DataField>
        {
            new DataField<string>("permit_type"), new DataField<string>("category"), new DataField<string>("sector_group"), new DataField<long>("duration_days"),
        };
        if (extra is not null)
        {
            fields.Add(new DataField<long>(extra));
        }

        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.ToArray<Field>()), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], rows.Select(r => r.Type).ToArray());
        await group.WriteAsync(fields[1], rows.Select(r => r.Category).ToArray());
        await group.WriteAsync(fields[2], rows.Select(r => r.Sector).ToArray());
        await group.WriteAsync<long>(fields[3], rows.Select(r => r.Days).ToArray());
        if (extra is not null)
        {
            await group.WriteAsync<long>(fields[4], rows.Select(_ => 1L).ToArray());
        }
    }
}
