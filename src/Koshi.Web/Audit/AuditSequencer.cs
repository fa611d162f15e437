using Koshi.Web.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

/// <summary>Settings of the log: <c>Koshi:Audit:*</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>The name of the log in every checkpoint.</summary>
    public string Origin { get; set; } = "koshi.kz/audit";

    /// <summary>PEM file with the EC P-256 private key that signs checkpoints; made on first start in Development only.</summary>
    public string SigningKeyFile { get; set; } = "data/audit/signing-key.pem";

    /// <summary>Make the signing key when its file is missing: on in Development, off elsewhere unless set (benchmarks).</summary>
    public bool? CreateSigningKeyIfMissing { get; set; }

    /// <summary>Where checkpoints.jsonl and keys/*.pem (every public key ever used) are kept, outside the database.</summary>
    public string CheckpointFolder { get; set; } = "data/audit/checkpoints";

    /// <summary>A checkpoint is signed once this many entries were sequenced since the last one…</summary>
    public int CheckpointEveryEntries { get; set; } = 1000;

    /// <summary>…or once this many seconds passed since the last one, whichever comes first.</summary>
    public int CheckpointEverySeconds { get; set; } = 10;

    public int SequenceIntervalMilliseconds { get; set; } = 200;

    public int BatchSize { get; set; } = 2000;
}

/// <summary>
/// Gives pending audit entries their place in the log and their leaf hash, in batches, and signs checkpoints. One
/// sequencer works on a database at a time: on PostgreSQL each batch's transaction first takes a transaction-level
/// advisory lock (so instances elect themselves batch by batch, and a crashed holder releases it with its connection);
/// SQLite serves one instance, whose runs this object's gate orders. Saves never wait for it.
/// </summary>
public sealed class AuditSequencer(IServiceScopeFactory scopes, AuditKeys keys, CheckpointFile file, AuditOptions options, TimeProvider time, ILogger<AuditSequencer> logger) : IDisposable
{
    /// <summary>The advisory lock's key: "KoshiAud" in ASCII.</summary>
    private const long LockKey = 0x4B6F736869417564;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly MerkleLeaves tree = new();
    private bool checkedAgainstFile;

    public void Dispose() => gate.Dispose();

    /// <summary>Why the sequencer refuses to sign (the database's tree disagrees with the checkpoint file), or null.</summary>
    public string? Problem { get; private set; }

    public AuditKeys Keys => keys;

    public CheckpointFile File => file;

