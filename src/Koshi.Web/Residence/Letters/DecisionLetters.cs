using System.Globalization;
using Koshi.Policy;
using Koshi.Web.Audit;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Koshi.Web.Residence.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Residence.Letters;

/// <summary>The appeal period as the pack gives it on the decision date, with whether it is provisional.</summary>
public sealed record AppealTerms(int Months, DateOnly Deadline, bool Provisional, string? Source);

/// <summary>
/// The decision letter of a residence or kandas-status application: the decision, its reasons and the score explained,
/// what happens next, how and by when to appeal (the period from the pack), and the decision's verification code in
/// the audit log. Written in the applicant's language.
/// </summary>
public sealed class DecisionLetters(ResidenceService service, Receipts receipts, PolicyPackSource packs, UserManager<KoshiUser> users, Text text)
{
    public const string AppealParameter = "residence.appeal_period_months";

    /// <summary>The audit actions that record a decision.</summary>
    public static readonly string[] DecisionActions = ["residence.approve", "residence.refuse"];

    /// <summary>The appeal period on the decision date and its deadline, or null when the pack gives none.</summary>
    public AppealTerms? AppealFor(DateTimeOffset decidedAt)
    {
        var decidedOn = LegalClock.DateOf(decidedAt);
        var value = packs.Pack?.Parameter(AppealParameter)?.ValueOn(decidedOn);
        if (value is null)
        {
            return null;
        }

        var months = Convert.ToInt32(value.Value, CultureInfo.InvariantCulture);
        return new AppealTerms(months, decidedOn.AddMonths(months), value.Provisional, value.Source);
    }

    /// <summary>The letter as PDF bytes; null when the application is not visible to the actor or has no decision.</summary>
    public async Task<(byte[] Pdf, string FileName)?> WriteAsync(Guid id, Actor actor, string? language, string verifyAddress, CancellationToken ct)
    {
        var application = await service.FindAsync(id, actor, ct);
        if (application?.Decision is null)
        {
            return null;
        }

        var lang = Text.Languages.Contains(language) ? language!
            : (await users.FindByIdAsync(application.ApplicantId))?.Language is { } own && Text.Languages.Contains(own) ? own
            : Text.Language;
        var code = await receipts.CodeForAsync(nameof(ResidenceApplication), application.Id.ToString(), DecisionActions, ct);
        var score = application.Score is null ? null : ScoreView.From(service.Explain(application.Score.ExplanationJson));
        var letter = Compose(application, score, code, lang, verifyAddress);
        return (LetterPdf.Render(letter), $"decision-{application.Id.ToString()[..8]}-{lang}.pdf");
    }

