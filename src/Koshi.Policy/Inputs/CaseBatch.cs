using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Koshi.Policy;

/// <summary>Cases stored column-free in flat arrays (row-major), the form compiled rules read.
/// One case is a batch of one; a population is a batch of many.</summary>
internal sealed class CaseBatch
{
    public CaseBatch(CaseLayout layout, int capacity)
    {
        Layout = layout;
        Longs = new long[Math.Max(1, capacity * layout.LongCount)];
        Decimals = new decimal[Math.Max(1, capacity * layout.DecimalCount)];
        Texts = new string[Math.Max(1, capacity * layout.TextCount)];
        Capacity = capacity;
    }

    public CaseLayout Layout { get; }
    public long[] Longs { get; private set; }
    public decimal[] Decimals { get; private set; }
    public string[] Texts { get; private set; }
    public int Count { get; set; }
    public int Capacity { get; private set; }

    public void EnsureCapacity(int rows)
    {
        if (rows <= Capacity)
        {
            return;
        }

        var capacity = Math.Max(rows, Capacity * 2);
        Longs = Grow(Longs, capacity * Layout.LongCount);
        Decimals = Grow(Decimals, capacity * Layout.DecimalCount);
        Texts = Grow(Texts, capacity * Layout.TextCount);
        Capacity = capacity;
    }

    private static T[] Grow<T>(T[] array, int size)
    {
        if (size <= array.Length)
        {
            return array;
        }

        Array.Resize(ref array, size);
        return array;
    }

    /// <summary>Views another batch's rows through this layout (same leaves, same slots).</summary>
    public void Adopt(CaseBatch other)
    {
        (Longs, Decimals, Texts, Capacity, Count) = (other.Longs, other.Decimals, other.Texts, other.Capacity, other.Count);
    }

    public void CopyRow(int from, CaseBatch target, int to)
    {
        Array.Copy(Longs, from * Layout.LongCount, target.Longs, to * Layout.LongCount, Layout.LongCount);
        Array.Copy(Decimals, from * Layout.DecimalCount, target.Decimals, to * Layout.DecimalCount, Layout.DecimalCount);
        Array.Copy(Texts, from * Layout.TextCount, target.Texts, to * Layout.TextCount, Layout.TextCount);
    }

    /// <summary>The value of a leaf input as people read it (enum and set members by id, dates ISO).</summary>
    public object Get(int row, InputDefinition leaf) => leaf.Kind switch
    {
        InputKind.Decimal => Decimals[(row * Layout.DecimalCount) + leaf.Slot],
        InputKind.Text => Texts[(row * Layout.TextCount) + leaf.Slot],
        InputKind.Integer => Longs[(row * Layout.LongCount) + leaf.Slot],
        InputKind.Bool => Longs[(row * Layout.LongCount) + leaf.Slot] != 0,
        InputKind.Date => DateOnly.FromDayNumber((int)Longs[(row * Layout.LongCount) + leaf.Slot]),
        InputKind.Enum => leaf.Enum!.Name(Longs[(row * Layout.LongCount) + leaf.Slot]),
        InputKind.Set => SetMembers(leaf.Enum!, Longs[(row * Layout.LongCount) + leaf.Slot]),
        _ => throw new InvalidOperationException("records have no value of their own"),
    };

    /// <summary>Stores a typed value (as <see cref="CaseReader"/> produces) into a leaf's slot.</summary>
    public void Set(int row, InputDefinition leaf, object value)
    {
        switch (leaf.Store)
        {
            case SlotStore.Decimal:
                Decimals[(row * Layout.DecimalCount) + leaf.Slot] = (decimal)value;
                break;
            case SlotStore.Text:
                Texts[(row * Layout.TextCount) + leaf.Slot] = (string)value;
                break;
            default:
                Longs[(row * Layout.LongCount) + leaf.Slot] = SlotLong(leaf, value);
                break;
        }
    }

    /// <summary>A typed value as a long slot holds it (enum ordinal, set bit mask, day number, 0/1).</summary>
    public static long SlotLong(InputDefinition leaf, object value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        DateOnly d => d.DayNumber,
        string id => leaf.Enum!.IndexOf(id),
        string[] members => members.Aggregate(0L, (mask, m) => mask | (1L << leaf.Enum!.IndexOf(m))),
        _ => throw new InvalidOperationException($"cannot store {value.GetType().Name} in {leaf.Name}"),
    };

    public static string[] SetMembers(EnumType type, long mask)
    {
        var members = new List<string>();
        for (var i = 0; i < type.Values.Count; i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                members.Add(type.Values[i].Id);
            }
        }

        return [.. members];
    }

    /// <summary>One case as a JSON object of the scheme's inputs (records nested), the form a case file takes.</summary>
    public void WriteJson(Utf8JsonWriter writer, int row)
    {
        writer.WriteStartObject();
        WriteInputs(writer, row, Layout.Inputs);
        writer.WriteEndObject();
    }

    private void WriteInputs(Utf8JsonWriter writer, int row, IEnumerable<InputDefinition> inputs)
    {
        foreach (var input in inputs)
        {
            var name = input.Name[(input.Name.LastIndexOf('.') + 1)..];
            if (input.Kind == InputKind.Record)
            {
                writer.WriteStartObject(name);
                WriteInputs(writer, row, input.Fields);
                writer.WriteEndObject();
                continue;
            }

            switch (Get(row, input))
            {
                case long l:
                    writer.WriteNumber(name, l);
                    break;
                case decimal m:
                    writer.WriteNumber(name, m);
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case DateOnly d:
                    writer.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                case string s:
                    writer.WriteString(name, s);
                    break;
                case string[] members:
                    writer.WriteStartArray(name);
                    foreach (var m in members)
                    {
                        writer.WriteStringValue(m);
                    }

                    writer.WriteEndArray();
                    break;
            }
        }
    }

    public string ToJson(int row)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer, row);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
