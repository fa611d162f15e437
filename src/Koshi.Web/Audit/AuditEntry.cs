namespace Koshi.Web.Audit;

/// <summary>
/// One state change: who, what, when, the values before and after, and the hash linking it to the entry before.
/// Entries are only ever appended; <see cref="AuditChain.Verify"/> finds the first link that no longer holds.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string Entity { get; set; } = string.Empty;

    public string EntityId { get; set; } = string.Empty;

    /// <summary>JSON object: for each changed row ("Type/key"), its changed values before the change.</summary>
    public string Before { get; set; } = "{}";

    /// <summary>JSON object: for each changed row ("Type/key"), its changed values after the change.</summary>
    public string After { get; set; } = "{}";

    public string PreviousHash { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;
}

/// <summary>
/// The chain's last sequence number and hash, kept in its own row: deleting the newest entries would otherwise leave
/// a shorter chain that still verifies. Its sequence number is a concurrency token, so two writers cannot both append
/// after the same entry.
/// </summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Sequence { get; set; }

    public string Hash { get; set; } = AuditChain.Genesis;
}
