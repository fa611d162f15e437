using System.Globalization;
using Koshi.Cli.Infrastructure;
using Koshi.Web.Audit;
using Koshi.Web.Platform.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Cli.Verbs;

/// <summary>
/// <c>koshi audit verify --db CONNECTION --checkpoints FILE --keys PATH [--later FILE]</c>: checks the audit log in a
/// database against checkpoints saved outside it, and proves a later checkpoint extends the saved one.
/// </summary>
internal static class AuditVerifyVerb
{
    public static readonly Verb Definition = new(
        "audit verify",
        "Check the platform's audit log in its database against saved signed checkpoints, and name what was changed.",
        [],
        [
            new("db", "CONNECTION", "the platform's database: 'Data Source=koshi.db' (SQLite) or 'Host=…;Database=…;Username=…' (PostgreSQL); read only", Required: true),
            new("checkpoints", "FILE", "saved checkpoints: a checkpoints.jsonl, or a saved answer of GET /api/v1/audit/checkpoints", Required: true),
            new("keys", "PATH", "the trusted public key (PEM) or a folder of them, obtained from the ministry, not from the database", Required: true),
            new("later", "FILE", "checkpoints saved later: prove the latest of them extends the latest of --checkpoints"),
            new("provider", "NAME", "sqlite or postgres (default: postgres when the connection names a Host)"),
        ],
        """
        Recomputes every entry's leaf hash from its content (RFC 6962 over the canonical encoding) and the
        Merkle root at each checkpoint's size, and checks each checkpoint's signature with the given keys.
        Each finding names the entries concerned: changed, missing, reordered, removed (the log is shorter than
        a checkpoint), rewritten (content and hashes changed together: the entries between the last checkpoint
        that still matches and the first that does not). With --later, a consistency proof between the two
        checkpoints is built from the log and verified against both signed roots.
        Exits 0 when everything holds, 1 when anything does not, 2 on bad input (file:line for a bad file).
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var keysPath = Full(context, args.Value("keys")!);
        if (!File.Exists(keysPath) && !Directory.Exists(keysPath))
        {
            throw new CliException($"{keysPath}: no such key file or folder");
        }

        var keys = new AuditKeys(null, AuditKeys.LoadPublicKeys(keysPath));
        if (!keys.PublicKeys.Any())
        {
            throw new CliException($"{keysPath}: no public key (*.pem) found");
        }

        var saved = ReadCheckpoints(context, args.Value("checkpoints")!);
        var later = args.Value("later") is { } laterFile ? ReadCheckpoints(context, laterFile) : null;
        using var db = Open(args.Value("db")!, args.Value("provider"), context);
        var result = AuditVerifier.VerifyAsync(db, saved.Concat(later ?? []).ToList(), keys.Verify, CancellationToken.None).GetAwaiter().GetResult();

        var w = context.Out;
        w.WriteLine($"log: {result.EntriesChecked} entries in the tree, {result.Pending} not yet sequenced");
        w.WriteLine($"checkpoints: {result.CheckpointsChecked} with a trusted signature"
                    + (result.LatestCheckpoint is { } latest
                        ? $"; latest {latest.TreeSize} entries, root {Convert.ToBase64String(latest.RootHash)}, {latest.Time.ToString("O", CultureInfo.InvariantCulture)}, key {latest.KeyId[..16]}…"
                        : string.Empty));
        foreach (var finding in result.Findings)
        {
            w.WriteLine($"{finding.Kind}: {finding.Message}");
        }

        var consistent = true;
        if (later is not null)
        {
            consistent = ProveConsistency(w, saved.Where(keys.Verify).MaxBy(c => c.TreeSize), later.Where(keys.Verify).MaxBy(c => c.TreeSize), result.Tree!);
        }

        var ok = result.Valid && consistent && result.CheckpointsChecked > 0;
        w.WriteLine(ok
            ? "OK: the log matches every checkpoint."
            : result.CheckpointsChecked == 0 ? "FAILED: no checkpoint carries a trusted signature." : $"FAILED: {result.Findings.Count + (consistent ? 0 : 1)} finding(s).");
        return ok ? Dispatcher.Ok : Dispatcher.Failed;
    }

    private static bool ProveConsistency(TextWriter w, Checkpoint? older, Checkpoint? newer, MerkleLeaves tree)
    {
        if (older is null || newer is null)
        {
            w.WriteLine("consistency: needs a trusted checkpoint in each file");
            return false;
        }

        if (older.TreeSize > newer.TreeSize)
        {
            (older, newer) = (newer, older);
        }

        if (newer.TreeSize > tree.Count)
        {
            w.WriteLine($"consistency: the log has {tree.Count} entries, fewer than the checkpoint of {newer.TreeSize}: no proof can be built");
            return false;
        }

        var proof = tree.ConsistencyProof(older.TreeSize, newer.TreeSize);
        var holds = Merkle.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, proof);
        w.WriteLine(holds
            ? $"consistency: the checkpoint of {newer.TreeSize} entries extends the one of {older.TreeSize} (proof of {proof.Count} hashes verifies)"
            : $"consistency: FAILED between the checkpoints of {older.TreeSize} and {newer.TreeSize} entries: the log between them was rewritten or one of them signs another log");
        return holds;
    }

    private static List<Checkpoint> ReadCheckpoints(CliContext context, string file)
    {
        var path = Full(context, file);
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        try
        {
            return Checkpoint.Parse(CheckpointFile.ReadText(path), path);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static KoshiDbContext Open(string connection, string? provider, CliContext context)
    {
        var audit = new AuditContext(null, TimeProvider.System);
        provider ??= connection.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "postgres" : "sqlite";
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var csb = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadOnly };
                csb.DataSource = Full(context, csb.DataSource);
                if (!File.Exists(csb.DataSource))
                {
                    throw new CliException($"{csb.DataSource}: no such database file");
                }

                return new SqliteKoshiDbContext(new DbContextOptionsBuilder<SqliteKoshiDbContext>().UseSqlite(csb.ToString()).Options, audit);
            case "postgres" or "postgresql":
                return new PostgresKoshiDbContext(new DbContextOptionsBuilder<PostgresKoshiDbContext>().UseNpgsql(connection).Options, audit);
            default:
                throw new UsageException($"--provider '{provider}' is not supported: use sqlite or postgres", Definition);
        }
    }

    private static string Full(CliContext context, string path) => Path.GetFullPath(Path.Combine(context.CurrentDirectory, path));
}
