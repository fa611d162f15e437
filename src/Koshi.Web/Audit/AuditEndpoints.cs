using Koshi.Web.Identity;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

public sealed record AuditEntryView(long? Sequence, DateTimeOffset At, string Actor, string Action, string Entity, string EntityId, string Before, string After, byte[]? LeafHash);

public sealed record AuditPublicKey(string KeyId, string Algorithm, string PublicKey);

/// <summary>The public keys checkpoints are signed with, and the checkpoints in order of tree size.</summary>
public sealed record CheckpointList(IReadOnlyList<AuditPublicKey> Keys, IReadOnlyList<Checkpoint> Checkpoints);

/// <summary>RFC 6962 audit path of entry <see cref="Sequence"/> (leaf index Sequence − 1) in the tree of <see cref="TreeSize"/>.</summary>
public sealed record InclusionProof(long Sequence, long LeafIndex, long TreeSize, byte[] LeafHash, byte[] RootHash, IReadOnlyList<byte[]> Proof, Checkpoint? Checkpoint);

public sealed record ConsistencyProof(long First, long Second, byte[] FirstRoot, byte[] SecondRoot, IReadOnlyList<byte[]> Proof);

/// <summary>
/// The audit log. Administrators read entries and verify the log; anyone may fetch checkpoints, public keys and
/// proofs (hashes only, no personal data), so outside witnesses can keep copies and check the log grows append-only.
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        var admin = audit.MapGroup(string.Empty).RequireAuthorization(Policies.ApiAdmin);
        admin.MapGet("/verify", Verify).WithName("VerifyAuditLog")
            .WithSummary("Check every entry against its leaf hash and the tree against every checkpoint in the checkpoint file");
        admin.MapGet("/entries", Entries).WithName("ListAuditEntries").WithSummary("The newest audit entries (at most 100)");
        admin.MapPost("/checkpoints", SignNow).WithName("SignAuditCheckpoint").WithSummary("Sequence what is pending and sign a checkpoint now");
        audit.MapGet("/checkpoints", Checkpoints).AllowAnonymous().WithName("ListAuditCheckpoints")
            .WithSummary("Signed checkpoints (tree size, root, time, key id) after a tree size, and the public keys");
        audit.MapGet("/entries/{sequence:long}/proof", Inclusion).AllowAnonymous().WithName("AuditInclusionProof")
            .WithSummary("Inclusion proof of an entry in the tree of treeSize entries (default: the latest checkpoint)");
        audit.MapGet("/consistency", Consistency).AllowAnonymous().WithName("AuditConsistencyProof")
            .WithSummary("Consistency proof that the tree of first entries is a prefix of the tree of second entries");
        app.MapReceipts();
        return app;
    }

    private static async Task<Ok<AuditVerification>> Verify(KoshiDbContext db, AuditSequencer sequencer, CancellationToken ct)
    {
        await sequencer.SequenceAsync(wait: true, cancellationToken: ct);
        return TypedResults.Ok(await AuditVerifier.VerifyAsync(db, sequencer.File.ReadAll(), sequencer.Keys.Verify, ct));
    }

    private static async Task<Ok<List<AuditEntryView>>> Entries(KoshiDbContext db, CancellationToken ct, int take = 50)
    {
        var entries = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 100))
            .Select(e => new AuditEntryView(e.Sequence, e.At, e.Actor, e.Action, e.Entity, e.EntityId, e.Before, e.After, e.LeafHash))
            .ToListAsync(ct);
        return TypedResults.Ok(entries);
    }

    private static async Task<Results<Ok<Checkpoint>, ProblemHttpResult>> SignNow(AuditSequencer sequencer, CancellationToken ct)
    {
        await sequencer.SequenceAsync(wait: true, forceCheckpoint: true, cancellationToken: ct);
        return sequencer.File.ReadAll().Where(sequencer.Keys.Verify).MaxBy(c => c.TreeSize) is { } latest
            ? TypedResults.Ok(latest)
            : TypedResults.Problem(sequencer.Problem ?? "The log is empty.", statusCode: StatusCodes.Status409Conflict, title: "No checkpoint");
    }

    private static Ok<CheckpointList> Checkpoints(AuditSequencer sequencer, long after = 0, int take = 1000) =>
        TypedResults.Ok(new CheckpointList(
            sequencer.Keys.PublicKeys.Select(k => new AuditPublicKey(k.KeyId, AuditKeys.Algorithm, k.PublicKeyPem)).ToList(),
            sequencer.File.ReadAll().Where(c => c.TreeSize > after).OrderBy(c => c.TreeSize).Take(Math.Clamp(take, 1, 1000)).ToList()));

    private static async Task<Results<Ok<InclusionProof>, ProblemHttpResult>> Inclusion(long sequence, AuditSequencer sequencer, CancellationToken ct, long? treeSize = null)
    {
        var checkpoints = sequencer.File.ReadAll();
        var size = treeSize ?? checkpoints.Where(c => c.TreeSize >= sequence).Select(c => c.TreeSize).DefaultIfEmpty(0).Min();
        if (treeSize is null && size == 0)
        {
            return ProblemsExtensions.Invalid("sequence", $"No published checkpoint covers entry {sequence} yet; ask again after the next one, or give treeSize.");
        }

        return await sequencer.ReadTreeAsync<Results<Ok<InclusionProof>, ProblemHttpResult>>(tree =>
        {
            if (sequence < 1 || sequence > tree.Count)
            {
                return ProblemsExtensions.Invalid("sequence", $"The log has entries 1–{tree.Count}.");
            }

            if (size < sequence || size > tree.Count)
            {
                return ProblemsExtensions.Invalid("treeSize", $"treeSize must be from {sequence} (the entry) to {tree.Count} (the log's size).");
            }

            return TypedResults.Ok(new InclusionProof(sequence, sequence - 1, size, tree[sequence - 1], tree.Root(size),
                tree.InclusionProof(sequence - 1, size), checkpoints.FirstOrDefault(c => c.TreeSize == size)));
        }, ct);
    }

    private static async Task<Results<Ok<ConsistencyProof>, ProblemHttpResult>> Consistency(long first, long second, AuditSequencer sequencer, CancellationToken ct) =>
        await sequencer.ReadTreeAsync<Results<Ok<ConsistencyProof>, ProblemHttpResult>>(tree =>
            first < 1 || first > second
                ? ProblemsExtensions.Invalid("first", "first must be from 1 to second.")
                : second > tree.Count
                    ? ProblemsExtensions.Invalid("second", $"The log has {tree.Count} entries.")
                    : TypedResults.Ok(new ConsistencyProof(first, second, tree.Root(first), tree.Root(second), tree.ConsistencyProof(first, second))),
            ct);
}
