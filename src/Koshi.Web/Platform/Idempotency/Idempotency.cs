using System.Security.Cryptography;
using System.Text;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Platform.Idempotency;

/// <summary>What a creating request under an Idempotency-Key finds: nothing yet, the thing made the first time, or a reuse of the key.</summary>
public readonly record struct IdempotentReplay(string? ResourceId, Refusal? Refusal);

/// <summary>A creating request sent under an Idempotency-Key: the operation, the key, and the hash of what was asked.</summary>
public sealed record IdempotentRequest(string Operation, string Key, string RequestHash)
{
    /// <summary>The request of an Idempotency-Key header, or null without one; a key outside 1 to 200 characters is named in the errors.</summary>
    public static IdempotentRequest? From(string? key, string operation, string request, List<(string, string)> errors)
    {
        if (key is null)
        {
            return null;
        }

        if (key.Length is 0 or > 200)
        {
            errors.Add(("Idempotency-Key", "An Idempotency-Key is 1 to 200 characters."));
            return null;
        }

        return new IdempotentRequest(operation, key, Idempotency.RequestHash(request));
    }
}

/// <summary>Idempotency-Key handling shared by the capabilities that create things.</summary>
public static class Idempotency
{
    public static string RequestHash(string request) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)));

    /// <summary>The earlier request under this key, if any; the same key with another body is refused, never replayed.</summary>
    public static async Task<IdempotentReplay?> FindAsync(KoshiDbContext db, string userId, string operation, string key, string requestHash, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == userId && r.Operation == operation && r.Key == key, ct);
        if (record is null)
        {
            return null;
        }

        return record.RequestHash == requestHash
            ? new IdempotentReplay(record.ResourceId, null)
            : new IdempotentReplay(null, new Refusal("idempotency-key-reused", "This Idempotency-Key was already used with a different request.", "Idempotency-Key"));
    }

    /// <summary>The earlier request under this request's key, if any (see the other overload).</summary>
    public static Task<IdempotentReplay?> FindAsync(KoshiDbContext db, string userId, IdempotentRequest? request, CancellationToken ct) =>
        request is null ? Task.FromResult<IdempotentReplay?>(null) : FindAsync(db, userId, request.Operation, request.Key, request.RequestHash, ct);

    /// <summary>Remembers the request's key, if any, with the thing it created, saved in the same transaction as that thing.</summary>
    public static void Remember(KoshiDbContext db, string userId, IdempotentRequest? request, string resourceId, DateTimeOffset now)
    {
        if (request is not null)
        {
            Remember(db, userId, request.Operation, request.Key, request.RequestHash, resourceId, now);
        }
    }

    /// <summary>Remembers the key with the thing it created, saved in the same transaction as that thing.</summary>
    public static void Remember(KoshiDbContext db, string userId, string operation, string key, string requestHash, string resourceId, DateTimeOffset now) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = userId, Operation = operation, Key = key, RequestHash = requestHash, ResourceId = resourceId, CreatedAt = now,
        });
}
