using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    private static readonly Lazy<string> RankedPack = new(() => RankedPacks.Copy(new DateOnly(2027, 1, 1)));

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
        await Api.BadField(await officer.PostAsJsonAsync($"/api/v1/labour/permits/{applied[2].Id}/evidence/experience", new { accepted = false }), "reason");
        var rejected = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/labour/permits/{applied[2].Id}/evidence/experience",
            new { accepted = false, reason = "The employment record does not show welding" }));
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

    [Fact]
    public async Task The_pages_show_the_assessment_review_the_evidence_and_publish_rounds_with_what_ranking_did()
    {
        // Pavlodar specialists: three lodged first for an occupation not in demand there with little to show, then
        // three mechanical engineers (short in Pavlodar) with a strong record; three seats.
        var (employer, email, engineers) = await ReadyEmployer("KZ-55", "C", [5, 50, 50, 2000], "2144", "cat3");
        var accountants = (await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/vacancies",
            new { title = "Accountant", isco = "2411", category = "cat3", region = "KZ-55", positions = 20 }), HttpStatusCode.Created)).GetProperty("reference").GetString()!;
        Factory.Time.Advance(TimeSpan.FromDays(16));
        await SetSeats("KZ-55", "cat3", 3);
        var lodged = new List<(string Id, int Points, string Tier, bool InDemand)>();
        for (var i = 0; i < 6; i++)
        {
            employer = await Api.As(email, EmployerPassword);
            var strong = i >= 3;
            var body = Application(strong ? engineers : accountants, "cat3", "KZ-55", $"P{i:D6}2", strong ? "2144" : "2411", strong ? "higher" : "none", strong ? 11 : 0);
            body["educationRelevant"] = strong;
            body["qualificationRecognised"] = strong;
            body["languageLevel"] = strong ? "b2" : "none";
            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", body), HttpStatusCode.Created);
            var assessment = await Api.Ok(await employer.GetAsync($"/api/v1/labour/permits/{permit.GetProperty("id").GetString()}/assessment"));
            lodged.Add((permit.GetProperty("id").GetString()!, assessment.GetProperty("points").GetInt32(), assessment.GetProperty("tier").GetString()!, assessment.GetProperty("inDemand").GetBoolean()));
            Factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.All(lodged.Take(3), l => Assert.False(l.InDemand));
        Assert.All(lodged.Skip(3), l => Assert.True(l.InDemand));

        // The employer's page in each language: points, tier, what counted, place in the pool, declared evidence.
        var titles = new Dictionary<string, string> { ["kk"] = "Жұмыскерді бағалау", ["ru"] = "Оценка работника", ["en"] = "Worker assessment" };
        var weak = lodged[0];
        foreach (var (language, title) in titles)
        {
            var page = await (await SignedIn(email, EmployerPassword, language)).GetStringAsync($"/labour/permits/{weak.Id}/assessment");
            Assert.Contains(title, page, StringComparison.Ordinal);
            Assert.Contains($"id=\"assessment-points\">{weak.Points}<", page, StringComparison.Ordinal);
            Assert.Contains($"id=\"assessment-tier\">{weak.Tier}<", page, StringComparison.Ordinal);
            Assert.Contains($"id=\"assessment-position\">{1 + lodged.Count(l => l.Points > weak.Points)} / 6<", page, StringComparison.Ordinal);
            Assert.Contains("data-criterion=\"experience\"", page, StringComparison.Ordinal);
            Assert.Contains("data-input=\"qualification_recognised\"", page, StringComparison.Ordinal);
            Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(page, "data-status=\"declared\""));
            Assert.DoesNotContain("evidence-form-", page, StringComparison.Ordinal);
        }

        // The officer rejects the best engineer's language on the page: not without a reason, then with one; the
        // points drop by what the language gave, and the employer reads the reason.
        var officer = await SignedIn("officer.pavlodar@demo.koshi.kz", Koshi.Web.Identity.DemoData.Password, "ru");
        var best = lodged[3];
        var url = $"/labour/permits/{best.Id}/assessment";
        var refused = await PostForm(officer, url, "Evidence", new() { ["item"] = "language", ["decision"] = "reject", ["reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"assessment-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await PostForm(officer, url, "Evidence", new() { ["item"] = "language", ["decision"] = "reject", ["reason"] = "The B2 certificate is not on the list of recognised tests" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        employer = await Api.As(email, EmployerPassword);
        var after = await Api.Ok(await employer.GetAsync($"/api/v1/labour/permits/{best.Id}/assessment"));
        Assert.Equal("rejected", after.GetProperty("evidence").GetProperty("language").GetString());
        Assert.Equal("The B2 certificate is not on the list of recognised tests", after.GetProperty("evidenceReasons").GetProperty("language").GetString());
        Assert.True(after.GetProperty("points").GetInt32() < best.Points);
        lodged[3] = best with { Points = after.GetProperty("points").GetInt32(), Tier = after.GetProperty("tier").GetString()! };
        var seen = await (await SignedIn(email, EmployerPassword, "en")).GetStringAsync(url);
        Assert.Contains("data-item=\"language\" data-status=\"rejected\"", seen, StringComparison.Ordinal);
        Assert.Contains("The B2 certificate is not on the list of recognised tests", seen, StringComparison.Ordinal);

        // The pool as it waits, saved for the CLI before the round (no names in it).
        var apiAdmin = await Api.As("admin@demo.koshi.kz");
        var poolText = await (await apiAdmin.GetAsync("/api/v1/labour/rounds/pool?region=KZ-55&pool=cat3")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Li Wei", poolText, StringComparison.Ordinal);
        var poolFile = Path.Combine(Path.GetTempPath(), $"koshi-pool-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(poolFile, poolText);

        // The administrator runs the round on the rounds page; anyone reads it there and through the API, without names.
        var admin = await SignedIn("admin@demo.koshi.kz", Koshi.Web.Identity.DemoData.Password, "en");
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(admin, "/labour/rounds", "Run", new() { ["region"] = "KZ-55", ["pool"] = "cat3", ["seats"] = string.Empty })).StatusCode);
        using var anyone = Api.Anonymous();
        var rounds = await Api.Ok(await anyone.GetAsync("/api/v1/labour/rounds?region=KZ-55&pool=cat3"));
        var round = Assert.Single(rounds.EnumerateArray());
        Assert.DoesNotContain("Li Wei", rounds.GetRawText(), StringComparison.Ordinal);

        // What ranking did against first come, first served on the same pool and seats, worked out here from what was lodged.
        var admitted = lodged.OrderByDescending(l => l.Points).Take(3).ToList();
        var firstCome = lodged.Take(3).ToList();
        bool Qualified(string tier) => tier is "A" or "B";
        Assert.Equal(3, round.GetProperty("admitted").GetInt32());
        Assert.Equal(admitted.Min(l => l.Points), round.GetProperty("cutOff").GetInt32());
        Assert.Equal(admitted.Count(l => l.InDemand), round.GetProperty("inDemandAdmitted").GetInt32());
        Assert.Equal(firstCome.Count(l => l.InDemand), round.GetProperty("inDemandFirstCome").GetInt32());
        Assert.Equal(admitted.Count(l => Qualified(l.Tier)), round.GetProperty("qualifiedAdmitted").GetInt32());
        Assert.Equal(firstCome.Count(l => Qualified(l.Tier)), round.GetProperty("qualifiedFirstCome").GetInt32());
        Assert.True(round.GetProperty("inDemandAdmitted").GetInt32() > round.GetProperty("inDemandFirstCome").GetInt32());

        // `koshi round simulate` on the saved pool reproduces the round: the same cut-off, the same admitted, the same counterfactual.
        var (code, output, errors) = Cli("round", "simulate", "--pool", poolFile, "--pack", RankedPack.Value, "--json");
        Assert.True(code == 0, errors);
        var simulated = JsonDocument.Parse(output).RootElement.GetProperty("outcome");
        Assert.Equal(round.GetProperty("cutOff").GetInt32(), simulated.GetProperty("cutOff").GetInt32());
        Assert.Equal(round.GetProperty("applicants").GetInt32(), simulated.GetProperty("applicants").GetInt32());
        Assert.Equal(round.GetProperty("qualifiedFirstCome").GetInt32(), simulated.GetProperty("qualifiedFirstCome").GetInt32());
        Assert.Equal(round.GetProperty("inDemandAdmitted").GetInt32(), simulated.GetProperty("inDemandAdmitted").GetInt32());
        Assert.Equal((await AdmittedBy(Guid.Parse(round.GetProperty("id").GetString()!))).Order(),
            simulated.GetProperty("admittedIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.Empty(simulated.GetProperty("pointsChanged").EnumerateArray());

        // The policy lab simulates on the live pool as the last round found it and reproduces the published cut-off; one seat raises it.
        var analyst = await Api.As("analyst@demo.koshi.kz");
        var lab = await Api.Ok(await analyst.PostAsJsonAsync("/api/v1/analytics/lab/rounds", new { region = "KZ-55", pool = "cat3", source = "last", seats = 1 }), HttpStatusCode.Created);
        var labRound = lab.GetProperty("round");
        Assert.Equal(round.GetProperty("cutOff").GetInt32(), labRound.GetProperty("publishedCutOff").GetInt32());
        Assert.Equal(round.GetProperty("cutOff").GetInt32(), labRound.GetProperty("baseline").GetProperty("cutOff").GetInt32());
        Assert.Equal(round.GetProperty("admitted").GetInt32(), labRound.GetProperty("baseline").GetProperty("admitted").GetInt32());
        Assert.Equal(round.GetProperty("applicants").GetInt32(), labRound.GetProperty("baseline").GetProperty("applicants").GetInt32());
        Assert.Equal(round.GetProperty("qualifiedFirstCome").GetInt32(), labRound.GetProperty("baseline").GetProperty("qualifiedFirstCome").GetInt32());
        Assert.Equal(lodged.Max(l => l.Points), labRound.GetProperty("reform").GetProperty("cutOff").GetInt32());
        Assert.Equal(1, labRound.GetProperty("reform").GetProperty("admitted").GetInt32());
        Assert.All(lodged, l => Assert.DoesNotContain(l.Id, lab.GetRawText(), StringComparison.OrdinalIgnoreCase));
        var kept = await Api.Ok(await analyst.GetAsync($"/api/v1/analytics/lab/runs/{lab.GetProperty("id").GetString()}"));
        Assert.Equal(labRound.GetProperty("baseline").GetProperty("cutOff").GetInt32(), kept.GetProperty("round").GetProperty("baseline").GetProperty("cutOff").GetInt32());

        // The pool file saved before the round gives the same cut-off; the live pool now waits without those admitted.
        var fromFile = await Api.Ok(await analyst.PostAsJsonAsync("/api/v1/analytics/lab/rounds", new { source = "file", poolFile = JsonDocument.Parse(poolText).RootElement }), HttpStatusCode.Created);
        Assert.Equal(round.GetProperty("cutOff").GetInt32(), fromFile.GetProperty("round").GetProperty("baseline").GetProperty("cutOff").GetInt32());
        var live = await Api.Ok(await analyst.PostAsJsonAsync("/api/v1/analytics/lab/rounds", new { region = "KZ-55", pool = "cat3", source = "live" }), HttpStatusCode.Created);
        Assert.Equal(round.GetProperty("applicants").GetInt32() - round.GetProperty("admitted").GetInt32(), live.GetProperty("round").GetProperty("baseline").GetProperty("applicants").GetInt32());
        await Api.BadField(await analyst.PostAsJsonAsync("/api/v1/analytics/lab/rounds", new { region = "KZ-55", pool = "cat9", source = "last" }), "pool");
        await Api.BadField(await analyst.PostAsJsonAsync("/api/v1/analytics/lab/rounds", new { region = "KZ-55", pool = "cat3", source = "live", seats = -1 }), "seats");
        await Api.BadField(await analyst.PostAsJsonAsync("/api/v1/analytics/lab/rounds", new { source = "file" }), "poolFile");
        (code, output, _) = Cli("round", "simulate", "--pool", poolFile, "--pack", RankedPack.Value, "--seats", "1");
        Assert.Equal(0, code);
        Assert.Contains($"cut-off: {lodged.Max(l => l.Points)} ", output, StringComparison.Ordinal);
        await File.WriteAllTextAsync(poolFile, poolText.Replace("\"region\":\"KZ-55\"", "\"region\":\"KZ-99\"", StringComparison.Ordinal));
        (code, _, errors) = Cli("round", "simulate", "--pool", poolFile, "--pack", RankedPack.Value);
        Assert.Equal(2, code);
        Assert.Contains(poolFile + ":$.region:", errors, StringComparison.Ordinal);
        await File.WriteAllTextAsync(poolFile, "{\n  \"region\": \"KZ-55\",\n  \"seats\": \"many\"\n}");
        (code, _, errors) = Cli("round", "simulate", "--pool", poolFile, "--pack", RankedPack.Value);
        Assert.Equal(2, code);
        Assert.Contains(poolFile + ":3:", errors, StringComparison.Ordinal);
        File.Delete(poolFile);

        var measures = await Api.Ok(await anyone.GetAsync($"/api/v1/labour/rounds/measures?year={round.GetProperty("year").GetInt32()}"));
        var pavlodar = measures.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("region").GetString() == "KZ-55");
        var inDemandRounds = rounds.EnumerateArray().Sum(r => r.GetProperty("inDemandAdmitted").GetInt32());
        Assert.True(pavlodar.GetProperty("admitted").GetInt32() >= 3);
        Assert.Equal(Math.Round(100m * pavlodar.GetProperty("inDemand").GetInt32() / pavlodar.GetProperty("admitted").GetInt32(), 1), pavlodar.GetProperty("inDemandPercent").GetDecimal());
        Assert.True(pavlodar.GetProperty("inDemand").GetInt32() >= inDemandRounds);
        await Api.BadField(await anyone.GetAsync("/api/v1/labour/rounds/measures?year=1999"), "year");

        foreach (var (language, title) in new Dictionary<string, string> { ["kk"] = "Бөлу раундтары", ["ru"] = "Раунды распределения", ["en"] = "Allocation rounds" })
        {
            using var reader = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            Assert.Equal(HttpStatusCode.Redirect, (await reader.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);
            var page = await reader.GetStringAsync("/labour/rounds");
            Assert.Contains(title, page, StringComparison.Ordinal);
            Assert.Contains("data-region=\"KZ-55\" data-pool=\"cat3\" data-number=\"1\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"measures-by-region\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Li Wei", page, StringComparison.Ordinal);
            Assert.DoesNotContain("run-round-form", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scheduled_rounds_run_once_per_slot_on_two_instances_and_applications_past_the_wait_limit_leave_the_pool()
    {
        var (employer, email, vacancy) = await ReadyEmployer("KZ-75", "J", [10, 20, 3000, 50], "2512", "cat3");
        await SetSeats("KZ-75", "cat3", 2);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            employer = await Api.As(email, EmployerPassword);
            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits",
                Application(vacancy, "cat3", "KZ-75", $"S{i:D6}3", "2512", "higher", 2 + (i * 2))), HttpStatusCode.Created);
            ids.Add(permit.GetProperty("id").GetString()!);
            Factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // A second instance of the platform on the same database, on the same clock.
        await using var second = Factory is PostgresFactory pg ? (KoshiFactory)new PostgresFactory(pg.Database, ownsDatabase: false)
            : new SqliteFactory(((SqliteFactory)(object)Factory).File, keepFile: true);
        second.Settings["Koshi:PolicyPack"] = RankedPack.Value;
        second.Settings["Koshi:Audit:SigningKeyFile"] = Path.Combine(Factory.AuditFolder, "signing-key.pem");
        second.Time.SetUtcNow(Factory.Time.GetUtcNow());
        using (second.CreateClient())
        {
        }

        // Both instances run the due rounds at once, twice each: the slot's round of this pool is one, on two seats.
        var region = RegionCode.Parse("KZ-75");
        var runs = new List<Task>();
        foreach (var instance in new KoshiFactory[] { Factory, second, Factory, second })
        {
            runs.Add(Task.Run(async () =>
            {
                using var scope = instance.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AllocationRoundService>().RunDueAsync(CancellationToken.None);
            }));
        }

        await Task.WhenAll(runs);
        List<AllocationRound> rounds = [];
        await Factory.WithDbAsync(async db => rounds = await db.AllocationRounds.Where(r => r.Region == region && r.Pool == "cat3").ToListAsync());
        var slot = Assert.Single(rounds);
        Assert.Equal(new DateOnly(Factory.Time.GetUtcNow().Year, Factory.Time.GetUtcNow().Month, 1), slot.Slot);
        Assert.Equal("scheduler", slot.StartedBy);
        Assert.Equal(2, slot.Admitted);
        Assert.Equal(5, slot.Applicants);
        Assert.Equal(2, await Used("KZ-75", "cat3"));
        Assert.Equal(2, (await AdmittedBy(slot.Id)).Count);

        // The next month's slot runs again on the pool as it is (no free seat: nobody is admitted, three still wait).
        var now = Factory.Time.GetUtcNow();
        Factory.Time.SetUtcNow(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1));
        await RunDue(Factory);
        await RunDue(Factory);
        await Factory.WithDbAsync(async db => rounds = await db.AllocationRounds.Where(r => r.Region == region && r.Pool == "cat3").OrderBy(r => r.Number).ToListAsync());
        Assert.Equal(2, rounds.Count);
        Assert.Equal((0, 3), (rounds[1].Admitted, rounds[1].Applicants));

        // Past the pack's waiting limit the three still waiting leave the pool, with the reason; the admitted stay.
        Factory.Time.Advance(TimeSpan.FromDays(181));
        var lapsed = 0;
        await WithRounds(async r => lapsed = await r.ExpireAsync(CancellationToken.None));
        Assert.True(lapsed >= 3, $"{lapsed} left");
        employer = await Api.As(email, EmployerPassword);
        var admittedIds = (await AdmittedBy(slot.Id)).Select(g => g.ToString()).ToHashSet();
        foreach (var id in ids)
        {
            var permit = await Api.Ok(await employer.GetAsync($"/api/v1/labour/permits/{id}"));
            if (admittedIds.Contains(id))
            {
                Assert.Equal("submitted", permit.GetProperty("status").GetString());
            }
            else
            {
                Assert.Equal("lapsed", permit.GetProperty("status").GetString());
                Assert.Contains("180", permit.GetProperty("reason").GetString(), StringComparison.Ordinal);
            }
        }

        await WithRounds(async r => lapsed = await r.ExpireAsync(CancellationToken.None));
        Assert.Equal(0, lapsed);
        IReadOnlyList<PoolEntry> pool = [];
        await WithRounds(async r => pool = await r.PoolAsync(region, "cat3", CancellationToken.None));
        Assert.Empty(pool);
    }

    private static (int Code, string Out, string Error) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = global::Koshi.Cli.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task RunDue(KoshiFactory instance)
    {
        using var scope = instance.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AllocationRoundService>().RunDueAsync(CancellationToken.None);
    }

    private async Task WithRounds(Func<AllocationRoundService, Task> work)
    {
        using var scope = Factory.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<AllocationRoundService>());
    }

    private static async Task<HttpResponseMessage> PostForm(HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url.Split('#')[0]);
        fields["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(fields));
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

/// <summary>Copies of the Kazakh pack with categories 1–4 ranked from a date, as a ministry order would rank them.</summary>
internal static class RankedPacks
{
    public static string Copy(DateOnly from)
    {
        var target = Repository.CopyOfKazakhPack();
        var skills = Path.Combine(target, "parameters", "skills.yaml");
        var text = File.ReadAllText(skills);
        const string Anchor = "seasonal and household workers stay first come, first served.\"\n";
        Assert.Contains(Anchor, text, StringComparison.Ordinal);
        File.WriteAllText(skills, text.Replace(Anchor, Anchor + $"      {from:yyyy-MM-dd}:\n        value: [cat1, cat2, cat3, cat4]\n        provisional: true\n        note: \"Ranked for the tests.\"\n", StringComparison.Ordinal));
        return target;
    }
}

public sealed class SkillsRoundSqliteTests(SqliteFactory factory) : SkillsRoundTests<SqliteFactory>(factory);

public sealed class SkillsRoundPostgresTests(PostgresFactory factory) : SkillsRoundTests<PostgresFactory>(factory);
