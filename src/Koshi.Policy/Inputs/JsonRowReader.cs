using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Koshi.Policy;

/// <summary>Reads one JSON object (a line of a population file) straight into a batch row with <see cref="Utf8JsonReader"/>,
/// without building a document or allocating per field. It only says yes or no: on anything unusual (a bad value, an
/// unknown or escaped name, a missing field) the caller re-reads the line with <see cref="CaseReader"/>, which names
/// every bad field. One instance per thread. Its methods run for every row and are compiled fully optimised when first
/// called (AggressiveOptimization) rather than taken from the CLI's ReadyToRun image, whose code is slower here.</summary>
internal sealed class JsonRowReader
{
    private readonly CaseLayout _layout;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _leaves;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _strings;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _records;
    private readonly bool[] _seen;
    private readonly char[] _name = new char[256];
    private readonly char[] _value = new char[256];

    // Lines of a population have their properties in the same order, so the property at the same place as in the line
    // before is tried first, by its UTF-8 bytes (no decoding, no hashing); a miss takes the lookup by name and remembers it.
    private readonly List<(byte[] Name, string Prefix, int Key, int Length)> _order = [];
    private int _position;

    // Enum ids by their UTF-8 bytes (a handful per enum: a scan beats decoding and hashing), and the texts already checked
    // against each text input's pattern, keyed by their bytes when short (country and region codes).
    private readonly byte[][][] _enumBytes;
    private readonly Dictionary<ulong, string>[] _checkedTexts;

    public JsonRowReader(CaseLayout layout)
    {
        _layout = layout;
        _leaves = layout.Leaves.Select((leaf, i) => (leaf.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _strings = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _records = layout.Inputs.Where(i => i.Kind == InputKind.Record).Select(i => i.Name).ToHashSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _seen = new bool[layout.Leaves.Count];
        _enumBytes = layout.Leaves.Select(leaf => (leaf.Enum?.Values ?? []).Select(v => Encoding.UTF8.GetBytes(v.Id)).ToArray()).ToArray();
        _checkedTexts = layout.Leaves.Select(_ => new Dictionary<ulong, string>()).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ReadOnlySpan<byte> line, CaseBatch batch, int row)
    {
        Array.Clear(_seen);
        _position = 0;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

            var (key, length) = Key(reader.ValueSpan, prefix);
            if (!reader.Read())
            {
                return false;
            }

            if (key >= 0)
            {
                var index = key;
                if (_seen[index] || !ReadValue(ref reader, _layout.Leaves[index], index, batch, row))
                {
                    return false;
                }

                _seen[index] = true;
            }
            else if (prefix == 0 && key == RecordKey && reader.TokenType == JsonTokenType.StartObject && length < _name.Length)
            {
                Encoding.UTF8.GetChars(_order[_position - 1].Name, _name);
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

    private const int RecordKey = -1;
    private const int UnknownKey = -2;

    /// <summary>The leaf index of a property name (under the first <paramref name="prefix"/> chars of the name buffer),
    /// <see cref="RecordKey"/> for a record, <see cref="UnknownKey"/> otherwise; and the length of its full name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Key, int Length) Key(ReadOnlySpan<byte> utf8, int prefix)
    {
        var at = _position++;
        if (at < _order.Count && utf8.SequenceEqual(_order[at].Name) && _name.AsSpan(0, prefix).SequenceEqual(_order[at].Prefix))
        {
            return (_order[at].Key, _order[at].Length);
        }

        var length = prefix + Encoding.UTF8.GetChars(utf8, _name.AsSpan(prefix));
        var name = _name.AsSpan(0, length);
        var key = _leaves.TryGetValue(name, out var index) ? index
            : prefix == 0 && _records.Contains(name) ? RecordKey
            : UnknownKey;
        var entry = (utf8.ToArray(), _name.AsSpan(0, prefix).ToString(), key, length);
        if (at < _order.Count)
        {
            _order[at] = entry;
        }
        else if (at == _order.Count)
        {
            _order.Add(entry);
        }

        return (key, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EnumOrdinal(ReadOnlySpan<byte> utf8, int index)
    {
        var ids = _enumBytes[index];
        for (var i = 0; i < ids.Length; i++)
        {
            if (utf8.SequenceEqual(ids[i]))
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            case InputKind.Enum when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && EnumOrdinal(reader.ValueSpan, index) is var ordinal and >= 0:
                batch.Longs[longs] = ordinal;
                return true;
            case InputKind.Text when reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && ShortKey(reader.ValueSpan) is { } packed
                                     && _checkedTexts[index].TryGetValue(packed, out var known):
                batch.Texts[(row * _layout.TextCount) + leaf.Slot] = known;
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

                if (!reader.ValueIsEscaped && ShortKey(reader.ValueSpan) is { } key)
                {
                    _checkedTexts[index][key] = s;
                }

                batch.Texts[(row * _layout.TextCount) + leaf.Slot] = s;
                return true;
            }

            case InputKind.Set when reader.TokenType == JsonTokenType.StartArray:
            {
                var mask = 0L;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || EnumOrdinal(reader.ValueSpan, index) is not (var member and >= 0))
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

    /// <summary>Up to 7 bytes packed with their length into one number (a dictionary key without a string), or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong? ShortKey(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 7)
        {
            return null;
        }

        var key = (ulong)utf8.Length;
        for (var i = 0; i < utf8.Length; i++)
        {
            key |= (ulong)utf8[i] << (8 * (i + 1));
        }

        return key;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int? Chars(ref Utf8JsonReader reader)
        => reader.ValueIsEscaped || reader.ValueSpan.Length > _value.Length ? null : Encoding.UTF8.GetChars(reader.ValueSpan, _value);

    private static bool InRange(InputDefinition leaf, decimal value) => !(value < leaf.Min) && !(value > leaf.Max);

    /// <summary>A <c>YYYY-MM-DD</c> date as a day number, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
