using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// A refused form shows what to fix once: one error summary at the top, never an old error banner beside it. Every
/// form post of the pages is sent with its fields left empty, in Russian, by the person who uses the form.
/// </summary>
public sealed partial class ErrorSummaryTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    [Fact]
    public async Task No_refused_form_shows_an_error_summary_and_an_error_banner_together()
    {
        var (_, ids) = await HostileInputTests<SqliteFactory>.WorldAsync(api, factory);
        var browsers = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        async Task<HttpClient> As(string who)
        {
            if (!browsers.TryGetValue(who, out var client))
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

                Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/ru?returnUrl=/")).StatusCode);
                browsers[who] = client;
            }

            return client;
        }

        var parser = new HtmlParser();
        var both = new List<string>();
        var summaries = 0;
        foreach (var (page, handler, who, route, fields) in HostileInputTests<SqliteFactory>.Forms)
        {
            if (page.EndsWith("LogoutModel", StringComparison.Ordinal))
            {
                continue;
            }

            var client = await As(who);
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
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            var summary = document.QuerySelectorAll(".error-summary").Length;
            summaries += summary > 0 ? 1 : 0;
            if (summary > 1 || (summary == 1 && document.QuerySelector(".errors") is not null))
            {
                both.Add($"{page} {handler}: {summary} summaries, banner \"{document.QuerySelector(".errors")?.TextContent.Trim()}\"");
            }
        }

        Assert.True(summaries >= 5, $"only {summaries} refused forms showed an error summary");
        Assert.True(both.Count == 0, "Pages that show what to fix twice:\n" + string.Join("\n", both));
    }

    private static string Fill(string text, Dictionary<string, string> ids) =>
        ids.Aggregate(text, (filled, id) => filled.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
