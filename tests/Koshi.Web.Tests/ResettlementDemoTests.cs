using System.Net.Http.Json;
using Koshi.Web.Resettlement;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>A factory that loads the illustrative resettlement register, as a demonstration would.</summary>
public sealed class ResettlementRegisterFactory<TFactory> : IAsyncLifetime, IDisposable
    where TFactory : KoshiFactory, new()
{
    public ResettlementRegisterFactory()
    {
        Factory.Settings["Koshi:Demo:ResettlementRegister"] = "true";
    }

    public TFactory Factory { get; } = new();

    public async ValueTask InitializeAsync()
    {
        if (!Factory.Available)
        {
            return;
        }

        await Factory.InitializeAsync();
        using var client = Factory.CreateClient();
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    public void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>The illustrative register follows the published 2025 picture and loads on both databases.</summary>
public abstract class ResettlementDemoTests<TFactory> : IClassFixture<ResettlementRegisterFactory<TFactory>>
    where TFactory : KoshiFactory, new()
{
    private readonly ResettlementRegisterFactory<TFactory> fixture;

    protected ResettlementDemoTests(ResettlementRegisterFactory<TFactory> fixture)
    {
        Assert.SkipUnless(fixture.Factory.Available, $"{fixture.Factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        this.fixture = fixture;
    }

    [Fact]
    public async Task The_register_follows_the_published_2025_picture_and_is_marked_illustrative()
    {
        var api = new Api(fixture.Factory);
        var analyst = await api.As("analyst@demo.koshi.kz");
        var measures = await Api.Ok(await analyst.GetAsync("/api/v1/resettlement/measures?year=2025"));

        // 5,213 participants to 1 Oct 2025 by region [R50].
        Assert.Equal(5213, measures.GetProperty("participants").GetInt32());
        var byRegion = measures.GetProperty("arrivalsByRegion").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("persons").GetInt32());
        Assert.Equal(
            new Dictionary<string, int> { ["KZ-55"] = 1886, ["KZ-59"] = 1516, ["KZ-39"] = 575, ["KZ-63"] = 490, ["KZ-10"] = 305, ["KZ-11"] = 257, ["KZ-23"] = 103, ["KZ-62"] = 43, ["KZ-35"] = 38 },
            byRegion);
        var cohort = measures.GetProperty("returnRateByCohort").EnumerateArray().Single(c => c.GetProperty("cohort").GetInt32() == 2025);
        Assert.InRange(cohort.GetProperty("returnRatePercent").GetDecimal(), 4m, 8m);
        Assert.True(measures.GetProperty("refundClaims").GetArrayLength() > 0);
        Assert.Contains(measures.GetProperty("payments").EnumerateArray(), p => p.GetProperty("paidKzt").GetDecimal() > 0);

        var fill = measures.GetProperty("quotaFill").EnumerateArray().Single(q => q.GetProperty("region").GetString() == "KZ-23");
        Assert.Equal(fill.GetProperty("seats").GetInt32(), fill.GetProperty("used").GetInt32());

        var kandas = 0;
        var marked = 0;
        await fixture.Factory.WithDbAsync(async db =>
        {
            var cases = await db.ResettlementCases.Where(c => c.Year == 2025).Select(c => new { c.Programme, c.ApplicantName, Persons = c.Members.Count + 1 }).ToListAsync();
            kandas = cases.Where(c => c.Programme == Programme.Kandas).Sum(c => c.Persons);
            marked = cases.Count(c => c.ApplicantName.Contains(ResettlementDemoData.Marker, StringComparison.Ordinal));
            Assert.Equal(cases.Count, marked);
        });
        // About a third were kandas (1,725 of 5,213 [R50]).
        Assert.InRange(kandas, 1400, 2050);

        var admin = await api.As("admin@demo.koshi.kz");
        var quota = await Api.Ok(await admin.GetAsync("/api/v1/resettlement/quota"));
        Assert.Equal(5997 + 2281, quota.EnumerateArray().Sum(q => q.GetProperty("seats").GetInt32()));
    }
}

public sealed class ResettlementDemoSqliteTests(ResettlementRegisterFactory<SqliteFactory> fixture) : ResettlementDemoTests<SqliteFactory>(fixture);

public sealed class ResettlementDemoPostgresTests(ResettlementRegisterFactory<PostgresFactory> fixture) : ResettlementDemoTests<PostgresFactory>(fixture);
