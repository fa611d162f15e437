using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koshi.Web.Agencies;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// A work-permit application names its recruiting agency, which then holds the placement in its records; a quarter's
/// inspection plan is drawn again from its recorded seed and comes out the same.
/// </summary>
public abstract class AgencyRecruitmentTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Recruiter = "180740004568";
    private static int passports;

    protected AgencyRecruitmentTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    private DateOnly Today => DateOnly.FromDateTime(Factory.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_permit_application_naming_its_recruiting_agency_puts_the_placement_in_the_agency_records()
    {
        var employer = await Api.As("employer@demo.koshi.kz");
        var passport = Passport();
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(passport, Recruiter)), HttpStatusCode.Created);
        var permitId = permit.GetProperty("id").GetString();

        var agency = await Api.As("agency@demo.koshi.kz");
        var placements = (await Api.Ok(await agency.GetAsync("/api/v1/agencies/mine/placements"))).EnumerateArray().ToList();
        var placement = Assert.Single(placements, p => p.GetProperty("workPermitId").GetString() == permitId);
        Assert.Equal("recruited", placement.GetProperty("kind").GetString());
        Assert.Equal(passport, placement.GetProperty("workerId").GetString());
        Assert.Equal("CN", placement.GetProperty("country").GetString());
        Assert.Equal(0m, placement.GetProperty("feeChargedKzt").GetDecimal());

        // The permit has its recruiter: the agency cannot record it a second time.
        var twice = await Api.BadField(await agency.PostAsJsonAsync("/api/v1/agencies/mine/placements", new
        {
            kind = "recruited", workerPassport = passport, country = "CN", employerName = "Steppe Build LLP", placedOn = Today.ToString("yyyy-MM-dd"), workPermitId = permitId,
        }), "workPermitId");
        Assert.Equal("permit-placed", twice.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_permit_application_naming_no_active_recruiting_agency_is_refused_naming_the_field()
    {
        var employer = await Api.As("employer@demo.koshi.kz");
        var registry = (await Api.Ok(await (await Api.Officer()).GetAsync("/api/v1/agencies/registry"))).EnumerateArray().ToList();
        var domesticOnly = registry.First(a => a.GetProperty("status").GetString() == "active"
            && !a.GetProperty("services").EnumerateArray().Any(s => s.GetString() == "recruit-foreign")).GetProperty("bin").GetString()!;
        var notActive = registry.First(a => a.GetProperty("status").GetString() != "active"
            && a.GetProperty("services").EnumerateArray().Any(s => s.GetString() == "recruit-foreign")).GetProperty("bin").GetString()!;
        var unregistered = Bins.Make(987_654);
        Assert.DoesNotContain(registry, a => a.GetProperty("bin").GetString() == unregistered);

        foreach (var (bin, why) in new[] { ("12345", "Not a valid BIN"), ("180740004569", "Not a valid BIN"), (unregistered, "No agency"), (domesticOnly, "not registered to recruit"), (notActive, "only an active agency") })
        {
            var passport = Passport();
            var refused = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(passport, bin)), "agencyBin");
            Assert.Contains(why, refused.GetProperty("errors").GetProperty("agencyBin")[0].GetString(), StringComparison.Ordinal);
            var mine = (await Api.Ok(await employer.GetAsync("/api/v1/labour/permits?pageSize=200"))).EnumerateArray();
            Assert.DoesNotContain(mine, p => p.GetProperty("workerPassport").GetString() == passport);
        }
    }

    [Fact]
    public async Task A_quarter_plan_drawn_again_from_its_recorded_seed_is_the_same_plan()
    {
        var officer = await Api.Officer();
        var year = Today.Year + 1;
        var plan = await Api.Ok(await officer.PostAsJsonAsync("/api/v1/agencies/inspection-plans", new { year, quarter = 3, capacity = 12, randomSlots = 5, seed = 20261130 }), HttpStatusCode.Created);
        var registry = (await Api.Ok(await officer.GetAsync("/api/v1/agencies/registry"))).EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("bin").GetString()!);
        List<string> Planned(string selection) => [.. plan.GetProperty("inspections").EnumerateArray().Where(i => i.GetProperty("selection").GetString() == selection)
            .Select(i => registry[i.GetProperty("agencyId").GetString()!]).Order(StringComparer.Ordinal)];

        // The world moves on: complaints change today's risk scores, but the draw runs on the candidates recorded with the plan.
        foreach (var bin in registry.Values.Take(6))
        {
            await Api.Ok(await Api.Anonymous().PostAsJsonAsync("/api/v1/agencies/complaints",
                new { agencyBin = bin, category = "fee-charged", text = "A fee was charged.", contact = "+7 700 000 0000" }), HttpStatusCode.Created);
        }

        var redraw = await Api.Ok(await officer.GetAsync($"/api/v1/agencies/inspection-plans/{year}/3/redraw"));
        Assert.Equal(20261130, redraw.GetProperty("seed").GetInt32());
        Assert.Equal(Planned("targeted"), Strings(redraw, "targeted"));
        Assert.Equal(Planned("random"), Strings(redraw, "random"));
        Assert.Equal(7, Strings(redraw, "targeted").Count);
        Assert.Equal(5, Strings(redraw, "random").Count);
        Assert.True(redraw.GetProperty("reproduced").GetBoolean());
        Assert.True(redraw.GetProperty("candidates").GetInt32() >= 60);

        await Api.Problem(await officer.GetAsync($"/api/v1/agencies/inspection-plans/{year}/4/redraw"), HttpStatusCode.NotFound);
    }

    [Fact]
    public void The_draw_depends_on_the_seed_and_nothing_else()
    {
        var candidates = Enumerable.Range(0, 40).Select(i => new DrawCandidate(Bins.Make(1000 + i), (i * 7) % 23)).ToList();
        var first = InspectionDraw.Run(candidates, 10, 4, 42);
        var again = InspectionDraw.Run([.. candidates.AsEnumerable().Reverse()], 10, 4, 42);
        Assert.Equal(first.Targeted, again.Targeted);
        Assert.Equal(first.Random, again.Random);
        Assert.Equal(6, first.Targeted.Count);
        Assert.Equal(4, first.Random.Count);
        Assert.Empty(first.Targeted.Intersect(first.Random));
        Assert.All(candidates.Where(c => !first.Targeted.Contains(c.Bin)), c => Assert.True(c.Score <= candidates.Where(t => first.Targeted.Contains(t.Bin)).Min(t => t.Score)));
        var seeds = Enumerable.Range(1, 5).Select(s => string.Join(',', InspectionDraw.Run(candidates, 10, 4, s).Random)).ToHashSet();
        Assert.True(seeds.Count > 1, "five seeds drew the same sample");
    }

    private static List<string> Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)];

    // Ends in 1: the simulated Migration Police find nothing on the worker.
    private static string Passport() => $"R{Interlocked.Increment(ref passports):D3}{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}1";

    private Dictionary<string, object> Application(string passport, string agencyBin) => new()
    {
        ["type"] = "employer", ["category"] = "cat3", ["vacancyReference"] = "VAC-2026-000001", ["workerName"] = "Wang Fang", ["workerPassport"] = passport,
        ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1985-06-01", ["isco"] = "2142", ["qualification"] = "higher", ["experienceYears"] = 8,
        ["region"] = "KZ-71", ["startOn"] = Today.AddDays(8).ToString("yyyy-MM-dd"), ["durationDays"] = 365, ["agencyBin"] = agencyBin,
    };
}

public sealed class AgencyRecruitmentSqliteTests(SqliteFactory factory) : AgencyRecruitmentTests<SqliteFactory>(factory);

public sealed class AgencyRecruitmentPostgresTests(PostgresFactory factory) : AgencyRecruitmentTests<PostgresFactory>(factory);
