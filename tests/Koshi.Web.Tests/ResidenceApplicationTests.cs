using Koshi.Web.Reference;
using Koshi.Web.Residence;

namespace Koshi.Web.Tests;

/// <summary>The aggregate refuses every illegal transition, each with a reason.</summary>
public sealed class ResidenceApplicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly KaztestRules Rules = new(30, 3);

    private static ResidenceApplication Lodged() =>
        ResidenceApplication.Lodge(ResidenceKind.PermanentResidence, "user-1", ApplicantIdentity.OfIin(Iin.Parse("900315401233")), "A", RegionCode.Parse("KZ-71"), 29, Now);

    private static ScoreRecord Score(bool passed, long total = 450, params string[] failedGates) =>
        new("{}", "{}", "sha256:x", Today, Today, passed ? "pass" : failedGates.Length > 0 ? "fail-gate" : "fail-score", passed, total, 400, failedGates, Now);

    private static ResidenceApplication AtInterview()
    {
        var a = Lodged();
        Assert.Null(a.RecordKaztest(40, 40, Today, "KT-1", Rules, Now));
        Assert.Null(a.SubmitQuestionnaire("{}", Score(true), Now));
        foreach (var kind in Enum.GetValues<CheckKind>())
        {
            Assert.Null(a.RecordCheckReply(kind, new CheckReply(CheckStatus.Clear, "ok"), Now));
        }

        Assert.Equal(ResidenceStage.Interview, a.Stage);
        return a;
    }

    [Fact]
    public void A_lodged_application_has_29_days()
    {
        var a = Lodged();
        Assert.Equal(ResidenceStage.LanguageTest, a.Stage);
        Assert.Equal(new DateOnly(2026, 3, 31), a.DueOn);
        Assert.Equal(29, a.DaysLeft(Today));
        Assert.False(a.IsOverdue(new DateOnly(2026, 3, 31)));
        Assert.True(a.IsOverdue(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void Kaztest_needs_30_percent_in_each_section()
    {
        var a = Lodged();
        Assert.Null(a.RecordKaztest(29, 90, Today, "KT-1", Rules, Now));
        Assert.Equal(ResidenceStage.LanguageTest, a.Stage);
        Assert.Null(a.RecordKaztest(30, 30, Today, "KT-2", Rules, Now));
        Assert.Equal(ResidenceStage.Questionnaire, a.Stage);
        Assert.Equal("wrong-stage", a.RecordKaztest(90, 90, Today, "KT-3", Rules, Now)?.Code);
    }

    [Fact]
    public void A_third_failed_kaztest_ends_the_tests_and_only_a_refusal_on_that_gate_is_possible()
    {
        var a = Lodged();
        for (var i = 1; i <= 3; i++)
        {
            Assert.Null(a.RecordKaztest(10, 50, Today, "KT-" + i, Rules, Now));
        }

        Assert.Equal(ResidenceStage.Decision, a.Stage);
        Assert.Equal("wrong-stage", a.RecordKaztest(90, 90, Today, "KT-4", Rules, Now)?.Code);
        Assert.Equal("grounds-failed", a.Approve("fine", "officer", Now)?.Code);
        Assert.Equal("ground-not-failed", a.Refuse("score", "no", "officer", Now)?.Code);
        Assert.Null(a.Refuse("kaztest", "Three attempts used.", "officer", Now));
        Assert.Equal(ResidenceStage.Refused, a.Stage);
        Assert.Equal("kaztest", a.Decision!.Ground);
    }

    [Theory]
    [InlineData(-1, 50, "listeningPercent")]
    [InlineData(50, 101, "readingPercent")]
    public void Kaztest_percentages_are_0_to_100(int listening, int reading, string field)
    {
        var refusal = Lodged().RecordKaztest(listening, reading, Today, "KT", Rules, Now);
        Assert.Equal(field, refusal?.Field);
    }

    [Fact]
    public void A_score_below_the_pass_mark_can_only_be_refused_naming_the_shortfall()
    {
        var a = Lodged();
        a.RecordKaztest(50, 50, Today, "KT", Rules, Now);
        Assert.Null(a.SubmitQuestionnaire("{}", Score(false, 360), Now));
        Assert.Equal(ResidenceStage.Decision, a.Stage);
        var ground = Assert.Single(a.FailedGrounds());
        Assert.Equal("score", ground.Code);
        Assert.Contains("40 points short", ground.Description, StringComparison.Ordinal);
        Assert.Equal("grounds-failed", a.Approve("ok", "o", Now)?.Code);
        Assert.Equal("reasons", a.Refuse("score", " ", "o", Now)?.Field);
        Assert.Null(a.Refuse("score", "Score below the pass mark.", "o", Now));
        Assert.Equal(360, a.Decision!.Total);
    }

    [Fact]
    public void A_failed_gate_is_a_ground_of_its_own()
    {
        var a = Lodged();
        a.RecordKaztest(50, 50, Today, "KT", Rules, Now);
        a.SubmitQuestionnaire("{}", Score(false, 420, "health"), Now);
        Assert.Contains(a.FailedGrounds(), g => g.Code == "gate:health");
        Assert.DoesNotContain(a.FailedGrounds(), g => g.Code == "score");
    }

    [Fact]
    public void Checks_must_all_be_clear_to_reach_the_interview_and_a_hit_goes_to_decision()
    {
        var a = Lodged();
        a.RecordKaztest(50, 50, Today, "KT", Rules, Now);
        a.SubmitQuestionnaire("{}", Score(true), Now);
        Assert.Equal(3, a.OpenChecks.Count());
        a.RecordCheckReply(CheckKind.PopulationRegister, new CheckReply(CheckStatus.Clear, "ok"), Now);
        a.RecordCheckReply(CheckKind.MigrationPolice, new CheckReply(CheckStatus.Pending, "queued", Now.AddHours(2)), Now);
        Assert.Equal(ResidenceStage.Checks, a.Stage);
        Assert.Equal("check-complete", a.RecordCheckReply(CheckKind.PopulationRegister, new CheckReply(CheckStatus.Hit, "x"), Now)?.Code);
        a.RecordCheckReply(CheckKind.CriminalRecord, new CheckReply(CheckStatus.Hit, "conviction"), Now);
        Assert.Equal(ResidenceStage.Decision, a.Stage);
        Assert.Contains(a.FailedGrounds(), g => g.Code == "check:CriminalRecord");
    }

    [Fact]
    public void An_interview_cannot_be_set_a_minute_before_now_but_can_within_the_current_minute()
    {
        var a = AtInterview();
        var now = Now.AddSeconds(40);
        var refused = a.ScheduleInterview(now.AddMinutes(-1), "Astana", "o", now);
        Assert.Equal(("past-time", "at"), (refused?.Code, refused?.Field));
        Assert.Equal("past-time", a.ScheduleInterview(now.AddHours(-3), "Astana", "o", now)?.Code);
        Assert.Null(a.Interview);

        // The form offers whole minutes: the current one (11:00 in Astana while it is 11:00:40) is not yet past.
        Assert.Null(a.ScheduleInterview(Now, "Astana", "o", now));
        Assert.Equal(Now, a.Interview!.ScheduledAt);
    }

    [Fact]
    public void The_interview_is_scheduled_then_held_then_decided()
    {
        var a = AtInterview();
        Assert.Equal("interview-not-scheduled", a.RecordInterviewOutcome(true, "", "o", Now)?.Code);
        Assert.Equal("at", a.ScheduleInterview(Now.AddDays(-1), "Astana", "o", Now)?.Field);
        Assert.Equal("place", a.ScheduleInterview(Now.AddDays(2), "", "o", Now)?.Field);
        Assert.Null(a.ScheduleInterview(Now.AddDays(2), "Astana, Mangilik El 8", "o", Now));
        Assert.Equal("interview-not-held", a.RecordInterviewOutcome(true, "", "o", Now)?.Code);
        Assert.Null(a.RecordInterviewOutcome(true, "Good", "o", Now.AddDays(2)));
        Assert.Equal(ResidenceStage.Decision, a.Stage);
        Assert.Empty(a.FailedGrounds());
        Assert.Equal("ground-not-failed", a.Refuse("interview", "no", "o", Now)?.Code);
        Assert.Null(a.Approve("All stages passed.", "o", Now.AddDays(2)));
        Assert.Equal(ResidenceStage.Approved, a.Stage);
        Assert.Equal("sha256:x", a.Decision!.PackHash);
        Assert.Equal("closed", a.Withdraw(null, Now)?.Code);
    }

    [Fact]
    public void A_failed_interview_is_a_ground_for_refusal()
    {
        var a = AtInterview();
        a.ScheduleInterview(Now, "Astana", "o", Now);
        a.RecordInterviewOutcome(false, "Could not answer", "o", Now);
        Assert.Equal("interview", Assert.Single(a.FailedGrounds()).Code);
    }

    [Fact]
    public void Withdrawal_is_possible_at_any_open_stage_once()
    {
        var a = Lodged();
        Assert.Null(a.Withdraw("moving elsewhere", Now));
        Assert.Equal(ResidenceStage.Withdrawn, a.Stage);
        Assert.Equal("closed", a.Withdraw(null, Now)?.Code);
        Assert.Equal("wrong-stage", a.RecordKaztest(50, 50, Today, "KT", Rules, Now)?.Code);
        Assert.False(a.IsOverdue(Today.AddDays(100)));
    }

    [Fact]
    public void Kaztest_rules_come_from_the_caller_and_are_kept_with_each_attempt()
    {
        var a = Lodged();
        Assert.Null(a.RecordKaztest(35, 35, Today, "KT-1", new KaztestRules(40, 2), Now));
        Assert.Null(a.RecordKaztest(35, 35, Today, "KT-2", new KaztestRules(40, 2), Now));
        Assert.Equal(ResidenceStage.Decision, a.Stage);
        Assert.All(a.KaztestAttempts, k => Assert.Equal(40, k.SectionPassPercent));
        Assert.Equal("kaztest", Assert.Single(a.FailedGrounds()).Code);
    }

    [Fact]
    public void Every_change_moves_the_version_for_optimistic_concurrency()
    {
        var a = Lodged();
        var before = a.Version;
        a.RecordKaztest(50, 50, Today, "KT", Rules, Now);
        Assert.True(a.Version > before);
    }
}
