using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Koshi.Web.Residence.Scoring;
using Npgsql;

namespace Koshi.Bench.Web;

/// <summary>
/// The request measurements against the running platform: one client, one request at a time, after warm-up. A
/// series stops at its request count or its time budget, whichever comes first (the budget keeps a slow endpoint from
/// taking the whole run; the count actually reached is reported).
/// </summary>
public sealed partial class Measure(Uri address, string connectionString, string root, MeasureOptions options)
{
    public const string OfficerEmail = "officer.astana@demo.koshi.kz";
    public const string OfficerRegion = "KZ-71";
    public const string LargestRegionOfficerEmail = "officer.pavlodar@demo.koshi.kz";

    private readonly List<Series> series = [];
    private readonly List<string> notes = [];

    public IReadOnlyList<Series> Results => series;

    public IReadOnlyList<string> Notes => notes;

    public async Task RunAsync(IReadOnlyList<Guid> questionnaireCases, CancellationToken ct)
    {
        using var api = Client(cookies: null);
        var officerToken = await TokenAsync(api, OfficerEmail, ct);
        var pavlodarToken = await TokenAsync(api, LargestRegionOfficerEmail, ct);
        var applicantToken = await TokenAsync(api, Seeder.BenchApplicantEmail, ct);

        var cookies = new CookieContainer();
        using var pages = Client(cookies);
        await SignInAsync(pages, OfficerEmail, ct);

        // The officer's queue: the API and the page.
        if (options.Only is null or "queue")
        {
            await QueueAsync(api, pages, officerToken, pavlodarToken, ct);
        }

        if (options.Only is null or "case")
        {
            await CasesAsync(api, pages, officerToken, ct);
        }

        if (options.Only is null or "scoring")
        {
            await ScoringOverHttpAsync(api, applicantToken, questionnaireCases, ct);
        }
    }

    private async Task QueueAsync(HttpClient api, HttpClient pages, string officerToken, string pavlodarToken, CancellationToken ct)
    {
        var queueSize = await CountQueueAsync(api, officerToken, ct);
        notes.Add($"Officer queue of {OfficerRegion}: {queueSize:N0} open applications in the answer.");
        await TimeAsync("Officer queue, API `GET /api/v1/residence/queue` (KZ-71)", options.QueueRequests, () => Get(api, "/api/v1/residence/queue", officerToken), ct);
        await TimeAsync("Officer queue, page `GET /officer/queue` (KZ-71)", options.QueueRequests, () => Get(pages, "/officer/queue", null), ct);
        var pavlodarSize = await CountQueueAsync(api, pavlodarToken, ct);
        notes.Add($"Officer queue of KZ-55 (the largest region): {pavlodarSize:N0} open applications in the answer.");
        await TimeAsync("Officer queue, API (KZ-55, largest region)", options.QueueRequests, () => Get(api, "/api/v1/residence/queue", pavlodarToken), ct);
    }

    private async Task CasesAsync(HttpClient api, HttpClient pages, string officerToken, CancellationToken ct)
    {
        // Case pages: a fixed random sample of the region's applications, every stage, visited in turn.
        var cases = await SampleCasesAsync(ct);
        var next = 0;
        Guid NextCase() => cases[next++ % cases.Count];
        await TimeAsync("Case, API `GET /api/v1/residence/applications/{id}`", options.CaseRequests, () => Get(api, $"/api/v1/residence/applications/{NextCase()}", officerToken), ct);
        next = 0;
        await TimeAsync("Case, page `GET /officer/cases/{id}`", options.CaseRequests, () => Get(pages, $"/officer/cases/{NextCase()}", null), ct);
    }

