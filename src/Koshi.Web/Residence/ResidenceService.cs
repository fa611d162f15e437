using Koshi.Policy;
using System.Text.Json.Nodes;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Residence.Checks;
using Koshi.Web.Residence.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Residence;

/// <summary>Outcome of a service call: the application (when visible) or why the action was refused.</summary>
public readonly record struct ResidenceOutcome(ResidenceApplication? Application, Refusal? Refusal, bool NotFound = false, bool Replayed = false)
{
    public static ResidenceOutcome Missing => new(null, null, NotFound: true);
}

/// <summary>
/// The residence use cases shared by the API and the pages: load what the actor may see, ask the aggregate to act,
/// score with the policy engine as of the lodgement date, save with an audit entry.
/// </summary>
public sealed class ResidenceService(
    KoshiDbContext db,
    IResidenceScoring scoring,
    IEnumerable<IInteragencyCheck> registers,
    TimeProvider time,
    ILogger<ResidenceService> logger)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Applicants see their own files, officers their region's, admins all; nobody else sees any.</summary>
    public IQueryable<ResidenceApplication> VisibleTo(Actor actor)
    {
        var all = db.ResidenceApplications.AsQueryable();
        if (actor.IsIn(Roles.Admin))
        {
            return all;
        }

        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var region))
        {
            var code = region.Value;
            return all.Where(a => a.Region == code);
        }

        if (actor.IsIn(Roles.Applicant))
        {
            return all.Where(a => a.ApplicantId == actor.Id);
        }

        return all.Where(a => false);
    }

    public Task<ResidenceApplication?> FindAsync(Guid id, Actor actor, CancellationToken ct) =>
        VisibleTo(actor).SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<ResidenceOutcome> LodgeAsync(Actor actor, ResidenceKind kind, RegionCode region, string? idempotencyKey, CancellationToken ct)
    {
        const string operation = "residence.lodge";
        var requestHash = Idempotency.RequestHash($"{kind}|{region}");
        if (idempotencyKey is not null)
        {
            var replay = await ReplayAsync(actor, operation, idempotencyKey, requestHash, ct);
            if (replay is not null)
            {
                return replay.Value;
            }
        }

        var person = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        if (ApplicantIdentity.Of(person) is not { } identity)
        {
            return new ResidenceOutcome(null, new Refusal("no-iin", "Your account has no valid IIN or passport details; an application needs one of them."));
        }

        if (await HasOpenAsync(actor, kind, ct))
        {
            return await AlreadyOpenAsync(actor, operation, idempotencyKey, requestHash, ct);
        }

        var now = time.GetUtcNow();
        int processingDays;
        try
        {
            processingDays = scoring.PilotTermsOn(DateOnly.FromDateTime(now.UtcDateTime)).ProcessingDays;
        }
        catch (ScoringEvaluationException e)
        {
            return new ResidenceOutcome(null, new Refusal("law-not-applicable", "The policy pack sets no processing limit as of today: " + e.Message));
        }

        var application = ResidenceApplication.Lodge(kind, actor.Id, identity, person.FullName, region, processingDays, now);
        db.ResidenceApplications.Add(application);
        if (idempotencyKey is not null)
        {
            Idempotency.Remember(db, actor.Id, operation, idempotencyKey, requestHash, application.Id.ToString(), now);
        }

        try
        {
            await SaveAsync(operation, ct);
        }
        catch (DbUpdateException)
        {
            // Another lodge won at the same moment: the unique index on open applications (or on the key) refused this one.
            db.ChangeTracker.Clear();
            if (await HasOpenAsync(actor, kind, ct) || idempotencyKey is not null && await ReplayAsync(actor, operation, idempotencyKey, requestHash, ct) is not null)
            {
                return await AlreadyOpenAsync(actor, operation, idempotencyKey, requestHash, ct);
            }

            throw;
        }

        logger.LogInformation("Residence application {ApplicationId} lodged ({Kind}, {Region})", application.Id, kind, region);
        return new ResidenceOutcome(application, null);
    }

    public Task<ResidenceOutcome> RecordKaztestAsync(Guid id, Actor actor, int listening, int reading, DateOnly takenOn, string certificate, CancellationToken ct) =>
        TooLong(certificate, MaxCertificate, "certificate") ?? ActAsync(id, actor, "residence.kaztest", a => a.RecordKaztest(listening, reading, takenOn, certificate, scoring.KaztestRulesOn(a.LodgedOn), time.GetUtcNow()), ct);

    // The longest texts the storage keeps (ResidenceMapping); the API and the pages both reach them through this service.
    public const int MaxCertificate = 50;
    public const int MaxPlace = 300;
    public const int MaxText = 2000;
    public const int MaxGround = 100;
    public const int MaxWithdrawalReason = 1000;

    /// <summary>A refusal naming the field when the text is longer than its column, else null.</summary>
    private static Task<ResidenceOutcome>? TooLong(string? value, int max, string field) =>
        value is { Length: var length } && length > max
            ? Task.FromResult(new ResidenceOutcome(null, new Refusal(RefusalCodes.OutOfRange, $"At most {max} characters.", field)))
            : null;

    public KaztestRules KaztestRulesOn(DateOnly date) => scoring.KaztestRulesOn(date);

    /// <summary>Scores the answers as of the lodgement date without storing anything: what the applicant would get.</summary>
    public async Task<(ResidenceApplication? Application, ScoreResult? Score)> PreviewScoreAsync(Guid id, Actor actor, JsonObject answers, CancellationToken ct)
    {
        var application = await FindAsync(id, actor, ct);
        if (application is null)
        {
            return (null, null);
        }

        var input = ResidenceCaseFacts.BuildCase(application, answers, scoring);
        return (application, scoring.Score(input, application.LodgedOn));
    }

    public async Task<ResidenceOutcome> SubmitQuestionnaireAsync(Guid id, Actor actor, JsonObject answers, CancellationToken ct)
    {
        var application = await FindAsync(id, actor, ct);
        if (application is null)
        {
            return ResidenceOutcome.Missing;
        }

        if (application.CanSubmitQuestionnaire() is { } wrongStage)
        {
            return new ResidenceOutcome(application, wrongStage);
        }

        var input = ResidenceCaseFacts.BuildCase(application, answers, scoring);
        var result = scoring.Score(input, application.LodgedOn);
        var record = new ScoreRecord(
            input.ToJsonString(), result.ExplanationJson, result.PackHash, result.AsOf, result.LawDate, result.Decision,
            result.Passed, result.Total, result.PassMark, result.FailedGates, time.GetUtcNow());
        var refusal = application.SubmitQuestionnaire(answers.ToJsonString(), record, time.GetUtcNow());
        if (refusal is null)
        {
            await SaveAsync("residence.questionnaire", ct);
        }

        return new ResidenceOutcome(application, refusal);
    }

    /// <summary>Asks every register that has no final answer yet (skipping those that asked us to wait).</summary>
    public async Task<ResidenceOutcome> RunChecksAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var application = await FindAsync(id, actor, ct);
        if (application is null)
        {
            return ResidenceOutcome.Missing;
        }

        if (application.Stage != ResidenceStage.Checks)
        {
            return new ResidenceOutcome(application, new Refusal("wrong-stage", $"Cannot run the interagency checks: the application is at stage '{application.Stage}', not 'Checks'."));
        }

        var now = time.GetUtcNow();
        var due = application.OpenChecks.Where(c => c.RetryAfter is null || c.RetryAfter <= now).ToList();
        if (due.Count == 0)
        {
            return new ResidenceOutcome(application, new Refusal("checks-waiting", "Every open check is waiting for the register's answer; try after the time it gave."));
        }

        var subject = new CheckSubject(application.ApplicantIin, application.ApplicantName, application.Kind)
        {
            Passport = application.ApplicantPassport,
            Citizenship = application.ApplicantCitizenship,
            BirthDate = application.BirthDate,
        };
        foreach (var check in due)
        {
            var register = registers.Single(r => r.Kind == check.Kind);
            var reply = await register.QueryAsync(subject, check.Attempts + 1, ct);
            var refusal = application.RecordCheckReply(check.Kind, reply, time.GetUtcNow());
            if (refusal is not null)
            {
                break;
            }
        }

        await SaveAsync("residence.checks", ct);
        return new ResidenceOutcome(application, null);
    }

    public Task<ResidenceOutcome> ScheduleInterviewAsync(Guid id, Actor actor, DateTimeOffset at, string place, CancellationToken ct) =>
        TooLong(place, MaxPlace, "place") ?? ActAsync(id, actor, "residence.interview-scheduled", a => a.ScheduleInterview(at.ToUniversalTime(), place, actor.Id, time.GetUtcNow()), ct);

    public Task<ResidenceOutcome> RecordInterviewAsync(Guid id, Actor actor, bool passed, string notes, CancellationToken ct) =>
        TooLong(notes, MaxText, "notes") ?? ActAsync(id, actor, "residence.interview-outcome", a => a.RecordInterviewOutcome(passed, notes, actor.Id, time.GetUtcNow()), ct);

    public Task<ResidenceOutcome> ApproveAsync(Guid id, Actor actor, string reasons, CancellationToken ct) =>
        TooLong(reasons, MaxText, "reasons") ?? ActAsync(id, actor, "residence.approve", a => a.Approve(reasons, actor.Id, time.GetUtcNow()), ct);

    public Task<ResidenceOutcome> RefuseAsync(Guid id, Actor actor, string ground, string reasons, CancellationToken ct) =>
        TooLong(ground, MaxGround, "ground") ?? TooLong(reasons, MaxText, "reasons") ?? ActAsync(id, actor, "residence.refuse", a => a.Refuse(ground, reasons, actor.Id, time.GetUtcNow()), ct);

    public Task<ResidenceOutcome> WithdrawAsync(Guid id, Actor actor, string? reason, CancellationToken ct) =>
        TooLong(reason, MaxWithdrawalReason, "reason") ?? ActAsync(id, actor, "residence.withdraw", a => a.Withdraw(reason, time.GetUtcNow()), ct);

    /// <summary>The stored score as it was made, and the same inputs scored under the pack in use now (nothing is changed).</summary>
    public (ScoreResult AsMade, ScoreResult? Current, string? CurrentError) Rescore(ScoreRecord record)
    {
        var asMade = scoring.Explain(record.ExplanationJson);
        try
        {
            var input = JsonNode.Parse(record.InputsJson)!.AsObject();
            return (asMade, scoring.Score(input, record.AsOf), null);
        }
        catch (ScoringInputException e)
        {
            // The pack may have changed its inputs since: say so rather than guessing.
            return (asMade, null, e.Message);
        }
    }

    public IReadOnlyList<QuestionDefinition> Questionnaire() => ResidenceCaseFacts.Questionnaire(scoring).ToList();

    /// <summary>The questions this application's applicant answers (what the application records is not asked again).</summary>
    public IReadOnlyList<QuestionDefinition> Questionnaire(ResidenceApplication application) => ResidenceCaseFacts.Questionnaire(scoring, application).ToList();

    /// <summary>What the application records of the scheme's inputs, by input (shown to the applicant, never asked).</summary>
    public IReadOnlyDictionary<string, JsonNode> RecordedFacts(ResidenceApplication application) => ResidenceCaseFacts.RecordedFacts(application, scoring);

    /// <summary>The submitted answers with what the application records beside them, as the officer reads the case.</summary>
    public string? AnswersAsRead(ResidenceApplication application)
    {
        if (application.AnswersJson is null || JsonNode.Parse(application.AnswersJson) is not JsonObject answers)
        {
            return application.AnswersJson;
        }

        foreach (var (name, value) in RecordedFacts(application))
        {
            answers[name] = value.DeepClone();
        }

        return answers.ToJsonString();
    }

    public ScoreResult Explain(string explanationJson) => scoring.Explain(explanationJson);

    /// <summary>Every input of the scheme by its full name (a record's field as "record.field").</summary>
    public IReadOnlyDictionary<string, QuestionDefinition> InputDefinitions() =>
        scoring.Inputs
            .SelectMany(i => i.Kind == QuestionKind.Record ? i.Fields.Select(f => (Name: i.Name + "." + f.Name, Definition: f)) : [(i.Name, i)])
            .ToDictionary(x => x.Name, x => x.Definition, StringComparer.Ordinal);

    private async Task<ResidenceOutcome> ActAsync(Guid id, Actor actor, string action, Func<ResidenceApplication, Refusal?> act, CancellationToken ct)
    {
        var application = await FindAsync(id, actor, ct);
        if (application is null)
        {
            return ResidenceOutcome.Missing;
        }

        var refusal = act(application);
        if (refusal is null)
        {
            await SaveAsync(action, ct);
        }

        return new ResidenceOutcome(application, refusal);
    }

    private Task<bool> HasOpenAsync(Actor actor, ResidenceKind kind, CancellationToken ct) =>
        db.ResidenceApplications.AnyAsync(
            a => a.ApplicantId == actor.Id && a.Kind == kind
                 && a.Stage != ResidenceStage.Approved && a.Stage != ResidenceStage.Refused && a.Stage != ResidenceStage.Withdrawn, ct);

    /// <summary>
    /// The answer when an open application of the kind exists: under an Idempotency-Key the request that created it may
    /// be this one's twin, which then gets its replay; otherwise the rule refuses.
    /// </summary>
    private async Task<ResidenceOutcome> AlreadyOpenAsync(Actor actor, string operation, string? key, string requestHash, CancellationToken ct)
    {
        if (key is not null && await ReplayAsync(actor, operation, key, requestHash, ct) is { } replay)
        {
            return replay;
        }

        return new ResidenceOutcome(null, new Refusal("already-open", "You already have an open application of this kind (one open application per kind)."));
    }

    private async Task<ResidenceOutcome?> ReplayAsync(Actor actor, string operation, string key, string requestHash, CancellationToken ct) =>
        await Idempotency.FindAsync(db, actor.Id, operation, key, requestHash, ct) switch
        {
            null => null,
            { Refusal: { } refusal } => new ResidenceOutcome(null, refusal),
            { ResourceId: var id } => new ResidenceOutcome(await db.ResidenceApplications.SingleAsync(a => a.Id == Guid.Parse(id!), ct), null, Replayed: true),
        };

    private async Task SaveAsync(string action, CancellationToken ct)
    {
        db.Audit.Action = action;
        await db.SaveChangesAsync(ct);
    }
}
