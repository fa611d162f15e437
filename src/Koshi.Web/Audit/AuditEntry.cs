namespace Koshi.Web.Audit;

/// <summary>
/// One state change: who, what, when, the values before and after. A save inserts it unsequenced, in the same
/// transaction as the change; the <see cref="AuditSequencer"/> later gives it its place in the log (<see cref="Sequence"/>)
/// and its RFC 6962 leaf hash over <see cref="AuditLeaf.Encode"/>. Entries are only ever appended.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Storage key, assigned on insert; says nothing about the entry's place in the log.</summary>
    public long Id { get; set; }

    /// <summary>The entry's place in the log, from 1; null until sequenced.</summary>
    public long? Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string Entity { get; set; } = string.Empty;

    public string EntityId { get; set; } = string.Empty;

    /// <summary>JSON object: for each changed row ("Type/key"), its changed values before the change.</summary>
    public string Before { get; set; } = "{}";

    /// <summary>JSON object: for each changed row ("Type/key"), its changed values after the change.</summary>
    public string After { get; set; } = "{}";

    /// <summary>SHA-256(0x00 || encoding), set with <see cref="Sequence"/>; null until sequenced.</summary>
    public byte[]? LeafHash { get; set; }
}

/// <summary>
/// A signed checkpoint as the sequencer wrote it, kept in the database so every instance can publish all of them
/// (each also appends them to its checkpoint file outside the database, which is what verification trusts).
/// </summary>
public sealed class AuditCheckpointRecord
{
    public long TreeSize { get; set; }

    public byte[] RootHash { get; set; } = [];

    public DateTimeOffset Time { get; set; }

    public string Origin { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public byte[] Signature { get; set; } = [];
}
