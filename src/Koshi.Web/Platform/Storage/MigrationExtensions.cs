using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Koshi.Web.Platform.Storage;

public static class MigrationExtensions
{
    /// <summary>
    /// Applies the migrations the database lacks, and does nothing else when it lacks none. <c>MigrateAsync</c> on an
    /// up-to-date database still takes the migration lock and compares the whole model with the migrations' snapshot
    /// (about a second of a start on two cores); reading the history table costs one query. Whether the model matches
    /// the snapshot is checked by a test instead (MigrationsTests).
    /// </summary>
    public static async Task MigrateIfPendingAsync(this DatabaseFacade database, CancellationToken ct)
    {
        if ((await database.GetPendingMigrationsAsync(ct)).Any())
        {
            await database.MigrateAsync(ct);
        }
    }
}
