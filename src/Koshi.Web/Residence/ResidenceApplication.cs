using Koshi.Policy;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;

namespace Koshi.Web.Residence;

/// <summary>Which pilot service the application is for (joint order of 30.01.2026).</summary>
public enum ResidenceKind
{
    PermanentResidence,
    KandasStatus,
}

/// <summary>
/// Who the applicant is: an IIN (which carries the date of birth), or for an applicant abroad without one, the
/// passport number, the country that issued it and the date of birth given with it.
/// </summary>
public sealed record ApplicantIdentity(Iin? Iin, string? Passport, string? Citizenship, DateOnly BirthDate)
{
    public static ApplicantIdentity OfIin(Iin iin) => new(iin, null, null, iin.BirthDate);

    public static ApplicantIdentity OfPassport(string passport, string citizenship, DateOnly birthDate) => new(null, passport, citizenship, birthDate);

    /// <summary>The identity recorded on an account, or null when it has neither a valid IIN nor passport details.</summary>
    public static ApplicantIdentity? Of(Koshi.Web.Identity.KoshiUser user) =>
        Koshi.Web.Reference.Iin.TryParse(user.Iin, out var iin, out _) ? OfIin(iin.Value)
        : user is { PassportNumber: { } passport, Citizenship: { } country, BirthDate: { } born } ? OfPassport(passport, country, born)
        : null;
}

/// <summary>Where an application stands. The last three are final.</summary>
public enum ResidenceStage
{
    LanguageTest,
    Questionnaire,
    Checks,
    Interview,
    Decision,
    Approved,
    Refused,
    Withdrawn,
}

/// <summary>
/// An application for a permanent-residence permit or kandas status, through the pilot's stages: KAZTEST Kazakh A1
/// (≥30 % in each section, at most 3 attempts) → questionnaire and automated score → interagency checks → interview
/// → decision, within 29 days of lodgement. Every method either moves the application on or says why it cannot.
/// </summary>
public sealed class ResidenceApplication : INumberedCase
{
    private readonly List<KaztestAttempt> kaztestAttempts = [];
    private readonly List<InteragencyCheck> checks = [];
    private readonly List<ApplicantNotification> notifications = [];

    private ResidenceApplication()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number people quote (2026-000123): the lodgement year and its place in that year's residence cases.</summary>
    public string CaseNumber { get; private set; } = string.Empty;

    public ResidenceKind Kind { get; private set; }

    public string ApplicantId { get; private set; } = string.Empty;

    /// <summary>The applicant's IIN; null for an applicant abroad who applies by passport.</summary>
    public Iin? ApplicantIin { get; private set; }

    /// <summary>The passport number of an applicant without an IIN; null when the IIN identifies the applicant.</summary>
    public string? ApplicantPassport { get; private set; }

    /// <summary>The country that issued that passport (ISO 3166-1 alpha-2).</summary>
    public string? ApplicantCitizenship { get; private set; }

    /// <summary>The date of birth given with the passport; null when the IIN carries it.</summary>
    public DateOnly? ApplicantBirthDate { get; private set; }

    /// <summary>The date of birth: from the IIN, or as given with the passport.</summary>
    public DateOnly BirthDate => ApplicantIin?.BirthDate ?? ApplicantBirthDate ?? DateOnly.MinValue;

    public string ApplicantName { get; private set; } = string.Empty;

    /// <summary>The name folded to lower case for search (the same on every database, whatever the script).</summary>
    public string ApplicantNameKey { get; private set; } = string.Empty;

    /// <summary>The region the applicant intends to live in; its officers handle the case.</summary>
    public RegionCode Region { get; private set; }

    public DateTimeOffset LodgedAt { get; private set; }

    /// <summary>The lodgement date: the law as of this date scores the case.</summary>
    public DateOnly LodgedOn { get; private set; }

    public ResidenceStage Stage { get; private set; }

    /// <summary>Optimistic concurrency: two officers cannot both move the same case from the same state.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<KaztestAttempt> KaztestAttempts => kaztestAttempts;

    /// <summary>The questionnaire as the applicant submitted it (JSON object keyed by the scheme's input names).</summary>
    public string? AnswersJson { get; private set; }

    public ScoreRecord? Score { get; private set; }

    public IReadOnlyList<InteragencyCheck> Checks => checks;

    public Interview? Interview { get; private set; }

