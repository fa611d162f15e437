using System.Data.Common;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Koshi.Web.Platform.Security;

/// <summary>Attempts counted in one fixed window of one partition (such as one source address), shared by every instance.</summary>
public sealed class AttemptCounter
{
    /// <summary>The partition, e.g. "sign-in:10.0.0.7", or a hash naming an account and a source.</summary>
    public string Key { get; set; } = string.Empty;

    public long Count { get; set; }

    /// <summary>When the current window ends, in Unix seconds; the next attempt after that starts a new one.</summary>
    public long Expires { get; set; }

    internal static void Configure(ModelBuilder builder) =>
        builder.Entity<AttemptCounter>(counter =>
        {
            counter.ToTable("AttemptCounters");
            counter.HasKey(c => c.Key);
            counter.Property(c => c.Key).HasMaxLength(200);
            counter.HasIndex(c => c.Expires);
        });
}

/// <summary>
/// Fixed-window attempt limits counted in the database, so that several instances on one database give a source
/// N attempts in all rather than N each. One upsert per attempt (INSERT … ON CONFLICT DO UPDATE … RETURNING) both
/// counts and reads, atomically on either database: raced attempts each get their own count, so at most N are let
/// through. A window starts at a partition's first attempt and is timed on the wall clock (not the platform's clock).
/// On PostgreSQL the table is unlogged: an attempt costs one upsert without a WAL flush (about 0.5 ms against 8 ms
/// logged, pgbench on the development machine), and a database crash only starts the windows again.
/// </summary>
public sealed class AttemptLimiter(int limit, TimeSpan window)
{
    // All of SET reads the row as it was: an ended window starts again at this attempt, otherwise the count goes up.
    private const string Hit = """
        INSERT INTO "AttemptCounters" ("Key", "Count", "Expires") VALUES (@key, 1, @expires)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN "AttemptCounters"."Expires" <= @now THEN 1 ELSE "AttemptCounters"."Count" + 1 END,
            "Expires" = CASE WHEN "AttemptCounters"."Expires" <= @now THEN excluded."Expires" ELSE "AttemptCounters"."Expires" END
        RETURNING "Count", "Expires"
        """;

    private long nextCleanup;

    public int Limit => limit;

    public TimeSpan Window => window;

    /// <summary>Counts an attempt of the partition; refused once more than the limit fall in its current window.</summary>
    public async Task<(bool Allowed, int RetryAfterSeconds)> AttemptAsync(KoshiDbContext db, string partition, CancellationToken ct)
    {
        var (count, expires, now) = await CountAsync(db, partition, window, ct);
        return (count <= limit, (int)Math.Max(1, expires - now));
    }

    /// <summary>Adds one to a counter whose window (starting now if none is running) lasts <paramref name="length"/>; returns the count.</summary>
    public async Task<long> AddAsync(KoshiDbContext db, string key, TimeSpan length, CancellationToken ct) =>
        (await CountAsync(db, key, length, ct)).Count;

    /// <summary>Ends a counter's window (e.g. a successful sign-in forgets the failures before it).</summary>
    public static Task ClearAsync(KoshiDbContext db, string key, CancellationToken ct) =>
        db.Set<AttemptCounter>().Where(c => c.Key == key).ExecuteDeleteAsync(ct);

    private async Task<(long Count, long Expires, long Now)> CountAsync(KoshiDbContext db, string key, TimeSpan length, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var seconds = Math.Max(1, (long)length.TotalSeconds);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            long count, expires;
            await using (var command = Command(db, connection, Hit))
            {
                command.AddParameter("@key", key);
                command.AddParameter("@expires", now + seconds);
                command.AddParameter("@now", now);
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                count = reader.GetInt64(0);
                expires = reader.GetInt64(1);
            }

            // A window's first attempt clears the rows of ended windows, at most once a window per instance.
            var due = Interlocked.Read(ref nextCleanup);
            if (count == 1 && now >= due && Interlocked.CompareExchange(ref nextCleanup, now + seconds, due) == due)
            {
                await db.Set<AttemptCounter>().Where(c => c.Expires <= now).ExecuteDeleteAsync(ct);
            }

            return (count, expires, now);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(KoshiDbContext db, DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // Inside a caller's transaction the command must join it (SQLite refuses one that does not).
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
