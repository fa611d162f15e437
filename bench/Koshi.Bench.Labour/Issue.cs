using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Koshi.Bench.Labour;

/// <summary>
/// C clients, each with its own connection, take the next permit from the shuffled list and ask the running platform
/// to issue it (POST /api/v1/labour/permits/{id}/issue as the region's officer) until the list is done. Every reply is
/// timed; the issue rate is reported over the whole run and over the middle 80 % of the issued permits.
/// --url may list several instances (comma-separated): the clients are split across them in turn, and the token
/// taken from the first is used on all of them (tokens must be valid on every instance).
/// </summary>
internal static class Issue
{
    public static async Task<int> RunAsync(Options options)
    {
        var ids = await File.ReadAllLinesAsync(options.Ids);
        // --action read fetches each permit instead (GET, same sign-in and lookup, no write): the platform's cost of a request without the issue.
        var read = options.Get("action", "issue") == "read";
        var instances = options.Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(2) })
            .ToArray();
        var token = await TokenAsync(instances[0], options.Officer, options.Password);
        foreach (var instance in instances)
        {
            instance.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // One request per client first, so connections and the server's first-call costs are not in the figures.
        var outcomes = new Outcome[ids.Length];
        var next = -1;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
        {
            var http = instances[c % instances.Length];
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Length)
            {
                var sent = clock.Elapsed;
                using var response = read
                    ? await http.GetAsync(new Uri($"api/v1/labour/permits/{ids[i]}", UriKind.Relative))
                    : await http.PostAsync(new Uri($"api/v1/labour/permits/{ids[i]}/issue", UriKind.Relative), null);
                var kind = response.StatusCode switch
                {
                    HttpStatusCode.OK => Kind.Issued,
                    HttpStatusCode.Conflict when await CodeAsync(response) == "quota-exhausted" => Kind.QuotaExhausted,
                    _ => Kind.Other,
                };
                outcomes[i] = new Outcome(kind, (int)response.StatusCode, sent, clock.Elapsed, c % instances.Length);
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var total = clock.Elapsed;
        var clientCpu = Environment.CpuUsage.TotalTime - cpu;
        foreach (var instance in instances)
        {
            instance.Dispose();
        }

        var issued = outcomes.Where(o => o.Kind == Kind.Issued).OrderBy(o => o.Done).ToArray();
        var exhausted = outcomes.Count(o => o.Kind == Kind.QuotaExhausted);
        var other = outcomes.Where(o => o.Kind == Kind.Other).GroupBy(o => o.Status).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count());
        var wholeSeconds = issued.Length == 0 ? 0 : issued[^1].Done.TotalSeconds;
        var (lo, hi) = (issued.Length / 10, issued.Length * 9 / 10);
        var middleSeconds = issued.Length < 10 ? 0 : (issued[hi - 1].Done - issued[lo].Done).TotalSeconds;
        var latencies = issued.Select(o => (o.Done - o.Sent).TotalMilliseconds).Order().ToArray();
        var refusedLatencies = outcomes.Where(o => o.Kind == Kind.QuotaExhausted).Select(o => (o.Done - o.Sent).TotalMilliseconds).Order().ToArray();
        var result = new
        {
            requests = ids.Length,
            clients = options.Clients,
            instances = instances.Length,
            issuedPerInstance = Enumerable.Range(0, instances.Length).Select(n => issued.Count(o => o.Instance == n)).ToArray(),
            issued = issued.Length,
            quotaExhausted = exhausted,
            other,
            secondsToLastIssue = Math.Round(wholeSeconds, 3),
            secondsAll = Math.Round(total.TotalSeconds, 3),
            issuedPerSecondWholeRun = Rate(issued.Length, wholeSeconds),
            issuedPerSecondMiddle80 = Rate(hi - lo - 1, middleSeconds),
            requestsPerSecondAll = Rate(ids.Length, total.TotalSeconds),
            clientCpuMsPerRequest = Math.Round(clientCpu.TotalMilliseconds / ids.Length, 3),
            issueLatencyMs = new { p50 = Percentile(latencies, 0.50), p90 = Percentile(latencies, 0.90), p99 = Percentile(latencies, 0.99), max = latencies.LastOrDefault() },
            refusalLatencyMs = new { p50 = Percentile(refusedLatencies, 0.50), p99 = Percentile(refusedLatencies, 0.99) },
        };
        var json = JsonSerializer.Serialize(result, Context.Indented);
        Console.WriteLine(json);
        if (options.Out is { } file)
        {
            await File.WriteAllTextAsync(file, json);
        }

        return 0;
    }

    public static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        using var response = await http.PostAsJsonAsync(new Uri("api/v1/auth/token", UriKind.Relative), new { email, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double Rate(int count, double seconds) => seconds <= 0 ? 0 : Math.Round(count / seconds, 1);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);

    private enum Kind
    {
        Other,
        Issued,
        QuotaExhausted,
    }

    private readonly record struct Outcome(Kind Kind, int Status, TimeSpan Sent, TimeSpan Done, int Instance);
}
