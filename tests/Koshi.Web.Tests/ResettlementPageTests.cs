using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>The resettlement pages: who may open them, the three languages they speak, and a family from form to arrival.</summary>
public sealed partial class ResettlementPageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("The page has no antiforgery token.");

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password, string language = "en")
    {
        var client = Browser();
        var form = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__RequestVerificationToken", Token(await client.GetStringAsync(page))));
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static async Task<string> Page(HttpClient client, string path, string titleKey, string language)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotMatch(@"\[(rs|nav|refusal)\.[a-zA-Z.\-_]+\]", html);
        Assert.Contains(Texts.All[titleKey].For(language), html, StringComparison.Ordinal);
        return html;
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Every_page_speaks_the_language_and_a_family_goes_from_form_to_arrival(string language)
    {
        var (_, email, _) = await api.NewApplicant();
        var applicant = await SignedIn(email, "Applicant-2026", language);
        await Page(applicant, "/resettlement", "rs.title", language);

        var spouse = Iins.Make(new DateOnly(1993, 5, 20), language != "ru", 4000 + language[0]);
        var applied = await Post(applicant, "/resettlement", "Apply",
        [
            new("programme", "Resettler"), new("originRegion", "KZ-61"), new("destinationRegion", "KZ-55"), new("registeredJobSeeker", "true"),
            new("permanentRegistrationMonths", "24"), new("kandasCondition", "none"), new("housingCost", "5000000"), new("payoutAccount", "KZ000000000000001234"),
            new("memberName", "Spouse"), new("memberIin", spouse), new("memberPassport", ""), new("memberBirth", "1993-05-20"), new("memberRelation", "spouse"),
            new("memberName", ""), new("memberIin", ""), new("memberPassport", ""), new("memberBirth", ""), new("memberRelation", "child"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var casePath = applied.Headers.Location!.ToString();
        Assert.StartsWith("/resettlement/cases/", casePath, StringComparison.Ordinal);
        var html = await Page(applicant, casePath, "rs.case", language);
        Assert.Contains(Texts.All["rs.status.Submitted"].For(language), html, StringComparison.Ordinal);

        // The Pavlodar officer sees the family in the queue and includes it in the quota.
        var officer = await SignedIn("officer.pavlodar@demo.koshi.kz", language: language);
        var queue = await Page(officer, "/resettlement/officer", "rs.officer.title", language);
        Assert.Contains(casePath, queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, casePath, "Approve", [])).StatusCode);
        Assert.Contains(Texts.All["rs.status.Approved"].For(language), await Page(applicant, casePath, "rs.case", language), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await Post(applicant, casePath, "Arrive", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(officer, casePath, "Pay", [])).StatusCode);
        html = await Page(applicant, casePath, "rs.case", language);
        Assert.Contains(Texts.All["rs.status.Arrived"].For(language), html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "data-status=\"Paid\""));

        // A second application the same year is refused in the page's language.
        var again = await Post(applicant, "/resettlement", "Apply",
        [
            new("programme", "Resettler"), new("originRegion", "KZ-61"), new("destinationRegion", "KZ-55"), new("registeredJobSeeker", "true"),
            new("permanentRegistrationMonths", "24"), new("kandasCondition", "none"), new("housingCost", "0"), new("payoutAccount", "KZ000000000000001234"),
        ]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Texts.All["refusal.duplicate-application"].For(language), WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var analyst = await SignedIn("analyst@demo.koshi.kz", language: language);
        var ministry = await Page(analyst, "/resettlement/ministry", "rs.ministry.title", language);
        Assert.Contains(Texts.All["rs.ministry.flows"].For(language), ministry, StringComparison.Ordinal);
        var csv = await analyst.GetAsync("/resettlement/ministry?handler=Csv&table=flows");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains(",KZ-61,KZ-55,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task An_ineligible_family_is_told_which_condition_fails_in_its_language(string language)
    {
        var (_, email, _) = await api.NewApplicant();
        var applicant = await SignedIn(email, "Applicant-2026", language);
        var refused = await Post(applicant, "/resettlement", "Apply",
        [
            new("programme", "Resettler"), new("originRegion", "KZ-61"), new("destinationRegion", "KZ-55"),
            new("permanentRegistrationMonths", "6"), new("kandasCondition", "none"), new("housingCost", "0"), new("payoutAccount", "KZ000000000000001234"),
        ]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(Texts.All["rs.gate.job-seeker-registered"].For(language), html, StringComparison.Ordinal);
        Assert.Contains(Texts.All["rs.gate.registration-long-enough"].For(language), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.All["rs.gate.origin-allowed"].For(language), html, StringComparison.Ordinal);
        Assert.Contains("C4", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_page_is_closed_to_the_wrong_roles()
    {
        var employer = await SignedIn("employer@demo.koshi.kz");
        foreach (var path in new[] { "/resettlement", "/resettlement/officer", "/resettlement/ministry" })
        {
            var response = await employer.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            }
        }

        var (owner, _, _) = await api.NewApplicant();
        var id = (await Api.Ok(await owner.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(size: 1)), HttpStatusCode.Created)).GetProperty("id").GetString();
        var (_, otherEmail, _) = await api.NewApplicant();
        var other = await SignedIn(otherEmail, "Applicant-2026");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/resettlement/cases/{id}")).StatusCode);
        var astana = await SignedIn("officer.astana@demo.koshi.kz");
        Assert.Equal(HttpStatusCode.NotFound, (await astana.GetAsync($"/resettlement/cases/{id}")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
