using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Moving seats between regions is one change with one reason, held by the database: raced from many administrators at
/// once, the giving region never goes below its used seats, the regions' sum never moves, and opposite moves never lock
/// each other out.
/// </summary>
public abstract class QuotaMoveTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Pool = "cat2";

    protected QuotaMoveTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    private int Year => Factory.Time.GetUtcNow().Year;

    [Fact]
    public async Task Sixteen_moves_at_once_from_one_region_give_exactly_its_free_seats_and_keep_the_sum()
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        var rows = await Rows();
        var giver = rows.Values.Where(r => r.Seats - r.Used >= 60).OrderBy(r => r.Region, StringComparer.Ordinal).First();
        // 50 free seats; 16 moves of 5 each to 8 regions (two racing on each receiving row): exactly 10 fit.
        await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/{giver.Region}/{Pool}", new { seats = giver.Used + 50, reason = "Set for the test" }));
        var before = await Rows();
        var receivers = before.Keys.Where(r => r != giver.Region).Order(StringComparer.Ordinal).Take(8).ToList();
        // The class's other tests move seats on the same database, in whatever order the runner chose.
        var movesBefore = 0;
        await Factory.WithDbAsync(async db => movesBefore = await db.AuditEntries.CountAsync(e => e.Action == "labour.quota-moved"));

        using var start = new ManualResetEventSlim();
        var moves = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves",
                new { pool = Pool, from = giver.Region, to = receivers[i % 8], seats = 5, reason = $"Seasonal demand {i}" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(moves);

        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode}: {text}");
            Assert.Contains("not-enough-free-seats", text, StringComparison.Ordinal);
        }

        var after = await Rows();
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(before.Values.Sum(r => r.Seats), after.Values.Sum(r => r.Seats));
        Assert.Equal(giver.Used, after[giver.Region].Seats);
        var received = receivers.Sum(r => after[r].Seats - before[r].Seats);
        Assert.Equal(50, received);
        await Factory.WithDbAsync(async db =>
        {
            Assert.Equal(after.Values.Sum(r => (long)r.Seats), await db.QuotaNationals.Where(n => n.Year == Year && n.Pool == Pool).Select(n => n.Allocated).SingleAsync());
            // Each move that went through left one audit entry and two history rows with its one reason.
            Assert.Equal(movesBefore + 10, await db.AuditEntries.CountAsync(e => e.Action == "labour.quota-moved"));
            var history = await db.QuotaChanges.Where(c => c.Year == Year && c.Pool == Pool && c.Reason.StartsWith("Seasonal demand")).ToListAsync();
            Assert.Equal(20, history.Count);
            Assert.All(history.GroupBy(c => c.Reason), g => Assert.Equal(2, g.Count()));
        });
    }

    [Fact]
    public async Task Opposite_moves_at_once_all_go_through_and_cancel_out()
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        var rows = await Rows();
        var pair = rows.Values.Where(r => r.Seats - r.Used >= 20).OrderByDescending(r => r.Region, StringComparer.Ordinal).Take(2).ToList();
        Assert.Equal(2, pair.Count);
        var before = await Rows();

        using var start = new ManualResetEventSlim();
        var moves = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var (from, to) = i % 2 == 0 ? (pair[0].Region, pair[1].Region) : (pair[1].Region, pair[0].Region);
            return await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = Pool, from, to, seats = 1, reason = $"Swap {i}" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(moves);
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var after = await Rows();
        Assert.Equal(before[pair[0].Region].Seats, after[pair[0].Region].Seats);
        Assert.Equal(before[pair[1].Region].Seats, after[pair[1].Region].Seats);
    }

    [Fact]
    public async Task A_move_names_its_bad_fields()
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.BadField(await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = Pool, from = "KZ-71", to = "KZ-71", seats = 1, reason = "x" }), "to");
        await Api.BadField(await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = Pool, from = "KZ-71", to = "KZ-55", seats = 0, reason = "x" }), "seats");
        await Api.BadField(await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = "gold", from = "KZ-71", to = "KZ-55", seats = 1, reason = "x" }), "pool");
        await Api.BadField(await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = Pool, from = "KZ-71", to = "KZ-55", seats = 1 }), "reason");
        await Api.BadField(await admin.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = Pool, from = "KZ-71", to = "KZ-55", seats = 999_999, reason = "x" }), "seats");
        var analyst = await Api.As("analyst@demo.koshi.kz");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"/api/v1/labour/quota/{Year}/moves", new { pool = Pool, from = "KZ-71", to = "KZ-55", seats = 1, reason = "x" })).StatusCode);
    }

    private async Task<Dictionary<string, (string Region, int Seats, int Used)>> Rows()
    {
        var rows = new Dictionary<string, (string Region, int Seats, int Used)>(StringComparer.Ordinal);
        await Factory.WithDbAsync(async db =>
        {
            foreach (var row in await db.QuotaAllocations.AsNoTracking().Where(q => q.Year == Year && q.Pool == Pool).ToListAsync())
            {
                rows[row.Region.Value] = (row.Region.Value, row.Seats, row.Used);
            }
        });
        return rows;
    }
}

