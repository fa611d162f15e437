using System.Text;
using CsvHelper;

namespace Koshi.Web.Platform;

/// <summary>
/// Every export's CSV, written by CsvHelper: RFC 4180 (CRLF, quotes when needed), UTF-8 without a byte order mark as
/// the exports always were, numbers and dates in invariant form so any tool reads them back alike, true/false in lower
/// case, and text that starts like a formula (= + - @, tab, CR) escaped with an apostrophe so a spreadsheet shows it
/// as text instead of running it. Numbers are not text: -5 stays a number.
/// </summary>
public static class CsvExport
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        TrueValue = "true",
        FalseValue = "false",
        WriteByteOrderMark = false,
    };

    /// <summary>The rows (the header first) as UTF-8 bytes.</summary>
    public static byte[] Utf8(IEnumerable<IEnumerable<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    /// <summary>The rows (the header first) as text.</summary>
    public static string Text(IEnumerable<IEnumerable<object?>> rows) => Encoding.UTF8.GetString(Utf8(rows));
}
