using Koshi.Policy.Yaml;

namespace Koshi.Policy.Tables;

/// <summary>Load-time checks of a table's rows, from their cells as data.</summary>
internal static class TableAnalysis
{
    /// <summary>", for by-column value" when the row is one case of a row with a value per case.</summary>
    private static string Case(DecisionTable table, int row) => table.By is { } by && table.Rows[row].Cells is { } cells && cells[^1].Value != "-" ? $" (for {by.Value} {cells[^1].Value})" : string.Empty;

    /// <summary>Load-time checks: rows that can never match (first) and rows that overlap (unique).</summary>
    public static void Analyse(DecisionTable table, List<Cell[]?> rows, Diagnostics d)
    {
        if (table.Hit is not (HitPolicy.First or HitPolicy.Unique))
        {
            return;
        }

        for (var j = 0; j < rows.Count; j++)
        {
            if (rows[j] is not { } later)
            {
                continue;
            }

            if (later.Any(c => c.IsEmpty))
            {
                d.Warn(table.Rows[j].Position, "this row can never match: one of its cells admits no value");
                continue;
            }

            for (var i = 0; i < j; i++)
            {
                if (rows[i] is not { } earlier)
                {
                    continue;
                }

                if (table.Hit == HitPolicy.Unique && earlier.Zip(later).All(p => p.First.Intersects(p.Second)))
                {
                    d.Error(table.Rows[j].Position, $"row {table.Rows[j].Number}{Case(table, j)} overlaps row {table.Rows[i].Number}{Case(table, i)} (line {table.Rows[i].Position.Line}) in a unique table: some case would match both");
                    break;
                }

                if (table.Hit == HitPolicy.First && earlier.Zip(later).All(p => p.First.Covers(p.Second)))
                {
                    d.Error(table.Rows[j].Position, $"row {table.Rows[j].Number}{Case(table, j)} can never match: row {table.Rows[i].Number}{Case(table, i)} (line {table.Rows[i].Position.Line}) above it already matches every case it would");
                    break;
                }
            }
        }

        // One column of enums or conditions: the earlier rows together may cover a later one.
        if (table.Hit == HitPolicy.First && table.Columns.Count == 1 && rows.All(r => r is not null && r[0] is MaskCell))
        {
            var covered = 0L;
            for (var j = 0; j < rows.Count; j++)
            {
                var mask = ((MaskCell)rows[j]![0]).Mask;
                if ((mask & ~covered) == 0 && mask != 0 && !rows.Take(j).Any(r => r![0].Covers(rows[j]![0])))
                {
                    d.Error(table.Rows[j].Position, $"row {table.Rows[j].Number}{Case(table, j)} can never match: the rows above it together match every value it would");
                }

                covered |= mask;
            }
        }
    }
}