public sealed class QuotaMoveSqliteTests(SqliteFactory factory) : QuotaMoveTests<SqliteFactory>(factory);

public sealed class QuotaMovePostgresTests(PostgresFactory factory) : QuotaMoveTests<PostgresFactory>(factory);

/// <summary>The administrator's quota forms show what the database holds: a refused value never appears as saved.</summary>
public sealed class QuotaFormTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private int Year => factory.Time.GetUtcNow().Year;

    private static string Cell(string html, string region, string pool) =>
        Regex.Match(html, $"<tr data-region=\"{region}\">.*?<td data-pool=\"{pool}\"[^>]*>([^<]*)</td>", RegexOptions.Singleline).Groups[1].Value.Trim();

    [Fact]
    public async Task A_refused_seat_change_leaves_the_saved_value_on_the_page_and_a_saved_one_is_confirmed_as_read_back()
    {
        var (admin, _) = await Letters.SignIn(factory, "admin@demo.koshi.kz");
        await admin.GetAsync("/language/en?returnUrl=/");
        var page = await admin.GetStringAsync($"/labour/ministry?year={Year}");
        var before = Cell(page, "KZ-71", "cat3");
        Assert.NotEmpty(before);

        // Far over the national figure: refused, the table keeps what is saved, the form keeps what was typed.
        var refused = await admin.PostAsync("/labour/ministry?handler=Seats", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["region"] = "KZ-71", ["pool"] = "cat3", ["seats"] = "999999",
            ["reason"] = "Too many", ["__RequestVerificationToken"] = Letters.Token(page),
        }));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"labour-error\"", html, StringComparison.Ordinal);
        Assert.Equal(before, Cell(html, "KZ-71", "cat3"));
        Assert.DoesNotContain("999,999", Cell(html, "KZ-71", "cat3"), StringComparison.Ordinal);
        var saved = Regex.Match(html, "id=\"labour-error-saved\" data-seats=\"(\\d+)\"").Groups[1].Value;
        Assert.EndsWith(" / " + int.Parse(saved, System.Globalization.CultureInfo.InvariantCulture).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), before, StringComparison.Ordinal);
        Assert.Contains("value=\"999999\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"quota-saved\"", html, StringComparison.Ordinal);

        // A move that fits: confirmed with both rows as the database holds them, and one reason.
        int fromSeats = 0, toSeats = 0;
        await factory.WithDbAsync(async db =>
        {
            fromSeats = await db.QuotaAllocations.Where(q => q.Year == Year && q.Region == Reference.RegionCode.Parse("KZ-71") && q.Pool == "cat3").Select(q => q.Seats).SingleAsync();
            toSeats = await db.QuotaAllocations.Where(q => q.Year == Year && q.Region == Reference.RegionCode.Parse("KZ-55") && q.Pool == "cat3").Select(q => q.Seats).SingleAsync();
        });
        var moved = await admin.PostAsync("/labour/ministry?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["year"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["pool"] = "cat3", ["from"] = "KZ-71", ["to"] = "KZ-55", ["seats"] = "3",
            ["reason"] = "Pavlodar plant opening", ["__RequestVerificationToken"] = Letters.Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var confirmed = await admin.GetStringAsync(moved.Headers.Location!.ToString());
        Assert.Contains("id=\"quota-saved\"", confirmed, StringComparison.Ordinal);
        Assert.Contains($"data-region=\"KZ-71\" data-pool=\"cat3\" data-seats=\"{fromSeats - 3}\"", confirmed, StringComparison.Ordinal);
        Assert.Contains($"data-region=\"KZ-55\" data-pool=\"cat3\" data-seats=\"{toSeats + 3}\"", confirmed, StringComparison.Ordinal);
        Assert.Contains("Pavlodar plant opening", confirmed, StringComparison.Ordinal);
    }
}
