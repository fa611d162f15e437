using System.Globalization;
using Koshi.Web.Audit;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using SqliteConnection = Microsoft.Data.Sqlite.SqliteConnection;

namespace Koshi.Web.Tests;

/// <summary>The migration that brought resettlement case numbers numbers the cases already stored, on each database.</summary>
public sealed class ResettlementNumberMigrationTests
{
    private static readonly ValueConverter<DateTimeOffset, long> Instant = new DateTimeOffsetToBinaryConverter();

    [Fact]
    public async Task Stored_cases_are_numbered_by_year_in_application_order_and_the_counter_continues_from_there()
    {
        var file = Path.Combine(Path.GetTempPath(), $"koshi-rs-numbers-{Guid.NewGuid():N}.db");
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
    public async Task Stored_cases_are_numbered_the_same_way_on_postgres()
    {
        var server = Environment.GetEnvironmentVariable("KOSHI_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server), "postgres is not configured here (set KOSHI_TEST_POSTGRES).");
        var database = $"koshi_r_{Guid.NewGuid():N}"[..24];
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

    private static async Task Check(KoshiDbContext db, Func<Guid, string> guid, Func<DateTimeOffset, string> instant)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var numbering = migrations.FindIndex(m => m.EndsWith("_ResettlementQueue", StringComparison.Ordinal));
        Assert.True(numbering > 0, "No ResettlementQueue migration.");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[numbering - 1]);

        // A 2025 case, then two 2026 cases whose ids sort the other way round from their application times.
        var of2025 = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var second2026 = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var first2026 = Guid.Parse("00000000-0000-0000-0000-000000000009");
        var rows = new (Guid Id, string Name, int Year, DateTimeOffset AppliedAt, string Iin)[]
        {
            (of2025, "Ólzhas Ömirov", 2025, new DateTimeOffset(2025, 11, 30, 10, 0, 0, TimeSpan.Zero), "850604300129"),
            (second2026, "ASEL NURLANOVA", 2026, new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero), "850604300130"),
            (first2026, "Timur Sadykov", 2026, new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), "850604300131"),
        };
        foreach (var (id, name, year, appliedAt, iin) in rows)
        {
            var sql = string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO "ResettlementCases" ("Id", "Reference", "OwnerId", "ApplicantName", "ApplicantIin", "ApplicantBirthDate", "Year", "Programme", "Origin",
                    "Destination", "RegisteredJobSeeker", "PermanentRegistrationMonths", "KandasCondition", "HousingCost", "PayoutAccount", "Status", "ChecksJson",
                    "PackHash", "AppliedAt", "HoldsSeat", "RefundStatus", "Version")
                VALUES ('{guid(id)}', 'RS-{year}-{id.ToString("N")[^10..]}', 'user-{id:N}', '{name}', '{iin}', '1985-06-04', {year}, 'Resettler', 'KZ-61',
                    'KZ-55', TRUE, 24, 'none', '0', 'KZ000000000000001234', 'Submitted', '[]', 'sha256:x', {instant(appliedAt)}, FALSE, 'None', 1)
                """);
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await migrator.MigrateAsync();
        var stored = await db.ResettlementCases.AsNoTracking().ToDictionaryAsync(c => c.Id);
        Assert.Equal("2025-000001", stored[of2025].CaseNumber);
        Assert.Equal("2026-000001", stored[first2026].CaseNumber);
        Assert.Equal("2026-000002", stored[second2026].CaseNumber);
        Assert.Equal("asel nurlanova", stored[second2026].ApplicantNameKey);
        Assert.Null(stored[second2026].DueOn);

        var counters = await db.Set<CaseNumberCounter>().AsNoTracking().Where(c => c.Series == "resettlement").OrderBy(c => c.Year).ToListAsync();
        Assert.Equal([("resettlement", 2025, 1L), ("resettlement", 2026, 2L)], counters.Select(c => (c.Series, c.Year, c.Last)).ToList());
    }

    private static async Task Run(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
