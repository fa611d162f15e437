using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Audit;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Tests.Infrastructure;
using SqliteConnection = Microsoft.Data.Sqlite.SqliteConnection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Koshi.Web.Tests;

/// <summary>
/// Case numbers on each database: lodgements at the same moment each get their own number with none skipped, a
/// lodgement the database refuses gives its number back, and applications lodged before numbers existed get theirs.
/// </summary>
public abstract class CaseNumberTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    protected CaseNumberTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    [Fact]
    public async Task Sixteen_lodgements_at_once_get_sixteen_different_numbers_in_one_unbroken_run()
    {
        var applicants = new List<HttpClient>();
        for (var i = 0; i < 16; i++)
        {
            applicants.Add((await Api.NewApplicant()).Client);
        }

        var responses = await AllAtOnce(applicants);
        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await Api.Ok(response, HttpStatusCode.Created)).GetProperty("caseNumber").GetString()!);
        }

        var year = Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow()).Year;
        Assert.All(numbers, n => Assert.Matches($"^{year}-\\d{{6}}$", n));
        Assert.Equal(16, numbers.Distinct().Count());
        var sequence = numbers.Select(Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 16), sequence);
        await Factory.WithDbAsync(async db => Assert.Equal(sequence[^1], await Counter(db, year)));
    }

    [Fact]
    public async Task A_lodgement_refused_by_the_one_open_application_rule_gives_its_number_back()
    {
        // Eight tabs of one applicant lodge at once: the database lets one through; the others roll their numbers back.
        var (client, _, _) = await Api.NewApplicant();
        var responses = await AllAtOnce(Enumerable.Repeat(client, 8).ToList());
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Conflict, $"{(int)refused.StatusCode}: {text}");
            Assert.Contains("already-open", text, StringComparison.Ordinal);
        }

        var first = Sequence((await Api.Json(created[0])).GetProperty("caseNumber").GetString()!);
        var (other, _, _) = await Api.NewApplicant();
        var next = await Api.Ok(await other.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        Assert.Equal(first + 1, Sequence(next.GetProperty("caseNumber").GetString()!));
    }

    private static async Task<HttpResponseMessage[]> AllAtOnce(IReadOnlyList<HttpClient> clients)
    {
        using var start = new ManualResetEventSlim();
        var lodges = clients.Select(client => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" });
        })).ToList();
        start.Set();
        return await Task.WhenAll(lodges);
    }

    private static int Sequence(string caseNumber) => int.Parse(caseNumber[5..], CultureInfo.InvariantCulture);

    private static Task<long> Counter(KoshiDbContext db, int year) =>
        db.Set<CaseNumberCounter>().Where(c => c.Series == "residence" && c.Year == year).Select(c => c.Last).SingleAsync();
}

public sealed class CaseNumberSqliteTests(SqliteFactory factory) : CaseNumberTests<SqliteFactory>(factory);

public sealed class CaseNumberPostgresTests(PostgresFactory factory) : CaseNumberTests<PostgresFactory>(factory);

/// <summary>The migration that brought case numbers numbers the applications already stored, on each database.</summary>
public sealed class CaseNumberMigrationTests
{
    private static readonly ValueConverter<DateTimeOffset, long> Instant = new DateTimeOffsetToBinaryConverter();

    [Fact]
    public async Task Stored_applications_are_numbered_by_year_in_lodgement_order_and_the_counters_continue_from_there()
    {
        var file = Path.Combine(Path.GetTempPath(), $"koshi-numbers-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteKoshiDbContext>().UseSqlite($"Data Source={file};Pooling=false").Options;
            await using var db = new SqliteKoshiDbContext(options, new AuditContext(null, TimeProvider.System));
            await Check(db, id => id.ToString().ToUpperInvariant(), at => ((long)Instant.ConvertToProvider(at)!).ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Stored_applications_are_numbered_the_same_way_on_postgres()
    {
        var server = Environment.GetEnvironmentVariable("KOSHI_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server), "postgres is not configured here (set KOSHI_TEST_POSTGRES).");
        var database = $"koshi_n_{Guid.NewGuid():N}"[..24];
        await Run(server!, $"CREATE DATABASE \"{database}\"");
        try
        {
            var options = new DbContextOptionsBuilder<PostgresKoshiDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString).Options;
            await using var db = new PostgresKoshiDbContext(options, new AuditContext(null, TimeProvider.System));
            await Check(db, id => id.ToString(), at => "'" + at.ToString("O", CultureInfo.InvariantCulture) + "'");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Run(server!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    /// <param name="instant">How the database spells a moment as an SQL literal (SQLite keeps it as a number).</param>
    private static async Task Check(KoshiDbContext db, Func<Guid, string> guid, Func<DateTimeOffset, string> instant)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var numbering = migrations.FindIndex(m => m.EndsWith("_OfficerQueues", StringComparison.Ordinal));
        Assert.True(numbering > 0, "No OfficerQueues migration.");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[numbering - 1]);

        // Lodged: a 2025 case, then two 2026 cases whose ids sort the other way round from their lodgement times.
        var late2025 = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var second2026 = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var first2026 = Guid.Parse("00000000-0000-0000-0000-000000000009");
        var rows = new (Guid Id, string Name, DateTimeOffset LodgedAt)[]
        {
            (late2025, "Ólzhas Ömirov", new DateTimeOffset(2025, 12, 30, 10, 0, 0, TimeSpan.FromHours(5))),
            (second2026, "ASEL NURLANOVA", new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.FromHours(5))),
            (first2026, "Timur Sadykov", new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(5))),
        };
        foreach (var (id, name, lodgedAt) in rows)
        {
            var sql = string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO "ResidenceApplications" ("Id", "Kind", "ApplicantId", "ApplicantIin", "ApplicantName", "Region", "LodgedAt", "LodgedOn", "Stage", "Version", "ProcessingDays")
                VALUES ('{guid(id)}', 'PermanentResidence', 'user-{id:N}', '850604300129', '{name}', 'KZ-71', {instant(lodgedAt)}, '{DateOnly.FromDateTime(lodgedAt.DateTime):yyyy-MM-dd}', 'Questionnaire', 1, 29)
                """);
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await migrator.MigrateAsync();
        var stored = await db.ResidenceApplications.AsNoTracking().ToDictionaryAsync(a => a.Id);
        Assert.Equal("2025-000001", stored[late2025].CaseNumber);
        Assert.Equal("2026-000001", stored[first2026].CaseNumber);
        Assert.Equal("2026-000002", stored[second2026].CaseNumber);
        Assert.Equal(new DateOnly(2026, 3, 11), stored[second2026].DueOn);
        Assert.Equal(new DateOnly(2026, 1, 28), stored[late2025].DueOn);
        Assert.Equal("asel nurlanova", stored[second2026].ApplicantNameKey);

        var counters = await db.Set<CaseNumberCounter>().AsNoTracking().OrderBy(c => c.Year).ToListAsync();
        Assert.Equal([("residence", 2025, 1L), ("residence", 2026, 2L)], counters.Select(c => (c.Series, c.Year, c.Last)).ToList());
    }

    private static async Task Run(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
