using Koshi.Policy.Yaml;

namespace Koshi.Policy.Tables;

/// <summary>Reads a decision table from the pack's YAML: hit policy, columns, the <c>by</c> column and rows.</summary>
internal static class TableReader
{
    public static DecisionTable? Read(YNode node, Diagnostics d, string valueKey, SourcePosition parent)
    {
        var map = NodeReader.Mapping(node, d, "table", parent);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, "a table", "hit", "columns", "by", "rows", "default");
        var hitText = NodeReader.Scalar(map["hit"], d, "hit", map.Position, required: false);
        var hit = HitPolicy.First;
        if (hitText is not null)
        {
            HitPolicy? parsed = hitText.Value switch
            {
                "first" => HitPolicy.First,
                "unique" => HitPolicy.Unique,
                "collect-sum" or "sum" => HitPolicy.CollectSum,
                "collect-max" or "max" => HitPolicy.CollectMax,
                "collect-min" or "min" => HitPolicy.CollectMin,
                "collect-count" or "count" => HitPolicy.CollectCount,
                _ => null,
            };
            if (parsed is null)
            {
                d.Error(hitText.Position, $"unknown hit policy '{hitText.Value}' (expected first, unique, collect-sum, collect-max, collect-min or collect-count)");
            }

            hit = parsed ?? HitPolicy.First;
        }

        var columns = new List<YScalar>();
        if (map["columns"] is { } columnsNode && NodeReader.Sequence(columnsNode, d, "columns", map.Position) is { } columnList)
        {
            foreach (var c in columnList.Items)
            {
                if (NodeReader.Scalar(c, d, "a column", columnList.Position) is { } column)
                {
                    columns.Add(column);
                }
            }
        }

        // by: a value column per case of another input. Each row's value is then a mapping from a cell of the 'by'
        // column (true / false, an enum value, '>= b1' …) to the value, and the row is tested as one row per entry
        // with that cell as its last; a plain value applies to every case.
        var by = map["by"] is { } byNode ? NodeReader.Scalar(byNode, d, "by", map.Position) : null;
        var dataColumns = columns.Count;
        if (by is not null)
        {
            columns.Add(by);
        }

        var rows = new List<TableRow>();
        var rowList = NodeReader.Sequence(map["rows"], d, "rows", map.Position);
        var number = 0;
        foreach (var rowNode in rowList?.Items ?? [])
        {
            number++;
            var row = NodeReader.Mapping(rowNode, d, "a row", rowList!.Position);
            if (row is null)
            {
                continue;
            }

            NodeReader.OnlyKeys(row, d, "a row", "when", valueKey, "label");
            var label = NodeReader.Translatable(row["label"], d, "label", row.Position);
            var cases = new List<(YScalar? ByCell, YScalar Value)>();
            if (by is not null && row[valueKey] is YMapping perCase)
            {
                foreach (var (key, caseValue) in perCase.Entries)
                {
                    if (NodeReader.Scalar(caseValue, d, $"the row's '{valueKey}' for {by.Value} {key.Value}", key.Position) is { } v)
                    {
                        cases.Add((key, v));
                    }
                }
            }
            else if (row[valueKey] is YMapping && by is null)
            {
                d.Error(row[valueKey]!.Position, $"the row's '{valueKey}' is a value per case: give the table a 'by' column whose cases the keys name");
                continue;
            }
            else if (NodeReader.Scalar(row[valueKey], d, $"the row's '{valueKey}'", row.Position) is { } single)
            {
                cases.Add((by is null ? null : new YScalar(single.Position, "-", true), single));
            }

            switch (row["when"])
            {
                case YSequence cells:
                {
                    var scalars = cells.Items.Select(c => NodeReader.Scalar(c, d, "a cell", cells.Position)).ToList();
                    if (scalars.Count != dataColumns)
                    {
                        d.Error(cells.Position, $"the row has {scalars.Count} cell(s) but the table has {dataColumns} column(s)");
                        continue;
                    }

                    if (scalars.All(s => s is not null))
                    {
                        foreach (var (byCell, value) in cases)
                        {
                            var rowCells = byCell is null ? scalars! : scalars!.Append(byCell).ToList();
                            var caseLabel = label is null || byCell is null || byCell.Value == "-" ? label : $"{label} · {by!.Value} {byCell.Value}";
                            rows.Add(new TableRow(row.Position, rowCells!, null, value, caseLabel, number) { OwnLabel = caseLabel == label ? null : label });
                        }
                    }

                    break;
                }

                case YScalar condition:
                    if (by is not null && cases.Any(c => c.ByCell?.Value != "-"))
                    {
                        d.Error(condition.Position, $"a row with a condition cannot give a value per case of '{by.Value}': write the cells as a list");
                    }
                    else if (cases.Count == 1)
                    {
                        rows.Add(new TableRow(row.Position, null, condition, cases[0].Value, label, number));
                    }

                    break;
                case null:
                    d.Error(row.Position, "the row has no 'when' (a list of cells, or a condition)");
                    break;
                default:
                    d.Error(row["when"]!.Position, "'when' must be a list of cells or a condition");
                    break;
            }
        }

