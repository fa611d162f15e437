using System.Globalization;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

/// <summary>
/// A verification code printed on a document: the audit entry's number in the log and the first
/// <see cref="PrefixLength"/> hex digits of its leaf hash ("1234-9F3A6C2B1D07"). Anyone holding it can check, against
/// the published signed checkpoints, that the log holds that very entry.
/// </summary>
public sealed record ReceiptCode(long Sequence, string HashPrefix)
{
    /// <summary>48 bits: a guessed code for an existing entry number is right once in 2^48.</summary>
    public const int PrefixLength = 12;

    public static ReceiptCode Of(long sequence, byte[] leafHash) => new(sequence, Convert.ToHexString(leafHash)[..PrefixLength]);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}-{HashPrefix}");

    /// <summary>Reads "N-HEX" (case and surrounding spaces ignored); false for anything else.</summary>
    public static bool TryParse(string? text, out ReceiptCode code)
    {
        code = null!;
        var parts = text?.Trim().Split('-');
        if (parts is not [var number, var prefix] || number.Length is < 1 or > 18 || prefix.Length != PrefixLength
            || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1
            || !prefix.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        code = new ReceiptCode(sequence, prefix.ToUpperInvariant());
        return true;
    }
}

/// <summary>Why a code did not verify.</summary>
public enum ReceiptFailure
{
    /// <summary>The log has no entry of that number.</summary>
    Unknown,

    /// <summary>The entry's content does not give the hash the code names: a wrong code, or the entry was altered.</summary>
    Mismatch,

    /// <summary>No signed checkpoint covers the entry yet (it is seconds old); ask again shortly.</summary>
    NotYetCheckpointed,

    /// <summary>The entry's path does not lead to the signed root: the log was altered.</summary>
    ProofFailed,
}

/// <summary>
/// The result of checking a code: when <see cref="Valid"/>, the entry (its action and time, no personal data) and the
/// signed checkpoint its inclusion proof was checked against.
/// </summary>
public sealed record ReceiptCheck(
    bool Valid,
    string Code,
    ReceiptFailure? Failure,
    long Sequence,
    string? Action,
    DateTimeOffset? RecordedAt,
    long? CheckpointTreeSize,
    DateTimeOffset? CheckpointTime,
    string? CheckpointKeyId,
    int? ProofLength);

/// <summary>Makes codes for entries and checks codes against the log and its latest signed checkpoint.</summary>
public sealed class Receipts(KoshiDbContext db, AuditSequencer sequencer)
{
    /// <summary>
    /// The code of the newest entry of <paramref name="entity"/> <paramref name="entityId"/> with one of
    /// <paramref name="actions"/>, sequencing pending entries first; null when there is none.
    /// </summary>
    public async Task<ReceiptCode?> CodeForAsync(string entity, string entityId, IReadOnlyCollection<string> actions, CancellationToken ct)
    {
        var entry = await Find(entity, entityId, actions, ct);
        if (entry is { LeafHash: null })
        {
            await sequencer.SequenceAsync(wait: true, cancellationToken: ct);
            entry = await Find(entity, entityId, actions, ct);
        }

        return entry is { Sequence: { } sequence, LeafHash: { } hash } ? ReceiptCode.Of(sequence, hash) : null;
    }

    private Task<AuditEntry?> Find(string entity, string entityId, IReadOnlyCollection<string> actions, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Where(e => e.Entity == entity && e.EntityId == entityId && actions.Contains(e.Action))
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Recomputes the entry's leaf hash from its stored content, compares it with the code, and checks its RFC 6962
    /// inclusion proof against the latest checkpoint whose signature holds. A changed entry, a changed code or a
    /// rewritten log all fail.
    /// </summary>
    public async Task<ReceiptCheck> CheckAsync(ReceiptCode code, CancellationToken ct)
    {
        // Signs a checkpoint if one is due, so an entry a few seconds old is covered when it can be.
        await sequencer.SequenceAsync(wait: true, cancellationToken: ct);
        var entry = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Sequence == code.Sequence, ct);
        if (entry is null)
        {
            return Failed(code, ReceiptFailure.Unknown);
        }

        var hash = AuditLeaf.Hash(entry, code.Sequence);
        if (!Convert.ToHexString(hash).StartsWith(code.HashPrefix, StringComparison.Ordinal))
        {
            return Failed(code, ReceiptFailure.Mismatch);
        }

        var latest = sequencer.File.ReadAll().Where(sequencer.Keys.Verify).MaxBy(c => c.TreeSize);
        if (latest is null || latest.TreeSize < code.Sequence)
        {
            return Failed(code, ReceiptFailure.NotYetCheckpointed);
        }

        var proof = await sequencer.ReadTreeAsync(tree => tree.Count < latest.TreeSize ? null : tree.InclusionProof(code.Sequence - 1, latest.TreeSize), ct);
        if (proof is null || !Merkle.VerifyInclusion(code.Sequence - 1, latest.TreeSize, hash, proof, latest.RootHash))
        {
            return Failed(code, ReceiptFailure.ProofFailed);
        }

        return new ReceiptCheck(true, code.ToString(), null, code.Sequence, entry.Action, entry.At, latest.TreeSize, latest.Time, latest.KeyId, proof.Count);
    }

    private static ReceiptCheck Failed(ReceiptCode code, ReceiptFailure failure) =>
        new(false, code.ToString(), failure, code.Sequence, null, null, null, null, null, null);
}

public static class ReceiptEndpoints
{
    public static IEndpointRouteBuilder MapReceipts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/verify/{code}", Check).AllowAnonymous().WithTags("Audit").WithName("VerifyDocumentCode")
            .WithSummary("Check a document's verification code (entry number and leaf-hash prefix) against the latest signed checkpoint of the audit log");
        return app;
    }

    private static async Task<Results<Ok<ReceiptCheck>, ProblemHttpResult>> Check(string code, Receipts receipts, CancellationToken ct) =>
        ReceiptCode.TryParse(code, out var parsed)
            ? TypedResults.Ok(await receipts.CheckAsync(parsed, ct))
            : ProblemsExtensions.Invalid("code", $"A verification code is the entry number, a hyphen and {ReceiptCode.PrefixLength} hexadecimal digits, e.g. 1234-9F3A6C2B1D07.");
}
