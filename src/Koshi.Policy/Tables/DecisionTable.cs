using Koshi.Policy.Yaml;

namespace Koshi.Policy.Tables;

public enum HitPolicy
{
    First,
    Unique,
    CollectSum,
    CollectMax,
    CollectMin,
    CollectCount,
}

/// <summary>A row as the table tests it; <see cref="Number"/> is the row as the pack writes it (from 1), which a row
/// with a value per case of the table's <c>by</c> column shares with its siblings.</summary>
internal sealed record TableRow(SourcePosition Position, IReadOnlyList<YScalar>? Cells, YScalar? When, YScalar Value, string? Label, int Number)
{
    /// <summary>The pack's own label of a row given per case of the <c>by</c> column, before the case is added to it.</summary>
    public string? OwnLabel { get; init; }
}

/// <summary>A decision table as the pack writes it: columns (expressions), rows of cells and a value per row.
/// <see cref="TableReader"/> reads it from YAML, <see cref="TableCompiler"/> binds it (with <see cref="TableAnalysis"/>
/// checking its rows and <see cref="TableLowering"/> building the expression tree).</summary>
internal sealed class DecisionTable
{
    public required SourcePosition Position { get; init; }
    public required HitPolicy Hit { get; init; }
    public required IReadOnlyList<YScalar> Columns { get; init; }
    /// <summary>The rows as tested; their labels are reworded once the inputs are known (<see cref="TableReader.DescribeCases"/>).</summary>
    public required IReadOnlyList<TableRow> Rows { get; set; }
    public YScalar? Default { get; init; }

    /// <summary>The column whose cases the rows' values are given per (the last of <see cref="Columns"/>), if any.</summary>
    public YScalar? By { get; init; }

    /// <summary>Labels people see for each row: the pack's label, or the cells joined.</summary>
    public IReadOnlyList<string> RowLabels => Rows.Select(r => r.Label
        ?? (r.When is not null ? r.When.Value : string.Join(" · ", r.Cells!.Select((c, i) => (c, i))
            .Where(x => !(By is not null && x.i == Columns.Count - 1 && x.c.Value == "-")).Select(x => $"{Columns[x.i].Value} {x.c.Value}")))).ToList();

    /// <summary>The row as the pack numbers it (from 1), for each row the table tests.</summary>
    public IReadOnlyList<int> RowNumbers => Rows.Select(r => r.Number).ToList();

    /// <summary>The matched row for the explanation: its number in the pack and its label.</summary>
    public MatchedRow Matched(int row) => new(Rows[row].Number, RowLabels[row]);
}
