using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// The invariants that must hold whatever arrives at the same moment, on each database: the regions within the national
/// quota, use within seats, one open application per kind, an account with its role.
/// </summary>
public abstract class InvariantTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string EmployerPassword = "Employer-2026-x";
    private static readonly int[] NoForeignStaff = [0, 0, 0, 0];
    private static readonly int[] ManyKazakhStaff = [5, 5, 50, 2000];
    private static int employers;

    protected InvariantTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    private int Year => Factory.Time.GetUtcNow().Year;

    [Fact]
    public async Task Sixteen_administrators_raising_regions_at_once_never_push_the_regions_past_the_national_figure()
    {
        const string pool = "cat2";
        var cap = Factory.Services.GetRequiredService<LabourRules>().National(Year).ByPool[pool];
        var regions = Regions.All.Select(r => r.Code).Take(16).ToList();
        var seats = await SeatsOf(pool);
        Assert.Equal(cap, seats.Values.Sum());

        // Free 10 seats in each of 16 regions (160), then let 16 administrators each ask for 20 more at once: 8 fit.
        var admin = await Api.As("admin@demo.koshi.kz");
        foreach (var region in regions)
        {
            await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/{region}/{pool}", new { seats = seats[region] - 10, reason = "Freed for redistribution" }));
        }

        using var start = new ManualResetEventSlim();
        var raises = regions.Select((region, i) => Task.Run(async () =>
        {
            start.Wait();
            return await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/{region}/{pool}", new { seats = seats[region] + 10, reason = "Raised for the season" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(raises);

        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {text}");
            Assert.Contains("over-national-quota", text, StringComparison.Ordinal);
        }

        var after = await SeatsOf(pool);
        Assert.True(after.Values.Sum() <= cap, $"The regions hold {after.Values.Sum()} seats of a national {cap}.");
        Assert.Equal(8, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(cap, after.Values.Sum());
        await Factory.WithDbAsync(async db =>
            Assert.Equal(cap, await db.QuotaNationals.Where(n => n.Year == Year && n.Pool == pool).Select(n => n.Allocated).SingleAsync()));
    }

    [Fact]
    public async Task Setting_seats_while_permits_are_issued_answers_409_naming_the_rule_and_never_a_500()
    {
        const int permits = 12;
        var (employer, officer, ids) = await PaidPermits("KZ-55", permits);
        var admin = await Api.As("admin@demo.koshi.kz");
        using var start = new ManualResetEventSlim();
        var issues = ids.Select(id => Task.Run(async () =>
        {
            start.Wait();
            return await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null);
        })).ToList();
        var changes = Enumerable.Range(0, permits).Select(seats => Task.Run(async () =>
        {
            start.Wait();
            return await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/KZ-55/cat4", new { seats, reason = "Lowered while issuing" });
        })).ToList();
        start.Set();
        var issued = await Task.WhenAll(issues);
        var changed = await Task.WhenAll(changes);

        foreach (var response in issued.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal("quota-exhausted", (await Api.Problem(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        foreach (var response in changed.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal("below-used", (await Api.Problem(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        var (used, seatsNow, count) = (0, 0, 0);
        await Factory.WithDbAsync(async db =>
        {
            var row = await db.QuotaAllocations.SingleAsync(q => q.Year == Year && q.Region == RegionCode.Parse("KZ-55") && q.Pool == "cat4");
            (used, seatsNow) = (row.Used, row.Seats);
            count = await db.WorkPermits.CountAsync(p => p.Region == RegionCode.Parse("KZ-55") && p.Pool == "cat4" && p.Status == PermitStatus.Issued);
        });
        Assert.Equal(issued.Count(r => r.StatusCode == HttpStatusCode.OK), count);
        Assert.Equal(count, used);
        Assert.True(used <= seatsNow, $"{used} used of {seatsNow} seats");
    }

    [Fact]
    public async Task Twenty_lodges_at_once_leave_one_open_application_and_the_others_get_409()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        using var start = new ManualResetEventSlim();
        var lodges = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(lodges);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal("already-open", (await Api.Problem(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        Assert.Equal(1, (await Api.Ok(await applicant.GetAsync("/api/v1/residence/applications"))).GetArrayLength());
    }

    [Fact]
    public async Task Twenty_lodges_at_once_under_one_key_all_get_the_original_never_409()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var key = Guid.NewGuid().ToString();
        using var start = new ManualResetEventSlim();
        var lodges = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/residence/applications")
            {
                Content = JsonContent.Create(new { kind = "kandas-status", region = "KZ-55" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await applicant.SendAsync(request);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(lodges);

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            ids.Add((await Api.Json(response)).GetProperty("id").GetString()!);
        }

        Assert.Single(ids);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
    }

    [Fact]
    public async Task Registration_that_fails_at_the_role_leaves_no_account_and_the_person_can_register_again()
    {
        var iin = Iins.Make(new DateOnly(1991, 5, 17), male: true, serial: 4321);
        var email = $"crash-{Guid.NewGuid():N}@test.koshi.kz";
        var body = new { email, password = "Applicant-2026", fullName = "Crash Test", iin };
        using (Api.Anonymous())
        {
            // The instance under test has seeded its database before the failing one starts on it.
        }

        using (var failing = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
               {
                   services.ConfigureDbContext<Koshi.Web.Platform.Storage.SqliteKoshiDbContext>(o => o.AddInterceptors(new RoleWriteFails()));
                   services.ConfigureDbContext<Koshi.Web.Platform.Storage.PostgresKoshiDbContext>(o => o.AddInterceptors(new RoleWriteFails()));
               })))
        {
            using var client = failing.CreateClient();
            var response = await client.PostAsJsonAsync("/api/v1/auth/register", body);
            Assert.False(response.IsSuccessStatusCode);
        }

        await Factory.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.Email == email)));
        using var anonymous = Api.Anonymous();
        await Api.Ok(await anonymous.PostAsJsonAsync("/api/v1/auth/register", body), HttpStatusCode.Created);
        var me = await Api.Ok(await (await Api.As(email, "Applicant-2026")).GetAsync("/api/v1/me"));
        Assert.Equal(["applicant"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList());
    }

    /// <summary>A database that fails every command writing a user's role, as a crash between the two writes would.</summary>
    private sealed class RoleWriteFails : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private static void Check(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"AspNetUserRoles\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Simulated crash before the role was written");
            }
        }
    }

    private async Task<Dictionary<string, int>> SeatsOf(string pool)
    {
        var seats = new Dictionary<string, int>();
        await Factory.WithDbAsync(async db =>
        {
            foreach (var row in await db.QuotaAllocations.Where(q => q.Year == Year && q.Pool == pool).ToListAsync())
            {
                seats[row.Region.Value] = row.Seats;
            }
        });
        return seats;
    }

    /// <summary>An employer's permits in a region's cat4 pool, approved and paid, the pool's seats set to their number.</summary>
    private async Task<(HttpClient Employer, HttpClient Officer, List<string> Ids)> PaidPermits(string region, int count)
    {
        var n = Interlocked.Increment(ref employers);
        var email = $"inv-employer{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = EmployerPassword, fullName = $"Employer {n} LLP", role = "employer", bin = Bins.Make(n * 104_729 % 100000) }), HttpStatusCode.Created);
        var employer = await Api.As(email, EmployerPassword);
        await Api.Ok(await employer.PutAsJsonAsync("/api/v1/labour/employer", new { name = $"Employer {n} LLP", okedSection = "C", region, kazakhStaff = ManyKazakhStaff, foreignStaff = NoForeignStaff }));
        await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/{region}/cat4", new { seats = count, reason = "Distribution for the test" }));
        var vacancy = (await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/vacancies", new { title = "Welder", isco = "7212", category = "cat4", region, positions = 50 }), HttpStatusCode.Created))
            .GetProperty("reference").GetString()!;
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(email, EmployerPassword);
        var officer = await Api.Officer(region);
        var today = DateOnly.FromDateTime(Factory.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", new Dictionary<string, object?>
            {
                ["type"] = "employer", ["category"] = "cat4", ["vacancyReference"] = vacancy, ["workerName"] = "Li Wei", ["workerPassport"] = $"V{n:D3}{i:D4}1",
                ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1988-04-12", ["isco"] = "7212", ["qualification"] = "vocational", ["experienceYears"] = 6,
                ["region"] = region, ["startOn"] = today, ["durationDays"] = 365,
            }), HttpStatusCode.Created);
            var id = permit.GetProperty("id").GetString()!;
            await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
            await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
            ids.Add(id);
        }

        return (employer, officer, ids);
    }
}

public sealed class InvariantSqliteTests(SqliteFactory factory) : InvariantTests<SqliteFactory>(factory);

public sealed class InvariantPostgresTests(PostgresFactory factory) : InvariantTests<PostgresFactory>(factory);
