using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Koshi.Web.Tests;

/// <summary>
/// The policy lab: a reform run through the API and the page, its totals checked against each other and the CSV, bad
/// parameters and uploads answered 400 naming the field or the file position, and the lab closed to other roles.
/// </summary>
public abstract partial class LabTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Analyst = "analyst@demo.koshi.kz";
    private readonly TFactory factory;
    private readonly Api api;

    protected LabTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        this.factory = factory;
        api = new Api(factory);
    }

    /// <summary>Polls a run until it is no longer running (generous overall limit: the machine may be loaded).</summary>
    private static async Task<JsonElement> Finished(HttpClient client, JsonElement run)
    {
        var id = run.GetProperty("id").GetString();
        for (var i = 0; i < 600 && run.GetProperty("status").GetString() == "running"; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            run = await Api.Ok(await client.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken));
        }

        Assert.Equal("done", run.GetProperty("status").GetString());
        return run;
    }

    [Fact]
    public async Task A_lower_pass_mark_passes_more_people_and_the_totals_flips_fairness_and_csv_agree()
    {
        var client = await api.As(Analyst);
        var targets = await Api.Ok(await client.GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken));
        var residence = targets.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "scheme:permanent-residence");
        var passMark = residence.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "residence.pass_mark");
        Assert.Equal("points", passMark.GetProperty("unit").GetString());
        Assert.NotEmpty(passMark.GetProperty("values")[0].GetProperty("source").GetString()!);
        Assert.Contains(targets.EnumerateArray(), t => t.GetProperty("key").GetString() == "ruleset:employer-fee");

        var current = int.Parse(passMark.GetProperty("values").EnumerateArray().Last().GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "scheme:permanent-residence",
            parameters = new Dictionary<string, string> { ["residence.pass_mark"] = (current - 50).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            population = new { count = 4000, seed = 5 },
        }), TestContext.Current.CancellationToken);
        var run = await Finished(client, await Api.Ok(response, HttpStatusCode.Created));

        Assert.NotEqual(run.GetProperty("baselinePackHash").GetString(), run.GetProperty("reformPackHash").GetString());
        Assert.Equal(5, run.GetProperty("seed").GetInt32());
        var scheme = run.GetProperty("scheme");
        var before = scheme.GetProperty("baseline").GetProperty("passed").GetInt64();
        var after = scheme.GetProperty("reform").GetProperty("passed").GetInt64();
        Assert.True(after > before, $"reform {after}, baseline {before}");
        Assert.Equal(after - before, scheme.GetProperty("toPass").GetInt64());
        Assert.Equal(0, scheme.GetProperty("toFail").GetInt64());
        Assert.All(scheme.GetProperty("flips").EnumerateArray(), f => Assert.InRange(f.GetProperty("reformTotal").GetInt64(), current - 50, current - 1));

        foreach (var (fairness, passed) in new[] { ("fairnessBaseline", before), ("fairnessReform", after) })
        {
            var report = run.GetProperty(fairness);
            Assert.Equal(passed, report.GetProperty("passed").GetInt64());
            foreach (var attribute in report.GetProperty("attributes").EnumerateArray())
            {
                Assert.Equal(4000, attribute.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("count").GetInt64()));
                Assert.Equal(passed, attribute.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("passed").GetInt64()));
            }
        }

        var csv = await client.GetStringAsync($"/api/v1/analytics/lab/runs/{run.GetProperty("id").GetString()}/csv", TestContext.Current.CancellationToken);
        Assert.StartsWith("section,measure,group,baseline,reform\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"totals,passed,,{before},{after}\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("fairness_citizenship,gate_kaztest,UZ,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_run_reopens_on_another_instance_with_the_fairness_by_sex_and_exports_as_parquet_for_its_analyst_and_admins_only()
    {
        var client = await api.As(Analyst);
        var started = await Api.Ok(await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "scheme:permanent-residence", asOf = "2026-03-01", population = new { count = 600, seed = 9 },
        }), TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var run = await Finished(client, started);
        var id = run.GetProperty("id").GetString()!;

        // Sex is reported like citizenship: every person in one group, each gate's pass rate given for women and for men.
        var bySex = run.GetProperty("fairnessReform").GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("attribute").GetString() == "sex");
        var groups = bySex.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("value").GetString()!);
        Assert.Equal(["female", "male"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(600, groups.Values.Sum(g => g.GetProperty("count").GetInt64()));
        Assert.Equal(run.GetProperty("fairnessReform").GetProperty("passed").GetInt64(), groups.Values.Sum(g => g.GetProperty("passed").GetInt64()));
        Assert.All(groups.Values, g => Assert.Contains(g.GetProperty("gates").EnumerateArray(), gate => gate.GetProperty("gate").GetString() == "kaztest"));
        Assert.DoesNotContain(run.GetProperty("fairnessReform").GetProperty("notAvailable").EnumerateArray(), n => n.GetString()!.StartsWith("sex", StringComparison.Ordinal));

        // Another instance on the same database (as after a restart) reopens it, lists it and exports it.
        await using var other = factory.WithWebHostBuilder(_ => { });
        var otherClient = other.CreateClient(new() { AllowAutoRedirect = false });
        otherClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var reopened = await Api.Ok(await otherClient.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken));
        Assert.Equal("done", reopened.GetProperty("status").GetString());
        Assert.Equal(run.GetProperty("scheme").GetProperty("baseline").GetProperty("passed").GetInt64(),
            reopened.GetProperty("scheme").GetProperty("baseline").GetProperty("passed").GetInt64());
        Assert.Equal(run.GetProperty("populationHash").GetString(), reopened.GetProperty("populationHash").GetString());
        Assert.Equal(9, reopened.GetProperty("seed").GetInt32());
        var listed = await Api.Ok(await otherClient.GetAsync("/api/v1/analytics/lab/runs", TestContext.Current.CancellationToken));
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetString() == id && r.GetProperty("baselinePackHash").GetString() == run.GetProperty("baselinePackHash").GetString());

        var csv = await otherClient.GetStringAsync($"/api/v1/analytics/lab/runs/{id}/csv", TestContext.Current.CancellationToken);
        var csvRows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(csvRows, r => r.StartsWith("fairness_sex,gate_kaztest,female,", StringComparison.Ordinal));
        var parquet = await otherClient.GetAsync($"/api/v1/analytics/lab/runs/{id}/parquet", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        var table = await Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(
            new MemoryStream(await parquet.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["section", "measure", "group", "baseline", "reform"], table.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(csvRows.Length - 1, table.Data.Count);
        Assert.Contains(table.Data, r => (string?)r.GetValueOrDefault("section") == "totals" && (string?)r.GetValueOrDefault("measure") == "passed"
            && (string?)r.GetValueOrDefault("baseline") == run.GetProperty("scheme").GetProperty("baseline").GetProperty("passed").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Another analyst neither sees nor cancels it; an administrator reads it.
        var admin = await api.As("admin@demo.koshi.kz");
        var email = $"analyst-{Guid.NewGuid():N}"[..20] + "@test.koshi.kz";
        await Api.Ok(await admin.PostAsync("/api/v1/admin/users", Api.Body(new { email, password = "Analyst-2026-x", fullName = "Second Analyst", role = "analyst" }),
            TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var stranger = await api.As(email, "Analyst-2026-x");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/analytics/lab/runs/{id}/csv", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain((await Api.Ok(await stranger.GetAsync("/api/v1/analytics/lab/runs", TestContext.Current.CancellationToken))).EnumerateArray(),
            r => r.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken)).StatusCode);

        // The page shows the groups by sex by name, in each language, and links the Parquet file.
        var browser = await SignedIn(Analyst);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/analytics/lab?run={id}", TestContext.Current.CancellationToken));
        Assert.Contains("id=\"lab-fairness-sex\"", page, StringComparison.Ordinal);
        Assert.Matches(@"<th scope=""row"">Female", page);
        Assert.Contains("id=\"lab-parquet\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/language/ru?returnUrl=/", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Matches(@"<th scope=""row"">Женский", WebUtility.HtmlDecode(await browser.GetStringAsync($"/analytics/lab?run={id}", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_run_is_cancelled_from_another_instance_while_it_runs_and_a_finished_one_is_409()
    {
        var client = await api.As(Analyst);

        // The instance that runs the job holds it before it starts, so it is surely running when the cancel comes.
        await using var holding = factory.WithWebHostBuilder(b => b.UseSetting("Koshi:Lab:HoldMilliseconds", "600000"));
        var holdingClient = holding.CreateClient(new() { AllowAutoRedirect = false });
        holdingClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var run = await Api.Ok(await holdingClient.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "scheme:permanent-residence", population = new { count = 100, seed = 4 },
        }), TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var id = run.GetProperty("id").GetString()!;
        Assert.Equal("running", run.GetProperty("status").GetString());
        Assert.Equal("running", (await Api.Ok(await client.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken))).GetProperty("status").GetString());

        // Cancelled through this instance, which does not run it: the running instance reads the cancel and stops.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken)).StatusCode);
        var status = "running";
        for (var i = 0; i < 600 && status == "running"; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            status = (await Api.Ok(await client.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken))).GetProperty("status").GetString();
        }

        Assert.Equal("cancelled", status);
        Assert.Equal("cancelled", (await Api.Ok(await holdingClient.GetAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/v1/analytics/lab/runs/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/analytics/lab/runs/{id}/csv", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Bad_parameters_targets_and_counts_are_400_naming_the_field()
    {
        var client = await api.As(Analyst);
        async Task<HttpResponseMessage> Post(object body) =>
            await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(body), TestContext.Current.CancellationToken);

        await Api.BadField(await Post(new { target = "scheme:nope", population = new { count = 10 } }), "target");
        await Api.BadField(await Post(new { target = "scheme:permanent-residence", population = new { count = 0 } }), "count");
        await Api.BadField(await Post(new
        {
            target = "scheme:permanent-residence", parameters = new Dictionary<string, string> { ["residence.pass_mark"] = "many" }, population = new { count = 10 },
        }), "parameters.residence.pass_mark");
        await Api.BadField(await Post(new
        {
            target = "scheme:permanent-residence", parameters = new Dictionary<string, string> { ["no.such"] = "1" }, population = new { count = 10 },
        }), "parameters.no.such");
        await Api.BadField(await Post(new { target = "ruleset:employer-fee", population = new { count = 10 } }), "population");
    }

    [Fact]
    public async Task The_lab_is_for_analysts_and_admins_only()
    {
        var applicant = await api.As("aigerim@demo.koshi.kz");
        var officer = await api.Officer();
        var admin = await api.As("admin@demo.koshi.kz");

        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new { target = "scheme:permanent-residence" }), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/analytics/lab/targets", TestContext.Current.CancellationToken)).StatusCode);

        var browser = await SignedIn("aigerim@demo.koshi.kz");
        var page = await browser.GetAsync("/analytics/lab", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_rule_set_reform_from_an_uploaded_csv_shows_the_rows_that_change_in_three_languages()
    {
        var browser = await SignedIn(Analyst);
        var form = await browser.GetStringAsync("/analytics/lab?target=ruleset:employer-fee", TestContext.Current.CancellationToken);
        Assert.Contains("name=\"parameters.labour.employer_fee.group_1\"", form, StringComparison.Ordinal);
        var csv = "permit_type,category,sector_group,duration_days\nemployer,cat3,group_1,365\nemployer,cat4,group_2,365\nemployer,cat3,group_1,100\n";

        var response = await Upload(browser, form, "employer-fee", "fees.csv", csv, new()
        {
            ["parameters.labour.employer_fee.group_1"] = "{ cat1: 137, cat2: 158, cat3: 190, cat4: 200 }",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/analytics/lab?run=", location, StringComparison.Ordinal);
        string html = string.Empty;
        for (var i = 0; i < 300 && !html.Contains("data-status=\"done\"", StringComparison.Ordinal); i++)
        {
            html = await browser.GetStringAsync(location, TestContext.Current.CancellationToken);
            if (!html.Contains("data-status=\"done\"", StringComparison.Ordinal))
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        Assert.Matches(@"id=""lab-rows-changed"">Rows changed: <strong>2</strong>", html);
        Assert.Contains("fee_mrp 179→190", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        foreach (var (language, title) in new[] { ("ru", "Лаборатория политики"), ("kk", "Саясат зертханасы") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/language/{language}?returnUrl=/", TestContext.Current.CancellationToken)).StatusCode);
            var translated = WebUtility.HtmlDecode(await browser.GetStringAsync(location, TestContext.Current.CancellationToken));
            Assert.Contains(title, translated, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\[(lab|an)\.[a-zA-Z.\-_]+\]", translated);
        }
    }

    [Fact]
    public async Task A_bad_uploaded_population_is_a_400_page_naming_the_file_and_line()
    {
        var browser = await SignedIn(Analyst);
        var form = await browser.GetStringAsync("/analytics/lab?target=ruleset:employer-fee", TestContext.Current.CancellationToken);

        var badRow = await Upload(browser, form, "employer-fee", "fees.csv", "permit_type,category,sector_group,duration_days\nemployer,cat3,group_1,365\nemployer,cat9,group_1,365\n", []);
        var badKind = await Upload(browser, form, "employer-fee", "fees.xlsx", "x", []);
        var damaged = await Upload(browser, form, "employer-fee", "fees.parquet", "PAR1 not a population PAR1", []);
        var badValue = await Upload(browser, form, "employer-fee", "fees.csv", "permit_type\nict\n", new() { ["parameters.labour.employer_fee.group_1"] = "{ cat1: lots }" });

        Assert.Equal(HttpStatusCode.BadRequest, badRow.StatusCode);
        var html = WebUtility.HtmlDecode(await badRow.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("fees.csv:3 (line 3): category: 'cat9' is not one of", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("fees.xlsx: expected a .csv, .jsonl or .parquet file", WebUtility.HtmlDecode(await badKind.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, damaged.StatusCode);
        Assert.Contains("fees.parquet", WebUtility.HtmlDecode(await damaged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        // The summary links to the parameter's own field, which is marked invalid.
        var refused = await badValue.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("href=\"#param-labour.employer_fee.group_1\"", refused, StringComparison.Ordinal);
        Assert.Matches("id=\"param-labour\\.employer_fee\\.group_1\"[^>]*aria-invalid=\"true\"", refused);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient browser, string form, string ruleSet, string fileName, string content, Dictionary<string, string> parameters)
    {
        var body = new MultipartFormDataContent
        {
            { new StringContent(TokenPattern().Match(form).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("ruleset:" + ruleSet), "target" },
            { new StringContent("upload"), "source" },
            { new StringContent("2026-03-01"), "asOf" },
        };
        foreach (var (name, value) in parameters)
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "population", fileName);
        return await browser.PostAsync("/analytics/lab", body, TestContext.Current.CancellationToken);
    }

    private async Task<HttpClient> SignedIn(string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenPattern().Match(await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken)).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = DemoData.Password, ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/", TestContext.Current.CancellationToken)).StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class LabSqliteTests(SqliteFactory factory) : LabTests<SqliteFactory>(factory);

public sealed class LabPostgresTests(PostgresFactory factory) : LabTests<PostgresFactory>(factory);