    public DecisionRecord? Decision { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public IReadOnlyList<ApplicantNotification> Notifications => notifications;

    /// <summary>Days the law gave to decide the application, from the pack on the day it was lodged.</summary>
    public int ProcessingDays { get; private set; }

    /// <summary>The last day of the processing limit (stored, so that queues filter and sort on it).</summary>
    public DateOnly DueOn { get; private set; }

    public bool IsClosed => Stage is ResidenceStage.Approved or ResidenceStage.Refused or ResidenceStage.Withdrawn;

    public bool KaztestPassed => kaztestAttempts.Any(a => a.Passed);

    public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;

    public bool IsOverdue(DateOnly today) => !IsClosed && today > DueOn;

    public static ResidenceApplication Lodge(
        ResidenceKind kind, string applicantId, ApplicantIdentity identity, string applicantName, RegionCode region, int processingDays, DateTimeOffset now)
    {
        var application = new ResidenceApplication
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            ApplicantId = applicantId,
            ApplicantIin = identity.Iin,
            ApplicantPassport = identity.Passport,
            ApplicantCitizenship = identity.Citizenship,
            ApplicantBirthDate = identity.Iin is null ? identity.BirthDate : null,
            ApplicantName = applicantName,
            ApplicantNameKey = NameKey(applicantName),
            Region = region,
            LodgedAt = now,
            LodgedOn = LegalClock.DateOf(now),
            Stage = ResidenceStage.LanguageTest,
            ProcessingDays = processingDays,
            DueOn = LegalClock.DateOf(now).AddDays(processingDays),
            Version = 1,
        };
        application.Notify(NotificationKind.Lodged, now);
        return application;
    }

    /// <summary>
    /// The applicant's identity as people read it, in the current culture: "IIN 900101300011", or for an applicant
    /// by passport "Passport N1234567 · Uzbekistan"; <paramref name="label"/> reads the label texts.
    /// </summary>
    public string IdentityText(Func<string, string> label) =>
        ApplicantIin is { } iin ? $"{label("field.iin")} {iin}"
        : $"{label("identity.passport")} {ApplicantPassport} · {Countries.Name(ApplicantCitizenship ?? string.Empty)}";

    /// <summary>How names are folded for search: lower case by the invariant culture.</summary>
    public static string NameKey(string name) => name.Trim().ToLowerInvariant();

    string INumberedCase.CaseSeries => "residence";

    int INumberedCase.CaseYear => LodgedOn.Year;

    void INumberedCase.AssignCaseNumber(string number) => CaseNumber = number;

    /// <summary>
    /// Records a KAZTEST Kazakh A1 result under the pack's rules as of the lodgement date (in 2026: at least 30 % in
    /// listening and in reading, at most 3 attempts). A pass opens the questionnaire; the last failed attempt sends the
    /// application to a decision.
    /// </summary>
    public Refusal? RecordKaztest(int listeningPercent, int readingPercent, DateOnly takenOn, string certificate, KaztestRules rules, DateTimeOffset now)
    {
        if (Stage != ResidenceStage.LanguageTest)
        {
            return WrongStage("record a KAZTEST result", ResidenceStage.LanguageTest);
        }

        if (kaztestAttempts.Count >= rules.MaxAttempts)
        {
            return new Refusal("kaztest-attempts-used", $"All {rules.MaxAttempts} KAZTEST attempts have been used.");
        }

        if (listeningPercent is < 0 or > 100)
        {
            return new Refusal("out-of-range", "A section result is a percentage from 0 to 100.", "listeningPercent");
        }

        if (readingPercent is < 0 or > 100)
        {
            return new Refusal("out-of-range", "A section result is a percentage from 0 to 100.", "readingPercent");
        }

        if (takenOn > LegalClock.DateOf(now))
        {
            return new Refusal("future-date", "A test cannot have been taken in the future.", "takenOn");
        }

        var attempt = new KaztestAttempt(
            kaztestAttempts.Count + 1, listeningPercent, readingPercent, takenOn, certificate, rules, now);
        kaztestAttempts.Add(attempt);
        if (attempt.Passed)
        {
            Stage = ResidenceStage.Questionnaire;
            Notify(NotificationKind.KaztestPassed, now);
        }
        else if (kaztestAttempts.Count == rules.MaxAttempts)
        {
            Stage = ResidenceStage.Decision;
            Notify(NotificationKind.KaztestFailed, now);
        }

        Touch();
        return null;
    }

