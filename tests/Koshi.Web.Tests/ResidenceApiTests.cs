using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Web.Audit;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>The residence service through its API, from lodgement to decision, on each database.</summary>
public abstract class ResidenceApiTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    protected ResidenceApiTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    protected static DateOnly Today(KoshiFactory f) => Koshi.Policy.LegalClock.DateOf(f.Time.GetUtcNow());

    /// <summary>Lodges an application and passes KAZTEST; returns its id.</summary>
    protected async Task<string> AtQuestionnaire(HttpClient applicant, string region = "KZ-71", string kind = "permanent-residence")
    {
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind, region }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var passed = await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
            new { listeningPercent = 55, readingPercent = 48, takenOn = Today(Factory), certificate = "KT-100" }));
        Assert.Equal("questionnaire", passed.GetProperty("stage").GetString());
        return id;
    }

    protected async Task<string> AtChecks(HttpClient applicant, string region = "KZ-71")
    {
        var id = await AtQuestionnaire(applicant, region);
        var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));
        Assert.Equal("checks", scored.GetProperty("stage").GetString());
        return id;
    }

    [Fact]
    public async Task An_applicant_goes_from_lodgement_to_approval_and_the_decision_can_be_shown_as_made()
    {
        var (applicant, email, _) = await Api.NewApplicant(signal: 1);
        var created = await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" });
        var application = await Api.Ok(created, HttpStatusCode.Created);
        var id = application.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/residence/applications/{id}", created.Headers.Location?.ToString());
        Assert.Equal("language-test", application.GetProperty("stage").GetString());
        Assert.Equal(29, application.GetProperty("daysLeft").GetInt32());
        var lodgedOn = Today(Factory).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lodgedOn, application.GetProperty("lodgedOn").GetString());

        var failed = await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
            new { listeningPercent = 25, readingPercent = 70, takenOn = Today(Factory), certificate = "KT-1" }));
        Assert.Equal("language-test", failed.GetProperty("stage").GetString());
        var passed = await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
            new { listeningPercent = 45, readingPercent = 52, takenOn = Today(Factory), certificate = "KT-2" }));
        Assert.Equal("questionnaire", passed.GetProperty("stage").GetString());

        var questions = await Api.Ok(await applicant.GetAsync("/api/v1/residence/questionnaire"));
        var names = questions.EnumerateArray().Select(q => q.GetProperty("name").GetString()).ToList();
        Assert.Contains("education", names);
        Assert.DoesNotContain("lodgement_date", names);
        Assert.DoesNotContain("kaztest_listening_pct", names);

        var weak = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/score-preview", Api.Body(Answers.Weak().ToJsonString())));
        Assert.False(weak.GetProperty("passed").GetBoolean());
        Assert.True(weak.GetProperty("shortfall").GetInt64() > 0);
        Assert.NotEqual(0, weak.GetProperty("pathsToPass").GetArrayLength());

        var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));
        Assert.Equal("checks", scored.GetProperty("stage").GetString());
        var score = scored.GetProperty("score");
        Assert.True(score.GetProperty("passed").GetBoolean());
        Assert.True(score.GetProperty("total").GetInt64() >= 400);
        Assert.Equal(400, score.GetProperty("passMark").GetInt64());
        Assert.Equal(lodgedOn, score.GetProperty("asOf").GetString());
        Assert.StartsWith("sha256:", score.GetProperty("packHash").GetString(), StringComparison.Ordinal);
        Assert.Equal(score.GetProperty("total").GetInt64(), score.GetProperty("criteria").EnumerateArray().Sum(c => c.GetProperty("points").GetInt64()));

        var officer = await Api.Officer();
        var checks = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null));
        Assert.Equal("interview", checks.GetProperty("stage").GetString());
        Assert.All(checks.GetProperty("checks").EnumerateArray(), c => Assert.Equal("clear", c.GetProperty("status").GetString()));

        var at = Factory.Time.GetUtcNow().AddDays(3);
        await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/interview", new { at, place = "Astana, Mangilik El 8" }));
        await Api.Problem(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/interview/outcome", new { passed = true }), HttpStatusCode.Conflict);
        Factory.Time.Advance(TimeSpan.FromDays(3));
        officer = await Api.Officer();
        await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/interview/outcome", new { passed = true, notes = "Fluent answers." }));

        var refused = await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "refuse", ground = "score", reasons = "No." });
        var refusal = await Api.BadField(refused, "ground");
        Assert.Equal("ground-not-failed", refusal.GetProperty("code").GetString());

        var decided = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "approve", reasons = "Every stage passed." }));
        Assert.Equal("approved", decided.GetProperty("stage").GetString());

        applicant = await Api.As(email, "Applicant-2026");
        var asMade = await Api.Ok(await applicant.GetAsync($"/api/v1/residence/applications/{id}/decision"));
        Assert.Equal("approved", asMade.GetProperty("outcome").GetString());
        Assert.Equal(score.GetProperty("total").GetInt64(), asMade.GetProperty("total").GetInt64());
        Assert.Equal(score.GetProperty("packHash").GetString(), asMade.GetProperty("packHash").GetString());
        Assert.Equal(lodgedOn, asMade.GetProperty("asOf").GetString());
        var inputs = JsonNode.Parse(asMade.GetProperty("inputsJson").GetString()!)!;
        Assert.Equal(lodgedOn, inputs["lodgement_date"]!.GetValue<string>());
        Assert.Equal(52, inputs["kaztest_reading_pct"]!.GetValue<int>());

        var rescore = await Api.Ok(await officer.GetAsync($"/api/v1/residence/applications/{id}/rescore"));
        Assert.Equal(asMade.GetProperty("total").GetInt64(), rescore.GetProperty("asMade").GetProperty("total").GetInt64());
        Assert.False(rescore.GetProperty("totalChanged").GetBoolean());

        var final = await Api.Ok(await applicant.GetAsync($"/api/v1/residence/applications/{id}"));
        var notifications = final.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["lodged", "kaztest-passed", "score-passed", "interview-scheduled", "approved"], notifications);

        var sequencer = Factory.Services.GetRequiredService<AuditSequencer>();
        await sequencer.SequenceAsync(wait: true, forceCheckpoint: true);
        await Factory.WithDbAsync(async db => Assert.True((await AuditVerifier.VerifyAsync(db, sequencer.File.ReadAll(), sequencer.Keys.Verify, CancellationToken.None)).Valid));
    }

    [Fact]
    public async Task Three_failed_kaztests_lead_to_a_refusal_naming_that_gate()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "kandas-status", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString();
        for (var i = 0; i < 3; i++)
        {
            await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
                new { listeningPercent = 20, readingPercent = 29, takenOn = Today(Factory), certificate = $"KT-{i}" }));
        }

        var fourth = await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
            new { listeningPercent = 90, readingPercent = 90, takenOn = Today(Factory), certificate = "KT-4" });
        Assert.Equal("wrong-stage", (await Api.Problem(fourth, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        var officer = await Api.Officer();
        var view = await Api.Ok(await officer.GetAsync($"/api/v1/residence/applications/{id}"));
        Assert.Equal(["kaztest"], view.GetProperty("failedGrounds").EnumerateArray().Select(g => g.GetString()).ToList());
        await Api.Problem(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "approve", reasons = "ok" }), HttpStatusCode.Conflict);
        var refused = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision",
            new { outcome = "refuse", ground = "kaztest", reasons = "KAZTEST not passed in three attempts." }));
        Assert.Equal("refused", refused.GetProperty("stage").GetString());
        Assert.Equal("kaztest", refused.GetProperty("decision").GetProperty("ground").GetString());
    }

    [Fact]
    public async Task A_score_below_the_pass_mark_is_refused_naming_the_shortfall()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var id = await AtQuestionnaire(applicant);
        var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Weak().ToJsonString())));
        Assert.Equal("decision", scored.GetProperty("stage").GetString());
        Assert.Equal("fail-score", scored.GetProperty("score").GetProperty("decision").GetString());

        var officer = await Api.Officer();
        var refused = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision",
            new { outcome = "refuse", ground = "score", reasons = "Below the pass mark." }));
        var decision = refused.GetProperty("decision");
        Assert.Equal("score", decision.GetProperty("ground").GetString());
        Assert.Contains("short of the pass mark 400", decision.GetProperty("groundDetail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kandas_status_needs_one_of_its_conditions_and_the_regional_quota_counts_only_in_a_designated_region()
    {
        foreach (var (region, condition, passes) in new[] { ("KZ-71", "none", false), ("KZ-71", "regional_quota", false), ("KZ-55", "regional_quota", true), ("KZ-71", "family_reunification", true) })
        {
            var (applicant, _, _) = await Api.NewApplicant();
            var id = await AtQuestionnaire(applicant, region, "kandas-status");
            var answers = Answers.Strong();
            answers["kandas_condition"] = condition;
            var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(answers.ToJsonString())));
            var grounds = scored.GetProperty("failedGrounds").EnumerateArray().Select(g => g.GetString()).ToList();
            Assert.Equal(!passes, grounds.Contains("gate:kandas_status_condition"));
        }
    }

    [Fact]
    public async Task A_foreigner_short_of_the_funds_threshold_fails_financial_capacity_and_a_kandas_does_not()
    {
        foreach (var (kind, passes) in new[] { ("permanent-residence", false), ("kandas-status", true) })
        {
            var (applicant, _, _) = await Api.NewApplicant();
            var id = await AtQuestionnaire(applicant, "KZ-55", kind);
            var answers = Answers.Strong();
            answers["kandas_condition"] = "regional_quota";
            answers["funds_kzt"] = 5_000_000;
            var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(answers.ToJsonString())));
            var grounds = scored.GetProperty("failedGrounds").EnumerateArray().Select(g => g.GetString()).ToList();
            Assert.Equal(!passes, grounds.Contains("gate:financial_capacity"));
        }
    }

    [Fact]
    public async Task The_due_date_and_the_home_page_figures_come_from_the_pack()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var created = await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        var lodged = DateOnly.Parse(created.GetProperty("lodgedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var due = DateOnly.Parse(created.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var pack = Factory.Services.GetRequiredService<Koshi.Web.Platform.PolicyPackSource>().Pack!;
        var days = Convert.ToInt32(pack.Parameter("residence.processing_days")!.ValueOn(lodged)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var mark = Convert.ToInt64(pack.Parameter("residence.pass_mark")!.ValueOn(lodged)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lodged.AddDays(days), due);
        var home = await Factory.CreateClient().GetStringAsync("/language/en?returnUrl=/");
        Assert.Contains($"pass mark {mark}", home, StringComparison.Ordinal);
        Assert.Contains($"within {days} days", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_gate_in_the_questionnaire_is_named_in_the_refusal()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var id = await AtQuestionnaire(applicant);
        var answers = Answers.Strong();
        answers["health_certificate"] = false;
        var scored = await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(answers.ToJsonString())));
        Assert.Equal("fail-gate", scored.GetProperty("score").GetProperty("decision").GetString());
        Assert.Contains("gate:health", scored.GetProperty("failedGrounds").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Simulated_registers_answer_pending_then_clear_after_the_delay()
    {
        var (applicant, _, _) = await Api.NewApplicant(signal: 4);
        var id = await AtChecks(applicant);
        var officer = await Api.Officer();
        var first = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null));
        Assert.Equal("checks", first.GetProperty("stage").GetString());
        var police = first.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "migration-police");
        Assert.Equal("pending", police.GetProperty("status").GetString());

        var again = await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null);
        Assert.Equal("checks-waiting", (await Api.Problem(again, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        Factory.Time.Advance(TimeSpan.FromHours(2));
        officer = await Api.Officer();
        var later = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null));
        Assert.Equal("interview", later.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_register_error_is_retried_and_a_hit_becomes_a_ground_for_refusal()
    {
        var (flaky, _, _) = await Api.NewApplicant(signal: 6);
        var flakyId = await AtChecks(flaky);
        var officer = await Api.Officer();
        var first = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{flakyId}/checks", null));
        Assert.Equal("error", first.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "criminal-record").GetProperty("status").GetString());
        var second = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{flakyId}/checks", null));
        Assert.Equal("interview", second.GetProperty("stage").GetString());

        var (convicted, _, _) = await Api.NewApplicant(signal: 9);
        var convictedId = await AtChecks(convicted);
        var hit = await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{convictedId}/checks", null));
        Assert.Equal("decision", hit.GetProperty("stage").GetString());
        Assert.Contains("check:CriminalRecord", hit.GetProperty("failedGrounds").EnumerateArray().Select(g => g.GetString()));
        var refused = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{convictedId}/decision",
            new { outcome = "refuse", ground = "check:CriminalRecord", reasons = "Conviction on record." }));
        Assert.Equal("refused", refused.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Two_officers_deciding_at_once_make_one_decision()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var id = await AtQuestionnaire(applicant);
        await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Weak().ToJsonString())));
        var first = await Api.Officer();
        var second = await Api.Officer();
        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "refuse", ground = "score", reasons = "First officer." }),
            second.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "refuse", ground = "score", reasons = "Second officer." }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await Api.Problem(responses.Single(r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict);
        var decided = await Api.Ok(await first.GetAsync($"/api/v1/residence/applications/{id}"));
        Assert.Equal(1, decided.GetProperty("notifications").EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "refused"));
    }

    [Fact]
    public async Task An_applicant_can_withdraw_once()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var id = await AtQuestionnaire(applicant);
        var withdrawn = await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/withdraw", new { reason = "Moving to another country." }));
        Assert.Equal("withdrawn", withdrawn.GetProperty("stage").GetString());
        Assert.Equal("closed", (await Api.Problem(await applicant.PostAsync($"/api/v1/residence/applications/{id}/withdraw", null), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var queue = await Api.Ok(await (await Api.Officer()).GetAsync("/api/v1/residence/queue"));
        Assert.DoesNotContain(queue.EnumerateArray(), q => q.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task The_same_idempotency_key_creates_one_application()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/residence/applications") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await applicant.SendAsync(request);
        }

        var first = await Api.Ok(await Send(new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        var second = await Api.Ok(await Send(new { kind = "permanent-residence", region = "KZ-71" }));
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        await Api.BadField(await Send(new { kind = "permanent-residence", region = "KZ-55" }), "Idempotency-Key");

        var mine = await Api.Ok(await applicant.GetAsync("/api/v1/residence/applications"));
        Assert.Equal(1, mine.GetArrayLength());
        var withoutKey = await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" });
        Assert.Equal("already-open", (await Api.Problem(withoutKey, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_create_one_application()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/residence/applications")
            {
                Content = JsonContent.Create(new { kind = "kandas-status", region = "KZ-55" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await applicant.SendAsync(request);
        }));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (response.IsSuccessStatusCode)
            {
                ids.Add((await Api.Json(response)).GetProperty("id").GetString()!);
            }
        }

        Assert.Single(ids);
        Assert.Equal(1, (await Api.Ok(await applicant.GetAsync("/api/v1/residence/applications"))).GetArrayLength());
    }

    [Fact]
    public async Task The_officer_queue_shows_the_29_day_clock_and_flags_overdue_cases_first()
    {
        var officer = await Api.Officer("KZ-55");
        var (early, _, _) = await Api.NewApplicant();
        var earlyId = await AtQuestionnaire(early, region: "KZ-55");
        Factory.Time.Advance(TimeSpan.FromDays(20));
        var (late, _, _) = await Api.NewApplicant();
        var lateId = await AtQuestionnaire(late, region: "KZ-55");
        Factory.Time.Advance(TimeSpan.FromDays(10));

        officer = await Api.Officer("KZ-55");
        var queue = (await Api.Ok(await officer.GetAsync("/api/v1/residence/queue"))).EnumerateArray().ToList();
        var earlyItem = queue.Single(q => q.GetProperty("id").GetString() == earlyId);
        var lateItem = queue.Single(q => q.GetProperty("id").GetString() == lateId);
        Assert.True(earlyItem.GetProperty("overdue").GetBoolean());
        Assert.True(earlyItem.GetProperty("daysLeft").GetInt32() < 0);
        Assert.False(lateItem.GetProperty("overdue").GetBoolean());
        Assert.Equal(19, lateItem.GetProperty("daysLeft").GetInt32());
        Assert.True(queue.FindIndex(q => q.GetProperty("id").GetString() == earlyId) < queue.FindIndex(q => q.GetProperty("id").GetString() == lateId));
        Assert.All(queue.TakeWhile(q => q.GetProperty("overdue").GetBoolean()), q => Assert.True(q.GetProperty("daysLeft").GetInt32() < 0));
    }

    [Fact]
    public async Task Analysts_see_counts_without_personal_data()
    {
        var (applicant, _, _) = await Api.NewApplicant();
        await AtQuestionnaire(applicant, region: "KZ-39");
        var analyst = await Api.As("analyst@demo.koshi.kz");
        var stats = await Api.Ok(await analyst.GetAsync("/api/v1/residence/statistics"));
        Assert.Contains(stats.EnumerateArray(), s => s.GetProperty("region").GetString() == "KZ-39" && s.GetProperty("count").GetInt32() >= 1);
        Assert.DoesNotContain("applicantName", stats.ToString(), StringComparison.Ordinal);
    }
}

public sealed class ResidenceApiSqliteTests(SqliteFactory factory) : ResidenceApiTests<SqliteFactory>(factory);

public sealed class ResidenceApiPostgresTests(PostgresFactory factory) : ResidenceApiTests<PostgresFactory>(factory);
