using System.Text;
using System.Text.Json;

namespace Koshi.Policy;

/// <summary>Reads one JSON object (a line of a population file) straight into a batch row with <see cref="Utf8JsonReader"/>,
/// without building a document or allocating per field. It only says yes or no: on anything unusual (a bad value, an
/// unknown or escaped name, a missing field) the caller re-reads the line with <see cref="CaseReader"/>, which names
/// every bad field. One instance per thread.</summary>
internal sealed class JsonRowReader
{
    private readonly CaseLayout _layout;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _leaves;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _enumValues;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _strings;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _records;
    private readonly bool[] _seen;
    private readonly char[] _name = new char[256];
    private readonly char[] _value = new char[256];

    public JsonRowReader(CaseLayout layout)
    {
        _layout = layout;
        _leaves = layout.Leaves.Select((leaf, i) => (leaf.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _enumValues = layout.Leaves.Select(leaf => (leaf.Enum?.Values ?? []).Select((v, i) => (v.Id, i))
            .ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        _strings = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _records = layout.Inputs.Where(i => i.Kind == InputKind.Record).Select(i => i.Name).ToHashSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _seen = new bool[layout.Leaves.Count];
    }

    public bool TryRead(ReadOnlySpan<byte> line, CaseBatch batch, int row)
    {
        Array.Clear(_seen);
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadObject(ref reader, batch, row, 0) || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        for (var i = 0; i < _seen.Length; i++)
        {
            if (!_seen[i])
            {
                var leaf = _layout.Leaves[i];
                if (leaf.Default is null)
                {
                    return false;
                }

                batch.Set(row, leaf, leaf.Default);
            }
        }

        return true;
    }

    /// <summary>Reads the properties of an object whose full names start with the first <paramref name="prefix"/> chars of the name buffer.</summary>
    private bool ReadObject(ref Utf8JsonReader reader, CaseBatch batch, int row, int prefix)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || reader.ValueSpan.Length + prefix > _name.Length)
            {
                return false;
            }

            var length = prefix + Encoding.UTF8.GetChars(reader.ValueSpan, _name.AsSpan(prefix));
            var name = _name.AsSpan(0, length);
            if (!reader.Read())
            {
                return false;
            }

            if (_leaves.TryGetValue(name, out var index))
            {
                if (_seen[index] || !ReadValue(ref reader, _layout.Leaves[index], index, batch, row))
                {
                    return false;
                }

                _seen[index] = true;
            }
            else if (prefix == 0 && _records.Contains(name) && reader.TokenType == JsonTokenType.StartObject && length < _name.Length)
            {
                _name[length] = '.';
                if (!ReadObject(ref reader, batch, row, length + 1))
                {
                    return false;
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                return false;
            }
        }

        return false;
    }

    private bool ReadValue(ref Utf8JsonReader reader, InputDefinition leaf, int index, CaseBatch batch, int row)
    {
        var longs = (row * _layout.LongCount) + leaf.Slot;
        switch (leaf.Kind)
        {
            case InputKind.Integer when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var l) && InRange(leaf, l):
                batch.Longs[longs] = l;
                return true;
            case InputKind.Decimal when reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var m) && InRange(leaf, m):
                batch.Decimals[(row * _layout.DecimalCount) + leaf.Slot] = m;
                return true;
            case InputKind.Bool when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                batch.Longs[longs] = reader.TokenType == JsonTokenType.True ? 1 : 0;
                return true;
            case InputKind.Date when reader.TokenType == JsonTokenType.String && Date(reader.ValueSpan) is { } day:
                batch.Longs[longs] = day;
                return true;
            case InputKind.Enum when reader.TokenType == JsonTokenType.String && Chars(ref reader) is { } text && _enumValues[index].TryGetValue(_value.AsSpan(0, text), out var ordinal):
                batch.Longs[longs] = ordinal;
                return true;
            case InputKind.Text when reader.TokenType == JsonTokenType.String && Chars(ref reader) is { } text:
            {
                var chars = _value.AsSpan(0, text);
                if (leaf.PatternRegex is { } pattern && !pattern.IsMatch(chars))
                {
                    return false;
                }

                // Citizenships and region codes repeat: one string each keeps a million rows small.
                if (!_strings.TryGetValue(chars, out var s))
                {
                    s = chars.ToString();
                    _strings[s] = s;
                }

                batch.Texts[(row * _layout.TextCount) + leaf.Slot] = s;
                return true;
            }

            case InputKind.Set when reader.TokenType == JsonTokenType.StartArray:
            {
                var mask = 0L;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || Chars(ref reader) is not { } text || !_enumValues[index].TryGetValue(_value.AsSpan(0, text), out var member))
                    {
                        return false;
                    }

                    mask |= 1L << member;
                }

                batch.Longs[longs] = mask;
                return true;
            }

            default:
                return false;
        }
    }

    private int? Chars(ref Utf8JsonReader reader)
        => reader.ValueIsEscaped || reader.ValueSpan.Length > _value.Length ? null : Encoding.UTF8.GetChars(reader.ValueSpan, _value);

    private static bool InRange(InputDefinition leaf, decimal value) => !(value < leaf.Min) && !(value > leaf.Max);

    /// <summary>A <c>YYYY-MM-DD</c> date as a day number, or null.</summary>
    private static long? Date(ReadOnlySpan<byte> s)
    {
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return null;
        }

        int Digits(ReadOnlySpan<byte> d)
        {
            var n = 0;
            foreach (var c in d)
            {
                if (c is < (byte)'0' or > (byte)'9')
                {
                    return -1;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }

        var (year, month, day) = (Digits(s[..4]), Digits(s[5..7]), Digits(s[8..]));
        return year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            ? null
            : new DateOnly(year, month, day).DayNumber;
    }
}