    /// <summary>
    /// Stores the questionnaire with its automated score. A passing score starts the interagency checks; a failing
    /// one goes to an officer for a decision that names the failed gate or the shortfall.
    /// </summary>
    public Refusal? CanSubmitQuestionnaire() =>
        Stage == ResidenceStage.Questionnaire ? null : WrongStage("submit the questionnaire", ResidenceStage.Questionnaire);

    public Refusal? SubmitQuestionnaire(string answersJson, ScoreRecord score, DateTimeOffset now)
    {
        if (CanSubmitQuestionnaire() is { } refusal)
        {
            return refusal;
        }

        AnswersJson = answersJson;
        Score = score;
        if (score.Passed)
        {
            Stage = ResidenceStage.Checks;
            foreach (var kind in Enum.GetValues<CheckKind>())
            {
                checks.Add(new InteragencyCheck(kind));
            }
        }
        else
        {
            Stage = ResidenceStage.Decision;
        }

        Notify(score.Passed ? NotificationKind.ScorePassed : NotificationKind.ScoreBelowPassMark, now);
        Touch();
        return null;
    }

    /// <summary>Checks that still need an answer (never asked, still pending, or failed with an error).</summary>
    public IEnumerable<InteragencyCheck> OpenChecks =>
        checks.Where(c => c.Status is CheckStatus.NotStarted or CheckStatus.Pending or CheckStatus.Error);

    public Refusal? RecordCheckReply(CheckKind kind, CheckReply reply, DateTimeOffset now)
    {
        if (Stage != ResidenceStage.Checks)
        {
            return WrongStage("record an interagency check", ResidenceStage.Checks);
        }

        var check = checks.Single(c => c.Kind == kind);
        if (check.Status is CheckStatus.Clear or CheckStatus.Hit)
        {
            return new Refusal("check-complete", $"The {kind} check already has its final answer.");
        }

        check.Record(reply, now);
        if (checks.Any(c => c.Status == CheckStatus.Hit))
        {
            Stage = ResidenceStage.Decision;
        }
        else if (checks.All(c => c.Status == CheckStatus.Clear))
        {
            Stage = ResidenceStage.Interview;
        }

        Touch();
        return null;
    }

    public Refusal? ScheduleInterview(DateTimeOffset at, string place, string officerId, DateTimeOffset now)
    {
        if (Stage != ResidenceStage.Interview)
        {
            return WrongStage("schedule the interview", ResidenceStage.Interview);
        }

        if (Interview?.Outcome is not null)
        {
            return new Refusal("interview-held", "The interview has already been held.");
        }

        // The form offers minutes, so a time within the current minute is not yet past (an interview on the spot).
        if (at < new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, now.Offset))
        {
            return new Refusal(
                RefusalCodes.PastTime,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The interview time {LegalClock.LocalTime(at):yyyy-MM-dd HH:mm} (Astana time) has passed; choose a time from {LegalClock.LocalTime(now):yyyy-MM-dd HH:mm} on."),
                "at");
        }

        if (string.IsNullOrWhiteSpace(place))
        {
            return new Refusal("required", "Where the interview takes place is required.", "place");
        }

