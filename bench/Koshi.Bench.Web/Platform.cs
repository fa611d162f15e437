using System.Diagnostics;
using System.Net;

namespace Koshi.Bench.Web;

/// <summary>
/// The real, built platform (<c>dotnet src/Koshi.Web/bin/Release/net10.0/Koshi.Web.dll</c>) as a child process, on
/// PostgreSQL and a local port, with its content root at <c>src/Koshi.Web</c> as <c>dotnet run</c> would have it.
/// Its console log goes to a file so writing it costs the platform what it costs in production, and nothing here.
/// </summary>
public sealed class Platform : IAsyncDisposable
{
    private readonly Process process;

    private Platform(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The platform's own process (the shell execs it), for its CPU time.</summary>
    public int ProcessId => process.Id;

    /// <summary>From process start to the first 200 from /healthz.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string HealthBody { get; private set; } = string.Empty;

    public static async Task<Platform> StartAsync(string root, string connectionString, int port, string logFile, CancellationToken ct)
    {
        var dll = Path.Combine(root, "src", "Koshi.Web", "bin", "Release", "net10.0", "Koshi.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the platform first: dotnet build src/Koshi.Web -c Release", dll);
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.Combine(root, "src", "Koshi.Web"),
            UseShellExecute = false,
        };

        // exec: the shell becomes the platform's process, so the time measured is the platform's own start.
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", dll, logFile })
        {
            start.ArgumentList.Add(argument);
        }

        var address = new Uri($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Koshi__Audit__CreateSigningKeyIfMissing"] = "true"; // a benchmark's log needs no provisioned key
        start.Environment["Koshi__DataProtection__CreateCertificateIfMissing"] = "true"; // nor its key ring a provisioned certificate
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        // Production settings with the demo accounts the load uses, cookies over plain HTTP and no per-source sign-in limit (every client is local).
        start.Environment["Koshi__Demo__Enabled"] = "true";
        start.Environment["Koshi__SecureCookies"] = "false";
        start.Environment["Koshi__RateLimit__SignInPerMinute"] = "1000000";
        // A SQLite file ("Data Source=…", the default deployment's provider) or PostgreSQL.
        start.Environment["Koshi__Database__Provider"] = connectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? "sqlite" : "postgres";
        start.Environment["Koshi__Database__ConnectionString"] = connectionString;

        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var child = Process.Start(start) ?? throw new InvalidOperationException("The platform did not start.");
        var platform = new Platform(child, address);
        // A first start migrates and seeds the demo data, which a loaded machine can take minutes over.
        var deadline = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("KOSHI_BENCH_START_SECONDS"), out var seconds) ? seconds : 120);
        while (clock.Elapsed < deadline)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"The platform exited with {child.ExitCode} before serving; see {logFile}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(address, "/healthz"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    platform.StartupTime = clock.Elapsed;
                    platform.HealthBody = await response.Content.ReadAsStringAsync(ct);
                    return platform;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5, ct);
        }

        await platform.DisposeAsync();
        throw new TimeoutException($"The platform did not answer /healthz within {deadline.TotalSeconds} s; see {logFile}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
