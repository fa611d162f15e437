using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ParquetSharp;
using ParquetSharp.Schema;

namespace Koshi.Policy.Population;

/// <summary>
/// Populations as Parquet, read and written by ParquetSharp (Apache Arrow's C++ Parquet library): one column per leaf
/// input, named as in CSV (<c>spouse.education</c>). Numbers, booleans, dates and amounts are typed columns (amounts as
/// INT64 decimals when they fit); texts, enum ids and set members (joined by '|') are dictionary-encoded strings, so any
/// tool that reads Parquet reads them. Reading goes column by column straight into the batch's slots, and a text is looked
/// up once per distinct value of a page (by its place in the page's dictionary), not once per row.
/// </summary>
internal static partial class ParquetPopulation
{
    private const int RowGroupSize = 1 << 17;

    /// <summary>The widest decimal an INT64 column holds (18 digits).</summary>
    private const int Int64Precision = 18;

    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Writes the batch in row groups of <paramref name="rowGroupSize"/> rows (smaller only in tests, to have many).</summary>
    public static void Write(CaseBatch batch, Stream output, int rowGroupSize = RowGroupSize)
    {
        var leaves = batch.Layout.Leaves;
        var scales = leaves.Select(l => l.Kind == InputKind.Decimal ? Scale(batch, l) : 0).ToArray();
        var wide = leaves.Select((l, i) => l.Kind == InputKind.Decimal && !FitsInt64(batch, l, scales[i])).ToArray();
        var nodes = leaves.Select((l, i) => Node(l, scales[i], wide[i])).ToArray();
        using var schema = new GroupNode("schema", Repetition.Required, nodes);
        using var builder = new WriterPropertiesBuilder();
        using var properties = builder.Compression(Compression.Snappy).CreatedBy("koshi").Build();
        var metadata = new Dictionary<string, string> { ["koshi.population"] = "one case a row, one column per input" };
        using var writer = new ParquetFileWriter(output, schema, properties, metadata, leaveOpen: true);
        var stride = batch.Layout.LongCount;
        for (var start = 0; start < batch.Count; start += rowGroupSize)
        {
            var count = Math.Min(rowGroupSize, batch.Count - start);
            using var group = writer.AppendRowGroup();
            for (var f = 0; f < leaves.Count; f++)
            {
                var leaf = leaves[f];
                using var column = group.NextColumn();
                long Slot(int r) => batch.Longs[((start + r) * stride) + leaf.Slot];
                switch (leaf.Kind)
                {
                    case InputKind.Integer:
                        ((ColumnWriter<long>)column).WriteBatch(Column(count, Slot));
                        break;
                    case InputKind.Bool:
                        ((ColumnWriter<bool>)column).WriteBatch(Column(count, r => Slot(r) != 0));
                        break;
                    case InputKind.Date:
                        ((ColumnWriter<int>)column).WriteBatch(Column(count, r => (int)Slot(r) - UnixEpochDay));
                        break;
                    case InputKind.Decimal when !wide[f]:
                        var factor = Pow10(scales[f]);
                        ((ColumnWriter<long>)column).WriteBatch(Column(count, r => (long)(batch.Decimals[((start + r) * batch.Layout.DecimalCount) + leaf.Slot] * factor)));
                        break;
                    case InputKind.Decimal:
                        using (var decimals = column.LogicalWriter<decimal>())
                        {
                            decimals.WriteBatch(Column(count, r => batch.Decimals[((start + r) * batch.Layout.DecimalCount) + leaf.Slot]));
                        }

                        break;
                    default:
                        using (var texts = column.LogicalWriter<string?>())
                        {
                            texts.WriteBatch(Column(count, r => Text(batch, start + r, leaf)));
                        }

                        break;
                }
            }
        }

        writer.Close();
    }