    /// <summary>Lays the letter out in <paramref name="lang"/>: every text is read with that language's culture.</summary>
    private LetterDocument Compose(ResidenceApplication a, ScoreView? score, ReceiptCode? code, string lang, string verifyAddress)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var letterCulture = LocalisationExtensions.Cultures.First(c => c.TwoLetterISOLanguageName == lang);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = letterCulture;
        try
        {
            var d = a.Decision!;
            var region = Regions.ByCode.TryGetValue(a.Region.Value, out var r) ? r.Name.For(lang) : a.Region.Value;
            var blocks = new List<LetterBlock>
            {
                new LetterField(text["letter.to"], $"{a.ApplicantName} ({a.IdentityText(k => text[k])})"),
                new LetterField(text["letter.case"], a.CaseNumber.Length > 0 ? a.CaseNumber : a.Id.ToString()),
                new LetterField(text["letter.service-kind"], text["kind." + a.Kind]),
                new LetterField(text["letter.region"], region),
                new LetterField(text["letter.lodged"], Text.Date(a.LodgedOn)),
                new LetterField(text["letter.decided"], Text.Date(LegalClock.DateOf(d.DecidedAt))),
                new LetterHeading(text["letter.decision"]),
                new LetterParagraph(text["decision." + d.Outcome], Bold: true),
                new LetterHeading(text["letter.reasons"]),
            };

            if (d.Ground is not null)
            {
                blocks.Add(new LetterParagraph(text["letter.ground"] + ": " + GroundTexts.Describe(text, d.Ground, a, score)));
            }

            if (!string.IsNullOrWhiteSpace(d.Reasons))
            {
                blocks.Add(new LetterParagraph(text["letter.officer-reasons"] + ": " + d.Reasons));
            }

            blocks.Add(new LetterHeading(text["letter.score"]));
            if (score is null)
            {
                blocks.Add(new LetterParagraph(text["letter.score-none"]));
            }
            else
            {
                blocks.Add(new LetterParagraph(score.PassMark is { } mark
                    ? text.Format("letter.score-total", Text.Number(score.Total), Text.Number(mark))
                    : text.Format("letter.score-total-no-mark", Text.Number(score.Total)), Bold: true));
                if (score.Shortfall is { } shortfall)
                {
                    blocks.Add(new LetterParagraph(text.Format("score.shortfall", Text.Number(shortfall))));
                }

                blocks.Add(new LetterParagraph(text["letter.gates"], Bold: true));
                blocks.AddRange(score.Gates.Select(g => new LetterRow(
                    g.Title.For(lang) + (!g.Passed && g.Reason is not null ? " — " + g.Reason.For(lang) : string.Empty),
                    g.Passed ? text["score.gate-met"] : text["score.gate-not-met"])));
                blocks.Add(new LetterParagraph(text["letter.criteria"], Bold: true));
                blocks.AddRange(score.Criteria.Select(c => new LetterRow(
                    c.Title.For(lang) + (c.Applicable ? string.Empty : " — " + text["score.not-applicable"]),
                    text.Format("letter.points", Text.Number(c.Points)))));
            }

            blocks.Add(new LetterHeading(text["letter.next"]));
            blocks.Add(new LetterParagraph(d.Outcome == DecisionOutcome.Approved
                ? text.Format("letter.next.approved." + a.Kind, region)
                : text["letter.next.refused"]));

            blocks.Add(new LetterHeading(text["letter.appeal"]));
            blocks.Add(new LetterParagraph(text.Format("letter.appeal.route", text["letter.appeal.law"])));
            if (AppealFor(d.DecidedAt) is { } appeal)
            {
                blocks.Add(new LetterParagraph(text.Format("letter.appeal.deadline", appeal.Months, Text.Date(appeal.Deadline)), Bold: true));
                if (appeal.Provisional)
                {
                    blocks.Add(new LetterParagraph(text["letter.appeal.provisional"]));
                }
            }
            else
            {
                blocks.Add(new LetterParagraph(text["letter.appeal.unknown"]));
            }

            blocks.Add(new LetterHeading(text["letter.verify"]));
            if (code is null)
            {
                blocks.Add(new LetterParagraph(text["letter.verify.pending"]));
            }
            else
            {
                blocks.Add(new LetterParagraph(text.Format("letter.verify.code", code), Bold: true));
                blocks.Add(new LetterParagraph(text.Format("letter.verify.how", verifyAddress + "/verify/" + code)));
            }

            var pageText = text["letter.page"];
            var header = text["letter.service"];
            return new LetterDocument(lang, header, text["letter.title"], blocks,
                (page, pages) => string.Format(letterCulture, pageText, page, pages) + (code is null ? string.Empty : " · " + code));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

public static class DecisionLetterEndpoints
{
    public static IEndpointRouteBuilder MapDecisionLetters(this IEndpointRouteBuilder app)
    {
        // The pages serve the same letter at /residence/{id}/letter (LetterPage), where signing in is asked for by redirect.
        app.MapGet("/api/v1/residence/applications/{id:guid}/letter", Letter).RequireAuthorization(Policies.ApiCaseReader)
            .WithTags("Residence").WithName("ResidenceDecisionLetter")
            .WithSummary("The decision letter as PDF in kk, ru or en (lang; default the applicant's language), with the decision's verification code")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Letter(
        Guid id, string? lang, HttpContext http, DecisionLetters letters, CancellationToken ct)
    {
        lang = NormaliseLanguage(lang);
        if (lang is not null && !Text.Languages.Contains(lang))
        {
            return ProblemsExtensions.Invalid("lang", "One of kk, ru, en.");
        }

        var letter = await letters.WriteAsync(id, Actor.From(http.User), lang, VerifyAddress(http.Request), ct);
        return letter is { } written
            ? TypedResults.File(written.Pdf, "application/pdf", written.FileName)
            : ProblemsExtensions.NotFound("decided application");
    }

    /// <summary>"ru" or "ru-RU": the pages' culture names are accepted too.</summary>
    public static string? NormaliseLanguage(string? lang) => lang is { Length: 5 } && lang[2] == '-' ? lang[..2] : lang;

    public static string VerifyAddress(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
