using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Residence;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>Health, metrics, the OpenAPI document and its reference page.</summary>
public sealed class PlatformTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Health_reports_the_database_and_the_policy_pack()
    {
        var health = await Api.Ok(await factory.CreateClient().GetAsync("/healthz"));
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.StartsWith("Policy pack sha256:", health.GetProperty("checks").GetProperty("policy-pack").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_route_and_the_reference_page_is_served()
    {
        var client = factory.CreateClient();
        var document = await Api.Ok(await client.GetAsync("/openapi/v1.json"));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/residence/applications", paths);
        Assert.Contains("/api/v1/residence/applications/{id}/decision", paths);
        Assert.Contains("/api/v1/audit/verify", paths);
        var lodge = document.GetProperty("paths").GetProperty("/api/v1/residence/applications").GetProperty("post");
        Assert.True(lodge.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(lodge.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Contains(lodge.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");

        var scalar = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("<html", await scalar.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Requests_are_measured_by_route_and_status_as_histograms()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/api/v1/reference/regions");
        // The exporter serves a scrape from a short cache, so a scrape right after the request may predate it.
        var count = new Regex("^http_server_request_duration_seconds_count\\{(?=[^}]*http_route=\"/api/v1/reference/regions\")(?=[^}]*http_response_status_code=\"200\")[^}]*\\} [1-9]", RegexOptions.Multiline);
        var metrics = "";
        for (var attempt = 0; attempt < 100 && !count.IsMatch(metrics); attempt++)
        {
            await Task.Delay(100);
            metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        }

        Assert.Matches(count, metrics);
        Assert.Matches(new Regex("^http_server_request_duration_seconds_bucket\\{(?=[^}]*http_route=\"/api/v1/reference/regions\")(?=[^}]*le=\"0\\.005\")", RegexOptions.Multiline), metrics);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_problem_not_a_page()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        await Api.Problem(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reference_data_is_public()
    {
        var client = factory.CreateClient();
        var regions = await Api.Ok(await client.GetAsync("/api/v1/reference/regions"));
        Assert.Equal(20, regions.GetArrayLength());
        var iin = await Api.Ok(await client.GetAsync("/api/v1/reference/iin/900315401233"));
        Assert.True(iin.GetProperty("valid").GetBoolean());
        Assert.Equal("1990-03-15", iin.GetProperty("birthDate").GetString());
        var bad = await Api.Ok(await client.GetAsync("/api/v1/reference/iin/900315401234"));
        Assert.False(bad.GetProperty("valid").GetBoolean());
    }
}

/// <summary>Every text a page asks for exists in Kazakh, Russian and English.</summary>
public sealed class LocalisationTests
{
    private static string WebSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Koshi.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/Koshi.Web not found above the test binaries.");
    }

    [Fact]
    public void Every_key_used_by_the_pages_has_all_three_languages()
    {
        var keys = Directory.EnumerateFiles(WebSource(), "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "(?:T|text)(?:\\[|\\.Format\\()\"([a-z][a-zA-Z0-9.\\-]+)\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.True(keys.Count > 50, $"only {keys.Count} keys found");

        // Keys built from enum values.
        keys.AddRange(Enum.GetNames<ResidenceStage>().Select(s => "stage." + s));
        keys.AddRange(Enum.GetNames<ResidenceKind>().Select(s => "kind." + s));
        keys.AddRange(Enum.GetNames<CheckKind>().Select(s => "check." + s));
        keys.AddRange(Enum.GetNames<CheckStatus>().Select(s => "check-status." + s));
        keys.AddRange(Enum.GetNames<NotificationKind>().Select(s => "notify." + s));
        keys.AddRange(Enum.GetNames<InterviewOutcome>().Select(s => "interview." + s));
        keys.AddRange(Enum.GetNames<DecisionOutcome>().Select(s => "decision." + s));
        keys.AddRange(["score.decision.pass", "score.decision.fail-gate", "score.decision.fail-score"]);
        keys.AddRange(["field.fullName", "field.iin", "field.email", "field.password"]);

        var missing = keys.Where(k => !k.EndsWith('.') && !Texts.All.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Missing texts: " + string.Join(", ", missing));
        Assert.All(Texts.All, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Value.Kk), t.Key);
            Assert.False(string.IsNullOrWhiteSpace(t.Value.Ru), t.Key);
            Assert.False(string.IsNullOrWhiteSpace(t.Value.En), t.Key);
        });
    }

    /// <summary>The registry is every code a refusal can carry (a refusal with another code cannot be made).</summary>
    [Fact]
    public void Every_refusal_code_has_its_text_in_kazakh_russian_and_english()
    {
        Assert.True(RefusalCodes.All.Count >= 40, $"only {RefusalCodes.All.Count} refusal codes registered");
        var missing = new List<string>();
        foreach (var code in RefusalCodes.All)
        {
            if (!Texts.All.TryGetValue("refusal." + code, out var text)
                || string.IsNullOrWhiteSpace(text.Kk) || string.IsNullOrWhiteSpace(text.Ru) || string.IsNullOrWhiteSpace(text.En))
            {
                missing.Add(code);
            }
        }

        Assert.True(missing.Count == 0, "Refusal codes without kk, ru and en text: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_refusal_cannot_carry_an_unregistered_code()
    {
        var error = Assert.Throws<ArgumentException>(() => new Refusal("no-such-code", "x"));
        Assert.Contains("no-such-code", error.Message, StringComparison.Ordinal);
        Assert.Equal(RefusalCodes.InterviewHeld, new Refusal("interview-held", "x").Code);
    }

    [Fact]
    public void Kazakh_and_russian_texts_are_not_left_in_english()
    {
        var untranslated = Texts.All.Where(t => t.Value.En.Length > 12 && (t.Value.Kk == t.Value.En || t.Value.Ru == t.Value.En)).Select(t => t.Key).ToList();
        Assert.True(untranslated.Count == 0, "Untranslated: " + string.Join(", ", untranslated));
    }
}
