using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>
/// The real server as a child process on its own port and database, killed with SIGKILL during first start and during
/// writes, then started again: the invariants hold and every acknowledged write is there.
/// </summary>
public abstract class CrashRestartTests(ProcessDatabase store)
{
    protected string Provider => store.Provider;

    protected string ConnectionString => store.ConnectionString;

    [Fact]
    public async Task A_server_killed_during_first_start_finishes_seeding_on_restart_and_its_counters_match_the_permits()
    {
        await using var database = await Prepare();
        // Killed once the first demo account is saved, then again once the demo register has saved permits (it takes
        // far longer than that), then started without the register.
        using (var first = Server.Start(Provider, ConnectionString, register: true))
        {
            await first.WaitUntilAsync(async () => await Count(db => db.Users.CountAsync()) > 0);
            first.Kill();
        }

        using (var again = Server.Start(Provider, ConnectionString, register: true))
        {
            await again.WaitUntilAsync(async () => await Count(db => db.WorkPermits.CountAsync()) > 0);
            again.Kill();
        }

        using var last = Server.Start(Provider, ConnectionString, register: false);
        await last.WaitHealthyAsync();
        await CheckInvariants(last, []);
    }

    [Fact]
    public async Task A_server_killed_during_writes_keeps_every_acknowledged_write_and_every_invariant()
    {
        await using var database = await Prepare();
        var acknowledged = new ConcurrentBag<string>();
        using (var first = Server.Start(Provider, ConnectionString, register: false))
        {
            await first.WaitHealthyAsync();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
            {
                using var client = first.Client();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var email = $"crash{w}-{i}-{Guid.NewGuid():N}@test.koshi.kz";
                    var iin = Iins.Make(new DateOnly(1980, 1, 1).AddDays(w * 997 + i * 3), male: i % 2 == 0, serial: (w * 1000 + i) % 9000 * 10 + 1);
                    try
                    {
                        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Applicant-2026", fullName = "Crash Applicant", iin });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(email);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            // Killed once writes are flowing, in the middle of them.
            var until = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 4 && DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.NotEmpty(acknowledged);
        using var second = Server.Start(Provider, ConnectionString, register: false);
        await second.WaitHealthyAsync();
        await CheckInvariants(second, acknowledged.ToList());
    }

    private async Task CheckInvariants(Server server, List<string> acknowledgedEmails)
    {
        await using var db = Context();
        var year = DateTime.UtcNow.Year;
        var issued = await db.WorkPermits.Where(p => p.QuotaYear == year && p.Status == PermitStatus.Issued && p.Pool != null)
            .GroupBy(p => new { p.Region, p.Pool }).Select(g => new { g.Key.Region, g.Key.Pool, Count = g.Count() }).ToListAsync();
        foreach (var allocation in await db.QuotaAllocations.Where(q => q.Year == year).ToListAsync())
        {
            var count = issued.Where(i => i.Region == allocation.Region && i.Pool == allocation.Pool).Select(i => i.Count).SingleOrDefault();
            Assert.True(count == allocation.Used, $"{allocation.Region} {allocation.Pool}: used {allocation.Used}, {count} permits issued");
            Assert.True(allocation.Used <= allocation.Seats);
        }

        var sums = await db.QuotaAllocations.Where(q => q.Year == year).GroupBy(q => q.Pool).Select(g => new { Pool = g.Key, Seats = g.Sum(q => q.Seats) }).ToListAsync();
        {
            var admin = await server.SignIn("admin@demo.koshi.kz", DemoData.Password);
            var quota = await Api.Ok(await admin.GetAsync($"/api/v1/labour/quota?year={year}"));
            var byPool = quota.GetProperty("national").GetProperty("byPool");
            foreach (var sum in sums)
            {
                Assert.True(sum.Seats <= byPool.GetProperty(sum.Pool).GetInt64(), $"{sum.Pool}: regions hold {sum.Seats}");
            }

            var verify = await Api.Ok(await admin.GetAsync("/api/v1/audit/verify"));
            Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        }

        var withoutRole = await db.Users.Where(u => !db.UserRoles.Any(r => r.UserId == u.Id)).Select(u => u.Email).ToListAsync();
        Assert.Empty(withoutRole);
        foreach (var demo in DemoData.Users)
        {
            Assert.True(await db.Users.AnyAsync(u => u.Email == demo.Email), $"{demo.Email} is missing");
        }

        var present = (await db.Users.Select(u => u.Email).ToListAsync()).ToHashSet();
        Assert.All(acknowledgedEmails, email => Assert.Contains(email, present));
        foreach (var email in acknowledgedEmails.Take(3))
        {
            await server.SignIn(email, "Applicant-2026");
        }
    }

    /// <summary>A count read from the database while the server may be writing it (nothing yet reads as zero).</summary>
    private async Task<int> Count(Func<KoshiDbContext, Task<int>> query)
    {
        try
        {
            await using var db = Context();
            return await query(db);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return 0;
        }
    }

    private KoshiDbContext Context() => store.Context();

    protected Task<IAsyncDisposable> Prepare() => store.PrepareAsync();

    /// <summary>One run of Koshi.Web (the built assembly) with its output kept for the test to wait on.</summary>
    internal sealed class Server : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> output = new();

        private Server(Process process, int port)
        {
            this.process = process;
            Address = new Uri($"http://127.0.0.1:{port}");
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri Address { get; }

        public static Server Start(string provider, string connectionString, bool register, IReadOnlyDictionary<string, string>? settings = null)
        {
            var web = Path.Combine(Repository.Root, "src", "Koshi.Web");
            var dll = Path.Combine(AppContext.BaseDirectory, "Koshi.Web.dll");
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = web,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_CONTENTROOT"] = web;
            start.Environment["Koshi__Database__Provider"] = provider;
            start.Environment["Koshi__Database__ConnectionString"] = connectionString;
            start.Environment["Koshi__Demo__LabourRegister"] = register ? "true" : "false";
            start.Environment["Koshi__Demo__ResettlementRegister"] = "false";
            // The test signs in again after every restart from one address, and the attempt limits live in the database now,
            // so they outlast a restart: the limit is not what this test is about.
            start.Environment["Koshi__RateLimit__SignInPerMinute"] = "1000000";
            // The audit key and checkpoints belong to this database: every restart on it finds them, no other run does.
            var audit = ProcessDatabase.AuditFolder(connectionString);
            start.Environment["Koshi__Audit__SigningKeyFile"] = Path.Combine(audit, "signing-key.pem");
            start.Environment["Koshi__Audit__CheckpointFolder"] = Path.Combine(audit, "checkpoints");
            start.Environment["Koshi__DataProtection__CertificateFile"] = Path.Combine(audit, "key-ring.pfx");
            start.Environment["Koshi__JsonLogs"] = "false";
            start.Environment["Logging__LogLevel__Default"] = "Information";
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }

            return new Server(Process.Start(start)!, port);
        }

        public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

        public async Task<HttpClient> SignIn(string email, string password)
        {
            var client = Client();
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
            var token = (await Api.Ok(response)).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public async Task WaitHealthyAsync()
        {
            using var client = Client();
            var until = DateTime.UtcNow.AddSeconds(180);
            while (DateTime.UtcNow < until)
            {
                Assert.False(process.HasExited, "The server stopped: " + string.Join('\n', output.TakeLast(30)));
                try
                {
                    if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            Assert.Fail("The server did not become healthy: " + string.Join('\n', output.TakeLast(30)));
        }

        public async Task WaitUntilAsync(Func<Task<bool>> condition)
        {
            var until = DateTime.UtcNow.AddSeconds(180);
            while (!await condition())
            {
                Assert.False(process.HasExited, "The server stopped: " + string.Join('\n', output.TakeLast(30)));
                Assert.True(DateTime.UtcNow < until, "The server did not get there: " + string.Join('\n', output.TakeLast(30)));
                await Task.Delay(20);
            }
        }

        /// <summary>Whether the server has printed a line containing the text.</summary>
        public bool Printed(string text) => output.Any(line => line.Contains(text, StringComparison.Ordinal));

        /// <summary>SIGKILL: no shutdown, no flushing, as a power cut or an OOM kill would do.</summary>
        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

public sealed class CrashRestartSqliteTests() : CrashRestartTests(ProcessDatabase.Sqlite("crash"));

public sealed class CrashRestartPostgresTests() : CrashRestartTests(ProcessDatabase.Postgres("c"));
