using Koshi.Web.Platform.Problems;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>
/// A database that does not answer in time (overload, a lock held too long, no pooled connection free) is the service
/// being busy, not broken: the client gets 503 with Retry-After and can try again, never a 500.
/// </summary>
public sealed class BusyDatabaseTests
{
    public static TheoryData<string, Exception> Busy => new()
    {
        { "a read that timed out", new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")) },
        { "a save that timed out", new DbUpdateException("An error occurred while saving the entity changes.", new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException())) },
        { "no pooled connection free", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new Npgsql.NpgsqlException("The connection pool has been exhausted", new TimeoutException())) },
        { "a locked SQLite file", new SqliteException("SQLite Error 5: 'database is locked'.", 5) },
    };

    [Theory]
    [MemberData(nameof(Busy))]
    public void A_database_that_did_not_answer_in_time_is_a_busy_service(string what, Exception exception)
    {
        var (status, title, _) = ProblemExceptionHandler.Classify(exception);
        Assert.True(status == 503, $"{what}: {status}");
        Assert.Equal(ProblemExceptionHandler.Busy, title);
    }

    [Fact]
    public void Other_failures_stay_server_errors()
    {
        Assert.Equal(500, ProblemExceptionHandler.Classify(new InvalidOperationException("Sequence contains no elements")).Status);
        Assert.Equal(500, ProblemExceptionHandler.Classify(new Npgsql.NpgsqlException("Invalid message")).Status);
        Assert.Equal(500, ProblemExceptionHandler.Classify(new SqliteException("SQLite Error 1: 'no such table'.", 1)).Status);
    }
}
