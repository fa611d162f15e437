using System.Globalization;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Koshi.Web.Analytics;

/// <summary>A table as CSV (RFC 4180) or Parquet; numbers in invariant form so any tool reads them back alike.</summary>
public static class Exports
{
    public static string Csv(Dataset table) => CsvExport.Text(Rows(table));

    private static IEnumerable<IEnumerable<object?>> Rows(Dataset table) => [table.Columns.Select(c => (object?)c.Name), .. table.Rows];

    /// <summary>The file of one table: its bytes, media type and a name that says what it holds.</summary>
    public static async Task<(byte[] Bytes, string ContentType, string FileName)> FileAsync(Dataset data, string format, AnalyticsFilter filter, CancellationToken ct)
    {
        var stem = $"koshi-{data.Name}-{filter.Year}" + (filter.Region is null ? string.Empty : "-" + filter.Region);
        return format == "csv"
            ? (CsvExport.Utf8(Rows(data)), "text/csv; charset=utf-8", stem + ".csv")
            : (await ParquetAsync(data, ct), "application/vnd.apache.parquet", stem + ".parquet");
    }

    public static ParquetSchema Schema(Dataset table) => new(table.Columns.Select(c => (Field)(c.Kind switch
    {
        ColumnKind.Integer => new DataField<int?>(c.Name),
        ColumnKind.Decimal => new DataField<decimal?>(c.Name),
        ColumnKind.Boolean => new DataField<bool?>(c.Name),
        _ => new DataField<string>(c.Name, true),
    })).ToArray());

    public static async Task<byte[]> ParquetAsync(Dataset table, CancellationToken ct)
    {
        var rows = table.Rows.Select(row =>
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                record[table.Columns[i].Name] = row[i];
            }

            return (IDictionary<string, object?>)record;
        }).ToList();
        using var stream = new MemoryStream();
        var metadata = new Dictionary<string, string> { ["koshi.table"] = table.Name, ["koshi.description"] = table.Description };
        await ParquetSerializer.SerializeUntypedAsync(rows, Schema(table), stream, null, metadata, ct);
        return stream.ToArray();
    }
}
