using System.Globalization;
using ParquetSharp;

namespace Koshi.Web.Analytics;

/// <summary>A table as CSV (RFC 4180) or Parquet; numbers in invariant form so any tool reads them back alike.</summary>
public static class Exports
{
    public static string Csv(Dataset table) => CsvExport.Text(Rows(table));

    private static IEnumerable<IEnumerable<object?>> Rows(Dataset table) => [table.Columns.Select(c => (object?)c.Name), .. table.Rows];

    /// <summary>The file of one table: its bytes, media type and a name that says what it holds.</summary>
    public static (byte[] Bytes, string ContentType, string FileName) File(Dataset data, string format, AnalyticsFilter filter)
    {
        var stem = $"koshi-{data.Name}-{filter.Year}" + (filter.Region is null ? string.Empty : "-" + filter.Region);
        return format == "csv"
            ? (CsvExport.Utf8(Rows(data)), "text/csv; charset=utf-8", stem + ".csv")
            : (Parquet(data), "application/vnd.apache.parquet", stem + ".parquet");
    }

    /// <summary>The table as Parquet (ParquetSharp, as the populations): every column optional, since a figure may be undefined;
    /// decimals with the most places any of the column's figures has; the table's name and description in the file's metadata.</summary>
    public static byte[] Parquet(Dataset table)
    {
        var columns = table.Columns.Select((c, i) => c.Kind switch
        {
            ColumnKind.Integer => new Column<int?>(c.Name),
            ColumnKind.Decimal => new Column<decimal?>(c.Name, LogicalType.Decimal(29, Places(table, i))),
            ColumnKind.Boolean => new Column<bool?>(c.Name),
            _ => (ParquetSharp.Column)new Column<string>(c.Name),
        }).ToArray();
        var metadata = new Dictionary<string, string> { ["koshi.table"] = table.Name, ["koshi.description"] = table.Description };
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, columns, LogicalTypeFactory.Default, Compression.Snappy, metadata, leaveOpen: true))
        {
            using var group = writer.AppendRowGroup();
            for (var i = 0; i < columns.Length; i++)
            {
                using var column = group.NextColumn();
                var cells = table.Rows.Select(row => row[i]);
                switch (table.Columns[i].Kind)
                {
                    case ColumnKind.Integer:
                        Write<int?>(column, cells);
                        break;
                    case ColumnKind.Decimal:
                        Write<decimal?>(column, cells);
                        break;
                    case ColumnKind.Boolean:
                        Write<bool?>(column, cells);
                        break;
                    default:
                        Write<string?>(column, cells);
                        break;
                }
            }

            writer.Close();
        }

        return stream.ToArray();
    }

    private static void Write<T>(ColumnWriter column, IEnumerable<object?> cells)
    {
        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(cells.Select(v => (T)v!).ToArray());
    }

    private static int Places(Dataset table, int column) => table.Rows.Select(row => row[column] is decimal d ? d.Scale : 0).DefaultIfEmpty(0).Max();
}
