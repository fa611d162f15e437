using Parquet;
using Parquet.Schema;

namespace Koshi.Policy.Population;

/// <summary>
/// Populations as Parquet: one column per leaf input, named as in CSV (<c>spouse.education</c>). Numbers, booleans and dates
/// are typed columns; texts, enum ids and set members (joined by '|') are strings, so any tool that reads Parquet reads them.
/// Reading is column by column straight into the batch, which is why a million cases read far faster than from JSON.
/// </summary>
internal static class ParquetPopulation
{
    private const int RowGroupSize = 1 << 17;

    private static readonly ParquetOptions Options = new() { UseDateOnlyTypeForDates = true };

    public static void Write(CaseBatch batch, Stream output) => WriteAsync(batch, output).GetAwaiter().GetResult();

    private static async Task WriteAsync(CaseBatch batch, Stream output)
    {
        var leaves = batch.Layout.Leaves;
        var fields = leaves.Select(Field).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, Options);
        writer.CustomMetadata = new Dictionary<string, string> { ["koshi.population"] = "one case a row, one column per input" };
        for (var start = 0; start < batch.Count; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, batch.Count - start);
            using var group = writer.CreateRowGroup();
            for (var f = 0; f < leaves.Count; f++)
            {
                var leaf = leaves[f];
                var field = fields[f];
                switch (leaf.Kind)
                {
                    case InputKind.Integer:
                        await group.WriteAsync<long>(field, Column(count, r => batch.Longs[((start + r) * batch.Layout.LongCount) + leaf.Slot]));
                        break;
                    case InputKind.Bool:
                        await group.WriteAsync<bool>(field, Column(count, r => batch.Longs[((start + r) * batch.Layout.LongCount) + leaf.Slot] != 0));
                        break;
                    case InputKind.Date:
                        await group.WriteAsync<DateOnly>(field, Column(count, r => DateOnly.FromDayNumber((int)batch.Longs[((start + r) * batch.Layout.LongCount) + leaf.Slot])));
                        break;
                    case InputKind.Decimal:
                        await group.WriteAsync<decimal>(field, Column(count, r => batch.Decimals[((start + r) * batch.Layout.DecimalCount) + leaf.Slot]));
                        break;
                    default:
                        await group.WriteAsync(field, Column(count, r => Text(batch, start + r, leaf)));
                        break;
                }
            }
        }
    }

    private static T[] Column<T>(int count, Func<int, T> value)
    {
        var column = new T[count];
        for (var r = 0; r < count; r++)
        {
            column[r] = value(r);
        }

        return column;
    }

    private static string? Text(CaseBatch batch, int row, InputDefinition leaf) => leaf.Kind switch
    {
        InputKind.Text => batch.Texts[(row * batch.Layout.TextCount) + leaf.Slot],
        InputKind.Set => string.Join('|', (string[])batch.Get(row, leaf)),
        _ => (string)batch.Get(row, leaf),
    };

    private static DataField Field(InputDefinition leaf) => leaf.Kind switch
    {
        InputKind.Integer => new DataField<long>(leaf.Name, false),
        InputKind.Bool => new DataField<bool>(leaf.Name, false),
        InputKind.Date => new DataField<DateOnly>(leaf.Name, false),
        InputKind.Decimal => new DataField<decimal>(leaf.Name, false),
        _ => new DataField<string>(leaf.Name, true),
    };

    /// <summary>Reads a Parquet population; a bad value stops the read naming its row (from 1) and column.</summary>
    public static CaseBatch Read(CaseLayout layout, string owner, string path, IProgress<long>? progress)
    {
        try
        {
            return ReadAsync(layout, owner, path, progress).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not PopulationFormatException and (IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException))
        {
            throw new PopulationFormatException(path, 1, [new FieldError("$", "not a readable Parquet file: " + ex.Message)]);
        }
    }

    private static async Task<CaseBatch> ReadAsync(CaseLayout layout, string owner, string path, IProgress<long>? progress)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, Options);
        var columns = reader.Schema.DataFields.ToDictionary(f => f.Path.ToString(), StringComparer.Ordinal);
        var unknown = columns.Keys.Where(name => !layout.ByName.ContainsKey(name)).ToList();
        var missing = layout.Leaves.Where(l => l.Default is null && !columns.ContainsKey(l.Name)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw new PopulationFormatException(path, 1,
                unknown.Select(u => new FieldError(u, "unknown column: not an input of " + owner))
                    .Concat(missing.Select(m => new FieldError(m.Name, "missing column: the input has no default")))
                    .ToList());
        }

        var total = reader.RowGroups.Sum(g => g.RowCount);
        if (total > int.MaxValue / Math.Max(1, Math.Max(layout.LongCount, layout.TextCount)))
        {
            throw new PopulationFormatException(path, 1, [new FieldError("$", $"{total} rows are more than one population can hold")]);
        }

        var batch = new CaseBatch(layout, (int)total) { Count = (int)total };
        var start = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var read = new List<(InputDefinition Leaf, Array Values, DataField? Field)>();
            foreach (var leaf in layout.Leaves)
            {
                read.Add(columns.TryGetValue(leaf.Name, out var field) ? (leaf, await ReadColumn(group, field, count), field) : (leaf, Array.Empty<object>(), null));
            }

            var failure = (PopulationFormatException?)null;
            var first = start;
            Parallel.ForEach(read, column =>
            {
                var error = Store(batch, first, count, column.Leaf, column.Field is null ? null : column.Values, path);
                if (error is not null)
                {
                    lock (read)
                    {
                        if (failure is null || error.Line < failure.Line)
                        {
                            failure = error;
                        }
                    }
                }
            });
            if (failure is not null)
            {
                throw failure;
            }

            start += count;
            progress?.Report(start);
        }

        return batch;
    }

    private static async Task<Array> ReadColumn(ParquetRowGroupReader group, DataField field, int count)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }

        return type switch
        {
            _ when type == typeof(long) => await Read<long>(group, field, count),
            _ when type == typeof(int) => await Read<int>(group, field, count),
            _ when type == typeof(short) => await Read<short>(group, field, count),
            _ when type == typeof(bool) => await Read<bool>(group, field, count),
            _ when type == typeof(decimal) => await Read<decimal>(group, field, count),
            _ when type == typeof(double) => await Read<double>(group, field, count),
            _ when type == typeof(float) => await Read<float>(group, field, count),
            _ when type == typeof(DateOnly) => await Read<DateOnly>(group, field, count),
            _ when type == typeof(DateTime) => await Read<DateTime>(group, field, count),
            _ => throw new NotSupportedException($"column '{field.Name}' has the unsupported type {type.Name}"),
        };
    }

    private static async Task<Array> Read<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[count];
            await group.ReadAsync(field, nullable.AsMemory());
            return nullable;
        }

        var values = new T[count];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    }

    /// <summary>Stores one column of a row group; returns the first bad value's error, or null.</summary>
    private static PopulationFormatException? Store(CaseBatch batch, int start, int count, InputDefinition leaf, Array? values, string path)
    {
        PopulationFormatException Bad(int r, string message) => new(path, start + r + 1, [new FieldError(leaf.Name, message)]);
        var longs = batch.Longs;
        var stride = batch.Layout.LongCount;
        if (values is null)
        {
            var fallback = leaf.Default!;
            for (var r = 0; r < count; r++)
            {
                batch.Set(start + r, leaf, fallback);
            }

            return null;
        }

        // The common typed columns go straight into the slots; everything else goes through the text reader, which checks
        // ranges, patterns and enum ids exactly as CSV does (each distinct text once).
        if (leaf.Kind == InputKind.Integer && values is long[] whole)
        {
            for (var r = 0; r < count; r++)
            {
                var v = whole[r];
                if (v < leaf.Min || v > leaf.Max)
                {
                    return Bad(r, v < leaf.Min ? $"{v} is below the minimum {leaf.Min}" : $"{v} is above the maximum {leaf.Max}");
                }

                longs[((start + r) * stride) + leaf.Slot] = v;
            }

            return null;
        }

        if (leaf.Kind == InputKind.Bool && values is bool[] flags)
        {
            for (var r = 0; r < count; r++)
            {
                longs[((start + r) * stride) + leaf.Slot] = flags[r] ? 1 : 0;
            }

            return null;
        }

        if (leaf.Kind == InputKind.Date && values is DateOnly[] dates)
        {
            for (var r = 0; r < count; r++)
            {
                longs[((start + r) * stride) + leaf.Slot] = dates[r].DayNumber;
            }

            return null;
        }

        var seen = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var r = 0; r < count; r++)
        {
            var raw = values.GetValue(r);
            if (raw is null)
            {
                if (leaf.Default is null)
                {
                    return Bad(r, "missing value: the input has no default");
                }

                batch.Set(start + r, leaf, leaf.Default);
                continue;
            }

            var text = raw switch
            {
                string s => s,
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateTime t => DateOnly.FromDateTime(t).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => raw.ToString() ?? string.Empty,
            };
            if (!seen.TryGetValue(text, out var value))
            {
                var parsed = CaseReader.FromText(leaf, text, out var error);
                if (parsed is null)
                {
                    return Bad(r, error ?? $"'{text}' is not a valid value");
                }

                value = parsed;

                // One string object per distinct text keeps a million rows small (citizenships, regions repeat).
                seen[text] = value;
            }

            batch.Set(start + r, leaf, value);
        }

        return null;
    }
}
