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

    /// <summary>Writes the batch in row groups of <paramref name="rowGroupSize"/> rows (smaller only in tests, to have many).</summary>
    public static void Write(CaseBatch batch, Stream output, int rowGroupSize = RowGroupSize) => WriteAsync(batch, output, rowGroupSize).GetAwaiter().GetResult();

    private static async Task WriteAsync(CaseBatch batch, Stream output, int rowGroupSize)
    {
        var leaves = batch.Layout.Leaves;
        var fields = leaves.Select(Field).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, Options);
        writer.CustomMetadata = new Dictionary<string, string> { ["koshi.population"] = "one case a row, one column per input" };
        for (var start = 0; start < batch.Count; start += rowGroupSize)
        {
            var count = Math.Min(rowGroupSize, batch.Count - start);
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

    /// <summary>Reads a Parquet population; a bad value stops the read naming its row (from 1) and column.
    /// <paramref name="simple"/> reads every column through the text reader on one thread (the slow reference the tests
    /// compare the fast path with).</summary>
    public static CaseBatch Read(CaseLayout layout, string owner, string path, IProgress<long>? progress, bool simple = false)
    {
        try
        {
            return ReadAsync(layout, owner, path, progress, simple).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not PopulationFormatException and (IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or OverflowException or IndexOutOfRangeException))
        {
            throw new PopulationFormatException(path, 1, [FieldError.Of("$", "parquet.unreadable", "not a readable Parquet file: " + ex.Message)]);
        }
    }

    private static async Task<CaseBatch> ReadAsync(CaseLayout layout, string owner, string path, IProgress<long>? progress, bool simple)
    {
        Dictionary<string, DataField> columns;
        long[] groupRows;
        await using (var file = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(file, Options))
        {
            columns = reader.Schema.DataFields.ToDictionary(f => f.Path.ToString(), StringComparer.Ordinal);
            groupRows = reader.RowGroups.Select(g => g.RowCount).ToArray();
        }

        var unknown = columns.Keys.Where(name => !layout.ByName.ContainsKey(name)).ToList();
        var missing = layout.Leaves.Where(l => l.Default is null && !columns.ContainsKey(l.Name)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw new PopulationFormatException(path, 1,
                unknown.Select(u => FieldError.Of(u, "column.unknown", "unknown column: not an input of " + owner, u))
                    .Concat(missing.Select(m => FieldError.Of(m.Name, "column.missing", "missing column: the input has no default", m.Name)))
                    .ToList());
        }

        var total = groupRows.Sum();
        if (total > int.MaxValue / Math.Max(1, Math.Max(layout.LongCount, layout.TextCount)))
        {
            throw new PopulationFormatException(path, 1, [FieldError.Of("$", "population.too-large", $"{total} rows are more than one population can hold", total.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        var batch = new CaseBatch(layout, (int)total) { Count = (int)total };
        var firstRow = new int[groupRows.Length];
        for (var g = 1; g < groupRows.Length; g++)
        {
            firstRow[g] = firstRow[g - 1] + (int)groupRows[g - 1];
        }

        // Row groups are independent: each worker opens the file itself and takes every n-th group, so decoding (most of
        // the time) runs on every core. A worker stops at its first bad row; the lowest bad row of all is reported.
        var workers = simple ? 1 : Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, groupRows.Length));
        var failures = new PopulationFormatException?[workers];
        var done = 0L;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            await using var file = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(file, Options);
            var columnReader = new ColumnReader(batch, path);
            for (var g = w; g < groupRows.Length; g += workers)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = (int)groupRows[g];
                foreach (var leaf in layout.Leaves)
                {
                    var error = columns.TryGetValue(leaf.Name, out var field)
                        ? await columnReader.Read(group, field, leaf, firstRow[g], count, simple)
                        : columnReader.Fill(leaf, firstRow[g], count);
                    if (error is not null && (failures[w] is null || error.Line < failures[w]!.Line))
                    {
                        failures[w] = error;
                    }
                }

                if (failures[w] is not null)
                {
                    return;
                }

                progress?.Report(Interlocked.Add(ref done, count));
            }
        })));

        var failure = failures.Where(f => f is not null).MinBy(f => f!.Line);
        return failure is null ? batch : throw failure;
    }

    /// <summary>Reads columns of one worker's row groups straight into the batch's slots, reusing its buffers.</summary>
    private sealed class ColumnReader(CaseBatch batch, string path)
    {
        private readonly Dictionary<Type, Array> _buffers = [];

        // Per input, the slot value of every distinct text seen so far (enum ids, set members, citizenships repeat):
        // each distinct text is checked once, looked up by its characters without making a string per row.
        private readonly Dictionary<InputDefinition, Dictionary<string, Cell>> _texts = [];

        private T[] Buffer<T>(int count)
        {
            if (!_buffers.TryGetValue(typeof(T), out var array) || array.Length < count)
            {
                _buffers[typeof(T)] = array = new T[count];
            }

            return (T[])array;
        }

        public PopulationFormatException? Fill(InputDefinition leaf, int start, int count)
        {
            var fallback = leaf.Default!;
            for (var r = 0; r < count; r++)
            {
                batch.Set(start + r, leaf, fallback);
            }

            return null;
        }

        public async Task<PopulationFormatException?> Read(ParquetRowGroupReader group, DataField field, InputDefinition leaf, int start, int count, bool simple)
        {
            var type = field.ClrType;
            if (!simple && !field.IsNullable)
            {
                if (leaf.Kind == InputKind.Integer && type == typeof(long))
                {
                    var values = Buffer<long>(count);
                    await group.ReadAsync(field, values.AsMemory(0, count));
                    return StoreLongs(leaf, start, values.AsSpan(0, count));
                }

                if (leaf.Kind == InputKind.Bool && type == typeof(bool))
                {
                    var values = Buffer<bool>(count);
                    await group.ReadAsync(field, values.AsMemory(0, count));
                    StoreBools(leaf, start, values.AsSpan(0, count));
                    return null;
                }

                if (leaf.Kind == InputKind.Date && type == typeof(DateOnly))
                {
                    var values = Buffer<DateOnly>(count);
                    await group.ReadAsync(field, values.AsMemory(0, count));
                    StoreDates(leaf, start, values.AsSpan(0, count));
                    return null;
                }

                if (leaf.Kind == InputKind.Decimal && type == typeof(decimal))
                {
                    var values = Buffer<decimal>(count);
                    await group.ReadAsync(field, values.AsMemory(0, count));
                    return StoreDecimals(leaf, start, values.AsSpan(0, count));
                }
            }

            if (!simple && type == typeof(ReadOnlyMemory<char>) && leaf.Kind is InputKind.Text or InputKind.Enum or InputKind.Set)
            {
                if (field.IsNullable)
                {
                    var values = Buffer<ReadOnlyMemory<char>?>(count);
                    await group.ReadAsync(field, values.AsMemory(0, count));
                    return StoreTexts(leaf, start, values.AsSpan(0, count));
                }
                else
                {
                    var values = Buffer<ReadOnlyMemory<char>?>(count);
                    var plain = Buffer<ReadOnlyMemory<char>>(count);
                    await group.ReadAsync(field, plain.AsMemory(0, count));
                    for (var r = 0; r < count; r++)
                    {
                        values[r] = plain[r];
                    }

                    return StoreTexts(leaf, start, values.AsSpan(0, count));
                }
            }

            return Store(batch, start, count, leaf, await ReadColumn(group, field, count), path);
        }

        private PopulationFormatException Bad(InputDefinition leaf, int row, InputProblem problem) => new(path, row + 1, [new FieldError(leaf.Name, problem)]);

        private PopulationFormatException? StoreLongs(InputDefinition leaf, int start, ReadOnlySpan<long> values)
        {
            var longs = batch.Longs;
            var stride = batch.Layout.LongCount;
            for (var r = 0; r < values.Length; r++)
            {
                var v = values[r];
                if (v < leaf.Min || v > leaf.Max)
                {
                    return Bad(leaf, start + r, CaseReader.OutOfRange(leaf, v)!);
                }

                longs[((start + r) * stride) + leaf.Slot] = v;
            }

            return null;
        }

        private void StoreBools(InputDefinition leaf, int start, ReadOnlySpan<bool> values)
        {
            var longs = batch.Longs;
            var stride = batch.Layout.LongCount;
            for (var r = 0; r < values.Length; r++)
            {
                longs[((start + r) * stride) + leaf.Slot] = values[r] ? 1 : 0;
            }
        }

        private void StoreDates(InputDefinition leaf, int start, ReadOnlySpan<DateOnly> values)
        {
            var longs = batch.Longs;
            var stride = batch.Layout.LongCount;
            for (var r = 0; r < values.Length; r++)
            {
                longs[((start + r) * stride) + leaf.Slot] = values[r].DayNumber;
            }
        }

        private PopulationFormatException? StoreDecimals(InputDefinition leaf, int start, ReadOnlySpan<decimal> values)
        {
            var decimals = batch.Decimals;
            var stride = batch.Layout.DecimalCount;
            for (var r = 0; r < values.Length; r++)
            {
                var v = values[r];
                if (v < leaf.Min || v > leaf.Max)
                {
                    return Bad(leaf, start + r, CaseReader.OutOfRange(leaf, v)!);
                }

                decimals[((start + r) * stride) + leaf.Slot] = v;
            }

            return null;
        }

        private PopulationFormatException? StoreTexts(InputDefinition leaf, int start, ReadOnlySpan<ReadOnlyMemory<char>?> values)
        {
            if (!_texts.TryGetValue(leaf, out var seen))
            {
                _texts[leaf] = seen = new Dictionary<string, Cell>(StringComparer.Ordinal);
            }

            var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
            var isText = leaf.Store == SlotStore.Text;
            var longs = batch.Longs;
            var texts = batch.Texts;
            var at = leaf.Slot;
            var stride = isText ? batch.Layout.TextCount : batch.Layout.LongCount;
            Cell fallback = default;
            var hasFallback = false;
            for (var r = 0; r < values.Length; r++)
            {
                Cell cell;
                if (values[r] is not { } memory)
                {
                    if (!hasFallback)
                    {
                        if (leaf.Default is null)
                        {
                            return Bad(leaf, start + r, new InputProblem("value.missing", "missing value: the input has no default"));
                        }

                        fallback = ToCell(leaf, leaf.Default);
                        hasFallback = true;
                    }

                    cell = fallback;
                }
                else if (!lookup.TryGetValue(memory.Span, out cell))
                {
                    var text = memory.ToString();
                    var parsed = CaseReader.FromText(leaf, text, out InputProblem? error);
                    if (parsed is null)
                    {
                        return Bad(leaf, start + r, error ?? new InputProblem("value.type", $"'{text}' is not a valid value", CaseReader.Kind(leaf), text));
                    }

                    seen[text] = cell = ToCell(leaf, parsed);
                }

                if (isText)
                {
                    texts[((start + r) * stride) + at] = cell.Text!;
                }
                else
                {
                    longs[((start + r) * stride) + at] = cell.Long;
                }
            }

            return null;
        }

        /// <summary>A checked value as the slot holds it (what <see cref="CaseBatch.Set"/> stores).</summary>
        private static Cell ToCell(InputDefinition leaf, object value)
            => leaf.Store == SlotStore.Text ? new Cell(0, (string)value) : new Cell(CaseBatch.SlotLong(leaf, value), null);

        private readonly record struct Cell(long Long, string? Text);
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

    /// <summary>Stores one column of a row group value by value through the text reader, which checks ranges, patterns and
    /// enum ids exactly as CSV does (each distinct text once); returns the first bad value's error, or null. The columns the
    /// generator writes take the typed paths of <see cref="ColumnReader"/> instead; this one reads anything else.</summary>
    private static PopulationFormatException? Store(CaseBatch batch, int start, int count, InputDefinition leaf, Array values, string path)
    {
        PopulationFormatException Bad(int r, InputProblem problem) => new(path, start + r + 1, [new FieldError(leaf.Name, problem)]);
        var seen = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var r = 0; r < count; r++)
        {
            var raw = values.GetValue(r);
            if (raw is null)
            {
                if (leaf.Default is null)
                {
                    return Bad(r, new InputProblem("value.missing", "missing value: the input has no default"));
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
                var parsed = CaseReader.FromText(leaf, text, out InputProblem? error);
                if (parsed is null)
                {
                    return Bad(r, error ?? new InputProblem("value.type", $"'{text}' is not a valid value", CaseReader.Kind(leaf), text));
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
