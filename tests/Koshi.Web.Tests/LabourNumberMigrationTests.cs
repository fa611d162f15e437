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

/// <summary>The migration that brought work-permit case numbers numbers the applications already stored, on each database.</summary>
public sealed class LabourNumberMigrationTests
{
    private static readonly ValueConverter<DateTimeOffset, long> Instant = new DateTimeOffsetToBinaryConverter();

    [Fact]
    public async Task Stored_permits_are_numbered_by_year_of_lodgement_in_order_and_the_counter_continues_from_there()
    {
        var file = Path.Combine(Path.GetTempPath(), $"koshi-lq-numbers-{Guid.NewGuid():N}.db");
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
    public async Task Stored_permits_are_numbered_the_same_way_on_postgres()
    {
        var server = Environment.GetEnvironmentVariable("KOSHI_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server), "postgres is not configured here (set KOSHI_TEST_POSTGRES).");
        var database = $"koshi_l_{Guid.NewGuid():N}"[..24];
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
        var numbering = migrations.FindIndex(m => m.EndsWith("_LabourQueue", StringComparison.Ordinal));
        Assert.True(numbering > 0, "No LabourQueue migration.");
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[numbering - 1]);

        // A 2025 application, then two 2026 ones whose ids sort the other way round from their lodgement times.
        var of2025 = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var second2026 = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var first2026 = Guid.Parse("00000000-0000-0000-0000-000000000009");
        var rows = new (Guid Id, DateTimeOffset AppliedAt)[]
        {
            (of2025, new DateTimeOffset(2025, 11, 30, 10, 0, 0, TimeSpan.Zero)),
            (second2026, new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero)),
            (first2026, new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero)),
        };
        foreach (var (id, appliedAt) in rows)
        {
            const string evidence = "{{}}"; // ExecuteSqlRaw reads braces as format items
            var on = appliedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var sql = string.Create(CultureInfo.InvariantCulture, $"""
                INSERT INTO "WorkPermits" ("Id", "AppliedAt", "AppliedOn", "AssessmentInDemand", "Category", "ChecksJson", "DurationDays", "EducationRelevant",
                    "EmployerIdentifier", "EmployerName", "EndOn", "EvidenceJson", "EvidenceReasonsJson", "ExperienceYears", "Isco", "IscoSkillLevel",
                    "LanguageLevel", "OkedSection", "OwnerId", "PackHash", "Qualification", "QualificationRecognised", "Ranked", "Region", "SectorGroup",
                    "Skilled", "StartOn", "Status", "Type", "Version", "WorkerBirthDate", "WorkerCitizenship", "WorkerName", "WorkerPassport")
                VALUES ('{guid(id)}', {instant(appliedAt)}, '{on}', FALSE, 'Cat3', '[]', 365, FALSE,
                    '150240001232', 'Steppe Build LLP', '{on}', '{evidence}', '[]', 5, '2142', 4,
                    'none', 'F', 'owner', 'sha256:x', 'Higher', FALSE, FALSE, 'KZ-55', 'group_3',
                    TRUE, '{on}', 'Submitted', 'Employer', 1, '1988-01-01', 'CN', 'Li Wei', 'E{id.ToString("N")[^7..]}')
                """);
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await migrator.MigrateAsync();
        var stored = (await db.WorkPermits.AsNoTracking().Select(p => new { p.Id, p.CaseNumber }).ToListAsync()).ToDictionary(p => p.Id, p => p.CaseNumber);
        Assert.Equal("2025-000001", stored[of2025]);
        Assert.Equal("2026-000001", stored[first2026]);
        Assert.Equal("2026-000002", stored[second2026]);

        var counters = await db.Set<CaseNumberCounter>().AsNoTracking().Where(c => c.Series == "work-permit").OrderBy(c => c.Year).ToListAsync();
        Assert.Equal([("work-permit", 2025, 1L), ("work-permit", 2026, 2L)], counters.Select(c => (c.Series, c.Year, c.Last)).ToList());
    }

    private static async Task Run(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
