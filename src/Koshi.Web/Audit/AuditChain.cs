using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

/// <summary>The result of walking the chain: how many entries held, and the first broken link if any.</summary>
public sealed record AuditVerification(bool Valid, long EntriesChecked, long? FirstBrokenSequence, string? Problem);

/// <summary>SHA-256 hash chain over audit entries: each entry's hash covers its content and the previous entry's hash.</summary>
public static class AuditChain
{
    public const string Genesis = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEntry entry)
    {
        var text = string.Join(
            '\n',
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            entry.Actor,
            entry.Action,
            entry.Entity,
            entry.EntityId,
            entry.Before,
            entry.After,
            entry.PreviousHash);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks every entry in order and reports the first one whose link or content does not hold.</summary>
    public static async Task<AuditVerification> VerifyAsync(KoshiDbContext db, CancellationToken cancellationToken)
    {
        long expected = 1;
        var previousHash = Genesis;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expected)
            {
                return new AuditVerification(false, expected - 1, expected, $"Entry {expected} is missing (next present is {entry.Sequence}).");
            }

            if (entry.PreviousHash != previousHash)
            {
                return new AuditVerification(false, expected - 1, entry.Sequence, $"Entry {entry.Sequence} does not link to the hash of entry {entry.Sequence - 1}.");
            }

            if (ComputeHash(entry) != entry.Hash)
            {
                return new AuditVerification(false, expected - 1, entry.Sequence, $"Entry {entry.Sequence} was changed after it was written: its hash does not match its content.");
            }

            previousHash = entry.Hash;
            expected++;
        }

        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var last = expected - 1;
        if ((head?.Sequence ?? 0) != last || (head?.Hash ?? Genesis) != previousHash)
        {
            return new AuditVerification(false, last, last + 1, $"The chain ends at entry {last}, but its head records entry {head?.Sequence ?? 0}: the newest entries were removed or the head was altered.");
        }

        return new AuditVerification(true, last, null, null);
    }
}
