using System.Buffers.Binary;
using System.Text;

namespace Koshi.Web.Audit;

/// <summary>
/// The canonical bytes of an entry: a version tag, the sequence number and time as 8-byte big-endian integers, then
/// each text field as a 4-byte big-endian length and its UTF-8 bytes. Every field has exactly one place, so no choice
/// of characters in a name can move a boundary between fields and keep the hash (the old '\n'-joined text could).
/// </summary>
public static class AuditLeaf
{
    private static readonly byte[] Tag = "koshi.audit.entry/v1"u8.ToArray();

    public static byte[] Encode(AuditEntry entry, long sequence)
    {
        string[] fields = [entry.Actor, entry.Action, entry.Entity, entry.EntityId, entry.Before, entry.After];
        var size = 4 + Tag.Length + 16 + fields.Sum(f => 4 + Encoding.UTF8.GetByteCount(f));
        var bytes = new byte[size];
        var at = Write(bytes, 0, Tag);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at), sequence);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at + 8), entry.At.ToUnixTimeMilliseconds());
        at += 16;
        foreach (var field in fields)
        {
            at = Write(bytes, at, Encoding.UTF8.GetBytes(field));
        }

        return bytes;
    }

    private static int Write(byte[] bytes, int at, byte[] value)
    {
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), value.Length);
        value.CopyTo(bytes, at + 4);
        return at + 4 + value.Length;
    }

    /// <summary>The entry's RFC 6962 leaf hash at its place <paramref name="sequence"/> in the log.</summary>
    public static byte[] Hash(AuditEntry entry, long sequence) => Merkle.LeafHash(Encode(entry, sequence));
}
