using System.Globalization;
using System.Text;
using Koshi.Bench.Web;

// The web benchmark's steps; bench/web.sh runs them in order. Each writes its figures to stdout and, with --out, appends
// its Markdown table to that file.
//   seed     --pg CS [--count 100000]
//   startup  --pg CS --label TEXT [--pg2 CS --label2 TEXT] [--runs 5] [--port 5190] [--out FILE]
//   measure  --pg CS [--port 5190] [--out FILE] [--budget 60] [--warmup 20] [--only queue|case|scoring] ...
//   cockpit  --pg CS [--port 5190] [--out FILE] [--requests 100] [--lab-runs 5] [--lab-count 200000]  (a database with the demo data)
var command = args.Length > 0 ? args[0] : "help";
var options = Options.Parse(args.Skip(1));
var root = Options.FindRoot();
var data = Path.Combine(root, "bench", ".data");
Directory.CreateDirectory(data);
var log = Path.Combine(data, "web-platform.log");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

switch (command)
{
    case "seed":
        return await new Seeder(options.Pg, root).SeedAsync(options.Int("count", 100_000), cancel.Token);

    case "startup":
    {
        // With --pg2/--label2 the two databases are started in turn (A, B, A, B, …) so both see the same noise.
        var runs = options.Int("runs", 5);
        var targets = new List<(string Pg, string Label)> { (options.Pg, options.Get("label") ?? "startup") };
        if (options.Get("pg2") is { } second)
        {
            targets.Add((second, options.Get("label2") ?? "second database"));
        }

        var times = targets.ToDictionary(t => t.Label, _ => new List<double>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var (pg, label) in targets)
            {
                await using var platform = await Platform.StartAsync(root, pg, options.Int("port", 5190), log, cancel.Token);
                times[label].Add(platform.StartupTime.TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup {label} run {run + 1}: {platform.StartupTime.TotalMilliseconds:F0} ms, load average {File.ReadAllText("/proc/loadavg")[..14]}  {platform.HealthBody}"));
            }
        }

        var table = new StringBuilder(Series.Header + "\n");
        foreach (var (label, list) in times)
        {
            table.AppendLine(new Series($"Startup to first 200 from /healthz: {label}", list, "runs in order: " + string.Join(", ", list.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))).Row());
        }

        Output(options, table.ToString());
        return 0;
    }

    case "measure":
    {
        var measureOptions = new MeasureOptions(
            Warmup: options.Int("warmup", 20),
            QueueRequests: options.Int("queue", 200),
            CaseRequests: options.Int("case", 300),
            PairRequests: options.Int("pairs", 300),
            SubmitRequests: options.Int("submit", 100),
            CaseSample: options.Int("sample", 100),
            Budget: TimeSpan.FromSeconds(options.Int("budget", 60)),
            MinimumRequests: options.Int("min", 30),
            Only: options.Get("only"));

        Console.WriteLine("measure: scoring in process (platform not running)");
        var inProcess = measureOptions.Only is null or "scoring" ? Measure.ScoringInProcess(root, options.Int("calls", 3000)) : [];
        foreach (var s in inProcess)
        {
            Console.WriteLine(s.Row());
        }

        var waiting = await new Seeder(options.Pg, root).EnsureQuestionnaireCasesAsync(
            measureOptions.Warmup / 2 + measureOptions.SubmitRequests + 1, cancel.Token);
        await using var platform = await Platform.StartAsync(root, options.Pg, options.Int("port", 5190), log, cancel.Token);
        Console.WriteLine($"measure: platform up in {platform.StartupTime.TotalMilliseconds:F0} ms at {platform.Address}");
        var measure = new Measure(platform.Address, options.Pg, root, measureOptions);
        await measure.RunAsync(waiting, cancel.Token);

        var text = new StringBuilder();
        text.AppendLine(Series.Header);
        foreach (var s in measure.Results.Concat(inProcess))
        {
            text.AppendLine(s.Row());
        }

        text.AppendLine();
        foreach (var note in measure.Notes)
        {
            text.AppendLine("- " + note);
        }

        Output(options, text.ToString());
        return 0;
    }

    case "cockpit":
    {
        // The analyst's dashboard and lab on the demo data; CPU time of the platform besides wall time.
        var cockpitOptions = new MeasureOptions(
            Warmup: options.Int("warmup", 10), QueueRequests: options.Int("requests", 100), CaseRequests: 0, PairRequests: 0, SubmitRequests: 0,
            CaseSample: 0, Budget: TimeSpan.FromSeconds(options.Int("budget", 60)), MinimumRequests: options.Int("min", 30));
        var loadBefore = File.ReadAllText("/proc/loadavg")[..14];
        await using var platform = await Platform.StartAsync(root, options.Pg, options.Int("port", 5190), log, cancel.Token);
        Console.WriteLine($"cockpit: platform up in {platform.StartupTime.TotalMilliseconds:F0} ms at {platform.Address}, pid {platform.ProcessId}, load average {loadBefore}");
        var measure = new Measure(platform.Address, options.Pg, root, cockpitOptions);
        await measure.CockpitAsync(platform.ProcessId, options.Int("lab-runs", 5), options.Int("lab-count", 200_000), cancel.Token);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average before {loadBefore}, after {File.ReadAllText("/proc/loadavg")[..14]}; {Environment.ProcessorCount} cores.");
        text.AppendLine();
        text.AppendLine(Series.Header);
        foreach (var s in measure.Results)
        {
            text.AppendLine(s.Row());
        }

        Output(options, text.ToString());
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: Koshi.Bench.Web seed|startup|measure|cockpit --pg CONNECTION [options]; see bench/web.sh");
        return 2;
}

static void Output(Options options, string markdown)
{
    Console.WriteLine(markdown);
    if (options.Get("out") is { } file)
    {
        File.AppendAllText(file, markdown + "\n");
    }
}

internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public string Pg => Get("pg") ?? Environment.GetEnvironmentVariable("KOSHI_BENCH_PG")
        ?? throw new InvalidOperationException("--pg CONNECTION (or KOSHI_BENCH_PG) is required.");

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                key = arg[2..];
                options.values[key] = "true";
            }
            else if (key is not null)
            {
                options.values[key] = arg;
                key = null;
            }
        }

        return options;
    }

    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    public int Int(string name, int fallback) => Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static string FindRoot()
    {
        foreach (var start in new[] { Environment.GetEnvironmentVariable("KOSHI_ROOT"), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Koshi.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Koshi.slnx); set KOSHI_ROOT.");
    }
}
