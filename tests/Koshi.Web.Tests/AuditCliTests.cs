using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Audit;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary><c>koshi audit verify</c> against the platform's database, a saved checkpoint file and the public key.</summary>
public abstract class AuditCliTests<TFactory>
    where TFactory : KoshiFactory, new()
{
    private static (int Code, string Out, string Error) Koshi(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = global::Koshi.Cli.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Verify_checks_the_database_against_saved_checkpoints_and_proves_a_later_one_extends_them()
    {
        await using var factory = new TFactory();
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        await factory.InitializeAsync();
        var api = new Api(factory);
        var sequencer = factory.Services.GetRequiredService<AuditSequencer>();
        var (applicant, _, _) = await api.NewApplicant();
        await sequencer.SequenceAsync(wait: true, forceCheckpoint: true);
        var keys = Path.Combine(factory.AuditFolder, "checkpoints", "keys");
        var saved = Path.Combine(factory.AuditFolder, "saved.jsonl");
        File.Copy(sequencer.File.Path, saved);

        await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        await sequencer.SequenceAsync(wait: true, forceCheckpoint: true);
        var (code, output, error) = Koshi("audit", "verify", "--db", factory.Connection, "--checkpoints", saved, "--keys", keys, "--later", sequencer.File.Path);
        Assert.True(code == 0, output + error);
        Assert.Contains("OK: the log matches every checkpoint.", output, StringComparison.Ordinal);
        Assert.Contains("extends the one of", output, StringComparison.Ordinal);

        // An insider edits the lodgement and recomputes its hash: the saved checkpoints name it.
        long lodged = 0;
        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "residence.lodge");
            lodged = entry.Sequence!.Value;
            entry.After = "{}";
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"After\" = {0}, \"LeafHash\" = {1} WHERE \"Id\" = {2}", entry.After, AuditLeaf.Hash(entry, lodged), entry.Id);
        });
        (code, output, error) = Koshi("audit", "verify", "--db", factory.Connection, "--checkpoints", saved, "--keys", keys, "--later", sequencer.File.Path);
        Assert.True(code == 1, output + error);
        Assert.Contains("rewritten:", output, StringComparison.Ordinal);
        Assert.Contains($"entry {lodged} was changed", output, StringComparison.Ordinal);
        Assert.Contains("consistency: FAILED", output, StringComparison.Ordinal);

        // A checkpoint file that is not one is bad input, named by file and line.
        var broken = Path.Combine(factory.AuditFolder, "broken.jsonl");
        await File.WriteAllTextAsync(broken, File.ReadAllLines(saved)[0] + "\n{\"origin\": 5\n");
        (code, _, error) = Koshi("audit", "verify", "--db", factory.Connection, "--checkpoints", broken, "--keys", keys);
        Assert.Equal(2, code);
        Assert.Contains("broken.jsonl:2", error, StringComparison.Ordinal);
    }
}

public sealed class AuditCliSqliteTests : AuditCliTests<SqliteFactory>;

public sealed class AuditCliPostgresTests : AuditCliTests<PostgresFactory>;
