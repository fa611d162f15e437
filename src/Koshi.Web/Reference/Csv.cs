using System.Text;
using Koshi.Policy.Csv;

namespace Koshi.Web.Reference;

/// <summary>
/// Reads the small RFC 4180 CSV files shipped as embedded resources, through the platform's one CSV reader, after the
/// comment lines ('#') that may open a file with its provenance.
/// </summary>
internal static class Csv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadResource(string fileName)
    {
        using var stream = typeof(Csv).Assembly.GetManifestResourceStream("Koshi.Web.Reference.Data." + fileName)
            ?? throw new InvalidOperationException($"Reference data {fileName} is not embedded in the assembly.");
        var reader = new StreamReader(stream, Encoding.UTF8);
        // Lines starting with '#' before the header say where the data comes from.
        while (reader.Peek() == '#')
        {
            reader.ReadLine();
        }

        using var file = CsvFile.Open(reader, fileName);
        var header = file.Header;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var (_, cells) in file.Rows())
        {
            if (cells.Length == 0)
            {
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = i < cells.Length ? cells[i] : string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