        if (number == 0 && rowList is not null)
        {
            d.Error(rowList.Position, "a table needs at least one row");
        }

        if (hit is not HitPolicy.First and not HitPolicy.Unique && rows.Count > 63)
        {
            d.Error(map.Position, "a collect table can have at most 63 rows");
        }

        return new DecisionTable
        {
            Position = map.Position,
            Hit = hit,
            Columns = columns,
            By = by,
            Rows = rows,
            Default = NodeReader.Scalar(map["default"], d, "default", map.Position, required: false),
        };
    }

    private static readonly LocalizedText Yes = new("yes", "да", "иә");
    private static readonly LocalizedText No = new("no", "нет", "жоқ");

    /// <summary>
    /// Words a labelled row given per case of an input in <c>by:</c> as people read it, in each language the pack gives:
    /// <c>18 to 24 · Accompanied by a spouse: yes</c>, <c>… · Spouse's Kazakh: B1</c>, from the input's and its values'
    /// titles. The case is named by its cell (<c>has_spouse true</c>) where the column is not an input, or the cell not
    /// one value (<c>a1..b1</c>).
    /// </summary>
    public static void DescribeCases(DecisionTable? table, IReadOnlyList<InputDefinition> inputs, Diagnostics d)
    {
        if (table?.By is not { } by || Find(inputs, by.Value) is not { } input)
        {
            return;
        }

        table.Rows = [.. table.Rows.Select(row => row.OwnLabel is { } own && Describe(input, row.Cells![^1].Value) is { } words
            ? row with { Label = Compose(own, input.Title.En.Length > 0 ? input.Title : new LocalizedText(input.Name), words, d) }
            : row)];
    }

    private static InputDefinition? Find(IEnumerable<InputDefinition> inputs, string name)
    {
        foreach (var input in inputs)
        {
            if (input.Name == name)
            {
                return input;
            }

            if (Find(input.Fields, name) is { } field)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The case's value in words: yes or no for a condition, the value's title for one enum value.</summary>
    private static LocalizedText? Describe(InputDefinition input, string cell) => input.Kind switch
    {
        InputKind.Bool => cell switch { "true" => Yes, "false" => No, _ => null },
        InputKind.Enum => input.Values.FirstOrDefault(v => v.Id == cell)?.Title,
        _ => null,
    };

    /// <summary>The English label, with its Kazakh and Russian forms added to the pack's translations.</summary>
    private static string Compose(string own, LocalizedText title, LocalizedText words, Diagnostics d)
    {
        var label = d.Translations.GetValueOrDefault(own) ?? new LocalizedText(own);
        string In(string culture) => $"{label.For(culture)} · {title.For(culture)}: {words.For(culture)}";
        var english = In("en");
        if (label.Ru is not null || label.Kk is not null || title.Ru is not null || title.Kk is not null)
        {
            d.Translations.TryAdd(english, new LocalizedText(english, In("ru"), In("kk")));
        }

        return english;
    }
}
