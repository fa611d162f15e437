using Koshi.Web.Analytics;
using Parquet.Serialization;

namespace Koshi.Web.Tests;

/// <summary>The export formats on their own: awkward text survives CSV, nulls and decimals survive Parquet.</summary>
public sealed class ExportsTests
{
    private static readonly Dataset Awkward = new("awkward", "Cells that break careless writers.", "none",
        [new("name", ColumnKind.Text, "text"), new("count", ColumnKind.Integer, "int"), new("share", ColumnKind.Decimal, "decimal"), new("flag", ColumnKind.Boolean, "bool")],
        [
            ["plain", 1, 12.5m, true],
            ["a, comma", -3, 0.1m, false],
            ["a \"quote\"", 0, null, null],
            ["two\r\nlines\nand a lone\rCR", null, 100m, true],
            ["=SUM(A1:A9)", 2_000_000_000, -7.25m, false],
            ["", 7, 33.3m, null],
            ["Қостанай облысы — Костанайская", 5, 99.9m, true],
        ]);

    [Fact]
    public void Csv_quotes_by_rfc_4180_and_reads_back_cell_for_cell()
    {
        var csv = Exports.Csv(Awkward);
        var rows = AnalyticsTests<Infrastructure.SqliteFactory>.ParseCsv(csv);
        Assert.Equal(["name", "count", "share", "flag"], rows[0]);
        Assert.Equal(Awkward.Rows.Count + 1, rows.Count);
        Assert.Equal(["a, comma", "-3", "0.1", "false"], rows[2]);
        Assert.Equal(["a \"quote\"", "0", "", ""], rows[3]);
        Assert.Equal(["two\r\nlines\nand a lone\rCR", "", "100", "true"], rows[4]);
        // A formula is defused for spreadsheets, and says so with a leading apostrophe.
        Assert.Equal(["'=SUM(A1:A9)", "2000000000", "-7.25", "false"], rows[5]);
        Assert.Equal(["Қостанай облысы — Костанайская", "5", "99.9", "true"], rows[7]);
        Assert.Contains("\"a \"\"quote\"\"\"", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_reads_back_the_same_types_and_values()
    {
        var bytes = await Exports.ParquetAsync(Awkward, TestContext.Current.CancellationToken);
        var read = await ParquetSerializer.DeserializeUntypedAsync(new MemoryStream(bytes), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["name", "count", "share", "flag"], read.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(Awkward.Rows.Count, read.Data.Count);
        for (var i = 0; i < Awkward.Rows.Count; i++)
        {
            var expected = Awkward.Rows[i];
            // The untyped reader leaves a null cell out of its row.
            var actual = read.Data[i];
            Assert.Equal(expected[0], actual.GetValueOrDefault("name"));
            Assert.Equal(expected[1], actual.GetValueOrDefault("count"));
            Assert.Equal(expected[2], actual.GetValueOrDefault("share"));
            Assert.Equal(expected[3], actual.GetValueOrDefault("flag"));
        }
    }
}
