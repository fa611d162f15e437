using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>The server-rendered pages: who may open them, and the language and formats they speak.</summary>
public sealed class PageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password)
    {
        var client = Browser();
        var form = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<(string Email, string Id)> ApplicationAtQuestionnaire(string region = "KZ-71")
    {
        var (client, email, _) = await api.NewApplicant();
        var id = (await Api.Ok(await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        return (email, id);
    }

    private static void Denied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied", StringComparison.Ordinal),
            $"expected a redirect to /account/denied, got {(int)response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task Pages_admit_the_right_people_only()
    {
        var (ownerEmail, id) = await ApplicationAtQuestionnaire();
        var owner = await SignedIn(ownerEmail, "Applicant-2026");
        var (otherEmail, _) = await ApplicationAtQuestionnaire();
        var other = await SignedIn(otherEmail, "Applicant-2026");
        var officer = await SignedIn("officer.astana@demo.koshi.kz");
        var otherOfficer = await SignedIn("officer.pavlodar@demo.koshi.kz");
        var admin = await SignedIn("admin@demo.koshi.kz");

        var anonymous = await Browser().GetAsync("/residence");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/residence")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/residence/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/residence/{id}/questionnaire")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/residence/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/residence/{id}/questionnaire")).StatusCode);
        Denied(await officer.GetAsync($"/residence/{id}"));
        Denied(await owner.GetAsync("/officer/queue"));
        Denied(await owner.GetAsync($"/officer/cases/{id}"));
        Denied(await admin.GetAsync($"/officer/cases/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/officer/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/officer/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.GetAsync($"/officer/cases/{id}")).StatusCode);

        // Posting to someone else's case with a valid form token of one's own still finds nothing.
        var otherToken = Token(await other.GetStringAsync("/residence"));
        var withdraw = await other.PostAsync($"/residence/{id}?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = otherToken }));
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        var officerToken = Token(await otherOfficer.GetStringAsync("/officer/queue"));
        var decide = await otherOfficer.PostAsync($"/officer/cases/{id}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["outcome"] = "approve", ["reasons"] = "x", ["__RequestVerificationToken"] = officerToken,
        }));
        Assert.Equal(HttpStatusCode.NotFound, decide.StatusCode);
        var stage = (await Api.Ok(await (await api.Officer()).GetAsync($"/api/v1/residence/applications/{id}"))).GetProperty("stage").GetString();
        Assert.Equal("questionnaire", stage);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var officer = await SignedIn("officer.astana@demo.koshi.kz");
        var token = Token(await officer.GetStringAsync("/officer/queue"));
        var response = await officer.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await officer.GetStringAsync("/");
        Assert.Contains("id=\"nav-login\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/officer/queue")).StatusCode);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var (email, id) = await ApplicationAtQuestionnaire();
        var owner = await SignedIn(email, "Applicant-2026");
        var response = await owner.PostAsync($"/residence/{id}?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("kk", "Менің өтініштерім", "kk-KZ")]
    [InlineData("ru", "Мои заявления", "ru-RU")]
    [InlineData("en", "My applications", "en-GB")]
    public async Task Pages_speak_the_chosen_language_with_its_date_format(string language, string heading, string culture)
    {
        var (email, id) = await ApplicationAtQuestionnaire();
        var owner = await SignedIn(email, "Applicant-2026");
        var switched = await owner.GetAsync($"/language/{language}?returnUrl=/residence");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var list = await owner.GetStringAsync("/residence");
        Assert.Contains($"<html lang=\"{language}\"", list, StringComparison.Ordinal);
        Assert.Contains(heading, list, StringComparison.Ordinal);
        var page = await owner.GetStringAsync($"/residence/{id}");
        var lodged = (await Api.Ok(await (await api.As(email, "Applicant-2026")).GetAsync($"/api/v1/residence/applications/{id}"))).GetProperty("lodgedOn").GetString()!;
        var expected = DateOnly.ParseExact(lodged, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d", new CultureInfo(culture));
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\[[a-z]+\.[a-zA-Z.\-]+\]", page);
    }
}
