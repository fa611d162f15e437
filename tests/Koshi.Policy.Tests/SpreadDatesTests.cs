using System.Globalization;
using System.Text.Json;
using Koshi.Policy.Population;

namespace Koshi.Policy.Tests;

/// <summary>Lodgement dates spread over the year: the profile draws them by weekday, and the population loop, which reads
/// the law's figures once per period in which they stay the same, scores every row as the row scored alone.</summary>
public sealed class SpreadDatesTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 1);

    private static PopulationProfile Profile(PolicyPack pack) => pack.Populations.Single(p => p.Scheme.Id == "permanent-residence");

    private static List<string> Generate(PolicyPack pack, int count, int seed)
    {
        using var stream = new MemoryStream();
        Profile(pack).Generate(count, seed, stream);
        return [.. System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static DateOnly Lodged(string line)
        => DateOnly.Parse(JsonDocument.Parse(line).RootElement.GetProperty("lodgement_date").GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public void The_profile_spreads_lodgements_over_the_pilot_mostly_on_working_days()
    {
        var dates = Generate(Shared.Kazakhstan, 20_000, 5).Select(Lodged).ToList();

        Assert.True(dates.Min() >= new DateOnly(2026, 2, 13));
        Assert.True(dates.Max() <= new DateOnly(2026, 12, 31));
        Assert.True(dates.Distinct().Count() > 250, $"{dates.Distinct().Count()} distinct dates");
        var byDay = dates.GroupBy(d => d.DayOfWeek).ToDictionary(g => g.Key, g => g.Count());
        // Weights 22 for Monday, 2 for Saturday, 1 for Sunday: far more Mondays than weekend days.
        Assert.True(byDay[DayOfWeek.Monday] > 5 * byDay[DayOfWeek.Saturday], string.Join(", ", byDay));
        Assert.True(byDay[DayOfWeek.Saturday] > byDay.GetValueOrDefault(DayOfWeek.Sunday), string.Join(", ", byDay));
        Assert.True(dates.Count(d => d.Month <= 6) > 5_000 && dates.Count(d => d.Month >= 7) > 5_000);
    }

    [Fact]
    public void A_weekday_pattern_needs_dates_and_a_weight_for_every_day()
    {
        using var pack = TempPack.CopyOf(Repository.KazakhstanPack);
        var profile = pack.Read("populations/permanent-residence.yaml");
        Assert.Contains("sun: 1 }", profile, StringComparison.Ordinal);
        pack.Write("populations/permanent-residence.yaml", profile.Replace(", sun: 1 }", " }", StringComparison.Ordinal));

        Assert.Contains(pack.Errors(), e => e.Contains("weekdays needs a weight for each of", StringComparison.Ordinal));
    }

    /// <summary>A weight that is not a number is said once; a negative one, weights that leave no day, and weekdays
    /// without dates each have their own error.</summary>
    [Theory]
    [InlineData("mon: 22,", "mon: lots,", "a weight 'lots' is not a number")]
    [InlineData("mon: 22,", "mon: -1,", "the weight of 'mon' must be a number at least 0")]
    [InlineData("{ mon: 22, tue: 21, wed: 20, thu: 19, fri: 15, sat: 2, sun: 1 }", "{ mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0 }", "weekdays gives no day between from and to a positive weight")]
    public void A_weekday_weight_that_cannot_be_used_is_named(string from, string to, string error)
    {
        using var pack = TempPack.CopyOf(Repository.KazakhstanPack);
        var profile = pack.Read("populations/permanent-residence.yaml");
        Assert.Contains(from, profile, StringComparison.Ordinal);
        pack.Write("populations/permanent-residence.yaml", profile.Replace(from, to, StringComparison.Ordinal));

        var errors = pack.Errors();
        Assert.Single(errors, e => e.Contains(error, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("must be a number at least 0", StringComparison.Ordinal) && !error.Contains("at least 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_spread_population_across_a_mid_year_change_scores_as_its_cases_one_by_one()
    {
        // The MRP raised on 1 July 2026 (a change for this test only): the funds required change mid-year, so the loop
        // must refresh the law's figures when a row's law date crosses 1 July, and not otherwise.
        using var pack = TempPack.CopyOf(Repository.KazakhstanPack);
        var general = pack.Read("parameters/general.yaml");
        var line = general.Split('\n').Single(l => l.TrimStart().StartsWith("2026-01-01: { value: 4325", StringComparison.Ordinal));
        pack.Write("parameters/general.yaml", general.Replace(line, line + "\n      2026-07-01: { value: 6000, provisional: true, note: a raise for a test }", StringComparison.Ordinal));
        var loaded = pack.Load();
        var scheme = loaded.Scheme("permanent-residence");
        var lines = Generate(loaded, 3_000, 17);

        // Two lodgements after the pilot's end, on different days of the same period: each row's error names its own date.
        lines[41] = System.Text.RegularExpressions.Regex.Replace(lines[41], "\"lodgement_date\":\"[0-9-]+\"", "\"lodgement_date\":\"2027-03-01\"");
        lines[42] = System.Text.RegularExpressions.Regex.Replace(lines[42], "\"lodgement_date\":\"[0-9-]+\"", "\"lodgement_date\":\"2027-04-02\"");
        var path = Path.Combine(Path.GetTempPath(), $"koshi-spread-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        try
        {
            var data = PopulationData.Read(scheme, path);
            var scores = PopulationScores.Score(data, AsOf, threads: 2);
            var report = Simulation.Run(data, null, AsOf);
            var differ = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                SchemeResult single;
                try
                {
                    single = scheme.Evaluate(scheme.ReadCase(lines[i]), AsOf);
                }
                catch (PolicyEvaluationException ex)
                {
                    Assert.Equal("error", scores.Decision(i));
                    Assert.Contains($"row {i + 1}: {ex.Message}", report.FirstErrors);
                    continue;
                }

                Assert.Equal(single.Decision, scores.Decision(i));
                Assert.Equal(single.Total, scores.Total(i));
                for (var c = 0; c < scheme.Criteria.Count; c++)
                {
                    Assert.Equal(single.Criteria.Single(x => x.Id == scheme.Criteria[c].Id).Points, scores.Points(i, c));
                }

                // The same applicant lodged on the other side of 1 July: does the change decide anything in this population?
                var lodged = Lodged(lines[i]);
                var moved = lines[i].Replace($"\"lodgement_date\":\"{lodged:yyyy-MM-dd}\"",
                    $"\"lodgement_date\":\"{(lodged.Month >= 7 ? "2026-03-02" : "2026-09-01")}\"", StringComparison.Ordinal);
                differ += scheme.Evaluate(scheme.ReadCase(moved), AsOf).Decision != single.Decision ? 1 : 0;
            }

            Assert.Equal(2, scores.Errors);
            Assert.Contains(report.FirstErrors, e => e.StartsWith("row 42: ", StringComparison.Ordinal) && e.Contains("2027-03-01", StringComparison.Ordinal));
            Assert.Contains(report.FirstErrors, e => e.StartsWith("row 43: ", StringComparison.Ordinal) && e.Contains("2027-04-02", StringComparison.Ordinal));
            Assert.True(differ > 0, "the mid-year change decides no applicant: the test would not see a stale figure");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