    /// <summary>
    /// Scoring through the API, two ways. (1) Interleaved pairs on the same application: GET the application, then
    /// POST score-preview, which does the same authorised load by id and then scores the answers (and writes the score
    /// view). (2) Submitting questionnaires, which score and store; each uses up one waiting application.
    /// </summary>
    private async Task ScoringOverHttpAsync(HttpClient api, string token, IReadOnlyList<Guid> waiting, CancellationToken ct)
    {
        var population = Seeder.Population(root, 500, 99).Select(Seeder.Answers).ToList();
        var target = waiting[^1];
        var get = new List<double>();
        var preview = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Warmup + options.PairRequests && clock.Elapsed < options.Budget * 2; i++)
        {
            var body = population[i % population.Count].ToJsonString();
            var a = await TimedAsync(() => Get(api, $"/api/v1/residence/applications/{target}", token), ct);
            var b = await TimedAsync(() => Post(api, $"/api/v1/residence/applications/{target}/score-preview", token, body), ct);
            if (i >= options.Warmup)
            {
                get.Add(a);
                preview.Add(b);
            }
        }

        var getSeries = new Series("Applicant `GET /api/v1/residence/applications/{id}` (paired)", get);
        var previewSeries = new Series("Applicant `POST …/{id}/score-preview` (paired: same load + scoring)", preview);
        var differences = new Series("Per-pair difference score-preview − GET", preview.Zip(get, (p, g) => p - g).ToList(), "median of the differences");
        series.Add(getSeries);
        series.Add(previewSeries);
        series.Add(differences);

        var submits = new List<double>();
        var used = 0;
        clock.Restart();
        foreach (var id in waiting.Take(waiting.Count - 1))
        {
            if (used >= options.Warmup / 2 + options.SubmitRequests || clock.Elapsed > options.Budget)
            {
                break;
            }

            var body = population[used % population.Count].ToJsonString();
            var ms = await TimedAsync(() => Post(api, $"/api/v1/residence/applications/{id}/questionnaire", token, body), ct);
            if (used++ >= options.Warmup / 2)
            {
                submits.Add(ms);
            }
        }

