using System.Collections.Concurrent;
using System.Text.Json;
using Koshi.Policy.Csv;

namespace Koshi.Policy.Population;

/// <summary>A bad row of a population file: the file, the line and every bad field.</summary>
public sealed class PopulationFormatException(string file, long line, IReadOnlyList<FieldError> errors)
    : Exception($"{file}:{line}: {string.Join("; ", errors)}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>A population of cases for one scheme, read once into the flat arrays the compiled rules scan.</summary>
public sealed class PopulationData
{
    private const int Chunk = 16_384;

    private readonly Scheme? _scheme;

    private PopulationData(Scheme scheme, CaseBatch batch, string path)
    {
        _scheme = scheme;
        Batch = batch;
        Path = path;
    }

    private PopulationData(RuleSet ruleSet, CaseBatch batch, string path)
    {
        RuleSet = ruleSet;
        Batch = batch;
        Path = path;
    }

    /// <summary>The scheme the cases were read for (a population read for a rule set has none).</summary>
    public Scheme Scheme => _scheme ?? throw new InvalidOperationException($"the population {Path} was read for rule set '{RuleSet?.Id}', not a scheme");

    /// <summary>The rule set the cases were read for, or null for a scheme's population.</summary>
    public RuleSet? RuleSet { get; }
    public string Path { get; }
    public int Count => Batch.Count;
    internal CaseBatch Batch { get; }

    /// <summary>Reads a JSON Lines file (one case object a line), a CSV file (a header of input names; set members joined by '|')
    /// or a Parquet file (.parquet, a column per input). The first bad row stops the read with its line (or row) number and fields.</summary>
    public static PopulationData Read(Scheme scheme, string path, IProgress<long>? progress = null)
        => new(scheme, ReadBatch(scheme.Layout, scheme.Id, path, progress), path);

    /// <summary>Reads a population of cases for a rule set, from the same three formats.</summary>
    public static PopulationData Read(RuleSet ruleSet, string path, IProgress<long>? progress = null)
        => new(ruleSet, ReadBatch(ruleSet.Layout, ruleSet.Id, path, progress), path);

    /// <summary>A Parquet population read the simple way: one thread, every value through the text reader (the reference
    /// the fast reader is tested against).</summary>
    internal static PopulationData ReadParquetSimple(Scheme scheme, string path)
        => new(scheme, ParquetPopulation.Read(scheme.Layout, scheme.Id, path, null, simple: true), path);

    private static CaseBatch ReadBatch(CaseLayout layout, string owner, string path, IProgress<long>? progress)
        => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(layout, owner, path, progress)
            : path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ParquetPopulation.Read(layout, owner, path, progress)
            : ReadJsonLines(layout, path, progress);

    /// <summary>JSON Lines, read as bytes in large blocks and parsed in parallel straight into the batch; a line the
    /// fast reader declines is read again the careful way, which names every bad field.</summary>
    private static CaseBatch ReadJsonLines(CaseLayout layout, string path, IProgress<long>? progress)
    {
        const int BlockSize = 8 << 20;
        var batch = new CaseBatch(layout, Chunk);
        using var file = File.OpenRead(path);
        var buffer = new byte[BlockSize];
        var filled = 0;
        long lineNumber = 0;
        var starts = new List<int>();
        var lengths = new List<int>();
        while (true)
        {
            var read = file.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var end = read == 0 ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (end == 0 && read > 0)
            {
                // One line longer than the buffer: grow it and read on.
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }

            starts.Clear();
            lengths.Clear();
            for (var at = 0; at < end;)
            {
                var newline = buffer.AsSpan(at, end - at).IndexOf((byte)'\n');
                var length = newline < 0 ? end - at : newline;
                var trimmed = length > 0 && buffer[at + length - 1] == '\r' ? length - 1 : length;
                starts.Add(at);
                lengths.Add(trimmed);
                at += length + 1;
            }

            if (starts.Count > 0)
            {
                var first = lineNumber + 1;
                var start = batch.Count;
                batch.EnsureCapacity(start + starts.Count);
                var failure = (PopulationFormatException?)null;
                var block = buffer;
                Parallel.For(0, starts.Count, () => (Reader: new JsonRowReader(layout), Errors: new List<FieldError>()), (i, _, local) =>
                {
                    var line = block.AsSpan(starts[i], lengths[i]);
                    if (local.Reader.TryRead(line, batch, start + i))
                    {
                        return local;
                    }

                    local.Errors.Clear();
                    if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
                    {
                        local.Errors.Add(FieldError.Of("$", "line.empty", "empty line"));
                    }
                    else
                    {
                        try
                        {
                            using var document = JsonDocument.Parse(block.AsMemory(starts[i], lengths[i]));
                            CaseReader.ReadJson(batch, start + i, document.RootElement, local.Errors);
                        }
                        catch (JsonException ex)
                        {
                            local.Errors.Add(FieldError.Of("$", "json.invalid", "not valid JSON: " + ex.Message, ((ex.BytePositionInLine ?? 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                        }
                    }

                    if (local.Errors.Count > 0)
                    {
                        var error = new PopulationFormatException(path, first + i, [.. local.Errors]);
                        lock (starts)
                        {
                            if (failure is null || error.Line < failure.Line)
                            {
                                failure = error;
                            }
                        }
                    }

                    return local;
                }, _ => { });
                if (failure is not null)
                {
                    throw failure;
                }

                batch.Count = start + starts.Count;
                lineNumber += starts.Count;
                progress?.Report(batch.Count);
            }

            if (read == 0)
            {
                break;
            }

            // Keep the unfinished last line for the next block.
            Array.Copy(buffer, end, buffer, 0, filled - end);
            filled -= end;
        }

        return batch;
    }

    /// <summary>CSV (RFC 4180, read by <see cref="CsvFile"/>): a header of full input names, then one case a row;
    /// a quoted cell may run over several lines, and errors name the line the row starts on.</summary>
    private static CaseBatch ReadCsv(CaseLayout layout, string owner, string path, IProgress<long>? progress)
    {
        var batch = new CaseBatch(layout, Chunk);
        using var file = OpenCsv(path);
        var header = file.Header.ToArray();
        if (header.Length == 0)
        {
            throw new PopulationFormatException(path, 1, [FieldError.Of("header", "csv.empty", "the CSV file is empty")]);
        }

        var unknown = header.Where(h => !layout.ByName.ContainsKey(h)).ToList();
        if (unknown.Count > 0)
        {
            throw new PopulationFormatException(path, 1, unknown.Select(u => FieldError.Of(u, "column.unknown", "unknown column: not an input of " + owner, u)).ToList());
        }

        var rows = new List<CsvRow>(Chunk);
        var strings = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var reading = Rows(file, path).GetEnumerator();
        while (true)
        {
            rows.Clear();
            while (rows.Count < Chunk && reading.MoveNext())
            {
                rows.Add(reading.Current);
            }

            if (rows.Count == 0)
            {
                break;
            }

            var start = batch.Count;
            batch.EnsureCapacity(start + rows.Count);
            var failure = (PopulationFormatException?)null;
            Parallel.For(0, rows.Count, () => new List<FieldError>(), (i, state, errors) =>
            {
                errors.Clear();
                var cells = rows[i].Cells;
                if (cells.Length == 0)
                {
                    errors.Add(FieldError.Of("$", "line.empty", "empty line"));
                }
                else if (cells.Length != header.Length)
                {
                    errors.Add(FieldError.Of("$", "csv.columns", $"{cells.Length} columns, the header has {header.Length}", cells.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else
                {
                    CaseReader.ReadText(batch, start + i, name => Array.IndexOf(header, name) is var c and >= 0 ? cells[c] : null, errors);
                }

                if (errors.Count > 0)
                {
                    var error = new PopulationFormatException(path, rows[i].Line, [.. errors]);
                    lock (rows)
                    {
                        if (failure is null || error.Line < failure.Line)
                        {
                            failure = error;
                        }
                    }
                }

                return errors;
            }, _ => { });
            if (failure is not null)
            {
                throw failure;
            }

            Intern(batch, start, rows.Count, strings);
            batch.Count = start + rows.Count;
            progress?.Report(batch.Count);
        }

        return batch;
    }

    private static CsvFile OpenCsv(string path)
    {
        try
        {
            return CsvFile.Open(path);
        }
        catch (CsvFormatException ex)
        {
            throw new PopulationFormatException(path, ex.Line, [FieldError.Of("$", "csv.malformed", ex.Problem)]);
        }
    }

    /// <summary>The file's rows, a malformed one (an unclosed quote) as a bad row of the population.</summary>
    private static IEnumerable<CsvRow> Rows(CsvFile file, string path)
    {
        using var rows = file.Rows().GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (CsvFormatException ex)
            {
                throw new PopulationFormatException(path, ex.Line, [FieldError.Of("$", "csv.malformed", ex.Problem)]);
            }

            yield return rows.Current;
        }
    }

    /// <summary>Reads the same population for another scheme (a reform): shares the arrays when both read the data alike.</summary>
    public PopulationData For(Scheme other)
        => other.Layout.SameShape(Batch.Layout) ? new PopulationData(other, Rebind(other.Layout), Path) : Read(other, Path);

    /// <summary>Reads the same population for another rule set (a reform), sharing the arrays when it can.</summary>
    public PopulationData For(RuleSet other)
        => other.Layout.SameShape(Batch.Layout) ? new PopulationData(other, Rebind(other.Layout), Path) : Read(other, Path);

    /// <summary>Writes the population as Parquet, a column per input (see <see cref="ParquetPopulation"/>).</summary>
    public void WriteParquet(Stream output) => ParquetPopulation.Write(Batch, output);

    /// <summary>Cases kept in memory, e.g. a generated population (<paramref name="path"/> names it in messages).</summary>
    internal static PopulationData InMemory(Scheme scheme, CaseBatch batch, string path) => new(scheme, batch, path);

    private CaseBatch Rebind(CaseLayout other)
    {
        if (other == Batch.Layout)
        {
            return Batch;
        }

        // Same leaves in the same order: the slots coincide, so the data can be viewed through the other layout.
        var copy = new CaseBatch(other, 0);
        copy.Adopt(Batch);
        return copy;
    }

    private static void Intern(CaseBatch batch, int start, int count, ConcurrentDictionary<string, string> strings)
    {
        // Citizenships and region codes repeat: one string each keeps a million rows small.
        var width = batch.Layout.TextCount;
        for (var i = start * width; i < (start + count) * width; i++)
        {
            if (batch.Texts[i] is { } s)
            {
                batch.Texts[i] = strings.GetOrAdd(s, s);
            }
        }
    }
}
