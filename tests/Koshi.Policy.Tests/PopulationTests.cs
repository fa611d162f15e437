using System.Text.Json;
using Koshi.Policy.Population;

namespace Koshi.Policy.Tests;

/// <summary>Synthetic populations follow the pack's profile and are reproducible; simulation compares two packs person by person.</summary>
public sealed class PopulationTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 1);

    private static PopulationProfile Profile => Shared.Kazakhstan.Populations.Single(p => p.Scheme.Id == "permanent-residence");

    private static byte[] Generate(int count, int seed)
    {
        using var stream = new MemoryStream();
        Profile.Generate(count, seed, stream);
        return stream.ToArray();
    }

    [Fact]
    public void The_same_seed_writes_the_same_file_and_another_seed_another()
    {
        Assert.Equal(Generate(500, 42), Generate(500, 42));
        Assert.NotEqual(Generate(500, 42), Generate(500, 43));
    }

    [Fact]
    public void Every_generated_line_is_a_valid_case_of_the_scheme()
    {
        var lines = System.Text.Encoding.UTF8.GetString(Generate(300, 7)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(300, lines.Length);
        var scheme = Profile.Scheme;
        Assert.All(lines, line => scheme.Evaluate(scheme.ReadCase(line), AsOf));
    }

    [Fact]
    public void The_distributions_follow_the_published_shares()
    {
        var lines = System.Text.Encoding.UTF8.GetString(Generate(20_000, 1)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kandas = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("applicant_kind").GetString() == "kandas").ToList();

        // Kandas arrivals 2025: 44.5 % from Uzbekistan, 43.6 % from China [R42].
        var uz = kandas.Count(e => e.GetProperty("citizenship").GetString() == "UZ") / (double)kandas.Count;
        var cn = kandas.Count(e => e.GetProperty("citizenship").GetString() == "CN") / (double)kandas.Count;
        Assert.InRange(uz, 0.425, 0.465);
        Assert.InRange(cn, 0.416, 0.456);
        var ages = kandas.Select(e => Runtime(e.GetProperty("birth_date").GetString()!)).ToList();
        Assert.InRange(ages.Min(), 18, 18);
        Assert.InRange(ages.Max(), 69, 70);
    }

    private static int Runtime(string birth)
    {
        var date = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture);
        var age = AsOf.Year - date.Year;
        return date > AsOf.AddYears(-age) ? age - 1 : age;
    }

    private static string WritePopulation(int count, int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"koshi-population-{Guid.NewGuid():N}.jsonl");
        File.WriteAllBytes(path, Generate(count, seed));
        return path;
    }

    [Fact]
    public void A_population_scores_the_same_as_its_cases_one_by_one()
    {
        var path = WritePopulation(400, 3);
        try
        {
            var scheme = Profile.Scheme;
            var data = PopulationData.Read(scheme, path);
            var scores = PopulationScores.Score(data, AsOf, threads: 2);
            var lines = File.ReadAllLines(path);

            Assert.Equal(400, scores.Count);
            for (var i = 0; i < lines.Length; i++)
            {
                var single = scheme.Evaluate(scheme.ReadCase(lines[i]), AsOf);
                Assert.Equal(single.Total, scores.Total(i));
                Assert.Equal(single.Decision, scores.Decision(i));
                for (var c = 0; c < scheme.Criteria.Count; c++)
                {
                    Assert.Equal(single.Criteria.Single(x => x.Id == scheme.Criteria[c].Id).Points, scores.Points(i, c));
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_reform_that_raises_the_pass_mark_flips_people_to_fail_and_names_no_criterion()
    {
        var path = WritePopulation(3_000, 11);
        using var reformPack = TempPack.CopyOf(Repository.KazakhstanPack);
        var residence = reformPack.Read("parameters/residence.yaml");
        Assert.Contains("value: 400", residence, StringComparison.Ordinal);
        reformPack.Write("parameters/residence.yaml", residence.Replace("value: 400", "value: 450", StringComparison.Ordinal));
        try
        {
            var baseline = PopulationData.Read(Profile.Scheme, path);
            var reform = baseline.For(reformPack.Load().Scheme("permanent-residence"));
            var report = Simulation.Run(baseline, reform, AsOf, keepFlips: 10);

            Assert.Equal(3_000, report.Count);
            Assert.True(report.ToFail > 0);
            Assert.Equal(0, report.ToPass);
            Assert.Equal(report.Baseline.Passed - report.ToFail, report.Reform!.Passed);
            Assert.Equal(0, report.ScoreChanged);
            Assert.All(report.Flips, f =>
            {
                Assert.Equal("pass", f.BaselineDecision);
                Assert.Equal("fail-score", f.ReformDecision);
                Assert.InRange(f.BaselineTotal, 400, 449);
                Assert.Empty(f.Criteria);
            });
            var byKind = report.Breakdowns.Single(b => b.Input == "applicant_kind");
            Assert.Equal(3_000, byKind.Rows.Sum(r => r.Count));
            Assert.Equal(report.Baseline.Passed, byKind.Rows.Sum(r => r.BaselinePassed));
            Assert.Equal(report.Baseline.Scored, report.Baseline.Histogram.Sum(h => h.Count));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_reform_that_changes_points_names_the_criterion_that_moved()
    {
        var path = WritePopulation(3_000, 12);
        using var reformPack = TempPack.CopyOf(Repository.KazakhstanPack);
        var scheme = reformPack.Read("schemes/permanent-residence.yaml");
        reformPack.Write("schemes/permanent-residence.yaml", scheme.Replace("in_demand_occupation\"\n      points: 50", "in_demand_occupation\"\n      points: 150", StringComparison.Ordinal));
        try
        {
            var baseline = PopulationData.Read(Profile.Scheme, path);
            var reform = baseline.For(reformPack.Load().Scheme("permanent-residence"));
            var report = Simulation.Run(baseline, reform, AsOf, keepFlips: 20);

            Assert.True(report.ToPass > 0, "raising a bonus should let someone pass");
            Assert.Equal(0, report.ToFail);
            Assert.All(report.Flips, f => Assert.Equal(new CriterionChange("in_demand_occupation", 50, 150), Assert.Single(f.Criteria)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_case_the_law_cannot_be_applied_to_is_counted_as_an_error_and_the_run_goes_on()
    {
        var path = WritePopulation(100, 13);
        var lines = File.ReadAllLines(path);
        // The pilot's pass mark has no value after 2026: a lodgement in 2027 has no law to be scored under.
        lines[9] = System.Text.RegularExpressions.Regex.Replace(lines[9], "\"lodgement_date\":\"[0-9-]+\"", "\"lodgement_date\":\"2027-03-01\"");
        File.WriteAllLines(path, lines);
        try
        {
            var data = PopulationData.Read(Profile.Scheme, path);
            var scores = PopulationScores.Score(data, AsOf);
            var report = Simulation.Run(data, null, AsOf);

            Assert.Equal(1, scores.Errors);
            Assert.Equal("error", scores.Decision(9));
            Assert.NotEqual("error", scores.Decision(10));
            Assert.Equal(1, report.Errors);
            Assert.StartsWith("row 10: ", Assert.Single(report.FirstErrors), StringComparison.Ordinal);
            Assert.Equal(99, report.Baseline.Scored);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_population_whose_law_dates_and_parameters_change_from_row_to_row_scores_as_its_cases_one_by_one()
    {
        // The population loop reads parameters once per law date and compares whole numbers with a decimal parameter's
        // whole-number bounds: every comparison, a threshold that changes between law dates, a parameter that ends
        // (an error for that row only), law dates that move between two versions of the scheme, and ages either side of the
        // law date must come out as when scored one by one.
        using var pack = TempPack.Create(
            ("parameters.yaml", """
                parameters:
                  threshold:
                    type: decimal
                    values:
                      2026-01-01: { value: 30.5, source: order 1 }
                      2026-03-01: { value: 31, source: order 2 }
                    until: 2026-06-30
                  max_tries:
                    type: integer
                    values:
                      2026-01-01: { value: 3, source: order 1 }
                      2026-03-01: { value: 2, source: order 2 }
                  pass_mark:
                    type: integer
                    values:
                      2026-01-01: { value: 60, source: order 1 }
                """),
            ("scheme.yaml", """
                scheme:
                  id: bounds
                  title: Bounds
                  effective-from: 2026-01-01
                  law-date: "if lodged < @2026-01-01 then @2026-01-01 else lodged"
                  inputs:
                    lodged: { type: date }
                    born: { type: date }
                    score: { type: integer }
                    tries: { type: integer }
                  derived:
                    age: "age(born, law_date)"
                  gates:
                    - { id: tries, rule: "tries <= param(max_tries)", reason: { en: Too many tries, ru: Много попыток, kk: Көп әрекет }, source: order 1 }
                  criteria:
                    - { id: ge, provisional: true, note: test, points: "if score >= param(threshold) then 10 else 0" }
                    - { id: gt, provisional: true, note: test, points: "if score > param(threshold) then 11 else 0" }
                    - { id: le, provisional: true, note: test, points: "if score <= param(threshold) then 12 else 0" }
                    - { id: lt, provisional: true, note: test, points: "if score < param(threshold) then 13 else 0" }
                    - { id: eq, provisional: true, note: test, points: "if score = param(threshold) then 14 else 0" }
                    - { id: ne, provisional: true, note: test, points: "if param(threshold) != score then 15 else 0" }
                    - { id: reversed, provisional: true, note: test, points: "if param(threshold) < score then 16 else 0" }
                    - { id: age, provisional: true, note: test, points: "age" }
                  pass:
                    rule: "total >= param(pass_mark)"
                    mark: "param(pass_mark)"
                """),
            ("scheme-2.yaml", """
                scheme:
                  id: bounds
                  title: Bounds, second version
                  effective-from: 2026-04-01
                  law-date: "if lodged < @2026-01-01 then @2026-01-01 else lodged"
                  inputs:
                    lodged: { type: date }
                    born: { type: date }
                    score: { type: integer }
                    tries: { type: integer }
                  derived:
                    age: "age(born, law_date)"
                  gates:
                    - { id: tries, rule: "tries < param(max_tries)", reason: { en: Too many tries, ru: Много попыток, kk: Көп әрекет }, source: order 3 }
                  criteria:
                    - { id: ge, provisional: true, note: test, points: "if score >= param(threshold) then 20 else 0" }
                    - { id: lt, provisional: true, note: test, points: "if param(threshold) > score then 23 else 0" }
                    - { id: age, provisional: true, note: test, points: "age" }
                  pass:
                    rule: "total >= param(pass_mark)"
                    mark: "param(pass_mark)"
                """));
        var (loaded, diagnostics) = pack.Check();
        Assert.True(loaded is not null, string.Join("\n", diagnostics));
        var scheme = loaded.Scheme("bounds");
        Assert.Equal(2, scheme.Versions.Count);
        string[] lodged = ["2025-12-01", "2026-02-10", "2026-04-15", "2026-02-10", "2026-03-05", "2026-07-01", "2026-05-01", "2026-03-05", "2026-02-28", "2026-03-01"];
        string[] born = ["2000-02-29", "1990-03-05", "2026-04-01", "1966-02-28", "2004-03-01"];
        var lines = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            lines.Add($$"""{"lodged":"{{lodged[(i / 3) % lodged.Length]}}","born":"{{born[i % born.Length]}}","score":{{28 + (i % 7)}},"tries":{{1 + (i % 4)}}}""");
        }

        var path = Path.Combine(Path.GetTempPath(), $"koshi-bounds-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        try
        {
            var scores = PopulationScores.Score(PopulationData.Read(scheme, path), AsOf, threads: 2);
            var errors = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                SchemeResult single;
                try
                {
                    single = scheme.Evaluate(scheme.ReadCase(lines[i]), AsOf);
                }
                catch (PolicyEvaluationException)
                {
                    Assert.Equal("error", scores.Decision(i));
                    errors++;
                    continue;
                }

                Assert.Equal(single.Decision, scores.Decision(i));
                Assert.Equal(single.Total, scores.Total(i));
                for (var c = 0; c < scheme.Criteria.Count; c++)
                {
                    // A criterion the version in force does not have scores nothing.
                    Assert.Equal(single.Criteria.SingleOrDefault(x => x.Id == scheme.Criteria[c].Id)?.Points ?? 0, scores.Points(i, c));
                }
            }

            Assert.Equal(errors, scores.Errors);
            Assert.InRange(errors, 1, lines.Count - 1);
            var ge = scheme.Criteria.ToList().FindIndex(c => c.Id == "ge");
            Assert.Contains(Enumerable.Range(0, lines.Count), i => scores.Points(i, ge) == 10);
            Assert.Contains(Enumerable.Range(0, lines.Count), i => scores.Points(i, ge) == 20);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unusual_but_valid_lines_read_the_same_as_one_case_at_a_time()
    {
        var scheme = Profile.Scheme;
        var lines = System.Text.Encoding.UTF8.GetString(Generate(40, 21)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var variants = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(lines[i])!.AsObject();
            var text = (i % 4) switch
            {
                // Keys in another order, and an escaped key name.
                0 => new System.Text.Json.Nodes.JsonObject(json.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString().Replace("\"education\"", "\"\\u0065ducation\"", StringComparison.Ordinal),
                // A record left out entirely takes its fields' defaults; a null is a missing value.
                1 => RemoveKey(RemoveKey(json, "spouse"), "military_service").ToJsonString().Replace("}", ",\"job_offer\":null}", StringComparison.Ordinal),
                // Spaces and a Windows line end.
                2 => json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }).Replace(",", " , ", StringComparison.Ordinal) + "\r",
                _ => lines[i],
            };
            variants.Add(text);
        }

        var path = Path.Combine(Path.GetTempPath(), $"koshi-variants-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join('\n', variants) + "\n");
        try
        {
            var data = PopulationData.Read(scheme, path);
            var scores = PopulationScores.Score(data, AsOf);

            Assert.Equal(variants.Count, data.Count);
            for (var i = 0; i < variants.Count; i++)
            {
                var single = scheme.Evaluate(scheme.ReadCase(variants[i].TrimEnd('\r')), AsOf);
                Assert.Equal(single.Total, scores.Total(i));
                Assert.Equal(single.Decision, scores.Decision(i));
            }
        }
        finally
        {
            File.Delete(path);
        }

        static System.Text.Json.Nodes.JsonObject RemoveKey(System.Text.Json.Nodes.JsonObject o, string key)
        {
            o.Remove(key);
            return o;
        }
    }

    [Fact]
    public void A_bad_row_is_reported_with_its_line_and_field()
    {
        var path = WritePopulation(50, 5);
        var lines = File.ReadAllLines(path);
        lines[36] = lines[36].Replace("\"kaztest_attempts\":", "\"kaztest_attempts\":\"x\",\"ignored\":", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        try
        {
            var ex = Assert.Throws<PopulationFormatException>(() => PopulationData.Read(Profile.Scheme, path));

            Assert.Equal(37, ex.Line);
            Assert.Contains(ex.Errors, e => e.Field == "kaztest_attempts");
            Assert.StartsWith(path + ":37:", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_csv_population_reads_like_json_lines()
    {
        var scheme = Profile.Scheme;
        var jsonl = WritePopulation(20, 9);
        var csv = Path.ChangeExtension(jsonl, ".csv");
        try
        {
            var leaves = scheme.Inputs.SelectMany(i => i.Kind == InputKind.Record ? i.Fields : [i]).Select(i => i.Name).ToList();
            var rows = File.ReadAllLines(jsonl).Select(line =>
            {
                var input = scheme.ReadCase(line);
                return string.Join(',', leaves.Select(n => input[n] switch
                {
                    string[] members => string.Join('|', members),
                    bool b => b ? "true" : "false",
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                }));
            });
            File.WriteAllLines(csv, rows.Prepend(string.Join(',', leaves)));

            var fromJson = PopulationScores.Score(PopulationData.Read(scheme, jsonl), AsOf);
            var fromCsv = PopulationScores.Score(PopulationData.Read(scheme, csv), AsOf);

            Assert.Equal(Enumerable.Range(0, 20).Select(fromJson.Total), Enumerable.Range(0, 20).Select(fromCsv.Total));
        }
        finally
        {
            File.Delete(jsonl);
            File.Delete(csv);
        }
    }
}
