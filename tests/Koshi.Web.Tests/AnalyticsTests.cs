using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Analytics;
using Koshi.Web.Analytics.Pages;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Tests.Infrastructure;
using Parquet.Serialization;

namespace Koshi.Web.Tests;

/// <summary>
/// The ministry's dashboard: its three languages, charts that draw the numbers their tables print, counts that follow
/// the records, CSV and Parquet that read back to the same rows, and pages closed to everyone but analysts and admins.
/// </summary>
public abstract partial class AnalyticsTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private readonly TFactory factory;
    private readonly Api api;

    protected AnalyticsTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        this.factory = factory;
        api = new Api(factory);
    }

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedIn(string email, string language = "en", string password = DemoData.Password)
    {
        var client = Browser();
        var token = TokenPattern().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);
        return client;
    }

    private static async Task<string> Page(HttpClient client, string path, string titleKey, string language)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotMatch(@"\[(an|nav|stage|labour|agencies|rs)\.[a-zA-Z.\-_]+\]", html);
        Assert.Contains(Texts.All[titleKey].For(language), html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Lodges one residence application in the given region today, so the pipeline has something to count.</summary>
    private async Task LodgeAsync(string region)
    {
        var (owner, _, _) = await api.NewApplicant();
        await Api.Ok(await owner.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region }), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_dashboard_and_its_pages_speak_the_language(string language)
    {
        await LodgeAsync("KZ-71");
        var analyst = await SignedIn("analyst@demo.koshi.kz", language);
        var pages = new[]
        {
            await Page(analyst, "/analytics", "an.title", language),
            await Page(analyst, "/analytics/residence", "an.residence.title", language),
            await Page(analyst, "/analytics/dictionary", "an.dictionary", language),
        };
        Assert.Contains(Texts.All["an.kpi.skilled-share"].For(language), pages[0], StringComparison.Ordinal);
        Assert.Contains(Texts.All["stage.LanguageTest"].For(language), pages[1], StringComparison.Ordinal);
        Assert.Contains("id=\"nav-analytics\"", pages[0], StringComparison.Ordinal);
        if (language == "en")
        {
            return;
        }

        // None of the analytics texts is left in English on a Kazakh or Russian page (the dictionary's column
        // meanings are English by design, marked lang="en", and the pack's sources are quoted as the pack gives them).
        foreach (var html in pages)
        {
            var visible = EnglishByDesign().Replace(html, string.Empty);
            foreach (var (key, text) in TextCatalogue.Of("AnalyticsTexts"))
            {
                var english = text.For("en");
                if (english != text.For(language) && english.Length > 2)
                {
                    Assert.False(Regex.IsMatch(visible, $"[>\\s]{Regex.Escape(english)}[<\\s:,(]"), $"{key} is in English on the {language} page: {english}");
                }
            }
        }
    }

    [Fact]
    public async Task The_charts_draw_the_numbers_their_tables_print()
    {
        await LodgeAsync("KZ-71");
        await LodgeAsync("KZ-55");
        var analyst = await SignedIn("analyst@demo.koshi.kz");
        var html = await Page(analyst, "/analytics", "an.title", "en");

        var stagesDrawn = ChartValues(html, "chart-residence-stages");
        var stagesPrinted = TableValues(html, "t-residence-stage-totals", "applications");
        Assert.NotEmpty(stagesDrawn);
        Assert.Equal(stagesPrinted, stagesDrawn);

        // The line chart draws the target path first, then the actual shares; the table holds both in its columns.
        var shareDrawn = ChartValues(html, "chart-skilled-share");
        var sharePrinted = TableValues(html, "t-skilled-share", "target_percent").Concat(TableValues(html, "t-skilled-share", "share_percent")).ToList();
        Assert.NotEmpty(shareDrawn);
        Assert.Equal(sharePrinted, shareDrawn);

        var statusDrawn = ChartValues(html, "chart-agency-status");
        Assert.Equal(TableValues(html, "t-agency-status", "agencies"), statusDrawn);
    }

    [Fact]
    public async Task The_pipeline_counts_follow_the_applications_and_the_region_filter()
    {
        var analyst = await api.As("analyst@demo.koshi.kz");
        async Task<(int All, int Kostanay)> CountAsync()
        {
            static int Sum(JsonElement table) => table.GetProperty("rows").EnumerateArray().Sum(r => r[3].GetInt32());
            var all = await Api.Ok(await analyst.GetAsync("/api/v1/analytics/tables/residence-stages?year=2026"));
            var one = await Api.Ok(await analyst.GetAsync("/api/v1/analytics/tables/residence-stages?year=2026&region=KZ-39"));
            Assert.All(one.GetProperty("rows").EnumerateArray(), r => Assert.Equal("KZ-39", r[1].GetString()));
            return (Sum(all), Sum(one));
        }

        var before = await CountAsync();
        await LodgeAsync("KZ-39");
        await LodgeAsync("KZ-71");
        var after = await CountAsync();
        Assert.Equal(before.All + 2, after.All);
        Assert.Equal(before.Kostanay + 1, after.Kostanay);

        var timeliness = await Api.Ok(await analyst.GetAsync("/api/v1/analytics/tables/residence-timeliness?year=2026&region=KZ-39"));
        var row = Assert.Single(timeliness.GetProperty("rows").EnumerateArray());
        Assert.Equal(after.Kostanay, row[2].GetInt32());
        Assert.Equal(29, row[10].GetInt32());

        await Api.Problem(await analyst.GetAsync("/api/v1/analytics/dashboard?region=XX-00"), HttpStatusCode.BadRequest);
        await Api.Problem(await analyst.GetAsync("/api/v1/analytics/tables/skilled-share?format=xlsx"), HttpStatusCode.BadRequest);
        await Api.Problem(await analyst.GetAsync("/api/v1/analytics/tables/no-such-table"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_table_reads_back_the_same_from_csv_and_parquet()
    {
        await LodgeAsync("KZ-71");
        var analyst = await api.As("analyst@demo.koshi.kz");
        var dictionary = await Api.Ok(await analyst.GetAsync("/api/v1/analytics/dictionary"));
        var names = dictionary.EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToList();
        Assert.Equal(Catalogue.All.Select(d => d.Name), names);
        var nonEmpty = 0;
        foreach (var name in names)
        {
            var json = await Api.Ok(await analyst.GetAsync($"/api/v1/analytics/tables/{name}?year=2026"));
            var columns = json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
            var rows = json.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(Invariant).ToList()).ToList();
            nonEmpty += rows.Count > 0 ? 1 : 0;

            var csvResponse = await analyst.GetAsync($"/api/v1/analytics/tables/{name}?year=2026&format=csv");
            Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
            var csv = ParseCsv(await csvResponse.Content.ReadAsStringAsync());
            Assert.Equal(columns, csv[0]);
            Assert.Equal(rows, csv.Skip(1).ToList());

            var parquet = await analyst.GetByteArrayAsync($"/api/v1/analytics/tables/{name}?year=2026&format=parquet");
            var read = await ParquetSerializer.DeserializeUntypedAsync(new MemoryStream(parquet));
            Assert.Equal(columns, read.Schema.DataFields.Select(f => f.Name));
            Assert.Equal(rows, read.Data.Select(r => columns.Select(c => Invariant(r.GetValueOrDefault(c))).ToList()).ToList());
        }

        Assert.True(nonEmpty >= 5, $"only {nonEmpty} tables had rows: the round trip would prove little");

        // The page's download is the same file as the API's.
        var browser = await SignedIn("analyst@demo.koshi.kz");
        var page = await browser.GetStringAsync("/analytics?handler=Export&table=quota-use&format=csv&year=2026");
        Assert.Equal(await analyst.GetStringAsync("/api/v1/analytics/tables/quota-use?year=2026&format=csv"), page);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/analytics?handler=Export&table=quota-use&format=xlsx")).StatusCode);
    }

    [Fact]
    public async Task The_pages_are_closed_to_everyone_but_analysts_and_admins()
    {
        string[] paths = ["/analytics", "/analytics/residence", "/analytics/dictionary", "/analytics?handler=Export&table=kpis&format=csv"];
        foreach (var email in new[] { "employer@demo.koshi.kz", "officer.astana@demo.koshi.kz", "agency@demo.koshi.kz" })
        {
            var browser = await SignedIn(email);
            Assert.DoesNotContain("nav-analytics", await browser.GetStringAsync("/"), StringComparison.Ordinal);
            foreach (var path in paths)
            {
                var response = await browser.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal),
                    $"{path} as {email}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        foreach (var path in paths)
        {
            var response = await Browser().GetAsync(path);
            Assert.Contains("/account/login", response.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
        }

        foreach (var email in new[] { "analyst@demo.koshi.kz", "admin@demo.koshi.kz" })
        {
            var browser = await SignedIn(email);
            foreach (var path in paths)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
            }
        }
    }

    private static string Invariant(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.Number => cell.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => cell.GetString()!,
    };

    private static string Invariant(object? cell) => cell switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()!,
    };

    /// <summary>The values an SVG chart writes as text (class "v"), in drawing order.</summary>
    private static List<string> ChartValues(string html, string id)
    {
        var svg = Regex.Match(html, $"<svg id=\"{id}\".*?</svg>", RegexOptions.Singleline);
        Assert.True(svg.Success, $"no chart {id}");
        return [.. Regex.Matches(svg.Value, "<text class=\"v[^\"]*\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value)];
    }

    /// <summary>The non-empty cells of one column of a table, in row order.</summary>
    private static List<string> TableValues(string html, string id, string column)
    {
        var table = Regex.Match(html, $"<table id=\"{id}\".*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {id}");
        return [.. Regex.Matches(table.Value, $"<td data-col=\"{column}\">([^<]*)</td>").Select(m => m.Groups[1].Value).Where(v => v != "—")];
    }

    /// <summary>An RFC 4180 reader, written apart from the writer so the two can disagree.</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (!quoted && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.False(quoted, "an unterminated quoted field");
        Assert.True(cell.Length == 0 && row.Count == 0, "the last record does not end with CRLF");
        return rows;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<td data-col=\"source\">[^<]*</td>|<[a-z]+ lang=\"en\">.*?</[a-z]+>|<code>[^<]*</code>", RegexOptions.Singleline)]
    private static partial Regex EnglishByDesign();
}

public sealed class AnalyticsSqliteTests(SqliteFactory factory) : AnalyticsTests<SqliteFactory>(factory);

public sealed class AnalyticsPostgresTests(PostgresFactory factory) : AnalyticsTests<PostgresFactory>(factory);
