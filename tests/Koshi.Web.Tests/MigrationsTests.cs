using Koshi.Web.Platform.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>
/// A start applies migrations only when some are pending, so the check <c>MigrateAsync</c> used to make at every start
/// (the model against the migrations' snapshot) is made here instead, for both providers.
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the SQLite migrations' snapshot: add a migration (docs/architecture.md).");
    }

    [Fact]
    public void The_postgres_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the PostgreSQL migrations' snapshot: add a migration (docs/architecture.md).");
    }

    [Fact]
    public async Task Migrations_are_applied_when_pending_and_a_second_start_finds_none()
    {
        var file = Path.Combine(Path.GetTempPath(), $"koshi-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteKoshiDbContext>().UseSqlite($"Data Source={file};Pooling=false").Options;
            await using (var db = new SqliteKoshiDbContext(options, new Koshi.Web.Audit.AuditContext(null, TimeProvider.System)))
            {
                Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
                await db.Database.MigrateIfPendingAsync(CancellationToken.None);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            }

            await using (var db = new SqliteKoshiDbContext(options, new Koshi.Web.Audit.AuditContext(null, TimeProvider.System)))
            {
                await db.Database.MigrateIfPendingAsync(CancellationToken.None);
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
