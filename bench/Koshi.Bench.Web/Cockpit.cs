using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Koshi.Web.Identity;

namespace Koshi.Bench.Web;

/// <summary>
/// The ministry's cockpit against the running platform with its demo data: the dashboard pages and API one request at
/// a time, and lab runs of a generated population from the click (the POST that starts the run) to the result read
/// back. Besides wall time, the platform process's CPU time over each request or run (/proc/PID/stat), which other
/// processes on a shared machine do not add to.
/// </summary>
public sealed partial class Measure
{
    public async Task CockpitAsync(int platformPid, int labRuns, int labCount, CancellationToken ct)
    {
        using var api = Client(cookies: null);
        var analystToken = await TokenAsync(api, "analyst@demo.koshi.kz", ct);
        var cookies = new CookieContainer();
        using var pages = Client(cookies);
        await SignInAsync(pages, "analyst@demo.koshi.kz", ct, landing: null);

        string[] paths = ["/analytics", "/analytics/residence", "/labour/ministry"];
        foreach (var path in paths)
        {
            await TimeWithCpuAsync($"Page `GET {path}` (analyst)", options.QueueRequests, platformPid, () => Get(pages, path, null), ct);
        }

        await TimeWithCpuAsync("API `GET /api/v1/analytics/dashboard`", options.QueueRequests, platformPid, () => Get(api, "/api/v1/analytics/dashboard", analystToken), ct);

        // Lab runs: pass mark 400 -> 420, a new seed each run so that nothing is reused from an earlier run.
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < labRuns; run++)
        {
            var body = JsonSerializer.Serialize(new
            {
                target = "scheme:permanent-residence",
                asOf = "2026-03-01",
                parameters = new Dictionary<string, string> { ["residence.pass_mark"] = "420" },
                population = new { count = labCount, seed = 1000 + run + Environment.ProcessId },
            });
            var cpu0 = ProcessCpuNs(platformPid);
            var start = Stopwatch.GetTimestamp();
            using var created = await Post(api, "/api/v1/analytics/lab/runs", analystToken, body);
            var createdText = await created.Content.ReadAsStringAsync(ct);
            if (!created.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"starting a lab run answered {(int)created.StatusCode}: {createdText}");
            }

            using var createdJson = JsonDocument.Parse(createdText);
            var id = createdJson.RootElement.GetProperty("id").GetString()!;
            var status = createdJson.RootElement.GetProperty("status").GetString();
            var polls = 0;
            while (status == "running")
            {
                await Task.Delay(20, ct);
                using var read = await Get(api, $"/api/v1/analytics/lab/runs/{id}", analystToken);
                using var json = JsonDocument.Parse(await read.Content.ReadAsStringAsync(ct));
                status = json.RootElement.GetProperty("status").GetString();
                polls++;
            }

            var ms = Series.ElapsedMs(start);
            var cpuMs = (ProcessCpuNs(platformPid) - cpu0) / 1e6;
            if (status != "done")
            {
                throw new InvalidOperationException($"lab run {id} ended {status}");
            }

            wall.Add(ms);
            cpu.Add(cpuMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lab run {run + 1}: {labCount:N0} people, click to result {ms:F0} ms wall, platform CPU {cpuMs:F0} ms ({polls} polls), load average {File.ReadAllText("/proc/loadavg")[..14]}"));
        }

        series.Add(new Series($"Lab run, {labCount:N0} people, click (POST) to result read (wall)", wall, "runs in order: " + string.Join(", ", wall.Select(w => w.ToString("F0", CultureInfo.InvariantCulture)))));
        series.Add(new Series($"Lab run, {labCount:N0} people: platform CPU (all threads; 2 cores)", cpu, "runs in order: " + string.Join(", ", cpu.Select(w => w.ToString("F0", CultureInfo.InvariantCulture)))));
    }

    private async Task TimeWithCpuAsync(string name, int count, int pid, Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            await TimedAsync(send, ct);
        }

        var times = new List<double>(count);
        var cpu = new List<double>(count);
        var clock = Stopwatch.StartNew();
        var load = File.ReadAllText("/proc/loadavg")[..14];
        while (times.Count < count && (clock.Elapsed < options.Budget || times.Count < options.MinimumRequests))
        {
            var cpu0 = ProcessCpuNs(pid);
            times.Add(await TimedAsync(send, ct));
            cpu.Add((ProcessCpuNs(pid) - cpu0) / 1e6);
        }

        var note = $"load average {load} at start{(times.Count < count ? $"; stopped by the {options.Budget.TotalSeconds:F0} s budget" : string.Empty)}";
        series.Add(new Series(name + ", wall", times, note));
        series.Add(new Series(name + ", platform CPU", cpu, "the platform process over the request (10 ms ticks: read the mean)"));
        Console.WriteLine(series[^2].Row());
        Console.WriteLine(series[^1].Row());
    }

    /// <summary>CPU time of the process in nanoseconds: user and system time from /proc/PID/stat, which keeps the time of
    /// threads that have ended (a lab run's workers) too; in clock ticks of 10 ms, so one request's figure is coarse and
    /// the mean over a series is the one to read.</summary>
    private static long ProcessCpuNs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10_000_000L;
    }
}