    /// <summary>
    /// Sequences every pending entry (waiting for another instance's batch when <paramref name="wait"/>; else giving
    /// way to it), signs a checkpoint when one is due (or now, when <paramref name="forceCheckpoint"/>) and appends the
    /// database's checkpoints to the checkpoint file.
    /// </summary>
    public async Task SequenceAsync(bool wait, bool forceCheckpoint = false, CancellationToken cancellationToken = default)
    {
        if (!await gate.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return;
        }

        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<KoshiDbContext>();
            while (await BatchAsync(db, wait, forceCheckpoint, cancellationToken))
            {
                db.ChangeTracker.Clear();
            }

            // Only checkpoints the file does not hold yet: reading and verifying every stored one (and flushing the file)
            // on each pass cost CPU that grew with the log's age, a few times a second.
            var known = file.LastSize;
            var newer = await db.AuditCheckpoints.AsNoTracking().Where(c => c.TreeSize > known)
                .OrderByDescending(c => c.TreeSize).Take(options.BatchSize).ToListAsync(cancellationToken);
            if (newer.Count > 0)
            {
                file.AppendNewer(newer.Select(Checkpoint.FromRecord).Where(keys.Verify));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on the sequenced tree, after sequencing what is pending.</summary>
    public async Task<T> ReadTreeAsync<T>(Func<MerkleLeaves, T> read, CancellationToken cancellationToken)
    {
        await SequenceAsync(wait: true, cancellationToken: cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return read(tree);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One batch in one transaction; true when more may be pending.</summary>
    private async Task<bool> BatchAsync(KoshiDbContext db, bool wait, bool forceCheckpoint, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            if (wait)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [LockKey], cancellationToken);
            }
            else if (!await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", LockKey).SingleAsync(cancellationToken))
            {
                return false;
            }
        }

        var start = tree.Count;
        try
        {
            await CatchUpAsync(db, cancellationToken);
            start = tree.Count;
            var pending = await db.AuditEntries.Where(e => e.LeafHash == null)
                .OrderBy(e => e.Sequence == null).ThenBy(e => e.Sequence).ThenBy(e => e.Id) // entries kept from before the tree first, in their order
                .Take(options.BatchSize).ToListAsync(cancellationToken);
            foreach (var entry in pending)
            {
                var sequence = tree.Count + 1;
                entry.Sequence = sequence;
                entry.LeafHash = AuditLeaf.Hash(entry, sequence);
                tree.Add(entry.LeafHash);
            }

            var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
            var now = time.GetUtcNow();
            var since = tree.Count - (last?.TreeSize ?? 0);
            var due = since > 0 && (forceCheckpoint || since >= options.CheckpointEveryEntries
                || last is null || now - last.Time >= TimeSpan.FromSeconds(options.CheckpointEverySeconds));
            if (due && Problem is null && keys.KeyId is not null)
            {
                db.AuditCheckpoints.Add(Checkpoint.ToRecord(keys.Sign(options.Origin, tree.Count, tree.Root(tree.Count), now)));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return pending.Count == options.BatchSize;
        }
        catch
        {
            tree.Truncate(start);
            throw;
        }
    }

    /// <summary>Learns the leaves other instances sequenced; the first time, checks the tree against the checkpoint file.</summary>
    private async Task CatchUpAsync(KoshiDbContext db, CancellationToken cancellationToken)
    {
        var known = tree.Count;
        var newer = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > known && e.LeafHash != null)
            .OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.LeafHash }).ToListAsync(cancellationToken);
        foreach (var leaf in newer)
        {
            if (leaf.Sequence != tree.Count + 1)
            {
                throw new InvalidOperationException($"The audit log misses entry {tree.Count + 1}: sequencing stops until it is restored (verify the log).");
            }

            tree.Add(leaf.LeafHash!);
        }

        if (!checkedAgainstFile)
        {
            checkedAgainstFile = true;
            var latest = file.ReadAll().Where(keys.Verify).MaxBy(c => c.TreeSize);
            if (latest is not null && (latest.TreeSize > tree.Count || !tree.Root(latest.TreeSize).AsSpan().SequenceEqual(latest.RootHash)))
            {
                Problem = $"The database's log does not extend the checkpoint of {latest.TreeSize} entries signed at {latest.Time:O}: it was rewritten. No checkpoint is signed until it is restored.";
                logger.LogCritical("{Problem}", Problem);
            }
        }
    }
}

/// <summary>Runs the sequencer every few hundred milliseconds; on several instances, whoever takes the lock does the batch.</summary>
internal sealed class AuditSequencerService(AuditSequencer sequencer, AuditOptions options, ILogger<AuditSequencerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sequencer.SequenceAsync(wait: false, cancellationToken: stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Audit sequencing failed; it is tried again.");
            }

            try
            {
                await Task.Delay(options.SequenceIntervalMilliseconds, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public static class AuditExtensions
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Koshi:Audit").Get<AuditOptions>() ?? new AuditOptions();
        var root = builder.Environment.ContentRootPath;
        options.SigningKeyFile = Path.GetFullPath(Path.Combine(root, options.SigningKeyFile));
        options.CheckpointFolder = Path.GetFullPath(Path.Combine(root, options.CheckpointFolder));
        builder.Services.AddSingleton(options);
        // Opened now, so a production start without its signing key fails at once, naming the setting.
        builder.Services.AddSingleton(AuditKeys.Open(options.SigningKeyFile, Path.Combine(options.CheckpointFolder, "keys"),
            options.CreateSigningKeyIfMissing ?? builder.Environment.IsDevelopment()));
        builder.Services.AddSingleton(_ => new CheckpointFile(options.CheckpointFolder));
        builder.Services.AddSingleton<AuditSequencer>();
        builder.Services.AddScoped<Receipts>();
        builder.Services.AddHostedService<AuditSequencerService>();
        return builder;
    }
}
