using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Server = Koshi.Web.Tests.CrashRestartTests.Server;

namespace Koshi.Web.Tests;

/// <summary>
/// The real server killed with SIGKILL while resettlement applications and work-permit applications are lodged at
/// once: after a restart no case number is given twice, every acknowledged lodgement is there with its number, the
/// year's numbers are one unbroken run that the counter is not behind, and new lodgements carry on from it.
/// </summary>
public abstract class CaseNumberCrashTests(ProcessDatabase store)
{
    private const string Password = "Applicant-2026";
    private const int People = 90;
    private const int Permits = 300;
    private static int serial;

    protected string Provider => store.Provider;

    protected string ConnectionString => store.ConnectionString;

    protected Task<IAsyncDisposable> Prepare() => store.PrepareAsync();

    [Fact]
    public async Task Resettlement_numbers_survive_a_kill_during_concurrent_lodgements()
    {
        await using var database = await Prepare();
        var acknowledged = new ConcurrentDictionary<Guid, string>();
        using (var first = Server.Start(Provider, ConnectionString, register: false))
        {
            await first.WaitHealthyAsync();

            // People first, each with an account of their own (one application a person a year), then all lodge at once.
            var clients = new ConcurrentBag<HttpClient>();
            await Parallel.ForEachAsync(Enumerable.Range(0, People), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (_, _) =>
                clients.Add(await NewPerson(first)));
            await Lodge(first, clients.ToList(), async client =>
            {
                var response = await client.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family("KZ-55", size: 1));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var created = await Api.Json(response);
                    acknowledged[Guid.Parse(created.GetProperty("id").GetString()!)] = created.GetProperty("caseNumber").GetString()!;
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }, () => acknowledged.Count);
        }

        Assert.NotEmpty(acknowledged);
        using var second = Server.Start(Provider, ConnectionString, register: false);
        await second.WaitHealthyAsync();
        var year = int.Parse(acknowledged.Values.First()[..4], CultureInfo.InvariantCulture);
        await using (var db = Context())
        {
            var stored = await db.ResettlementCases.Select(c => new { c.Id, c.CaseNumber }).ToListAsync();
            foreach (var (id, number) in acknowledged)
            {
                Assert.Contains(stored, c => c.Id == id && c.CaseNumber == number);
            }

            await CheckNumbers(db, "resettlement", year, stored.Select(c => c.CaseNumber).ToList());
        }

