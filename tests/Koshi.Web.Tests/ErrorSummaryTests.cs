using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using System.Net.Http.Json;
using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// A refused form shows what to fix once: one error summary at the top, never an old error banner beside it, each entry
/// a link to a field (or form) of the page, in the page's language. Every form post of the pages is sent with its
/// fields left empty, in Kazakh and in Russian, by the person who uses the form.
/// </summary>
public sealed partial class ErrorSummaryTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    [Fact]
    public async Task No_refused_form_shows_an_error_summary_and_an_error_banner_together()
    {
        var (callers, ids) = await HostileInputTests<SqliteFactory>.WorldAsync(api, factory);
        await StageAsync(callers[0], ids);
        var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        async Task<HttpClient> As(string who, string language)
        {
            if (!browsers.TryGetValue(who + "/" + language, out var client))
            {
                client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
                var (email, password) = who switch
                {
                    "applicant" => (ids["applicantEmail"], "Applicant-2026"),
                    "resettler" => (ids["resettlerEmail"], "Applicant-2026"),
                    "officer" => ("officer.astana@demo.koshi.kz", DemoData.Password),
                    "pavlodar" => ("officer.pavlodar@demo.koshi.kz", DemoData.Password),
                    "anonymous" => (string.Empty, string.Empty),
                    _ => ($"{who}@demo.koshi.kz", DemoData.Password),
                };
                if (email.Length > 0)
                {
                    var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = Token(await client.GetStringAsync("/account/login")),
                    }));
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                }

                Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);
                browsers[who + "/" + language] = client;
            }

            return client;
        }

        var parser = new HtmlParser();
        var both = new List<string>();
        var wrong = new List<string>();
        var summaries = 0;
        var converted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var language in (string[])["kk", "ru"])
            foreach (var (page, handler, who, route, fields) in HostileInputTests<SqliteFactory>.Forms.Concat(Staged))
            {
                if (page.EndsWith("LogoutModel", StringComparison.Ordinal))
                {
                    continue;
                }

                var client = await As(who, language);
                var url = Fill(route, ids);
                var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
                if (TokenPattern().Match(html) is not { Success: true } token)
                {
                    continue; // the page is not this person's to post (already decided, another region)
                }

                // Ids name what the form is about; everything a person types is left empty.
                var posted = fields.ToDictionary(f => f.Key, f => f.Value.Contains('{', StringComparison.Ordinal) ? Fill(f.Value, ids) : string.Empty);
                posted["__RequestVerificationToken"] = token.Groups[1].Value;
                var response = await client.PostAsync(handler.Length == 0 ? url : $"{url}?handler={handler}", new FormUrlEncodedContent(posted));
                // A refused post answers the page again: 200, or on the residence pages 400/409 where the page says so as the API would.
                var refusedWithStatus = page.StartsWith("Residence.", StringComparison.Ordinal) && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict;
                if ((response.StatusCode != HttpStatusCode.OK && !refusedWithStatus) || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                var summary = document.QuerySelectorAll(".error-summary").Length;
                summaries += summary > 0 ? 1 : 0;
                if (summary > 1 || (summary == 1 && document.QuerySelector(".errors") is not null))
                {
                    both.Add($"{language} {page} {handler}: {summary} summaries, banner \"{document.QuerySelector(".errors")?.TextContent.Trim()}\"");
                }

                // The pages that showed a single banner before: never a banner now, whatever was refused.
                var capability = page.Split('.')[0];
                if (Converted.Contains(capability) && document.QuerySelector(".errors") is { } banner)
                {
                    wrong.Add($"{language} {page} {handler}: old banner \"{banner.TextContent.Trim()}\"");
                }

                if (document.QuerySelector(".error-summary") is not { } shown || !Converted.Contains(capability))
                {
                    continue;
                }

                converted.Add($"{language} {page} {handler}");

                foreach (var entry in shown.QuerySelectorAll("li"))
                {
                    var target = entry.QuerySelector("a[href^='#']")?.GetAttribute("href")?[1..];
                    if (string.IsNullOrEmpty(target) || document.GetElementById(target) is null)
                    {
                        wrong.Add($"{language} {page} {handler}: \"{entry.TextContent.Trim()}\" links to {(target is { Length: > 0 } ? "#" + target + ", which the page does not have" : "nothing")}");
                    }

                    if (EnglishWords().Match(entry.TextContent) is { Success: true } english)
                    {
                        wrong.Add($"{language} {page} {handler}: English \"{english.Value}\" in \"{entry.TextContent.Trim()}\"");
                    }
                }

                // A field the summary names is marked invalid and described by the summary (when the field is one input).
                foreach (var link in shown.QuerySelectorAll("a[href^='#']"))
                {
                    if (document.GetElementById(link.GetAttribute("href")![1..]) is { } field && field.LocalName is "input" or "select" or "textarea"
                        && field.GetAttribute("type") is not ("hidden" or "checkbox" or "radio")
                        && (field.GetAttribute("aria-invalid") != "true" || field.GetAttribute("aria-describedby") is not { Length: > 0 }))
                    {
                        wrong.Add($"{language} {page} {handler}: #{field.Id} is named in the summary but not marked aria-invalid/aria-describedby");
                    }
                }
            }

        Assert.True(summaries >= 10, $"only {summaries} refused forms showed an error summary");
        Assert.True(converted.Count >= 16, $"only {converted.Count} refused forms of the labour, resettlement, analytics and agency pages showed an error summary:\n" + string.Join("\n", converted));

        // Every residence and sign-in form was refused and checked, in both languages (a form the walk no longer
        // reaches would otherwise pass unseen).
        foreach (var language in (string[])["kk", "ru"])
        {
            foreach (var form in (string[])[
                "Identity.Pages.LoginModel ", "Identity.Pages.RegisterModel ", "Residence.Pages.MyApplicationsModel ",
                "Residence.Pages.CaseModel Kaztest", "Residence.Pages.CaseModel Withdraw", "Residence.Pages.QuestionnaireModel Preview",
                "Residence.Pages.QuestionnaireModel Submit", "Residence.Pages.OfficerCaseModel Checks", "Residence.Pages.OfficerCaseModel Schedule",
                "Residence.Pages.OfficerCaseModel Outcome", "Residence.Pages.OfficerCaseModel Decide"])
            {
                Assert.True(converted.Contains($"{language} {form}"), $"{language} {form} was not refused with an error summary");
            }
        }
        Assert.True(both.Count == 0, "Pages that show what to fix twice:\n" + string.Join("\n", both));
        Assert.True(wrong.Count == 0, "Refused forms whose summary is not as it should be:\n" + string.Join("\n", wrong));
    }

    /// <summary>
    /// Cases at the stages whose forms the walk's case (at its questionnaire) does not show: the test (a second
    /// application of the same applicant), the interview to schedule, the interview held, the decision; and what the
    /// walk posts to them, so that each field of these forms can be refused.
    /// </summary>
    private async Task StageAsync(HttpClient owner, Dictionary<string, string> ids)
    {
        ids["testing"] = (await Api.Ok(await owner.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "kandas-status", region = "KZ-71" }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var officer = await api.Officer("KZ-71");
        async Task<string> AtInterviewAsync()
        {
            var (client, _, _) = await api.NewApplicant();
            var id = (await Api.Ok(await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
                .GetProperty("id").GetString()!;
            await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
                new { listeningPercent = 60, readingPercent = 60, takenOn = LegalClock.DateOf(factory.Time.GetUtcNow()), certificate = "KT-S" }));
            await Api.Ok(await client.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));
            Assert.Equal("interview", (await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null))).GetProperty("stage").GetString());
            return id;
        }

        async Task<string> HeldAsync()
        {
            var id = await AtInterviewAsync();
            await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/interview", new { at = factory.Time.GetUtcNow(), place = "Astana, PSC" }));
            return id;
        }

        ids["interview"] = await AtInterviewAsync();
        ids["held"] = await HeldAsync();
        var deciding = await HeldAsync();
        Assert.Equal("decision", (await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{deciding}/interview/outcome", new { passed = true, notes = "Fine." })))
            .GetProperty("stage").GetString());
        ids["deciding"] = deciding;
        ids["passportNumber"] = "N" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        ids["kind"] = "PermanentResidence";
        ids["astana"] = "KZ-71";
        ids["yes"] = "yes";
        ids["tooLongNotes"] = new string('n', 2001);
        ids["tooLongReason"] = new string('r', 1001);
    }

    /// <summary>
    /// The residence and sign-in forms at the stages that show them (see <see cref="StageAsync"/>). Values in braces are
    /// sent as they are: a passport number takes the passport route, a second lodgement of an open kind, texts over their limit.
    /// </summary>
    private static readonly (string Page, string Handler, string Who, string Route, Dictionary<string, string> Fields)[] Staged =
    [
        ("Identity.Pages.RegisterModel", "", "anonymous", "/account/register", new()
            { ["fullName"] = "", ["iin"] = "", ["passportNumber"] = "{passportNumber}", ["citizenship"] = "", ["birthDate"] = "", ["email"] = "", ["password"] = "" }),
        ("Residence.Pages.MyApplicationsModel", "", "applicant", "/residence", new() { ["kind"] = "{kind}", ["region"] = "{astana}" }),
        ("Residence.Pages.CaseModel", "Kaztest", "applicant", "/residence/{testing}", new() { ["listening"] = "", ["reading"] = "", ["takenOn"] = "", ["certificate"] = "" }),
        ("Residence.Pages.CaseModel", "Withdraw", "applicant", "/residence/{testing}", new() { ["reason"] = "{tooLongReason}", ["confirm"] = "{yes}" }),
        ("Residence.Pages.OfficerCaseModel", "Schedule", "officer", "/officer/cases/{interview}", new() { ["at"] = "", ["place"] = "" }),
        ("Residence.Pages.OfficerCaseModel", "Outcome", "officer", "/officer/cases/{held}", new() { ["passed"] = "", ["notes"] = "{tooLongNotes}" }),
        ("Residence.Pages.OfficerCaseModel", "Decide", "officer", "/officer/cases/{deciding}", new() { ["outcome"] = "", ["reasons"] = "" }),
    ];

    // The capabilities whose pages had the single error banner (page models are named Capability.Pages.Name).
    private static readonly HashSet<string> Converted = new(StringComparer.Ordinal) { "ForeignLabour", "Resettlement", "Analytics", "Agencies", "Residence", "Identity" };

    // Two English words in a row: a sentence left untranslated (codes such as KZ-71 or RS-2026-… are not words).
    [GeneratedRegex(@"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")]
    private static partial Regex EnglishWords();

    private static string Fill(string text, Dictionary<string, string> ids) =>
        ids.Aggregate(text, (filled, id) => filled.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
