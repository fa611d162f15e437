using Koshi.Web.Audit;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Koshi.Web.Tests.Infrastructure;

/// <summary>
/// The database of a test that starts and kills the platform as a process of its own: a new SQLite file or a new
/// PostgreSQL database, removed when the test is done, and a context to read what the killed processes left.
/// </summary>
public abstract class ProcessDatabase
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Makes the database ready; disposing the answer removes it, and its audit folder.</summary>
    public async Task<IAsyncDisposable> PrepareAsync()
    {
        var database = await CreateAsync();
        return new Cleanup(async () =>
        {
            await database.DisposeAsync();
            var audit = AuditFolder(ConnectionString);
            if (Directory.Exists(audit))
            {
                Directory.Delete(audit, recursive: true);
            }
        });
    }

    /// <summary>The folder of the audit key and checkpoints of the platform processes on a database (every restart on it
    /// finds them, no other run does).</summary>
    public static string AuditFolder(string connectionString) => Path.Combine(Path.GetTempPath(), "koshi-crash-audit-" + Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)))[..16]);

    /// <summary>Creates the database; disposing the answer removes it.</summary>
    protected abstract Task<IAsyncDisposable> CreateAsync();

    public KoshiDbContext Context() => Provider == "sqlite"
        ? new SqliteKoshiDbContext(new DbContextOptionsBuilder<SqliteKoshiDbContext>().UseSqlite(ConnectionString).Options, new AuditContext(null, TimeProvider.System))
        : new PostgresKoshiDbContext(new DbContextOptionsBuilder<PostgresKoshiDbContext>().UseNpgsql(ConnectionString).Options, new AuditContext(null, TimeProvider.System));

    /// <summary>A SQLite file in the temporary folder named after <paramref name="name"/>.</summary>
    public static ProcessDatabase Sqlite(string name) => new SqliteDatabase(Path.Combine(Path.GetTempPath(), $"koshi-{name}-{Guid.NewGuid():N}.db"));

    /// <summary>A PostgreSQL database on the server of KOSHI_TEST_POSTGRES; without it the test is skipped (and ./test.sh fails).</summary>
    public static ProcessDatabase Postgres(string prefix) => new PostgresDatabase($"koshi_{prefix}_{Guid.NewGuid():N}"[..24]);

    private sealed class SqliteDatabase(string file) : ProcessDatabase
    {
        public override string Provider => "sqlite";

        public override string ConnectionString => $"Data Source={file}";

        protected override Task<IAsyncDisposable> CreateAsync() => Task.FromResult<IAsyncDisposable>(new Cleanup(() =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        }));
    }

    private sealed class PostgresDatabase : ProcessDatabase
    {
        private static readonly string? Server = Environment.GetEnvironmentVariable("KOSHI_TEST_POSTGRES");
        private readonly string database;

        public PostgresDatabase(string database)
        {
            Assert.SkipUnless(!string.IsNullOrWhiteSpace(Server), "postgres is not configured here (set KOSHI_TEST_POSTGRES).");
            this.database = database;
        }

        public override string Provider => "postgres";

        public override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

        protected override async Task<IAsyncDisposable> CreateAsync()
        {
            await Admin($"CREATE DATABASE \"{database}\"");
            return new Cleanup(() => Admin($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"));
        }

        private static async Task Admin(string sql)
        {
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

internal sealed class Cleanup(Func<Task> work) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await work();
}
