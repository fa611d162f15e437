using System.Collections;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Koshi.Bench.Web;

/// <summary>
/// Writes aggregates with PostgreSQL's binary COPY, driven entirely by the platform's EF model: the tables, the
/// columns, the value converters (enums as text, IIN and region as strings) and the owned parts (attempts, score,
/// checks, interview, decision, notifications) all come from <see cref="KoshiDbContext"/>'s metadata, so the rows are
/// exactly what EF would have inserted. Only EF's per-row INSERT and the per-save audit entry are skipped: that is
/// what makes 100,000 applications load in seconds rather than hours.
/// </summary>
public sealed class ModelCopy<TRoot>
    where TRoot : class
{
    private readonly List<TableWriter> tables = [];

    public ModelCopy(KoshiDbContext db)
    {
        var root = db.Model.FindEntityType(typeof(TRoot)) ?? throw new InvalidOperationException($"{typeof(TRoot).Name} is not in the model.");
        Add(root, null, null);
    }

    /// <summary>The tables written, root first (the owned tables reference it).</summary>
    public IEnumerable<string> Tables => tables.Select(t => t.Table);

    /// <summary>Copies the aggregates and everything they own; the caller owns the transaction.</summary>
    public async Task<long> CopyAsync(NpgsqlConnection connection, IReadOnlyList<TRoot> roots, CancellationToken ct)
    {
        long rows = 0;
        foreach (var table in tables)
        {
            await using var importer = await connection.BeginBinaryImportAsync(table.CopyCommand, ct);
            foreach (var root in roots)
            {
                foreach (var (entity, ownerKey) in table.Rows(root))
                {
                    await importer.StartRowAsync(ct);
                    foreach (var column in table.Columns)
                    {
                        var value = column.Property.IsShadowProperty() ? ownerKey : column.Property.GetGetter().GetClrValue(entity);
                        if (value is not null && column.Converter is not null)
                        {
                            value = column.Converter.ConvertToProvider(value);
                        }

                        await WriteAsync(importer, value, ct);
                    }

                    rows++;
                }
            }

            await importer.CompleteAsync(ct);
        }

        return rows;
    }

    private void Add(IEntityType type, TableWriter? parent, INavigation? via)
    {
        if (parent?.Via is not null)
        {
            throw new NotSupportedException($"{type.DisplayName()}: owned types inside owned types are not supported.");
        }

        var table = new TableWriter(type, parent, via);
        tables.Add(table);
        foreach (var navigation in type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && n.DeclaringEntityType == type))
        {
            Add(navigation.TargetEntityType, table, navigation);
        }
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        Guid g => importer.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
        long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        decimal d => importer.WriteAsync(d, NpgsqlDbType.Numeric, ct),
        DateOnly d => importer.WriteAsync(d, NpgsqlDbType.Date, ct),
        DateTimeOffset d => importer.WriteAsync(d.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
        _ => throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}."),
    };

    private sealed record Column(IProperty Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);

    private sealed class TableWriter
    {
        public TableWriter(IEntityType type, TableWriter? parent, INavigation? via)
        {
            Type = type;
            Parent = parent;
            Via = via;
            Table = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
            var store = StoreObjectIdentifier.Table(Table, type.GetSchema());
            Columns = type.GetProperties()
                .Select(p => new Column(p, p.GetTypeMapping().Converter))
                .ToList();
            var names = Columns.Select(c => "\"" + c.Property.GetColumnName(store) + "\"");
            CopyCommand = $"COPY \"{Table}\" ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)";
        }

        public IEntityType Type { get; }

        public TableWriter? Parent { get; }

        public string Table { get; }

        public List<Column> Columns { get; }

        public string CopyCommand { get; }

        /// <summary>The navigation from the owner to this owned type (null for the root).</summary>
        public INavigation? Via { get; }

        /// <summary>This table's entities under one root, each with its owner's key (for the shadow foreign key).</summary>
        public IEnumerable<(object Entity, object? OwnerKey)> Rows(object root)
        {
            if (Via is null)
            {
                yield return (root, null);
                yield break;
            }

            // Owned types hang directly off the root (checked in Add), which is all the residence aggregate needs.
            var ownerKey = Parent!.Type.FindPrimaryKey()!.Properties[0].GetGetter().GetClrValue(root);
            var value = Via.GetGetter().GetClrValue(root);
            switch (value)
            {
                case null:
                    yield break;
                case IEnumerable many when Via.IsCollection:
                    foreach (var item in many)
                    {
                        yield return (item, ownerKey);
                    }

                    break;
                default:
                    yield return (value, ownerKey);
                    break;
            }
        }
    }
}
