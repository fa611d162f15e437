using nietras.SeparatedValues;

namespace Koshi.Policy.Csv;

/// <summary>A CSV file that does not parse: the file, the line its bad row starts on, and what is wrong.</summary>
public sealed class CsvFormatException(string file, long line, string problem) : FormatException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}

/// <summary>One row of a CSV file: the line it starts on (a quoted field may run over several) and its cells, unquoted.
/// A blank line has no cells.</summary>
public readonly record struct CsvRow(long Line, string[] Cells);

/// <summary>
/// Reads RFC 4180 CSV with Sep: a header row, then rows of comma-separated cells; a quoted cell may hold commas,
/// doubled quotes and line breaks. Every file the platform reads (populations, reference data) goes through here.
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly SepReader _reader;
    private readonly string _name;

    private CsvFile(SepReader reader, string name)
    {
        _reader = reader;
        _name = name;
        Header = [.. reader.Header.ColNames];
    }

    /// <summary>The header's column names (none for an empty file).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Opens CSV text; <paramref name="name"/> names it in messages.</summary>
    public static CsvFile Open(TextReader text, string name)
    {
        // Comma always (Sep would guess from the header otherwise); the column count is checked by the caller,
        // who knows what a short row means.
        var options = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true });
        try
        {
            return new CsvFile(options.From(text), name);
        }
        catch (InvalidDataException ex)
        {
            throw new CsvFormatException(name, 1, ex.Message);
        }
    }

    public static CsvFile Open(string path) => Open(new StreamReader(path), path);

    /// <summary>The rows after the header, in order.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.MoveNext();
            }
            catch (InvalidDataException ex)
            {
                throw new CsvFormatException(_name, 0, ex.Message);
            }

            if (!more)
            {
                yield break;
            }

            yield return Current(_reader, _name);
        }
    }

    private static CsvRow Current(SepReader reader, string name)
    {
        var row = reader.Current;
        var raw = row.Span;

        // Quotes come in pairs in valid CSV (the opening and closing ones, and doubled quotes inside). An odd count means a
        // quoted cell that never closes: Sep then reads to the end of the file as one row, so the row's first line is the culprit.
        if (raw.Count('"') % 2 != 0)
        {
            throw new CsvFormatException(name, row.LineNumberFrom, "a quoted field is not closed: a quote mark opens it on this line and none ends it");
        }

        if (raw.IsWhiteSpace())
        {
            return new CsvRow(row.LineNumberFrom, []);
        }

        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row[i].ToString();
        }

        return new CsvRow(row.LineNumberFrom, cells);
    }

    public void Dispose() => _reader.Dispose();
}
