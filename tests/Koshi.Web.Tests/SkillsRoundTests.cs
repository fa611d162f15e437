using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>
/// Workers assessed at application, waiting in a ranked pool and admitted by allocation rounds, on each database:
/// the round's order, its published figures, evidence checks that re-assess, and two rounds racing on one pool.
/// </summary>
public abstract class SkillsRoundTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string EmployerPassword = "Employer-2026-x";
    private static readonly DateTimeOffset RankedYear = new(2027, 1, 11, 6, 0, 0, TimeSpan.Zero);
    private static readonly int[] NoForeignStaff = [0, 0, 0, 0];
    private static readonly int[] RoundNumbers = [1, 2];
    private static int employers;

    protected SkillsRoundTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        factory.Settings["Koshi:PolicyPack"] = RankedPack.Value;
        Api = new Api(factory);
        Factory = factory;
    }

    /// <summary>
    /// The Kazakh pack with categories 1–4 ranked from the 2027 quota year, as the ministry would order it: the pack
    /// itself ranks no pool until such an order exists.
    /// </summary>
    private static readonly Lazy<string> RankedPack = new(() =>
    {
        var target = Repository.CopyOfKazakhPack();
        var skills = Path.Combine(target, "parameters", "skills.yaml");
        var text = File.ReadAllText(skills);
        const string Anchor = "seasonal and household workers stay first come, first served.\"\n";
        Assert.Contains(Anchor, text, StringComparison.Ordinal);
        File.WriteAllText(skills, text.Replace(Anchor, Anchor + "      2027-01-01:\n        value: [cat1, cat2, cat3, cat4]\n        provisional: true\n        note: \"Ranked from the 2027 quota year for the tests.\"\n", StringComparison.Ordinal));
        return target;
    });

    private Api Api { get; }

    private TFactory Factory { get; }

    private string Today => Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Applications_are_assessed_wait_in_the_pool_and_a_round_admits_the_best_with_a_published_cut_off()
    {
        var (employer, email, vacancy) = await ReadyEmployer("KZ-55", "C", [5, 5, 50, 2000], "7212", "cat4");
        await SetSeats("KZ-55", "cat4", 3);

        // Six welders (short in Pavlodar: regional demand), lodged a minute apart so that ties go by lodgement time.
        var facts = new (int Experience, string Qualification, bool Recognised, string Language)[]
        {
            (1, "none", false, "none"), (12, "vocational", true, "b2"), (6, "vocational", false, "b1"),
            (6, "vocational", false, "b1"), (3, "higher", true, "a2"), (0, "none", false, "none"),
        };
        var applied = new List<(string Id, int Points, DateTimeOffset At)>();
        for (var i = 0; i < facts.Length; i++)
        {
            employer = await Api.As(email, EmployerPassword);
            var body = Application(vacancy, "cat4", "KZ-55", $"R{i:D6}1", "7212", facts[i].Qualification, facts[i].Experience);
            body["qualificationRecognised"] = facts[i].Recognised;
            body["languageLevel"] = facts[i].Language;
            body["educationRelevant"] = true;
            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", body), HttpStatusCode.Created);
            Assert.True(permit.GetProperty("ranked").GetBoolean());
            applied.Add((permit.GetProperty("id").GetString()!, permit.GetProperty("assessmentPoints").GetInt32(), permit.GetProperty("appliedAt").GetDateTimeOffset()));
            Factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // The assessment: its points are the explanation's criteria, it records the pack and law date, and says what would raise it.
        employer = await Api.As(email, EmployerPassword);
        var weakest = await Api.Ok(await employer.GetAsync($"/api/v1/labour/permits/{applied[0].Id}/assessment"));
        var criteria = weakest.GetProperty("explanation").GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(weakest.GetProperty("points").GetInt32(), criteria.Sum(c => c.GetProperty("points").GetInt32()));
        Assert.Equal(25, criteria.Single(c => c.GetProperty("id").GetString() == "regional_demand").GetProperty("points").GetInt32());
        Assert.Equal("C", weakest.GetProperty("tier").GetString());
        Assert.StartsWith("sha256:", weakest.GetProperty("packHash").GetString(), StringComparison.Ordinal);
        Assert.Equal(Today[..4], weakest.GetProperty("lawDate").GetString()![..4]);
        var raises = weakest.GetProperty("raises").EnumerateArray().ToList();
        Assert.Contains(raises, r => r.GetProperty("input").GetString() == "qualification_recognised" && r.GetProperty("points").GetInt32() == 20);
        Assert.Equal(6, weakest.GetProperty("poolWaiting").GetInt32());

        // The officer rejects the experience of the second-best: it is assessed again without it, and drops.
        var officer = await Api.Officer("KZ-55");
        var before = applied[2].Points;
        var rejected = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/labour/permits/{applied[2].Id}/evidence/experience", new { accepted = false }));
        Assert.Equal(before - 30, rejected.GetProperty("assessmentPoints").GetInt32());
        applied[2] = applied[2] with { Points = before - 30 };
        await Api.BadField(await officer.PostAsJsonAsync($"/api/v1/labour/permits/{applied[2].Id}/evidence/salary", new { accepted = true }), "item");

        // Waiting in a ranked pool is not a seat: a paid application cannot be issued before a round admits it.
        var best = applied.OrderByDescending(a => a.Points).First();
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{best.Id}/approve", null));
        await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{best.Id}/pay", new { account = "KZ000000000000001234" }));
        var early = await Api.Problem(await officer.PostAsync($"/api/v1/labour/permits/{best.Id}/issue", null), HttpStatusCode.Conflict);
        Assert.Equal("awaiting-round", early.GetProperty("code").GetString());

        // The round: the three best by points, ties to the earlier lodgement; the cut-off is the third one's points.
        var expected = applied.OrderByDescending(a => a.Points).ThenBy(a => a.At).Take(3).Select(a => a.Id).ToHashSet();
        var admin = await Api.As("admin@demo.koshi.kz");
        var round = await Api.Ok(await admin.PostAsJsonAsync("/api/v1/labour/rounds", new { region = "KZ-55", pool = "cat4" }), HttpStatusCode.Created);
        Assert.Equal(3, round.GetProperty("seatsOffered").GetInt32());
        Assert.Equal(6, round.GetProperty("applicants").GetInt32());
        Assert.Equal(3, round.GetProperty("admitted").GetInt32());
        Assert.Equal(applied.Select(a => a.Points).OrderDescending().ElementAt(2), round.GetProperty("cutOff").GetInt32());
        var roundId = Guid.Parse(round.GetProperty("id").GetString()!);
        Assert.Equal(expected, (await AdmittedBy(roundId)).Select(g => g.ToString()).ToHashSet());
        Assert.Equal(3, await Used("KZ-55", "cat4"));

        // Published without personal data; those below the cut-off stay in the pool with their position.
        var published = await Api.Ok(await (await Api.NewApplicant()).Client.GetAsync("/api/v1/labour/rounds?region=KZ-55&pool=cat4"));
        Assert.Equal(1, published.GetArrayLength());
        Assert.DoesNotContain("Li Wei", published.GetRawText(), StringComparison.Ordinal);
        var below = applied.Where(a => !expected.Contains(a.Id)).OrderByDescending(a => a.Points).ThenBy(a => a.At).First();
        var waiting = await Api.Ok(await employer.GetAsync($"/api/v1/labour/permits/{below.Id}/assessment"));
        Assert.Equal(1, waiting.GetProperty("poolPosition").GetInt32());
        Assert.Equal(3, waiting.GetProperty("poolWaiting").GetInt32());

        // The admitted application is issued on the round's seat (no second seat); a withdrawn admitted one gives its seat back.
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{best.Id}/issue", null));
        Assert.Equal(3, await Used("KZ-55", "cat4"));
        var other = expected.First(id => id != best.Id);
        await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{other}/withdraw", new { reason = "The worker took another job" }));
        Assert.Equal(2, await Used("KZ-55", "cat4"));

        // The next round offers the freed seat to the best still waiting.
        var second = await Api.Ok(await admin.PostAsJsonAsync("/api/v1/labour/rounds", new { region = "KZ-55", pool = "cat4" }), HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        Assert.Equal(1, second.GetProperty("admitted").GetInt32());
        Assert.Equal([Guid.Parse(below.Id)], await AdmittedBy(Guid.Parse(second.GetProperty("id").GetString()!)));

        // The pages: the employer sees the points, tier and place in the pool (in Russian too); the ministry the rounds.
        var page = await (await SignedIn(email, EmployerPassword, "ru")).GetStringAsync($"/labour/permits/{applied[0].Id}");
        Assert.Contains("Оценка работника", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"assessment-points\">{applied[0].Points}<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"assessment-position\"", page, StringComparison.Ordinal);
        var ministry = await (await SignedIn("admin@demo.koshi.kz", Koshi.Web.Identity.DemoData.Password, "en")).GetStringAsync("/labour/ministry");
        Assert.Contains("Allocation rounds", ministry, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(ministry, "data-region=\"KZ-55\" data-pool=\"cat4\""));

        // Seasonal seats stay first come, first served: no round for them.
        var notRanked = await Api.BadField(await admin.PostAsJsonAsync("/api/v1/labour/rounds", new { region = "KZ-55", pool = "seasonal" }), "pool");
        Assert.Equal("pool-not-ranked", notRanked.GetProperty("code").GetString());
        Assert.Contains("provisional", notRanked.GetProperty("source").GetString(), StringComparison.Ordinal);
        await Api.BadField(await admin.PostAsJsonAsync("/api/v1/labour/rounds", new { region = "KZ-55", pool = "cat9" }), "pool");
    }

    [Fact]
    public async Task Two_rounds_at_once_on_one_pool_never_give_a_seat_twice_nor_exceed_the_quota()
    {
        const int seats = 5;
        var (employer, email, vacancy) = await ReadyEmployer("KZ-71", "J", [10, 20, 3000, 50], "2512", "cat3");
        await SetSeats("KZ-71", "cat3", seats);
        var ids = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            employer = await Api.As(email, EmployerPassword);
            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits",
                Application(vacancy, "cat3", "KZ-71", $"C{i:D6}1", "2512", i % 2 == 0 ? "higher" : "vocational", i)), HttpStatusCode.Created);
            ids.Add(permit.GetProperty("id").GetString()!);
            Factory.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var usedBefore = await Used("KZ-71", "cat3");
        var admin = await Api.As("admin@demo.koshi.kz");
        using var start = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await admin.PostAsJsonAsync("/api/v1/labour/rounds", new { region = "KZ-71", pool = "cat3", seats = 4 });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(runs);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var rounds = new List<JsonElement>();
        foreach (var response in responses)
        {
            rounds.Add(await Api.Ok(response, HttpStatusCode.Created));
        }

        // One round took four seats, the other the one left: never more than the seats, each application at most once.
        var admitted = rounds.Sum(r => r.GetProperty("admitted").GetInt32());
        Assert.Equal(seats - usedBefore, admitted);
        Assert.Equal(seats, await Used("KZ-71", "cat3"));
        Assert.Equal(RoundNumbers, rounds.Select(r => r.GetProperty("number").GetInt32()).Order());
        var byRound = new List<Guid>();
        foreach (var round in rounds)
        {
            var these = await AdmittedBy(Guid.Parse(round.GetProperty("id").GetString()!));
            Assert.Equal(round.GetProperty("admitted").GetInt32(), these.Count);
            byRound.AddRange(these);
        }

        Assert.Equal(byRound.Count, byRound.Distinct().Count());

        // Reproducible: together the two rounds admitted exactly the top of the pool's ranking.
        var points = new List<(Guid Id, int Points, DateTimeOffset At)>();
        await Factory.WithDbAsync(async db => points = (await db.WorkPermits.Where(p => p.Region == RegionCode.Parse("KZ-71") && p.Pool == "cat3" && p.Ranked)
            .Select(p => new { p.Id, p.AssessmentPoints, p.AppliedAt }).ToListAsync()).Select(p => (p.Id, p.AssessmentPoints!.Value, p.AppliedAt)).ToList());
        var top = PoolEntry.Ranked(points.Select(p => new PoolEntry(p.Id, p.Points, p.At))).Take(admitted).Select(e => e.Id).ToHashSet();
        Assert.Equal(top, byRound.ToHashSet());
    }

    private async Task<(HttpClient Client, string Email, string Vacancy)> ReadyEmployer(string region, string oked, int[] kazakh, string isco, string category)
    {
        if (Factory.Time.GetUtcNow() < RankedYear)
        {
            // The application starts (and prepares its data) in the pack's current law, then the clock moves to the ranked year.
            using var started = Api.Anonymous();
            Factory.Time.SetUtcNow(RankedYear);
        }

        var n = Interlocked.Increment(ref employers);
        var bin = Bins.Make(n * 6151 % 100000);
        var email = $"ranked{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = EmployerPassword, fullName = $"Ranked {n} LLP", role = "employer", bin }), HttpStatusCode.Created);
        var client = await Api.As(email, EmployerPassword);
        await Api.Ok(await client.PutAsJsonAsync("/api/v1/labour/employer", new { name = $"Ranked {n} LLP", okedSection = oked, region, kazakhStaff = kazakh, foreignStaff = NoForeignStaff }));
        var vacancy = await Api.Ok(await client.PostAsJsonAsync("/api/v1/labour/vacancies", new { title = "Vacancy " + isco, isco, category, region, positions = 20 }), HttpStatusCode.Created);
        Factory.Time.Advance(TimeSpan.FromDays(16));
        return (await Api.As(email, EmployerPassword), email, vacancy.GetProperty("reference").GetString()!);
    }

    private async Task<HttpClient> SignedIn(string email, string password, string language)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);
        return client;
    }

    private async Task SetSeats(string region, string pool, int seats)
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Factory.Time.GetUtcNow().Year}/{region}/{pool}", new { seats, reason = "Distribution for the test" }));
    }

    private async Task<int> Used(string region, string pool)
    {
        var used = -1;
        var year = Factory.Time.GetUtcNow().Year;
        await Factory.WithDbAsync(async db => used = await db.QuotaAllocations
            .Where(q => q.Year == year && q.Region == RegionCode.Parse(region) && q.Pool == pool).Select(q => q.Used).SingleAsync());
        return used;
    }

    private async Task<List<Guid>> AdmittedBy(Guid round)
    {
        var ids = new List<Guid>();
        await Factory.WithDbAsync(async db => ids = await db.WorkPermits.Where(p => p.RoundId == round).Select(p => p.Id).ToListAsync());
        return ids;
    }

    private Dictionary<string, object?> Application(string vacancy, string category, string region, string passport, string isco, string qualification, int experience) => new()
    {
        ["type"] = "employer",
        ["category"] = category,
        ["vacancyReference"] = vacancy,
        ["workerName"] = "Li Wei",
        ["workerPassport"] = passport,
        ["workerCitizenship"] = "CN",
        ["workerBirthDate"] = "1988-04-12",
        ["isco"] = isco,
        ["qualification"] = qualification,
        ["experienceYears"] = experience,
        ["region"] = region,
        ["startOn"] = Today,
        ["durationDays"] = 365,
    };
}

public sealed class SkillsRoundSqliteTests(SqliteFactory factory) : SkillsRoundTests<SqliteFactory>(factory);

public sealed class SkillsRoundPostgresTests(PostgresFactory factory) : SkillsRoundTests<PostgresFactory>(factory);