        series.Add(new Series("Applicant `POST …/{id}/questionnaire` (scores and stores)", submits, "each on a fresh application"));
    }

    /// <summary>
    /// The scoring's own cost, in this process around <see cref="IResidenceScoring"/>: exactly the lines
    /// SubmitQuestionnaireAsync adds for scoring (build the case from answers and application facts, score as of the
    /// lodgement date, make the score record), timed call by call over varied applicants after JIT warm-up.
    /// </summary>
    public static IReadOnlyList<Series> ScoringInProcess(string root, int calls)
    {
        var scoring = Seeder.LoadScoring(root);
        var population = Seeder.Population(root, Math.Max(calls, 1000), 77);
        var now = DateTimeOffset.UtcNow;
        var cases = new List<(ResidenceApplication Application, JsonObject Answers)>();
        foreach (var applicant in population)
        {
            var application = ResidenceApplication.Lodge(
                (string?)applicant["applicant_kind"] == "kandas" ? ResidenceKind.KandasStatus : ResidenceKind.PermanentResidence,
                "bench", ApplicantIdentity.OfIin(Iin.Parse("900315401233")), "Bench", RegionCode.Parse((string)applicant["destination_region"]!),
                scoring.PilotTermsOn(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-3))).ProcessingDays, now.AddDays(-3));
            application.RecordKaztest(
                Math.Max(30, (int)applicant["kaztest_listening_pct"]!), Math.Max(30, (int)applicant["kaztest_reading_pct"]!),
                DateOnly.FromDateTime(now.UtcDateTime.AddDays(-3)), "KT", scoring.KaztestRulesOn(application.LodgedOn), now.AddDays(-2));
            cases.Add((application, Seeder.Answers(applicant)));
        }

        long sink = 0;
        ScoreRecord Score((ResidenceApplication Application, JsonObject Answers) c)
        {
            var input = ResidenceCaseFacts.BuildCase(c.Application, c.Answers, scoring);
            var result = scoring.Score(input, c.Application.LodgedOn);
            return new ScoreRecord(
                input.ToJsonString(), result.ExplanationJson, result.PackHash, result.AsOf, result.LawDate, result.Decision,
                result.Passed, result.Total, result.PassMark, result.FailedGates, now);
        }

        // Warm-up: enough calls for tiered compilation to promote the hot methods, then a pause for the background JIT.
        for (var round = 0; round < 3; round++)
        {
            foreach (var c in cases)
            {
                sink += Score(c).Total;
            }

            Thread.Sleep(300);
        }

        var full = new List<double>(calls);
        var engineOnly = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var c = cases[i % cases.Count];
            var start = Stopwatch.GetTimestamp();
            sink += Score(c).Total;
            full.Add(Series.ElapsedMs(start));

            var input = ResidenceCaseFacts.BuildCase(c.Application, c.Answers, scoring);
            start = Stopwatch.GetTimestamp();
            sink += scoring.Score(input, c.Application.LodgedOn).Total;
            engineOnly.Add(Series.ElapsedMs(start));
        }

        GC.KeepAlive(sink);
        return
        [
            new Series("In process: build case + `IResidenceScoring.Score` + score record", full, "what a submission adds for scoring"),
            new Series("In process: `IResidenceScoring.Score` alone", engineOnly, "JSON in, explanation out"),
        ];
    }

    private async Task TimeAsync(string name, int count, Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            await TimedAsync(send, ct);
        }

        var times = new List<double>(count);
        var clock = Stopwatch.StartNew();
        while (times.Count < count && (clock.Elapsed < options.Budget || times.Count < options.MinimumRequests))
        {
            times.Add(await TimedAsync(send, ct));
        }

        series.Add(new Series(name, times, times.Count < count ? $"stopped by the {options.Budget.TotalSeconds:F0} s budget" : string.Empty));
        Console.WriteLine(series[^1].Row());
    }

    /// <summary>One request, its whole body read; a non-success status stops the run (a fast error is no figure).</summary>
    private static async Task<double> TimedAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await send();
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var ms = Series.ElapsedMs(start);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 400)]}");
        }

        return ms;
    }

    private Task<HttpResponseMessage> Get(HttpClient client, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> Post(HttpClient client, string path, string token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<string> TokenAsync(HttpClient client, string email, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync(new Uri(address, "/api/v1/auth/token"), new { email, password = DemoData.Password }, ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in through the login page (antiforgery token and all), keeping the session cookie.</summary>
    /// <summary>Signs in through the login page; <paramref name="landing"/> is where the role must land (null: anywhere).</summary>
    private async Task SignInAsync(HttpClient client, string email, CancellationToken ct, string? landing = "/officer/queue")
    {
        var form = await client.GetStringAsync(new Uri(address, "/account/login"), ct);
        var token = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The login page has no antiforgery token.");
        using var response = await client.PostAsync(new Uri(address, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = DemoData.Password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || (landing is not null && response.Headers.Location?.OriginalString != landing))
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private async Task<int> CountQueueAsync(HttpClient client, string token, CancellationToken ct)
    {
        using var response = await Get(client, "/api/v1/residence/queue", token);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetArrayLength();
    }

    /// <summary>A fixed sample of the officer region's applications (same seed, same sample), and its stages noted.</summary>
    private async Task<List<Guid>> SampleCasesAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """SELECT setseed(0.2026); SELECT "Id", "Stage" FROM "ResidenceApplications" WHERE "Region" = @region ORDER BY "Id" LIMIT 100000""", connection);
        command.Parameters.AddWithValue("region", OfficerRegion);
        var all = new List<(Guid Id, string Stage)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                all.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        var random = new Random(2026);
        var sample = all.OrderBy(_ => random.Next()).Take(options.CaseSample).ToList();
        notes.Add($"Case sample: {sample.Count} applications of {OfficerRegion} drawn with a fixed seed, by stage: "
                  + string.Join(", ", sample.GroupBy(s => s.Stage).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")) + ".");
        return sample.Select(s => s.Id).ToList();
    }

    private static HttpClient Client(CookieContainer? cookies) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed record MeasureOptions(int Warmup, int QueueRequests, int CaseRequests, int PairRequests, int SubmitRequests, int CaseSample, TimeSpan Budget, int MinimumRequests, string? Only = null);
