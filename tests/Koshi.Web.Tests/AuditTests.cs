using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Koshi.Web.Audit;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Every state change is in the log, and someone with write access to the database cannot rewrite it unseen: each
/// way of rewriting it is named by verification against the signed checkpoints kept outside the database.
/// </summary>
public abstract class AuditTests<TFactory>
    where TFactory : KoshiFactory, new()
{
    /// <summary>An applicant registers, lodges and records a KAZTEST result; a checkpoint is signed after each step.</summary>
    private static async Task<TFactory> Started()
    {
        var factory = new TFactory();
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        await factory.InitializeAsync();
        var api = new Api(factory);
        await Checkpoint(factory);
        var (applicant, _, _) = await api.NewApplicant();
        await Checkpoint(factory);
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString();
        await Checkpoint(factory);
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        await Checkpoint(factory);
        return factory;
    }

    private static Task Checkpoint(KoshiFactory factory) =>
        factory.Services.GetRequiredService<AuditSequencer>().SequenceAsync(wait: true, forceCheckpoint: true);

    private static async Task<AuditVerification> Verify(KoshiFactory factory)
    {
        var sequencer = factory.Services.GetRequiredService<AuditSequencer>();
        AuditVerification? result = null;
        await factory.WithDbAsync(async db => result = await AuditVerifier.VerifyAsync(db, sequencer.File.ReadAll(), sequencer.Keys.Verify, CancellationToken.None));
        return result!;
    }

    private static async Task<long> SequenceOf(KoshiFactory factory, string action)
    {
        long sequence = 0;
        await factory.WithDbAsync(async db => sequence = (await db.AuditEntries.Where(e => e.Action == action).MaxAsync(e => e.Sequence))!.Value);
        return sequence;
    }

    private static async Task<long> Size(KoshiFactory factory)
    {
        long size = 0;
        await factory.WithDbAsync(async db => size = (await db.AuditEntries.MaxAsync(e => e.Sequence))!.Value);
        return size;
    }

    private static AuditFinding Single(AuditVerification result, string kind)
    {
        Assert.False(result.Valid);
        var found = result.Findings.Where(f => f.Kind == kind).ToList();
        Assert.True(found.Count >= 1, $"Expected a '{kind}' finding: {JsonSerializer.Serialize(result.Findings)}");
        return found[0];
    }

    [Fact]
    public async Task State_changes_are_recorded_with_who_what_and_before_after()
    {
        await using var factory = await Started();
        var admin = await new Api(factory).As("admin@demo.koshi.kz");
        var entries = await Api.Ok(await admin.GetAsync("/api/v1/audit/entries"));
        var kaztest = entries.EnumerateArray().First(e => e.GetProperty("action").GetString() == "residence.kaztest");
        Assert.Equal("ResidenceApplication", kaztest.GetProperty("entity").GetString());
        Assert.Contains("Test Applicant", kaztest.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Stage\":\"LanguageTest\"", kaztest.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Stage\":\"Questionnaire\"", kaztest.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordHash", entries.ToString(), StringComparison.Ordinal);
        var verification = await Api.Ok(await admin.GetAsync("/api/v1/audit/verify"));
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.Equal(await Size(factory), verification.GetProperty("entriesChecked").GetInt64());
        Assert.True(verification.GetProperty("checkpointsChecked").GetInt64() >= 4);
        Assert.Equal(0, verification.GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task Editing_an_entry_is_named()
    {
        await using var factory = await Started();
        Assert.True((await Verify(factory)).Valid);
        var kaztest = await SequenceOf(factory, "residence.kaztest");
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"After\" = {0} WHERE \"Sequence\" = {1}", "{\"Stage\":\"Approved\"}", kaztest));
        var changed = Single(await Verify(factory), "changed");
        Assert.Equal(kaztest, changed.From);
        Assert.Contains($"Entry {kaztest} was changed", changed.Message, StringComparison.Ordinal);

        var admin = await new Api(factory).As("admin@demo.koshi.kz");
        var verification = await Api.Ok(await admin.GetAsync("/api/v1/audit/verify"));
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(kaztest, verification.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task Editing_an_entry_and_recomputing_its_hash_is_named_by_the_checkpoints()
    {
        await using var factory = await Started();
        var lodged = await SequenceOf(factory, "residence.lodge");
        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == lodged);
            entry.Actor = "someone else";
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"AuditEntries\" SET \"Actor\" = {0}, \"LeafHash\" = {1} WHERE \"Sequence\" = {2}", entry.Actor, AuditLeaf.Hash(entry, lodged), lodged);
        });
        var result = await Verify(factory);
        Assert.DoesNotContain(result.Findings, f => f.Kind == "changed");
        var rewritten = Single(result, "rewritten");
        Assert.Equal(lodged, rewritten.From);
        Assert.Equal(lodged, rewritten.To);
        Assert.Contains($"entry {lodged} was changed", rewritten.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_and_their_checkpoints_is_named()
    {
        await using var factory = await Started();
        var size = await Size(factory);
        // Everything the database holds about the newest two entries goes: the rows and the checkpoints that cover them.
        await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {size - 2}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditCheckpoints\" WHERE \"TreeSize\" > {size - 2}");
        });
        var result = await Verify(factory);
        var removed = Single(result, "removed");
        Assert.True(size - 1 == removed.From, $"size {size}: {JsonSerializer.Serialize(result)}");
        Assert.Equal(size, removed.To);
        Assert.Contains($"entries {size - 1}–{size} were removed", removed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_entry_in_the_middle_is_named()
    {
        await using var factory = await Started();
        var lodged = await SequenceOf(factory, "residence.lodge");
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {lodged}"));
        var missing = Single(await Verify(factory), "missing");
        Assert.Equal(lodged, missing.From);
        Assert.Equal(lodged, missing.To);
    }

    [Fact]
    public async Task Moving_a_field_boundary_is_named()
    {
        await using var factory = await Started();
        // A name with a line break, as a user's name may have: the old '\n'-joined hash could not tell these apart.
        await factory.WithDbAsync(async db =>
        {
            db.Audit.ActorOverride = "u-17 (Aigerim\nofficer)";
            db.Audit.Action = "identity.role-created";
            db.Roles.Add(new IdentityRole("auditor") { NormalizedName = "AUDITOR" });
            await db.SaveChangesAsync();
        });
        await Checkpoint(factory);
        var sequence = await SequenceOf(factory, "identity.role-created");
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditEntries\" SET \"Actor\" = {0}, \"Action\" = {1} WHERE \"Sequence\" = {2}", "u-17 (Aigerim", "officer)\nidentity.role-created", sequence));
        var changed = Single(await Verify(factory), "changed");
        Assert.Equal(sequence, changed.From);
    }

    [Fact]
    public async Task Reordering_entries_is_named()
    {
        await using var factory = await Started();
        var lodged = await SequenceOf(factory, "residence.lodge");
        var kaztest = await SequenceOf(factory, "residence.kaztest");
        await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Sequence\" = {lodged}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {lodged} WHERE \"Sequence\" = {kaztest}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {kaztest} WHERE \"Sequence\" = -1");
        });
        var result = await Verify(factory);
        var reordered = Single(result, "reordered");
        Assert.Equal(lodged, reordered.From);
        Assert.Equal(kaztest, reordered.To);
        Assert.Contains(result.Findings, f => f.Kind == "rewritten");
    }

    [Fact]
    public async Task A_rewritten_database_gets_no_new_checkpoint()
    {
        await using var factory = await Started();
        var lodged = await SequenceOf(factory, "residence.lodge");
        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == lodged);
            entry.Actor = "someone else";
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"AuditEntries\" SET \"Actor\" = {0}, \"LeafHash\" = {1} WHERE \"Sequence\" = {2}", entry.Actor, AuditLeaf.Hash(entry, lodged), lodged);
        });

        // A new instance reads the tree from the database and compares it with the checkpoint file before signing.
        // (The running instance keeps signing the tree it sequenced, which is still the honest one.)
        var restarted = factory.WithWebHostBuilder(_ => { });
        var sequencer = restarted.Services.GetRequiredService<AuditSequencer>();
        await factory.WithDbAsync(async db =>
        {
            db.Audit.ActorOverride = "system";
            db.Roles.Add(new IdentityRole("witness") { NormalizedName = "WITNESS" });
            await db.SaveChangesAsync();
        });
        await sequencer.SequenceAsync(wait: true, forceCheckpoint: true);
        Assert.NotNull(sequencer.Problem);

        // No checkpoint anyone signed covers the rewritten entry with the rewritten tree's root.
        var result = await Verify(factory);
        var covering = sequencer.File.ReadAll().Where(c => c.TreeSize >= lodged).ToList();
        Assert.NotEmpty(covering);
        Assert.All(covering, c => Assert.False(result.Tree!.Root(c.TreeSize).AsSpan().SequenceEqual(c.RootHash), $"checkpoint {c.TreeSize} signs the rewritten tree"));
    }

    [Fact]
    public async Task Proofs_from_the_api_verify_against_a_published_checkpoint_and_altered_ones_do_not()
    {
        await using var factory = await Started();
        using var anonymous = new Api(factory).Anonymous();
        var published = await Api.Ok(await anonymous.GetAsync("/api/v1/audit/checkpoints"));
        var key = published.GetProperty("keys")[0];
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.GetProperty("publicKey").GetString());
        Assert.Equal(key.GetProperty("keyId").GetString(), AuditKeys.KeyIdOf(ecdsa));
        var checkpoints = published.GetProperty("checkpoints").EnumerateArray().ToList();
        var latest = checkpoints[^1];
        var note = $"{latest.GetProperty("origin").GetString()}\n{latest.GetProperty("treeSize").GetInt64()}\n{latest.GetProperty("rootHash").GetString()}\n{latest.GetProperty("time").GetDateTimeOffset().ToUnixTimeMilliseconds()}\n";
        Assert.True(ecdsa.VerifyData(Encoding.UTF8.GetBytes(note), latest.GetProperty("signature").GetBytesFromBase64(), HashAlgorithmName.SHA256));

        var size = latest.GetProperty("treeSize").GetInt64();
        var root = latest.GetProperty("rootHash").GetBytesFromBase64();
        var kaztest = await SequenceOf(factory, "residence.kaztest");
        var inclusion = await Api.Ok(await anonymous.GetAsync($"/api/v1/audit/entries/{kaztest}/proof?treeSize={size}"));
        var leaf = inclusion.GetProperty("leafHash").GetBytesFromBase64();
        var path = inclusion.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToList();
        byte[] stored = [];
        await factory.WithDbAsync(async db => stored = (await db.AuditEntries.SingleAsync(e => e.Sequence == kaztest)).LeafHash!);
        Assert.Equal(stored, leaf);
        Assert.True(Merkle.VerifyInclusion(kaztest - 1, size, leaf, path, root));
        path[0][3] ^= 1;
        Assert.False(Merkle.VerifyInclusion(kaztest - 1, size, leaf, path, root));
        Assert.False(Merkle.VerifyInclusion(kaztest - 2, size, leaf, inclusion.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToList(), root));

        var first = checkpoints[0];
        var firstSize = first.GetProperty("treeSize").GetInt64();
        var consistency = await Api.Ok(await anonymous.GetAsync($"/api/v1/audit/consistency?first={firstSize}&second={size}"));
        var steps = consistency.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToList();
        Assert.True(Merkle.VerifyConsistency(firstSize, size, first.GetProperty("rootHash").GetBytesFromBase64(), root, steps));
        steps[^1][0] ^= 1;
        Assert.False(Merkle.VerifyConsistency(firstSize, size, first.GetProperty("rootHash").GetBytesFromBase64(), root, steps));

        await Api.BadField(await anonymous.GetAsync($"/api/v1/audit/entries/{size + 1000}/proof?treeSize={size}"), "sequence");
        await Api.BadField(await anonymous.GetAsync($"/api/v1/audit/consistency?first=5&second=2"), "first");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/entries")).StatusCode);
    }
}

public sealed class AuditSqliteTests : AuditTests<SqliteFactory>;

public sealed class AuditPostgresTests : AuditTests<PostgresFactory>;
