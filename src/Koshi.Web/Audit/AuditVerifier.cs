using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

/// <summary>One thing verification found wrong, and the entries (From–To, by sequence number) it concerns.</summary>
public sealed record AuditFinding(string Kind, long From, long To, string Message);

/// <summary>
/// The result of checking the database's log: every entry against the leaf hash it was sequenced with, and the tree
/// against every signed checkpoint given. <see cref="FirstBrokenSequence"/> and <see cref="Problem"/> name the first finding.
/// </summary>
public sealed record AuditVerification(
    bool Valid,
    long EntriesChecked,
    long Pending,
    long CheckpointsChecked,
    long? FirstBrokenSequence,
    string? Problem,
    IReadOnlyList<AuditFinding> Findings,
    Checkpoint? LatestCheckpoint)
{
    /// <summary>The tree as recomputed from the entries' content, for proofs between checkpoints.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MerkleLeaves? Tree { get; init; }
}

/// <summary>Checks a log held in the database against signed checkpoints kept elsewhere, and names what was changed.</summary>
public static class AuditVerifier
{
    private static readonly byte[] Missing = new byte[32];

    public static async Task<AuditVerification> VerifyAsync(
        KoshiDbContext db, IReadOnlyList<Checkpoint> checkpoints, Func<Checkpoint, bool> signatureHolds, CancellationToken cancellationToken)
    {
        var findings = new List<AuditFinding>();
        var leaves = new MerkleLeaves();
        var mismatched = new List<(long Sequence, AuditEntry Entry)>();
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var sequence = entry.Sequence!.Value;
            if (sequence > leaves.Count + 1)
            {
                findings.Add(new("missing", leaves.Count + 1, sequence - 1, Range(leaves.Count + 1, sequence - 1, "is missing from the log", "are missing from the log")));
                while (leaves.Count + 1 < sequence)
                {
                    leaves.Add(Missing);
                }
            }

            var hash = AuditLeaf.Hash(entry, sequence);
            if (entry.LeafHash is null || !hash.AsSpan().SequenceEqual(entry.LeafHash))
            {
                mismatched.Add((sequence, entry));
            }

            leaves.Add(hash);
        }

        var pending = await db.AuditEntries.LongCountAsync(e => e.Sequence == null, cancellationToken);
        findings.AddRange(Changed(mismatched));

        var trusted = new List<Checkpoint>();
        foreach (var checkpoint in checkpoints.OrderBy(c => c.TreeSize))
        {
            if (signatureHolds(checkpoint))
            {
                trusted.Add(checkpoint);
            }
            else
            {
                findings.Add(new("checkpoint-signature", checkpoint.TreeSize, checkpoint.TreeSize,
                    $"The checkpoint of {checkpoint.TreeSize} entries dated {checkpoint.Time:O} is not signed by a trusted key (key id {checkpoint.KeyId}): it is not used."));
            }
        }

        if (trusted.Count > 0 && trusted[^1] is { } largest && largest.TreeSize > leaves.Count)
        {
            findings.Add(new("removed", leaves.Count + 1, largest.TreeSize,
                $"The log ends at entry {leaves.Count}, but the checkpoint signed at {largest.Time:O} covers {largest.TreeSize} entries: "
                + Range(leaves.Count + 1, largest.TreeSize, "was removed", "were removed") + "."));
        }

        long lastGood = 0;
        foreach (var checkpoint in trusted.Where(c => c.TreeSize <= leaves.Count))
        {
            if (leaves.Root(checkpoint.TreeSize).AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                lastGood = checkpoint.TreeSize;
                continue;
            }

            findings.Add(new("rewritten", lastGood + 1, checkpoint.TreeSize,
                $"The first {checkpoint.TreeSize} entries do not hash to the root signed at {checkpoint.Time:O}"
                + (lastGood > 0 ? $", though the first {lastGood} still match the checkpoint before it" : string.Empty) + ": "
                + (lastGood + 1 == checkpoint.TreeSize
                    ? $"entry {checkpoint.TreeSize} was changed, replaced or moved."
                    : $"one or more of entries {lastGood + 1}–{checkpoint.TreeSize} were changed, replaced or moved (with their hashes recomputed).")));
        }

        findings.Sort((a, b) => a.From.CompareTo(b.From));
        var first = findings.FirstOrDefault();
        var verification = new AuditVerification(
            findings.Count == 0, leaves.Count, pending, trusted.Count, first?.From, first?.Message, findings, trusted.LastOrDefault());
        return verification with { Tree = leaves };
    }

    /// <summary>Entries whose content no longer gives the hash they were sequenced with; swapped ones are named as such.</summary>
    private static IEnumerable<AuditFinding> Changed(List<(long Sequence, AuditEntry Entry)> mismatched)
    {
        var explained = new HashSet<long>();
        foreach (var (sequence, entry) in mismatched)
        {
            if (entry.LeafHash is null || explained.Contains(sequence))
            {
                continue;
            }

            // An entry moved to another place keeps the hash of its old place, which covers that place's number.
            var origin = mismatched.FirstOrDefault(m => m.Sequence != sequence && AuditLeaf.Hash(entry, m.Sequence).AsSpan().SequenceEqual(entry.LeafHash));
            if (origin.Entry is not null)
            {
                explained.Add(sequence);
                yield return new("reordered", Math.Min(sequence, origin.Sequence), Math.Max(sequence, origin.Sequence),
                    $"Entry {sequence} holds the entry that was sequenced as entry {origin.Sequence}: the log was reordered.");
            }
        }

        foreach (var (sequence, entry) in mismatched.Where(m => !explained.Contains(m.Sequence)))
        {
            yield return entry.LeafHash is null
                ? new("unhashed", sequence, sequence, $"Entry {sequence} has a place in the log but no leaf hash: it was inserted or altered outside the sequencer.")
                : new("changed", sequence, sequence, $"Entry {sequence} was changed after it was written: its content no longer gives the hash it was sequenced with.");
        }
    }

    private static string Range(long from, long to, string one, string many) =>
        from == to ? $"entry {from} {one}" : $"entries {from}–{to} {many}";
}
