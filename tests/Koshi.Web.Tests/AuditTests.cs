using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Audit;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>Every state change is in the hash chain, and any edit or deletion of an entry is found.</summary>
public abstract class AuditTests<TFactory>
    where TFactory : KoshiFactory, new()
{
    private static async Task<TFactory> Started()
    {
        var factory = new TFactory();
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        await factory.InitializeAsync();
        var api = new Api(factory);
        var (applicant, _, _) = await api.NewApplicant();
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString();
        await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        return factory;
    }

    private static async Task<AuditVerification> Verify(KoshiFactory factory)
    {
        AuditVerification? result = null;
        await factory.WithDbAsync(async db => result = await AuditChain.VerifyAsync(db, CancellationToken.None));
        return result!;
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
        Assert.True(verification.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Editing_an_entry_is_detected_at_that_entry()
    {
        await using var factory = await Started();
        Assert.True((await Verify(factory)).Valid);
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"After\" = {0} WHERE \"Sequence\" = 5", "{\"Stage\":\"Approved\"}"));
        var result = await Verify(factory);
        Assert.False(result.Valid);
        Assert.Equal(5, result.FirstBrokenSequence);
        var admin = await new Api(factory).As("admin@demo.koshi.kz");
        var verification = await Api.Ok(await admin.GetAsync("/api/v1/audit/verify"));
        Assert.Equal(5, verification.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task Deleting_an_entry_is_detected_where_the_link_breaks()
    {
        await using var factory = await Started();
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 4"));
        var result = await Verify(factory);
        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_detected_against_the_head()
    {
        await using var factory = await Started();
        long last = 0;
        await factory.WithDbAsync(async db => last = await db.AuditEntries.MaxAsync(e => e.Sequence));
        await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {last}"));
        var result = await Verify(factory);
        Assert.False(result.Valid);
        Assert.Equal(last, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_rewritten_entry_with_a_recomputed_hash_still_breaks_the_next_link()
    {
        await using var factory = await Started();
        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == 3);
            entry.Actor = "someone else";
            entry.Hash = AuditChain.ComputeHash(entry);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = 3", entry.Actor, entry.Hash);
        });
        var result = await Verify(factory);
        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstBrokenSequence);
    }
}

public sealed class AuditSqliteTests : AuditTests<SqliteFactory>;

public sealed class AuditPostgresTests : AuditTests<PostgresFactory>;