        Interview = new Interview(at, place.Trim(), officerId);
        Notify(NotificationKind.InterviewScheduled, now);
        Touch();
        return null;
    }

    public Refusal? RecordInterviewOutcome(bool passed, string notes, string officerId, DateTimeOffset now)
    {
        if (Stage != ResidenceStage.Interview)
        {
            return WrongStage("record the interview", ResidenceStage.Interview);
        }

        if (Interview is null)
        {
            return new Refusal("interview-not-scheduled", "The interview has not been scheduled.");
        }

        if (now < Interview.ScheduledAt)
        {
            return new Refusal("interview-not-held", "The interview's outcome can be recorded once its time has come.");
        }

        Interview.RecordOutcome(passed, notes, officerId, now);
        Stage = ResidenceStage.Decision;
        Touch();
        return null;
    }

    /// <summary>What the application failed, each a ground an officer may name in a refusal.</summary>
    public IReadOnlyList<RefusalGround> FailedGrounds()
    {
        var grounds = new List<RefusalGround>();
        if (kaztestAttempts.Count > 0 && kaztestAttempts.Count >= kaztestAttempts[^1].AttemptsAllowed && !KaztestPassed)
        {
            grounds.Add(new RefusalGround("kaztest", $"KAZTEST Kazakh A1 not passed in {kaztestAttempts.Count} attempts"));
        }

        if (Score is { Passed: false } score)
        {
            foreach (var gate in score.FailedGates)
            {
                grounds.Add(new RefusalGround("gate:" + gate, $"Gate '{gate}' not met"));
            }

            if (score.PassMark is { } mark && score.Total < mark)
            {
                grounds.Add(new RefusalGround("score", $"Score {score.Total} is {mark - score.Total} points short of the pass mark {mark}"));
            }
        }

        foreach (var check in checks.Where(c => c.Status == CheckStatus.Hit))
        {
            grounds.Add(new RefusalGround("check:" + check.Kind, $"{check.Kind}: {check.Detail}"));
        }

        if (Interview?.Outcome == InterviewOutcome.Failed)
        {
            grounds.Add(new RefusalGround("interview", "Interview not passed"));
        }

        return grounds;
    }

    public Refusal? Approve(string reasons, string officerId, DateTimeOffset now)
    {
        if (Stage != ResidenceStage.Decision)
        {
            return WrongStage("decide", ResidenceStage.Decision);
        }

        var failed = FailedGrounds();
        if (failed.Count > 0)
        {
            return new Refusal("grounds-failed", "Cannot approve: " + string.Join("; ", failed.Select(g => g.Description)) + ".");
        }

        if (!KaztestPassed || Score is not { Passed: true } || Interview?.Outcome != InterviewOutcome.Passed
            || checks.Count == 0 || checks.Any(c => c.Status != CheckStatus.Clear))
        {
            return new Refusal("stage-incomplete", "Cannot approve before the test, score, checks and interview are all passed.");
        }

        Decide(DecisionOutcome.Approved, null, null, reasons, officerId, now);
        return null;
    }

    /// <summary>A refusal must name a ground the application actually failed: a gate, the shortfall, a check or the interview.</summary>
    public Refusal? Refuse(string ground, string reasons, string officerId, DateTimeOffset now)
    {
        if (Stage != ResidenceStage.Decision)
        {
            return WrongStage("decide", ResidenceStage.Decision);
        }

        var failed = FailedGrounds();
        var named = failed.FirstOrDefault(g => g.Code == ground);
        if (named is null)
        {
            var allowed = failed.Count == 0 ? "none: the application failed nothing" : string.Join(", ", failed.Select(g => g.Code));
            return new Refusal("ground-not-failed", $"A refusal must name a failed gate or the shortfall; grounds available: {allowed}.", "ground");
        }

        if (string.IsNullOrWhiteSpace(reasons))
        {
            return new Refusal("required", "A refusal states its reasons.", "reasons");
        }

        Decide(DecisionOutcome.Refused, named.Code, named.Description, reasons, officerId, now);
        return null;
    }

    public Refusal? Withdraw(string? reason, DateTimeOffset now)
    {
        if (IsClosed)
        {
            return new Refusal("closed", $"The application is already {Stage.ToString().ToLowerInvariant()}.");
        }

        Stage = ResidenceStage.Withdrawn;
        WithdrawnAt = now;
        WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Notify(NotificationKind.Withdrawn, now);
        Touch();
        return null;
    }

    private void Decide(DecisionOutcome outcome, string? ground, string? groundDetail, string reasons, string officerId, DateTimeOffset now)
    {
        Decision = new DecisionRecord(outcome, ground, groundDetail, reasons.Trim(), officerId, now, Score);
        Stage = outcome == DecisionOutcome.Approved ? ResidenceStage.Approved : ResidenceStage.Refused;
        Notify(outcome == DecisionOutcome.Approved ? NotificationKind.Approved : NotificationKind.Refused, now);
        Touch();
    }

    private Refusal WrongStage(string action, ResidenceStage needed) =>
        new("wrong-stage", $"Cannot {action}: the application is at stage '{Stage}', not '{needed}'.");

    private void Notify(NotificationKind kind, DateTimeOffset now) => notifications.Add(new ApplicantNotification(kind, now));

    private void Touch() => Version++;
}

public sealed record RefusalGround(string Code, string Description);
