using System.Text;

namespace Koshi.Web.Reference;

/// <summary>
/// Reads the small RFC 4180 CSV files shipped as embedded resources (quoted fields, doubled quotes), after the comment
/// lines ('#') that may open a file with its provenance.
/// </summary>
internal static class Csv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadResource(string fileName)
    {
        using var stream = typeof(Csv).Assembly.GetManifestResourceStream("Koshi.Web.Reference.Data." + fileName)
            ?? throw new InvalidOperationException($"Reference data {fileName} is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Lines starting with '#' before the header say where the data comes from.
        var first = reader.ReadLine();
        while (first is not null && first.StartsWith('#'))
        {
            first = reader.ReadLine();
        }

        var header = SplitLine(first ?? string.Empty);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = SplitLine(line);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = i < cells.Count ? cells[i] : string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
