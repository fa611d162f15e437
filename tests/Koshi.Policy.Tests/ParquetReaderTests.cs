using Koshi.Policy.Population;

namespace Koshi.Policy.Tests;

/// <summary>The fast Parquet reader (typed columns, row groups on every core) reads exactly what the simple one reads.</summary>
public sealed class ParquetReaderTests
{
    private const int GroupRows = 700;

    private static PopulationProfile Profile => Shared.Kazakhstan.Populations.Single(p => p.Scheme.Id == "permanent-residence");

    /// <summary>Writes the cases as Parquet in small row groups, so a small file still has several for the workers to share.</summary>
    private static string Write(PopulationData data)
    {
        var path = Path.Combine(Path.GetTempPath(), $"koshi-parquet-{Guid.NewGuid():N}.parquet");
        using var stream = File.Create(path);
        ParquetPopulation.Write(data.Batch, stream, GroupRows);
        return path;
    }

    [Fact]
    public void The_fast_reader_gives_the_same_cases_and_the_same_report_as_the_simple_reader()
    {
        var generated = Profile.Generate(3_000, 11, "generated");
        var path = Write(generated);
        try
        {
            var fast = PopulationData.Read(Profile.Scheme, path);
            var simple = PopulationData.ReadParquetSimple(Profile.Scheme, path);

            Assert.Equal(3_000, fast.Count);
            Assert.Equal(simple.Count, fast.Count);
            var layout = Profile.Scheme.Layout;
            foreach (var (expected, actual) in new[] { (simple.Batch, fast.Batch), (generated.Batch, fast.Batch) })
            {
                Assert.Equal(expected.Longs.AsSpan(0, 3_000 * layout.LongCount), actual.Longs.AsSpan(0, 3_000 * layout.LongCount));
                Assert.Equal(expected.Decimals.AsSpan(0, 3_000 * layout.DecimalCount), actual.Decimals.AsSpan(0, 3_000 * layout.DecimalCount));
                Assert.Equal(expected.Texts.AsSpan(0, 3_000 * layout.TextCount), actual.Texts.AsSpan(0, 3_000 * layout.TextCount));
            }

            // The same numbers, not just the same bits: decimals keep their scale (12.50 stays 12.50).
            var funds = layout.ByName["funds_kzt"];
            for (var row = 0; row < 3_000; row++)
            {
                Assert.Equal(simple.Batch.Get(row, funds).ToString(), fast.Batch.Get(row, funds).ToString());
            }

            var asOf = new DateOnly(2026, 3, 1);
            var a = Simulation.Run(simple, null, asOf, keepFlips: 0);
            var b = Simulation.Run(fast, null, asOf, keepFlips: 0);
            Assert.Equal(a.Baseline, b.Baseline with { Histogram = a.Baseline.Histogram, CriterionMeans = a.Baseline.CriterionMeans });
            Assert.Equal(a.Baseline.Histogram, b.Baseline.Histogram);
            Assert.Equal(a.Baseline.CriterionMeans, b.Baseline.CriterionMeans);
            Assert.True(a.Baseline.Passed > 0 && a.Baseline.Passed < 3_000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(900, 2_500, 901, "funds_kzt")]        // two row groups, read by different workers: the lower row is named
    [InlineData(2_500, 300, 301, "citizenship")]
    [InlineData(1_450, 1_500, 1_451, "funds_kzt")]    // one row group, two columns
    public void The_first_bad_row_of_the_file_is_named_whichever_worker_meets_it(int badFunds, int badCitizenship, long line, string field)
    {
        var generated = Profile.Generate(3_000, 12, "generated");
        var layout = Profile.Scheme.Layout;
        generated.Batch.Decimals[(badFunds * layout.DecimalCount) + layout.ByName["funds_kzt"].Slot] = -1m;
        generated.Batch.Texts[(badCitizenship * layout.TextCount) + layout.ByName["citizenship"].Slot] = "kz";
        var path = Write(generated);
        try
        {
            var fast = Assert.Throws<PopulationFormatException>(() => PopulationData.Read(Profile.Scheme, path));
            var simple = Assert.Throws<PopulationFormatException>(() => PopulationData.ReadParquetSimple(Profile.Scheme, path));

            Assert.Equal(line, fast.Line);
            Assert.Equal(field, Assert.Single(fast.Errors).Field);
            Assert.Equal(simple.Line, fast.Line);
            Assert.Equal(simple.Errors.Single().Message, fast.Errors.Single().Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
