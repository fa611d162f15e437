using Koshi.Policy.Population;
using ParquetSharp;

namespace Koshi.Policy.Tests;

/// <summary>The fast Parquet reader (typed columns, row groups on every core) reads exactly what the simple one reads.</summary>
public sealed class ParquetReaderTests
{
    private const int GroupRows = 700;

    private static PopulationProfile Profile => Shared.Kazakhstan.Populations.Single(p => p.Scheme.Id == "permanent-residence");

    /// <summary>Writes the cases as Parquet in small row groups, so a small file still has several for the workers to share.</summary>
    private static string Write(PopulationData data)
    {
        var path = Path.Combine(Path.GetTempPath(), $"koshi-parquet-{Guid.NewGuid():N}.parquet");
        using var stream = File.Create(path);
        ParquetPopulation.Write(data.Batch, stream, GroupRows);
        return path;
    }

    [Fact]
    public void The_fast_reader_gives_the_same_cases_and_the_same_report_as_the_simple_reader()
    {
        var generated = Profile.Generate(3_000, 11, "generated");
        var path = Write(generated);
        try
        {
            var fast = PopulationData.Read(Profile.Scheme, path);
            var simple = PopulationData.ReadParquetSimple(Profile.Scheme, path);

            Assert.Equal(3_000, fast.Count);
            Assert.Equal(simple.Count, fast.Count);
            var layout = Profile.Scheme.Layout;
            foreach (var (expected, actual) in new[] { (simple.Batch, fast.Batch), (generated.Batch, fast.Batch) })
            {
                Assert.Equal(expected.Longs.AsSpan(0, 3_000 * layout.LongCount), actual.Longs.AsSpan(0, 3_000 * layout.LongCount));
                Assert.Equal(expected.Decimals.AsSpan(0, 3_000 * layout.DecimalCount), actual.Decimals.AsSpan(0, 3_000 * layout.DecimalCount));
                Assert.Equal(expected.Texts.AsSpan(0, 3_000 * layout.TextCount), actual.Texts.AsSpan(0, 3_000 * layout.TextCount));
            }

            // The same numbers, not just the same bits: decimals keep their scale (12.50 stays 12.50).
            var funds = layout.ByName["funds_kzt"];
            for (var row = 0; row < 3_000; row++)
            {
                Assert.Equal(simple.Batch.Get(row, funds).ToString(), fast.Batch.Get(row, funds).ToString());
            }

            var asOf = new DateOnly(2026, 3, 1);
            var a = Simulation.Run(simple, null, asOf, keepFlips: 0);
            var b = Simulation.Run(fast, null, asOf, keepFlips: 0);
            Assert.Equal(a.Baseline, b.Baseline with { Histogram = a.Baseline.Histogram, CriterionMeans = a.Baseline.CriterionMeans });
            Assert.Equal(a.Baseline.Histogram, b.Baseline.Histogram);
            Assert.Equal(a.Baseline.CriterionMeans, b.Baseline.CriterionMeans);
            Assert.True(a.Baseline.Passed > 0 && a.Baseline.Passed < 3_000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(900, 2_500, 901, "funds_kzt")]        // two row groups, read by different workers: the lower row is named
    [InlineData(2_500, 300, 301, "citizenship")]
    [InlineData(1_450, 1_500, 1_451, "funds_kzt")]    // one row group, two columns
    public void The_first_bad_row_of_the_file_is_named_whichever_worker_meets_it(int badFunds, int badCitizenship, long line, string field)
    {
        var generated = Profile.Generate(3_000, 12, "generated");
        var layout = Profile.Scheme.Layout;
        generated.Batch.Decimals[(badFunds * layout.DecimalCount) + layout.ByName["funds_kzt"].Slot] = -1m;
        generated.Batch.Texts[(badCitizenship * layout.TextCount) + layout.ByName["citizenship"].Slot] = "kz";
        var path = Write(generated);
        try
        {
            var fast = Assert.Throws<PopulationFormatException>(() => PopulationData.Read(Profile.Scheme, path));
            var simple = Assert.Throws<PopulationFormatException>(() => PopulationData.ReadParquetSimple(Profile.Scheme, path));

            Assert.Equal(line, fast.Line);
            Assert.Equal(field, Assert.Single(fast.Errors).Field);
            Assert.Equal(simple.Line, fast.Line);
            Assert.Equal(simple.Errors.Single().Message, fast.Errors.Single().Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A column of amounts has the most places any of its amounts has (12.50 beside 5,000,000.1234 reads back as
    /// 12.5000): an INT64 decimal while every amount then fits 18 digits, else a 16-byte one; both read back the same.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Amounts_keep_their_places_whether_they_fit_18_digits_or_not(bool wide)
    {
        var generated = Profile.Generate(1_200, 16, "generated");
        var layout = Profile.Scheme.Layout;
        var funds = layout.ByName["funds_kzt"];
        var at = (int row) => (row * layout.DecimalCount) + funds.Slot;
        generated.Batch.Decimals[at(3)] = 12.50m;
        generated.Batch.Decimals[at(4)] = wide ? 5_000_000.123456789012m : 5_000_000.1234m;
        var path = Write(generated);
        try
        {
            foreach (var read in new[] { PopulationData.Read(Profile.Scheme, path), PopulationData.ReadParquetSimple(Profile.Scheme, path) })
            {
                Assert.Equal(wide ? "12.500000000000" : "12.5000", ((decimal)read.Batch.Get(3, funds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(generated.Batch.Decimals[at(4)], read.Batch.Decimals[at(4)]);
                for (var row = 0; row < 1_200; row++)
                {
                    Assert.Equal(generated.Batch.Decimals[at(row)], read.Batch.Decimals[at(row)]);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A date column's day outside the calendar (past 9999-12-31) is a bad value of its row, not a date that
    /// fails later while scoring.</summary>
    [Fact]
    public void A_day_outside_the_calendar_is_a_bad_value_of_its_row()
    {
        var generated = Profile.Generate(1_000, 17, "generated");
        var layout = Profile.Scheme.Layout;
        var lodged = layout.ByName["lodgement_date"];
        generated.Batch.Longs[(700 * layout.LongCount) + lodged.Slot] = DateOnly.MaxValue.DayNumber + 10;
        var path = Write(generated);
        try
        {
            var bad = Assert.Throws<PopulationFormatException>(() => PopulationData.Read(Profile.Scheme, path));
            Assert.Equal(701, bad.Line);
            Assert.Equal("lodgement_date", Assert.Single(bad.Errors).Field);
            Assert.Contains("outside the calendar", bad.Errors.Single().Message, StringComparison.Ordinal);
            Assert.Throws<PopulationFormatException>(() => PopulationData.ReadParquetSimple(Profile.Scheme, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Another tool's choices: 32-bit integers, optional booleans, timestamps for dates, 16-byte decimals and plain
    /// (not dictionary-encoded) strings; the fast reader takes its general path for them and reads the same cases.</summary>
    [Fact]
    public void A_file_with_other_column_types_and_plain_strings_reads_the_same_cases()
    {
        var generated = Profile.Generate(2_000, 13, "generated");
        var batch = generated.Batch;
        var leaves = Profile.Scheme.Layout.Leaves;
        var path = Path.Combine(Path.GetTempPath(), $"koshi-parquet-{Guid.NewGuid():N}.parquet");
        try
        {
            var columns = leaves.Select(l => l.Kind switch
            {
                InputKind.Integer => new Column<int>(l.Name),
                InputKind.Bool => new Column<bool?>(l.Name),
                InputKind.Date => new Column<DateTime>(l.Name),
                InputKind.Decimal => new Column<decimal>(l.Name, LogicalType.Decimal(29, 4)),
                _ => (Column)new Column<string>(l.Name),
            }).ToArray();
            using (var builder = new WriterPropertiesBuilder())
            using (var properties = builder.DisableDictionary().Build())
            using (var writer = new ParquetFileWriter(path, columns, properties))
            {
                using var group = writer.AppendRowGroup();
                var rows = Enumerable.Range(0, batch.Count).ToArray();
                foreach (var leaf in leaves)
                {
                    using var column = group.NextColumn();
                    switch (leaf.Kind)
                    {
                        case InputKind.Integer:
                            column.LogicalWriter<int>().WriteBatch(rows.Select(r => (int)(long)batch.Get(r, leaf)).ToArray());
                            break;
                        case InputKind.Bool:
                            column.LogicalWriter<bool?>().WriteBatch(rows.Select(r => (bool?)(bool)batch.Get(r, leaf)).ToArray());
                            break;
                        case InputKind.Date:
                            column.LogicalWriter<DateTime>().WriteBatch(rows.Select(r => ((DateOnly)batch.Get(r, leaf)).ToDateTime(TimeOnly.MinValue)).ToArray());
                            break;
                        case InputKind.Decimal:
                            column.LogicalWriter<decimal>().WriteBatch(rows.Select(r => (decimal)batch.Get(r, leaf)).ToArray());
                            break;
                        default:
                            column.LogicalWriter<string>().WriteBatch(rows.Select(r => Format.Value(batch.Get(r, leaf)).Trim('[', ']').Replace(", ", "|", StringComparison.Ordinal)).ToArray());
                            break;
                    }
                }

                writer.Close();
            }

            var layout = Profile.Scheme.Layout;
            foreach (var read in new[] { PopulationData.Read(Profile.Scheme, path), PopulationData.ReadParquetSimple(Profile.Scheme, path) })
            {
                Assert.Equal(batch.Count, read.Count);
                Assert.Equal(batch.Longs.AsSpan(0, batch.Count * layout.LongCount), read.Batch.Longs.AsSpan(0, batch.Count * layout.LongCount));
                Assert.Equal(batch.Decimals.AsSpan(0, batch.Count * layout.DecimalCount), read.Batch.Decimals.AsSpan(0, batch.Count * layout.DecimalCount));
                Assert.Equal(batch.Texts.AsSpan(0, batch.Count * layout.TextCount), read.Batch.Texts.AsSpan(0, batch.Count * layout.TextCount));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An empty cell of a text column: the input's default when it has one, else the row is named.</summary>
    [Fact]
    public void An_empty_text_cell_takes_the_input_default_or_names_its_row()
    {
        var layout = Profile.Scheme.Layout;
        var withDefault = layout.Leaves.First(l => l.Kind == InputKind.Enum && l.Default is not null);
        var without = layout.Leaves.First(l => l.Kind == InputKind.Enum && l.Default is null);
        var generated = Profile.Generate(1_500, 14, "generated");
        var path = Write(generated);
        var emptied = Path.Combine(Path.GetTempPath(), $"koshi-parquet-{Guid.NewGuid():N}.parquet");
        try
        {
            // The same file with the defaulted input left empty on every third row.
            Rewrite(path, emptied, withDefault.Name, row => row % 3 == 0);
            var read = PopulationData.Read(Profile.Scheme, emptied);
            for (var row = 0; row < 1_500; row++)
            {
                Assert.Equal(row % 3 == 0 ? withDefault.Default : generated.Batch.Get(row, withDefault), read.Batch.Get(row, withDefault));
            }

            Rewrite(path, emptied, without.Name, row => row == 1_234);
            foreach (var error in new[]
                     {
                         Assert.Throws<PopulationFormatException>(() => PopulationData.Read(Profile.Scheme, emptied)),
                         Assert.Throws<PopulationFormatException>(() => PopulationData.ReadParquetSimple(Profile.Scheme, emptied)),
                     })
            {
                Assert.Equal(1_235, error.Line);
                Assert.Equal(without.Name, Assert.Single(error.Errors).Field);
                Assert.Equal("value.missing", error.Errors.Single().Code);
            }
        }
        finally
        {
            File.Delete(path);
            File.Delete(emptied);
        }
    }

    /// <summary>A damaged file (cut short, bytes overwritten, not Parquet at all) is bad input with a plain sentence, on any
    /// worker, never another exception: the lab answers it with a 400 and the CLI with exit code 2.</summary>
    [Fact]
    public void A_damaged_file_is_bad_input_with_a_plain_reason()
    {
        var path = Write(Profile.Generate(2_000, 15, "generated"));
        var damaged = Path.Combine(Path.GetTempPath(), $"koshi-parquet-{Guid.NewGuid():N}.parquet");
        try
        {
            var bytes = File.ReadAllBytes(path);
            var variants = new List<byte[]> { bytes[..(bytes.Length / 2)], "PAR1 not a population PAR1"u8.ToArray() };
            var random = new Random(20261130);
            for (var i = 0; i < 40; i++)
            {
                var copy = (byte[])bytes.Clone();
                for (var flips = 0; flips < 50; flips++)
                {
                    copy[random.Next(4, copy.Length / 2)] = (byte)random.Next(256);
                }

                variants.Add(copy);
            }

            var unreadable = 0;
            foreach (var variant in variants)
            {
                File.WriteAllBytes(damaged, variant);
                foreach (var read in new Func<PopulationData>[] { () => PopulationData.Read(Profile.Scheme, damaged), () => PopulationData.ReadParquetSimple(Profile.Scheme, damaged) })
                {
                    try
                    {
                        read();
                    }
                    catch (PopulationFormatException ex) when (ex.Errors.Single().Code == "parquet.unreadable")
                    {
                        unreadable++;
                        Assert.StartsWith("not a readable Parquet file: ", ex.Errors.Single().Message, StringComparison.Ordinal);
                        Assert.DoesNotContain("parquet::", ex.Errors.Single().Message, StringComparison.Ordinal);
                        Assert.DoesNotContain("N7parquet", ex.Errors.Single().Message, StringComparison.Ordinal);
                    }
                    catch (PopulationFormatException)
                    {
                        // Overwritten bytes that still decode may make a value bad: named like any bad value.
                    }
                }
            }

            Assert.True(unreadable >= 4, $"{unreadable} reads found the file unreadable");
        }
        finally
        {
            File.Delete(path);
            File.Delete(damaged);
        }
    }

    /// <summary>Copies a Parquet file column by column, emptying one text column's cells where asked.</summary>
    private static void Rewrite(string from, string to, string emptyColumn, Func<int, bool> empty)
    {
        using var reader = new ParquetFileReader(from);
        var schema = reader.FileMetaData.Schema;
        var columns = Enumerable.Range(0, schema.NumColumns).Select(c => schema.Column(c)).ToArray();
        var groups = Enumerable.Range(0, reader.FileMetaData.NumRowGroups).ToArray();
        var values = columns.Select(c => groups.SelectMany(g =>
        {
            using var group = reader.RowGroup(g);
            using var column = group.Column(Array.IndexOf(columns, c));
            using var logical = column.LogicalReader();
            return logical.Apply(new AllValues((int)group.MetaData.NumRows)).Cast<object?>().ToArray();
        }).ToArray()).ToArray();
        using var writer = new ParquetFileWriter(to, columns.Select(c => c.Path.ToDotString() switch
        {
            _ when c.LogicalType.Type == LogicalTypeEnum.String => new Column<string>(c.Path.ToDotString()),
            _ when c.LogicalType.Type == LogicalTypeEnum.Date => new Column<Date>(c.Path.ToDotString()),
            _ when c.LogicalType.Type == LogicalTypeEnum.Decimal => new Column<decimal>(c.Path.ToDotString(), LogicalType.Decimal(29, c.TypeScale)),
            _ when c.PhysicalType == PhysicalType.Boolean => new Column<bool>(c.Path.ToDotString()),
            _ => (Column)new Column<long>(c.Path.ToDotString()),
        }).ToArray());
        using var rows = writer.AppendRowGroup();
        for (var c = 0; c < columns.Length; c++)
        {
            using var column = rows.NextColumn();
            var all = values[c];
            switch (column.ColumnDescriptor.LogicalType.Type)
            {
                case LogicalTypeEnum.String:
                    var name = columns[c].Path.ToDotString();
                    column.LogicalWriter<string?>().WriteBatch(all.Select((v, r) => name == emptyColumn && empty(r) ? null : (string?)v).ToArray());
                    break;
                case LogicalTypeEnum.Date:
                    column.LogicalWriter<Date>().WriteBatch(all.Cast<Date>().ToArray());
                    break;
                case LogicalTypeEnum.Decimal:
                    column.LogicalWriter<decimal>().WriteBatch(all.Cast<decimal>().ToArray());
                    break;
                default:
                    if (column.ColumnDescriptor.PhysicalType == PhysicalType.Boolean)
                    {
                        column.LogicalWriter<bool>().WriteBatch(all.Cast<bool>().ToArray());
                    }
                    else
                    {
                        column.LogicalWriter<long>().WriteBatch(all.Cast<long>().ToArray());
                    }

                    break;
            }
        }

        writer.Close();
    }

    private sealed class AllValues(int rows) : ILogicalColumnReaderVisitor<Array>
    {
        public Array OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader) => columnReader.ReadAll(rows);
    }
}
