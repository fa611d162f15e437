using Spectre.Console;

namespace Koshi.Cli.Infrastructure;

/// <summary>A table: drawn by Spectre.Console when it goes to the terminal; otherwise (a pipe, a file, a test) plain text
/// with a header, a rule, and rows with padded columns, the same bytes scripts have always read. Numeric columns align right.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _right;
    private readonly List<string[]?> _rows = [];

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _right = new bool[headers.Length];
    }

    public int Count => _rows.Count(r => r is not null);

    /// <summary>Aligns the given columns (0-based) to the right, as numbers are.</summary>
    public TextTable Right(params int[] columns)
    {
        foreach (var c in columns)
        {
            _right[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_headers.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>A rule between rows (before a total, say).</summary>
    public void Rule() => _rows.Add(null);

    public void Write(TextWriter w, string indent = "  ")
    {
        if (ReferenceEquals(w, Console.Out) && !Console.IsOutputRedirected)
        {
            WriteToTerminal(w);
            return;
        }

        var widths = _headers.Select((h, c) => _rows.Where(r => r is not null).Select(r => r![c].Length).Append(h.Length).Max()).ToArray();
        WriteRow(w, indent, _headers, widths);
        WriteRule(w, indent, widths);
        foreach (var row in _rows)
        {
            if (row is null)
            {
                WriteRule(w, indent, widths);
            }
            else
            {
                WriteRow(w, indent, row, widths);
            }
        }
    }

    private void WriteToTerminal(TextWriter w)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(w) });
        var table = new Table { Border = TableBorder.Simple };
        for (var c = 0; c < _headers.Length; c++)
        {
            table.AddColumn(new TableColumn(new Text(_headers[c])) { Alignment = _right[c] ? Justify.Right : Justify.Left });
        }

        foreach (var row in _rows)
        {
            if (row is null)
            {
                table.AddEmptyRow();
            }
            else
            {
                table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));
            }
        }

        console.Write(table);
    }

    private void WriteRow(TextWriter w, string indent, string[] cells, int[] widths)
    {
        var parts = cells.Select((cell, c) => _right[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        w.WriteLine((indent + string.Join("  ", parts)).TrimEnd());
    }

    private static void WriteRule(TextWriter w, string indent, int[] widths)
        => w.WriteLine(indent + string.Join("  ", widths.Select(n => new string('-', n))));
}
