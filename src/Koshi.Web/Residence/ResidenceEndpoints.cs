using System.Text.Json.Nodes;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Koshi.Web.Residence.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Residence;

public sealed record LodgeRequest(ResidenceKind? Kind, string? Region);

public sealed record KaztestRequest(int? ListeningPercent, int? ReadingPercent, DateOnly? TakenOn, string? Certificate);

public sealed record InterviewRequest(DateTimeOffset? At, string? Place);

public sealed record InterviewOutcomeRequest(bool? Passed, string? Notes);

public enum DecisionChoice
{
    Approve,
    Refuse,
}

public sealed record DecisionRequest(DecisionChoice? Outcome, string? Ground, string? Reasons);

public sealed record WithdrawRequest(string? Reason);

/// <summary>The residence service's JSON API under /api/v1/residence.</summary>
public static class ResidenceEndpoints
{
    private const int MaxTextLength = 2000;

    public static IEndpointRouteBuilder MapResidenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/residence").WithTags("Residence")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/applications", Lodge).RequireAuthorization(Policies.ApiApplicant)
            .WithName("LodgeResidenceApplication").WithSummary("Lodge an application for a permanent-residence permit or kandas status (accepts Idempotency-Key)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/applications", List).RequireAuthorization(Policies.ApiCaseReader)
            .WithName("ListResidenceApplications").WithSummary("Applications visible to you: your own, or your region's");
        api.MapGet("/applications/{id:guid}", Get).RequireAuthorization(Policies.ApiCaseReader)
            .WithName("GetResidenceApplication").WithSummary("One application with its stages, score explanation and 29-day clock")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/applications/{id:guid}/kaztest", RecordKaztest).RequireAuthorization(Policies.ApiApplicant)
            .WithName("RecordKaztestResult").WithSummary("Record a KAZTEST Kazakh A1 result (≥30 % in each section; at most 3 attempts)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/questionnaire", Questionnaire).RequireAuthorization(Policies.ApiUser)
            .WithName("GetResidenceQuestionnaire").WithSummary("The questions of the points test, from the policy pack's scheme inputs");
        api.MapPost("/applications/{id:guid}/score-preview", PreviewScore).RequireAuthorization(Policies.ApiApplicant)
            .WithName("PreviewResidenceScore").WithSummary("Score answers as of the lodgement date without submitting them")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/applications/{id:guid}/questionnaire", SubmitQuestionnaire).RequireAuthorization(Policies.ApiApplicant)
            .WithName("SubmitResidenceQuestionnaire").WithSummary("Submit the questionnaire; the score is stored with its explanation and pack version")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.ApiApplicant)
            .WithName("WithdrawResidenceApplication").WithSummary("Withdraw your application")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/checks", RunChecks).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RunInteragencyChecks").WithSummary("Ask the population register, Migration Police and criminal-record service")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/interview", ScheduleInterview).RequireAuthorization(Policies.ApiOfficer)
            .WithName("ScheduleInterview").WithSummary("Schedule the final interview")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/interview/outcome", RecordInterview).RequireAuthorization(Policies.ApiOfficer)
            .WithName("RecordInterviewOutcome").WithSummary("Record whether the interview was passed")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/applications/{id:guid}/decision", Decide).RequireAuthorization(Policies.ApiOfficer)
            .WithName("DecideResidenceApplication").WithSummary("Approve, or refuse naming the failed gate or the shortfall")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/applications/{id:guid}/decision", GetDecision).RequireAuthorization(Policies.ApiCaseReader)
            .WithName("GetResidenceDecision").WithSummary("The decision exactly as made: inputs, explanation, pack version, as-of date")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/applications/{id:guid}/rescore", Rescore).RequireAuthorization(Policies.ApiOfficerOrAdmin)
            .WithName("RescoreResidenceApplication").WithSummary("The stored score beside the same inputs scored under the current pack (changes nothing)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/queue", Queue).RequireAuthorization(Policies.ApiOfficer)
            .WithName("OfficerQueue").WithSummary("Applications of your region: search by case number, IIN or name; filter by stage, waiting for an officer, overdue; sort and page");
        api.MapGet("/statistics", Statistics).RequireAuthorization(Policies.ApiAnalyst)
            .WithName("ResidenceStatistics").WithSummary("Counts by region and stage (no personal data)");
        return app;
    }

    private static async Task<Results<Created<ApplicationView>, Ok<ApplicationView>, ProblemHttpResult>> Lodge(
        LodgeRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http,
        ResidenceService service,
        CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.Kind is null)
        {
            errors.Add(("kind", "Required: permanent-residence or kandas-status."));
        }

        if (!RegionCode.TryParse(request.Region, out var region))
        {
            errors.Add(("region", request.Region is null ? "Required: an ISO 3166-2 region code such as KZ-71." : $"'{request.Region}' is not a Kazakhstan region code (KZ-10 … KZ-79)."));
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 200))
        {
            errors.Add(("Idempotency-Key", "An Idempotency-Key is 1 to 200 characters."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var outcome = await service.LodgeAsync(Actor.From(http.User), request.Kind!.Value, region!.Value, idempotencyKey, ct);
        if (outcome.Refusal is not null)
        {
            return ProblemsExtensions.FromRefusal(outcome.Refusal);
        }

        var view = View(outcome.Application!, service);
        return outcome.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/residence/applications/{view.Id}", view);
    }

    /// <summary>One page of the applications visible to the caller, newest first, optionally of one stage or kind.</summary>
    private static async Task<Results<Ok<List<ApplicationView>>, ProblemHttpResult>> List(
        HttpContext http, ResidenceService service, string? stage, string? kind, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new List<(string Field, string Message)>();
        var paging = Paging.Read(page, pageSize, errors);
        var wantedStage = stage is null ? null : Choice<ResidenceStage>(stage, "stage", errors);
        var wantedKind = kind is null ? null : Choice<ResidenceKind>(kind, "kind", errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var query = service.VisibleTo(Actor.From(http.User));
        if (wantedStage is { } st)
        {
            query = query.Where(a => a.Stage == st);
        }

        if (wantedKind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        var total = await query.CountAsync(ct);
        var applications = await query.OrderByDescending(a => a.LodgedAt).ThenBy(a => a.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        paging.WriteHeaders(http, total);
        return TypedResults.Ok(applications.Select(a => View(a, service)).ToList());
    }

    /// <summary>Reads an enum from a query string the way the JSON bodies spell it (kebab-case).</summary>
    private static T? Choice<T>(string value, string field, List<(string Field, string Message)> errors)
        where T : struct, Enum
    {
        if (!int.TryParse(value, out _) && Enum.TryParse<T>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors.Add((field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)))}."));
        return null;
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Get(Guid id, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(http.User), ct);
        return application is null ? ProblemsExtensions.NotFound("application") : TypedResults.Ok(View(application, service));
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> RecordKaztest(
        Guid id, KaztestRequest request, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        Percent(request.ListeningPercent, "listeningPercent", errors);
        Percent(request.ReadingPercent, "readingPercent", errors);
        if (request.TakenOn is null)
        {
            errors.Add(("takenOn", "Required: the test date (YYYY-MM-DD)."));
        }

        if (string.IsNullOrWhiteSpace(request.Certificate) || request.Certificate.Length > 50)
        {
            errors.Add(("certificate", "Required: the KAZTEST certificate number (at most 50 characters)."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        return Answer(await service.RecordKaztestAsync(
            id, Actor.From(http.User), request.ListeningPercent!.Value, request.ReadingPercent!.Value, request.TakenOn!.Value, request.Certificate!.Trim(), ct), service);
    }

    /// <summary>The questions with their labels in the language of Accept-Language beside the three titles.</summary>
    private static Ok<List<QuestionView>> Questionnaire(ResidenceService service, Text text) =>
        TypedResults.Ok(service.Questionnaire().Select(q => QuestionView.From(q, text)).ToList());

    private static async Task<Results<Ok<ScoreView>, ProblemHttpResult>> PreviewScore(
        Guid id, JsonObject answers, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        var (application, score) = await service.PreviewScoreAsync(id, Actor.From(http.User), answers, ct);
        return application is null ? ProblemsExtensions.NotFound("application") : TypedResults.Ok(ScoreView.From(score!));
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> SubmitQuestionnaire(
        Guid id, JsonObject answers, HttpContext http, ResidenceService service, CancellationToken ct) =>
        Answer(await service.SubmitQuestionnaireAsync(id, Actor.From(http.User), answers, ct), service);

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Withdraw(
        Guid id, WithdrawRequest? request, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        if (request?.Reason is { Length: > ResidenceService.MaxWithdrawalReason })
        {
            return ProblemsExtensions.Invalid("reason", $"At most {ResidenceService.MaxWithdrawalReason} characters.");
        }

        return Answer(await service.WithdrawAsync(id, Actor.From(http.User), request?.Reason, ct), service);
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> RunChecks(Guid id, HttpContext http, ResidenceService service, CancellationToken ct) =>
        Answer(await service.RunChecksAsync(id, Actor.From(http.User), ct), service);

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ScheduleInterview(
        Guid id, InterviewRequest request, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.At is null)
        {
            errors.Add(("at", "Required: date and time of the interview (ISO 8601 with offset)."));
        }

        if (string.IsNullOrWhiteSpace(request.Place) || request.Place.Length > 300)
        {
            errors.Add(("place", "Required: where the interview takes place (at most 300 characters)."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        return Answer(await service.ScheduleInterviewAsync(id, Actor.From(http.User), request.At!.Value, request.Place!, ct), service);
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> RecordInterview(
        Guid id, InterviewOutcomeRequest request, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        if (request.Passed is null)
        {
            return ProblemsExtensions.Invalid("passed", "Required: true or false.");
        }

        if (request.Notes is { Length: > MaxTextLength })
        {
            return ProblemsExtensions.Invalid("notes", $"At most {MaxTextLength} characters.");
        }

        return Answer(await service.RecordInterviewAsync(id, Actor.From(http.User), request.Passed.Value, request.Notes ?? string.Empty, ct), service);
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest request, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (request.Outcome is null)
        {
            errors.Add(("outcome", "Required: approve or refuse."));
        }

        if (string.IsNullOrWhiteSpace(request.Reasons) || request.Reasons.Length > MaxTextLength)
        {
            errors.Add(("reasons", $"Required: the reasons for the decision (at most {MaxTextLength} characters)."));
        }

        if (request.Outcome == DecisionChoice.Refuse && string.IsNullOrWhiteSpace(request.Ground))
        {
            errors.Add(("ground", "A refusal names the failed gate or the shortfall (see failedGrounds of the application)."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var actor = Actor.From(http.User);
        var outcome = request.Outcome == DecisionChoice.Approve
            ? await service.ApproveAsync(id, actor, request.Reasons!, ct)
            : await service.RefuseAsync(id, actor, request.Ground!, request.Reasons!, ct);
        return Answer(outcome, service);
    }

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> GetDecision(Guid id, HttpContext http, ResidenceService service, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(http.User), ct);
        if (application?.Decision is null)
        {
            return ProblemsExtensions.NotFound("decided application");
        }

        return TypedResults.Ok(ApplicationView.DecisionFrom(application.Decision, service.Explain));
    }

    private static async Task<Results<Ok<RescoreView>, ProblemHttpResult>> Rescore(Guid id, HttpContext http, ResidenceService service, IResidenceScoring scoring, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(http.User), ct);
        if (application is null)
        {
            return ProblemsExtensions.NotFound("application");
        }

        if (application.Score is null)
        {
            return ProblemsExtensions.FromRefusal(new Refusal("not-scored", "The application has not been scored yet."));
        }

        var (asMade, current, error) = service.Rescore(application.Score);
        return TypedResults.Ok(new RescoreView(
            ScoreView.From(asMade),
            current is null ? null : ScoreView.From(current),
            error,
            current is not null && current.Total != asMade.Total,
            current is not null && current.Decision != asMade.Decision,
            scoring.PackHash));
    }

    /// <summary>
    /// The officer's queue: open cases by due date unless asked otherwise. <c>q</c> searches a case number, an IIN or a
    /// name (and closed cases too); <c>stage</c> (open, all or a stage), <c>mine</c> (waiting for an officer), <c>overdue</c>
    /// filter; <c>sort</c> is due, lodged or newest. The Link header's next page keeps them all.
    /// </summary>
    private static async Task<Results<Ok<List<QueueItem>>, ProblemHttpResult>> Queue(
        HttpContext http, ResidenceService service, string? q, string? stage, string? mine, string? overdue, string? sort, int? page, int? pageSize,
        CancellationToken ct)
    {
        var errors = new List<(string Field, string Message)>();
        var paging = Paging.Read(page, pageSize, errors);
        var filter = QueueFilter.Read(q, stage, mine, overdue, sort, errors);
        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var (items, total) = await service.QueueAsync(Actor.From(http.User), filter, paging, ct);
        paging.WriteHeaders(http, total);
        return TypedResults.Ok(items);
    }

    /// <summary>Open applications of the officer's region: overdue first, then by the day they fall due.</summary>
    public static async Task<List<QueueItem>> QueueFor(Actor actor, ResidenceService service, CancellationToken ct) =>
        (await service.QueueAsync(actor, QueueFilter.Default, new Paging(1, int.MaxValue), ct)).Items;

    private static async Task<Ok<List<StageCount>>> Statistics(Koshi.Web.Platform.Storage.KoshiDbContext db, CancellationToken ct)
    {
        var rows = await db.ResidenceApplications.Select(a => new { a.Region, a.Stage }).ToListAsync(ct);
        return TypedResults.Ok(rows.GroupBy(r => (r.Region.Value, r.Stage))
            .Select(g => new StageCount(g.Key.Value, g.Key.Stage, g.Count()))
            .OrderBy(s => s.Region, StringComparer.Ordinal).ThenBy(s => s.Stage).ToList());
    }

    private static Results<Ok<ApplicationView>, ProblemHttpResult> Answer(ResidenceOutcome outcome, ResidenceService service)
    {
        if (outcome.NotFound || outcome.Application is null && outcome.Refusal is null)
        {
            return ProblemsExtensions.NotFound("application");
        }

        if (outcome.Refusal is not null)
        {
            return ProblemsExtensions.FromRefusal(outcome.Refusal);
        }

        return TypedResults.Ok(View(outcome.Application!, service));
    }

    private static ApplicationView View(ResidenceApplication application, ResidenceService service) =>
        ApplicationView.From(application, service.Today, service.Explain);

    private static void Percent(int? value, string field, List<(string, string)> errors)
    {
        if (value is null)
        {
            errors.Add((field, "Required: a percentage from 0 to 100."));
        }
        else if (value is < 0 or > 100)
        {
            errors.Add((field, "Out of range: a percentage is from 0 to 100."));
        }
    }
}

/// <summary>A question of the questionnaire as the API gives it: <c>label</c> in the requested language, <c>title</c> in all three.</summary>
public sealed record QuestionView(
    string Name, QuestionKind Kind, string Label, LocalizedString Title, IReadOnlyList<QuestionOptionView> Options, bool Required,
    System.Text.Json.Nodes.JsonNode? Default, decimal? Min, decimal? Max, string? Pattern, bool Changeable, IReadOnlyList<QuestionView> Fields)
{
    public static QuestionView From(QuestionDefinition q, Text text) => new(
        q.Name, q.Kind, q.Title.Current, q.Title,
        q.Options.Select(o => new QuestionOptionView(o.Id, Koshi.Web.Residence.Pages.GroundTexts.Option(text, o),
            o.Title.En != o.Id ? o.Title : Texts.All.GetValueOrDefault("value." + o.Id) ?? o.Title)).ToList(),
        q.Required, q.Default, q.Min, q.Max, q.Pattern, q.Changeable, q.Fields.Select(f => From(f, text)).ToList());
}

/// <summary>An answer a question offers: its id for programs, its label in the requested language, its title in all three.</summary>
public sealed record QuestionOptionView(string Id, string Label, LocalizedString Title);
