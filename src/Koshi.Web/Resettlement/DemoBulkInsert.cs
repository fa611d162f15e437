using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Koshi.Web.Resettlement;

/// <summary>
/// Writes many rows of one mapped type with one prepared INSERT run row after row, through the provider's own type
/// mappings (so each value is stored exactly as EF would store it, on SQLite and PostgreSQL), without the change tracker,
/// which spends seconds on thousands of demo rows. For demo seeding only: the rows bypass the per-save audit entry.
/// </summary>
internal static class DemoBulkInsert
{
    /// <param name="rows">Each row with its owner's key for an owned type's shadow foreign key (null for a root type).</param>
    public static async Task InsertAsync<T>(DbContext db, IEnumerable<(T Row, object? Owner)> rows, IEntityType type, CancellationToken ct)
        where T : class
    {
        var table = type.GetTableName()!;
        var schema = type.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = type.GetProperties().ToList();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var getters = properties.Select(p => p.IsShadowProperty() ? null : p.GetGetter()).ToList();
        // One statement text for every row: the providers keep it prepared, so each row is only bound and stepped. Each row
        // gets a command of its own: Npgsql's auto-prepared statement kept binding the first parameters of a reused
        // command whose parameters were cleared and added again, inserting one row twice.
        var text = $"INSERT INTO {sql.DelimitIdentifier(table, schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i))})";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (row, owner) in rows)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            for (var i = 0; i < properties.Count; i++)
            {
                var value = getters[i] is { } getter ? getter.GetClrValue(row) : owner;
                command.Parameters.Add(mappings[i].CreateParameter(command, "p" + i, value, properties[i].IsNullable));
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
