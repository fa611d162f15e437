using Koshi.Policy.Csv;
using Koshi.Web.Platform;

namespace Koshi.Cli.Tests;

/// <summary>CSV as the platform writes (exports) and reads it (populations, reference data): RFC 4180, by Sep.</summary>
public class CsvTests
{
    [Fact]
    public void A_cell_with_a_comma_a_quote_and_a_line_break_round_trips()
    {
        const string awkward = "Almaty, \"south\"\r\nsecond line\nthird";
        var text = CsvExport.Text([["name", "note"], [awkward, 7], ["plain", 8]]);

        using var file = CsvFile.Open(new StringReader(text), "t.csv");
        var rows = file.Rows().ToList();

        Assert.Equal(["name", "note"], file.Header);
        Assert.Equal(2, rows.Count);
        Assert.Equal([awkward, "7"], rows[0].Cells);
        Assert.Equal(2, rows[0].Line);
        // The awkward cell took three lines: the next row starts on line 5.
        Assert.Equal(["plain", "8"], rows[1].Cells);
        Assert.Equal(5, rows[1].Line);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_it_opens_on()
    {
        const string text = "a,b\n1,2\n3,\"four\n5,6\n";

        using var file = CsvFile.Open(new StringReader(text), "t.csv");
        var error = Assert.Throws<CsvFormatException>(() => file.Rows().ToList());

        Assert.Equal(3, error.Line);
        Assert.StartsWith("t.csv:3: a quoted field is not closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_population_row_over_two_lines_is_named_by_the_line_it_starts_on()
    {
        using var temp = new TempDir();
        var csv = temp.Write("fees.csv", string.Join('\n',
            "permit_type,category,sector_group,duration_days",
            "employer,cat3,group_1,365",
            "employer,\"cat3\",\"group_1\",\"365\"",
            "employer,cat3,group_1,\"36",
            "5\"",
            "ict,none,none,365",
            ""));

        var run = Cli.Run("simulate", "--ruleset", "employer-fee", "--population", csv, "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(csv + ":4: duration_days: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains($"koshi: {csv}: line 4 is not a valid case", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_population_with_an_unclosed_quote_is_bad_input_naming_the_line()
    {
        using var temp = new TempDir();
        var csv = temp.Write("fees.csv", "permit_type,category,sector_group,duration_days\nemployer,cat3,group_1,365\nemployer,\"cat3,group_1,365\nict,none,none,365\n");

        var run = Cli.Run("simulate", "--ruleset", "employer-fee", "--population", csv, "--as-of", "2026-03-01", "--pack", Repo.Pack);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(csv + ":3: $: a quoted field is not closed", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void A_quoted_population_cell_reads_as_its_text()
    {
        using var temp = new TempDir();
        var plain = temp.Write("plain.csv", "permit_type,category,sector_group,duration_days\nemployer,cat3,group_1,365\n");
        var quoted = temp.Write("quoted.csv", "\"permit_type\",category,sector_group,duration_days\r\n\"employer\",\"cat3\",group_1,\"365\"\r\n");

        string[] Run(string file) => Cli.Run("simulate", "--ruleset", "employer-fee", "--population", file, "--as-of", "2026-03-01", "--pack", Repo.Pack, "--json")
            .OutLines.Where(l => !l.Contains("elapsed", StringComparison.OrdinalIgnoreCase) && !l.Contains("population", StringComparison.Ordinal)).ToArray();

        var a = Run(plain);
        Assert.Contains(a, l => l.Contains("\"count\": 1", StringComparison.Ordinal));
        Assert.Equal(a, Run(quoted));
    }
}

/// <summary>The reference data shipped with the platform reads through the same CSV reader, quoted titles with commas included.</summary>
public class ReferenceCsvTests
{
    [Fact]
    public void Regions_countries_and_occupations_read_with_their_quoted_commas()
    {
        Assert.Equal(20, Koshi.Web.Reference.Regions.ByCode.Count);
        Assert.Equal("Bonaire, Sint Eustatius and Saba", Koshi.Web.Reference.Countries.ByCode["BQ"]);
        Assert.Equal("Armed forces occupations, other ranks", Koshi.Web.Reference.Occupations.ByCode["0310"].Title);
        Assert.Equal(4, Koshi.Web.Reference.Occupations.ByCode["0310"].Level);
    }
}