    private static PrimitiveNode Node(InputDefinition leaf, int scale, bool wide) => leaf.Kind switch
    {
        InputKind.Integer => new PrimitiveNode(leaf.Name, Repetition.Required, LogicalType.Int(64, isSigned: true), PhysicalType.Int64),
        InputKind.Bool => new PrimitiveNode(leaf.Name, Repetition.Required, LogicalType.None(), PhysicalType.Boolean),
        InputKind.Date => new PrimitiveNode(leaf.Name, Repetition.Required, LogicalType.Date(), PhysicalType.Int32),
        InputKind.Decimal when !wide => new PrimitiveNode(leaf.Name, Repetition.Required, LogicalType.Decimal(Int64Precision, scale), PhysicalType.Int64),

        // ParquetSharp's widest decimal: 29 digits in 16 bytes.
        InputKind.Decimal => new PrimitiveNode(leaf.Name, Repetition.Required, LogicalType.Decimal(29, scale), PhysicalType.FixedLenByteArray, 16),
        _ => new PrimitiveNode(leaf.Name, Repetition.Optional, LogicalType.String(), PhysicalType.ByteArray),
    };

    /// <summary>The decimal places of an amount column: the most any of its amounts has as written (12.50 has two).</summary>
    private static int Scale(CaseBatch batch, InputDefinition leaf)
    {
        var scale = 0;
        for (var r = 0; r < batch.Count; r++)
        {
            scale = Math.Max(scale, batch.Decimals[(r * batch.Layout.DecimalCount) + leaf.Slot].Scale);
        }

        return scale;
    }

    /// <summary>Every amount of the column, at its decimal places, fits the 18 digits of an INT64 decimal.</summary>
    private static bool FitsInt64(CaseBatch batch, InputDefinition leaf, int scale)
    {
        if (scale > Int64Precision)
        {
            return false;
        }

        var limit = 1e18m / Pow10(scale);
        for (var r = 0; r < batch.Count; r++)
        {
            if (Math.Abs(batch.Decimals[(r * batch.Layout.DecimalCount) + leaf.Slot]) >= limit)
            {
                return false;
            }
        }

        return true;
    }