        // New lodgements continue from the counter.
        var next = await Api.Ok(await (await NewPerson(second)).PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family("KZ-55", size: 1)), HttpStatusCode.Created);
        await CheckContinues(next.GetProperty("caseNumber").GetString()!, "resettlement", year);
    }

    [Fact]
    public async Task Work_permit_numbers_survive_a_kill_during_concurrent_lodgements()
    {
        await using var database = await Prepare();
        var acknowledged = new ConcurrentBag<Guid>();
        var year = Koshi.Policy.LegalClock.DateOf(DateTimeOffset.UtcNow).Year;
        string vacancy;
        using (var first = Server.Start(Provider, ConnectionString, register: false))
        {
            await first.WaitHealthyAsync();
            vacancy = await PostVacancyAsync();
            var employer = await first.SignIn("employer@demo.koshi.kz", DemoData.Password);
            await Lodge(first, Enumerable.Repeat(employer, Permits).ToList(), async client =>
            {
                var response = await client.PostAsJsonAsync("/api/v1/labour/permits", Permit(vacancy));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(Guid.Parse((await Api.Json(response)).GetProperty("id").GetString()!));
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }, () => acknowledged.Count);
        }

        Assert.NotEmpty(acknowledged);
        using var second = Server.Start(Provider, ConnectionString, register: false);
        await second.WaitHealthyAsync();
        await using (var db = Context())
        {
            var stored = await db.WorkPermits.Where(p => p.CaseNumber.StartsWith(year + "-")).Select(p => new { p.Id, p.CaseNumber }).ToListAsync();
            Assert.All(acknowledged, id => Assert.Contains(stored, p => p.Id == id));
            await CheckNumbers(db, "work-permit", year, stored.Select(p => p.CaseNumber).ToList());
        }

        var again = await second.SignIn("employer@demo.koshi.kz", DemoData.Password);
        var next = await Api.Ok(await again.PostAsJsonAsync("/api/v1/labour/permits", Permit(vacancy)), HttpStatusCode.Created);
        var id = Guid.Parse(next.GetProperty("id").GetString()!);
        await using (var db = Context())
        {
            await CheckContinues(await db.WorkPermits.Where(p => p.Id == id).Select(p => p.CaseNumber).SingleAsync(), "work-permit", year);
        }
    }

    /// <summary>
    /// Anything but a lodgement answered before the kill would make the test prove less, so the writers fail on it.
    /// Every client lodges in turn on one of six writers until the server is killed, which happens once lodgements are
    /// flowing (a few acknowledged), in the middle of them.
    /// </summary>
    private static async Task Lodge(Server server, List<HttpClient> clients, Func<HttpClient, Task> lodge, Func<int> acknowledged)
    {
        var queue = new ConcurrentQueue<HttpClient>(clients);
        var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var client))
            {
                try
                {
                    await lodge(client);
                }
                catch (HttpRequestException)
                {
                    return;
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).ToList();
        var until = DateTime.UtcNow.AddSeconds(120);
        while (acknowledged() < 4 && DateTime.UtcNow < until && writers.Any(w => !w.IsCompleted))
        {
            await Task.Delay(20);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(200));
        server.Kill();
        await Task.WhenAll(writers);
        Assert.True(!queue.IsEmpty || acknowledged() < clients.Count, "Every lodgement finished before the kill; the test would prove nothing.");
    }

    /// <summary>No number twice, the year's numbers one unbroken run from 1 (a killed lodgement rolls its number back
    /// with it), and the counter exactly at the last one.</summary>
    private static async Task CheckNumbers(KoshiDbContext db, string series, int year, List<string> numbers)
    {
        var inYear = numbers.Where(n => n.StartsWith($"{year}-", StringComparison.Ordinal)).ToList();
        Assert.Equal(inYear.Count, inYear.Distinct().Count());
        var sequence = inYear.Select(Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count).Select(n => (long)n), sequence);
        var counter = await db.Set<CaseNumberCounter>().Where(c => c.Series == series && c.Year == year).Select(c => c.Last).SingleAsync();
        Assert.True(counter == sequence[^1], $"The {series} counter is at {counter}, the last number given is {sequence[^1]}.");
    }

    private async Task CheckContinues(string number, string series, int year)
    {
        await using var db = Context();
        var counter = await db.Set<CaseNumberCounter>().Where(c => c.Series == series && c.Year == year).Select(c => c.Last).SingleAsync();
        Assert.Equal(CaseNumbers.Format(year, counter), number);
        var others = series == "resettlement"
            ? await db.ResettlementCases.CountAsync(c => c.CaseNumber == number)
            : await db.WorkPermits.CountAsync(p => p.CaseNumber == number);
        Assert.Equal(1, others);
    }

    private static long Sequence(string number) => long.Parse(number[5..], CultureInfo.InvariantCulture);

    private static async Task<HttpClient> NewPerson(Server server)
    {
        var n = Interlocked.Increment(ref serial);
        var iin = Iins.Make(new DateOnly(1975, 1, 1).AddDays(n * 17), male: n % 2 == 0, serial: 4000 + n * 10 + 1);
        var email = $"crash-rs{n}-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";
        using (var anonymous = server.Client())
        {
            await Api.Ok(await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, fullName = $"Crash Resettler {n}", iin }), HttpStatusCode.Created);
        }

        return await server.SignIn(email, Password);
    }

    private static Dictionary<string, object> Permit(string vacancy)
    {
        var n = Interlocked.Increment(ref serial);
        return new()
        {
            ["type"] = "employer", ["category"] = "cat3", ["vacancyReference"] = vacancy, ["workerName"] = $"Crash Worker {n}",
            ["workerPassport"] = $"C{n:D6}1", ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1985-06-01", ["isco"] = "2142",
            ["qualification"] = "higher", ["experienceYears"] = 8, ["region"] = "KZ-71",
            ["startOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["durationDays"] = 365,
        };
    }

    /// <summary>A vacancy of the demo employer with a position for every lodgement, public long enough to back them.</summary>
    private async Task<string> PostVacancyAsync()
    {
        await using var db = Context();
        var employer = await db.Employers.SingleAsync(e => e.Name == "Steppe Build LLP");
        var today = Koshi.Policy.LegalClock.DateOf(DateTimeOffset.UtcNow);
        var vacancy = Vacancy.Post(employer.Id, null, "Crash engineer", IscoCode.Parse("2142", null), PermitCategory.Cat3, RegionCode.Parse("KZ-71"), 1000, today.AddDays(-30), DateTimeOffset.UtcNow);
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync();
        return vacancy.Reference;
    }

    private KoshiDbContext Context() => store.Context();
}

public sealed class CaseNumberCrashSqliteTests() : CaseNumberCrashTests(ProcessDatabase.Sqlite("number-crash"));

public sealed class CaseNumberCrashPostgresTests() : CaseNumberCrashTests(ProcessDatabase.Postgres("k"));
