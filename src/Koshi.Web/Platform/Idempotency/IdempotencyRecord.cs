namespace Koshi.Web.Platform.Idempotency;

/// <summary>
/// A creating request already carried out under an Idempotency-Key: the same user sending the same key to the same
/// operation gets the thing that was created the first time. Saved in the same transaction as that thing.
/// </summary>
public sealed class IdempotencyRecord
{
    public string UserId { get; set; } = string.Empty;

    public string Operation { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>Hash of the request body: the same key with a different body is refused rather than silently replayed.</summary>
    public string RequestHash { get; set; } = string.Empty;

    public string ResourceId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
