using System.Collections.Concurrent;
using System.Text.Json;

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

    private PopulationData(Scheme scheme, CaseBatch batch, string path)
    {
        Scheme = scheme;
        Batch = batch;
        Path = path;
    }

    public Scheme Scheme { get; }
    public string Path { get; }
    public int Count => Batch.Count;
    internal CaseBatch Batch { get; }

    /// <summary>Reads a JSON Lines file (one case object a line) or a CSV file (a header of input names; set members joined by '|').
    /// The first bad row stops the read with its line number and fields.</summary>
    public static PopulationData Read(Scheme scheme, string path, IProgress<long>? progress = null)
    {
        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var batch = new CaseBatch(scheme.Layout, Chunk);
        using var reader = new StreamReader(path);
        string[]? header = null;
        long lineNumber = 0;
        if (csv)
        {
            var first = reader.ReadLine();
            lineNumber++;
            if (first is null)
            {
                throw new PopulationFormatException(path, 1, [new FieldError("header", "the CSV file is empty")]);
            }

            header = SplitCsv(first);
            var unknown = header.Where(h => !scheme.Layout.ByName.ContainsKey(h)).ToList();
            if (unknown.Count > 0)
            {
                throw new PopulationFormatException(path, 1, unknown.Select(u => new FieldError(u, "unknown column: not an input of " + scheme.Id)).ToList());
            }
        }

        var lines = new List<string>(Chunk);
        var strings = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            lines.Clear();
            var firstLine = lineNumber + 1;
            string? line;
            while (lines.Count < Chunk && (line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                lines.Add(line);
            }

            if (lines.Count == 0)
            {
                break;
            }

            var start = batch.Count;
            batch.EnsureCapacity(start + lines.Count);
            var failure = (PopulationFormatException?)null;
            Parallel.For(0, lines.Count, () => new List<FieldError>(), (i, state, errors) =>
            {
                errors.Clear();
                var text = lines[i];
                if (string.IsNullOrWhiteSpace(text))
                {
                    errors.Add(new FieldError("$", "empty line"));
                }
                else if (header is not null)
                {
                    var cells = SplitCsv(text);
                    if (cells.Length != header.Length)
                    {
                        errors.Add(new FieldError("$", $"{cells.Length} columns, the header has {header.Length}"));
                    }
                    else
                    {
                        CaseReader.ReadText(batch, start + i, name => Array.IndexOf(header, name) is var c and >= 0 ? cells[c] : null, errors);
                    }
                }
                else
                {
                    try
                    {
                        using var document = JsonDocument.Parse(text);
                        CaseReader.ReadJson(batch, start + i, document.RootElement, errors);
                    }
                    catch (JsonException ex)
                    {
                        errors.Add(new FieldError("$", "not valid JSON: " + ex.Message));
                    }
                }

                if (errors.Count > 0)
                {
                    var error = new PopulationFormatException(path, firstLine + i, [.. errors]);
                    lock (lines)
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

            Intern(batch, start, lines.Count, strings);
            batch.Count = start + lines.Count;
            progress?.Report(batch.Count);
        }

        return new PopulationData(scheme, batch, path);
    }

    /// <summary>Reads the same population for another scheme (a reform): shares the arrays when both read the data alike.</summary>
    public PopulationData For(Scheme other)
        => other.Layout.SameShape(Scheme.Layout) ? new PopulationData(other, Rebind(other), Path) : Read(other, Path);

    private CaseBatch Rebind(Scheme other)
    {
        if (other.Layout == Scheme.Layout)
        {
            return Batch;
        }

        // Same leaves in the same order: the slots coincide, so the data can be viewed through the other layout.
        var copy = new CaseBatch(other.Layout, 0);
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

    internal static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
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
        return [.. cells];
    }
}