    private static decimal Pow10(int scale)
    {
        var factor = 1m;
        for (var i = 0; i < scale; i++)
        {
            factor *= 10;
        }

        return factor;
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

    /// <summary>Reads a Parquet population; a bad value stops the read naming its row (from 1) and column.
    /// <paramref name="simple"/> reads every column through the text reader on one thread (the slow reference the tests
    /// compare the fast path with).</summary>
    public static CaseBatch Read(CaseLayout layout, string owner, string path, IProgress<long>? progress, bool simple = false)
    {
        try
        {
            return ReadFile(layout, owner, path, progress, simple);
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.All(Damaged))
        {
            // A worker met a damaged page (the workers stop at bad values themselves, so only the library throws here).
            throw NotReadable(path, ex.Flatten().InnerExceptions[0]);
        }
        catch (Exception ex) when (Damaged(ex))
        {
            throw NotReadable(path, ex);
        }
    }

    private static bool Damaged(Exception ex) => ex is ParquetException or IOException or InvalidDataException or NotSupportedException or ArgumentException
        or InvalidOperationException or InvalidCastException or OverflowException or IndexOutOfRangeException;

    private static PopulationFormatException NotReadable(string path, Exception ex)
    {
        // The C++ library's messages carry its exception's mangled type name before the sentence: keep the sentence.
        var message = ParquetMessage().Match(ex.Message) is { Success: true } m ? m.Groups[1].Value : ex.Message;
        message = string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new PopulationFormatException(path, 1, [FieldError.Of("$", "parquet.unreadable", "not a readable Parquet file: " + message)]);
    }

    [GeneratedRegex(@"\(message: '(.*)'\)", RegexOptions.Singleline)]
    private static partial Regex ParquetMessage();

    private static CaseBatch ReadFile(CaseLayout layout, string owner, string path, IProgress<long>? progress, bool simple)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        long[] groupRows;
        using (var file = new ParquetFileReader(path))
        {
            var metadata = file.FileMetaData;
            for (var c = 0; c < metadata.NumColumns; c++)
            {
                var descriptor = metadata.Schema.Column(c);
                if (descriptor.MaxRepetitionLevel > 0)
                {
                    throw new PopulationFormatException(path, 1, [FieldError.Of(descriptor.Path.ToDotString(), "column.type", "a list column: a population has one value a cell", descriptor.Path.ToDotString())]);
                }

                columns[descriptor.Path.ToDotString()] = c;
            }

            groupRows = Enumerable.Range(0, metadata.NumRowGroups).Select(g =>
            {
                using var group = file.RowGroup(g);
                return group.MetaData.NumRows;
            }).ToArray();
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
            throw new PopulationFormatException(path, 1, [FieldError.Of("$", "population.too-large", $"{total} rows are more than one population can hold", total.ToString(CultureInfo.InvariantCulture))]);
        }

        var batch = new CaseBatch(layout, (int)total) { Count = (int)total };
        var firstRow = new int[groupRows.Length];
        for (var g = 1; g < groupRows.Length; g++)
        {
            firstRow[g] = firstRow[g - 1] + (int)groupRows[g - 1];
        }

        // Row groups are independent: each worker opens the file itself and takes every n-th group, so decoding runs on
        // every core. A worker stops at its first bad row; the lowest bad row of all is reported.
        var workers = simple ? 1 : Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, groupRows.Length));
        var failures = new PopulationFormatException?[workers];
        var done = 0L;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            using var file = new ParquetFileReader(path);
            var columnReader = new ColumnStore(batch, path);
            for (var g = w; g < groupRows.Length; g += workers)
            {
                using var group = file.RowGroup(g);
                var count = (int)groupRows[g];
                foreach (var leaf in layout.Leaves)
                {
                    if (!columns.TryGetValue(leaf.Name, out var index))
                    {
                        columnReader.Fill(leaf, firstRow[g], count);
                        continue;
                    }

                    using var column = group.Column(index);
                    var error = simple ? columnReader.ReadAsText(column, leaf, firstRow[g], count) : columnReader.Read(column, leaf, firstRow[g], count);

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
        });

        var failure = failures.Where(f => f is not null).MinBy(f => f!.Line);
        return failure is null ? batch : throw failure;
    }

    /// <summary>Reads columns of one worker's row groups straight into the batch's slots, reusing its buffers. The loops over
    /// every row (AggressiveOptimization) are compiled fully optimised when first called rather than taken from the CLI's
    /// ReadyToRun image, whose precompiled code is slower in loops like these (bench/RESULTS-simulate.md).</summary>
    private sealed class ColumnStore(CaseBatch batch, string path)
    {
        private readonly Dictionary<Type, Array> _buffers = [];
        private short[] _levels = [];

        // Per input, the slot value of every distinct text seen so far (enum ids, set members, citizenships repeat):
        // each distinct text is checked once.
        private readonly Dictionary<InputDefinition, Dictionary<string, Cell>> _texts = [];

        // Per page read, the cell of each text's place in memory: a dictionary-encoded page points every row at one of a
        // few places, so most rows are found by address without decoding their bytes. Cleared after every read, since a
        // later page may put other bytes at the same address.
        private readonly Dictionary<(nint, int), Cell> _byAddress = [];

        private T[] Buffer<T>(int count)
        {
            if (!_buffers.TryGetValue(typeof(T), out var array) || array.Length < count)
            {
                _buffers[typeof(T)] = array = new T[count];
            }

            return (T[])array;
        }

        private short[] Levels(int count) => _levels.Length >= count ? _levels : _levels = new short[count];

        public void Fill(InputDefinition leaf, int start, int count)
        {
            var fallback = leaf.Default!;
            for (var r = 0; r < count; r++)
            {
                batch.Set(start + r, leaf, fallback);
            }
        }

        /// <summary>The typed paths for the columns the generator writes (and any tool writes alike); anything else goes
        /// through <see cref="ReadAsText"/>.</summary>
        public PopulationFormatException? Read(ColumnReader column, InputDefinition leaf, int start, int count)
        {
            var descriptor = column.ColumnDescriptor;
            var logical = descriptor.LogicalType.Type;
            var required = descriptor.MaxDefinitionLevel == 0;
            switch (column)
            {
                case ColumnReader<long> longs when required && leaf.Kind == InputKind.Integer && logical is LogicalTypeEnum.Int or LogicalTypeEnum.None:
                    return StoreLongs(leaf, start, ReadRequired(longs, count));
                case ColumnReader<int> ints when required && leaf.Kind == InputKind.Date && logical == LogicalTypeEnum.Date:
                    return StoreDates(leaf, start, ReadRequired(ints, count));
                case ColumnReader<bool> bools when required && leaf.Kind == InputKind.Bool && logical == LogicalTypeEnum.None:
                    StoreBools(leaf, start, ReadRequired(bools, count));
                    return null;
                case ColumnReader<long> unscaled when required && leaf.Kind == InputKind.Decimal && logical == LogicalTypeEnum.Decimal:
                    return StoreDecimals(leaf, start, ReadRequired(unscaled, count), (byte)descriptor.TypeScale);
                case ColumnReader<FixedLenByteArray> when required && leaf.Kind == InputKind.Decimal && logical == LogicalTypeEnum.Decimal:
                    using (var amounts = column.LogicalReader<decimal>())
                    {
                        var values = Buffer<decimal>(count);
                        var read = amounts.ReadBatch(values.AsSpan(0, count));
                        var zero = AtScale(descriptor.TypeScale);
                        for (var r = 0; r < read; r++)
                        {
                            values[r] += zero;
                        }

                        return StoreDecimals(leaf, start, values.AsSpan(0, read == count ? count : throw new InvalidDataException($"column '{leaf.Name}' has {read} values for {count} rows")));
                    }

                case ColumnReader<ByteArray> texts when leaf.Kind is InputKind.Text or InputKind.Enum or InputKind.Set && logical == LogicalTypeEnum.String:
                    return StoreTexts(texts, leaf, start, count, descriptor.MaxDefinitionLevel);
                default:
                    return ReadAsText(column, leaf, start, count);
            }
        }

        private ReadOnlySpan<T> ReadRequired<T>(ColumnReader<T> column, int count)
            where T : unmanaged
        {
            var values = Buffer<T>(count);
            var read = 0;
            while (read < count && column.HasNext)
            {
                read += (int)column.ReadBatch(count - read, values.AsSpan(read, count - read), out _);
            }

            return values.AsSpan(0, read == count ? count : throw new InvalidDataException($"column '{column.ColumnDescriptor.Name}' has {read} values for {count} rows"));
        }

        private PopulationFormatException Bad(InputDefinition leaf, int row, InputProblem problem) => new(path, row + 1, [new FieldError(leaf.Name, problem)]);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void StoreBools(InputDefinition leaf, int start, ReadOnlySpan<bool> values)
        {
            var longs = batch.Longs;
            var stride = batch.Layout.LongCount;
            for (var r = 0; r < values.Length; r++)
            {
                longs[((start + r) * stride) + leaf.Slot] = values[r] ? 1 : 0;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private PopulationFormatException? StoreDates(InputDefinition leaf, int start, ReadOnlySpan<int> daysSince1970)
        {
            var longs = batch.Longs;
            var stride = batch.Layout.LongCount;
            for (var r = 0; r < daysSince1970.Length; r++)
            {
                var day = UnixEpochDay + (long)daysSince1970[r];
                if (day < 0 || day > DateOnly.MaxValue.DayNumber)
                {
                    var days = daysSince1970[r].ToString(CultureInfo.InvariantCulture);
                    return Bad(leaf, start + r, new InputProblem("value.type", $"expected {CaseReader.Describe(leaf)}, got a day outside the calendar ({days} days from 1970-01-01)", CaseReader.Kind(leaf), days));
                }

                longs[((start + r) * stride) + leaf.Slot] = day;
            }

            return null;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private PopulationFormatException? StoreDecimals(InputDefinition leaf, int start, ReadOnlySpan<long> unscaled, byte scale)
        {
            var values = Buffer<decimal>(unscaled.Length);
            for (var r = 0; r < unscaled.Length; r++)
            {
                var u = unscaled[r];
                var magnitude = u < 0 ? (ulong)-(u + 1) + 1 : (ulong)u;
                values[r] = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, u < 0, scale);
            }

            return StoreDecimals(leaf, start, values.AsSpan(0, unscaled.Length));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private PopulationFormatException? StoreTexts(ColumnReader<ByteArray> column, InputDefinition leaf, int start, int count, short present)
        {
            if (!_texts.TryGetValue(leaf, out var seen))
            {
                _texts[leaf] = seen = new Dictionary<string, Cell>(StringComparer.Ordinal);
            }

            var isText = leaf.Store == SlotStore.Text;
            var longs = batch.Longs;
            var texts = batch.Texts;
            var at = leaf.Slot;
            var stride = isText ? batch.Layout.TextCount : batch.Layout.LongCount;
            var values = Buffer<ByteArray>(count);
            var levels = present > 0 ? Levels(count) : null;
            Cell? fallback = null;
            var row = 0;
            while (row < count && column.HasNext)
            {
                _byAddress.Clear();
                var rows = (int)column.ReadBatch(count - row, levels is null ? default : levels.AsSpan(row, count - row), default, values, out var valuesRead);
                var next = 0;
                for (var r = row; r < row + rows; r++)
                {
                    Cell cell;
                    if (levels is not null && levels[r] < present)
                    {
                        if (fallback is null)
                        {
                            if (leaf.Default is null)
                            {
                                return Bad(leaf, start + r, new InputProblem("value.missing", "missing value: the input has no default"));
                            }

                            fallback = ToCell(leaf, leaf.Default);
                        }

                        cell = fallback.Value;
                    }
                    else
                    {
                        var bytes = values[next++];
                        if (!_byAddress.TryGetValue((bytes.Pointer, bytes.Length), out cell))
                        {
                            var text = Marshal.PtrToStringUTF8(bytes.Pointer, bytes.Length);
                            if (!seen.TryGetValue(text, out cell))
                            {
                                var parsed = CaseReader.FromText(leaf, text, out InputProblem? error);
                                if (parsed is null)
                                {
                                    return Bad(leaf, start + r, error!);
                                }

                                seen[text] = cell = ToCell(leaf, parsed);
                            }

                            _byAddress[(bytes.Pointer, bytes.Length)] = cell;
                        }
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

                row += rows;
            }

            return row == count ? null : throw new InvalidDataException($"column '{leaf.Name}' has {row} values for {count} rows");
        }

        /// <summary>A checked value as the slot holds it (what <see cref="CaseBatch.Set"/> stores).</summary>
        private static Cell ToCell(InputDefinition leaf, object value)
            => leaf.Store == SlotStore.Text ? new Cell(0, (string)value) : new Cell(CaseBatch.SlotLong(leaf, value), null);

        private readonly record struct Cell(long Long, string? Text);

        /// <summary>Stores one column of a row group value by value through the text reader, which checks ranges, patterns
        /// and enum ids exactly as CSV does (each distinct text once); returns the first bad value's error, or null.</summary>
        public PopulationFormatException? ReadAsText(ColumnReader column, InputDefinition leaf, int start, int count)
        {
            using var logical = column.LogicalReader();
            var values = logical.Apply(new ReadAll(count));
            var zero = column.ColumnDescriptor.LogicalType.Type == LogicalTypeEnum.Decimal ? AtScale(column.ColumnDescriptor.TypeScale) : 0m;
            var seen = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var r = 0; r < count; r++)
            {
                var raw = values.GetValue(r);
                if (raw is null)
                {
                    if (leaf.Default is null)
                    {
                        return Bad(leaf, start + r, new InputProblem("value.missing", "missing value: the input has no default"));
                    }

                    batch.Set(start + r, leaf, leaf.Default);
                    continue;
                }

                var text = raw switch
                {
                    string s => s,
                    Date d => DateOnly.FromDateTime(d.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime t => DateOnly.FromDateTime(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    decimal m => (m + zero).ToString(CultureInfo.InvariantCulture),
                    byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => raw.ToString() ?? string.Empty,
                };
                if (!seen.TryGetValue(text, out var value))
                {
                    var parsed = CaseReader.FromText(leaf, text, out InputProblem? error);
                    if (parsed is null)
                    {
                        return Bad(leaf, start + r, error!);
                    }

                    // One string object per distinct text keeps a million rows small (citizenships, regions repeat).
                    seen[text] = value = parsed;
                }

                batch.Set(start + r, leaf, value);
            }

            return null;
        }
    }

    /// <summary>Zero with the column's decimal places: added to an amount, it shows the places the file gives it (12.50 in a
    /// column of two places, not 12.5), whichever way the amount was read.</summary>
    private static decimal AtScale(int scale) => new(0, 0, 0, false, (byte)scale);

    /// <summary>Reads a whole column of a row group as the .NET type ParquetSharp gives its logical type.</summary>
    private sealed class ReadAll(int count) : ILogicalColumnReaderVisitor<Array>
    {
        public Array OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader) => columnReader.ReadAll(count);
    }
}
