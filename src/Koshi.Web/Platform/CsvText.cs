using System.Globalization;

namespace Koshi.Web.Platform;

/// <summary>
/// Rows of CSV (RFC 4180) for every export: numbers and dates in invariant form, so any tool reads them back alike;
/// text quoted when it holds a comma, quote, CR or LF (quotes doubled), and prefixed with a quote mark when it starts
/// with =, +, -, @, tab or CR, so a spreadsheet does not run it as a formula.
/// </summary>
public static class CsvText
{
    public static string Row(IEnumerable<object?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        string s => Quote(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
