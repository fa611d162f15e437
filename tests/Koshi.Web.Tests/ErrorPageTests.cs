using System.Net;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Browsers get error pages in the page's language with a way home; the API (and any client that does not ask for
/// HTML) keeps RFC 9457 problem details.
/// </summary>
public sealed class ErrorPageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path) { Headers = { { "Accept", BrowserAccept } } };

    /// <summary>A browser-like client that has chosen its language with the switcher (a cookie).</summary>
    private static async Task<HttpClient> Browser(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string language, bool follow = false)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = follow, HandleCookies = true });
        await client.GetAsync($"/language/{language}");
        return client;
    }

    private static async Task<string> Page(HttpResponseMessage response, HttpStatusCode status, string language)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains($"data-status=\"{(int)status}\"", html, StringComparison.Ordinal);
        Assert.Matches("<a class=\"button\" href=\"/\" id=\"error-home\">", html);
        Assert.DoesNotMatch(@"\[(error|ui)\.[a-z0-9.\-]+\]", html);
        return html;
    }

    [Theory]
    [InlineData("kk", "Бет табылмады")]
    [InlineData("ru", "Страница не найдена")]
    [InlineData("en", "Page not found")]
    public async Task An_unknown_page_is_a_404_page_in_the_browsers_language(string language, string title)
    {
        var client = await Browser(factory, language);
        var html = await Page(await client.SendAsync(Get("/no-such-page")), HttpStatusCode.NotFound, language);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_that_is_not_there_is_a_404_page_for_a_signed_in_browser()
    {
        var client = await Browser(factory, "ru");
        await SignIn(client, "aigerim@demo.koshi.kz");
        var html = await Page(await client.SendAsync(Get($"/residence/{Guid.NewGuid()}")), HttpStatusCode.NotFound, "ru");
        Assert.Contains("Страница не найдена", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_a_400_page()
    {
        var client = await Browser(factory, "kk");
        var request = Get("/account/login");
        request.Method = HttpMethod.Post;
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "x@y.kz", ["password"] = "nothing" });
        var html = await Page(await client.SendAsync(request), HttpStatusCode.BadRequest, "kk");
        Assert.Contains("Сұрауды оқу мүмкін болмады", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrong_role_gets_a_403_page_with_a_way_home()
    {
        var client = await Browser(factory, "en", follow: true);
        await SignIn(client, "aigerim@demo.koshi.kz");
        var html = await Page(await client.SendAsync(Get("/officer/queue")), HttpStatusCode.Forbidden, "en");
        Assert.Contains("Access denied", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_page_for_a_browser_and_a_problem_for_the_api()
    {
        await using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter, FailingEndpointFilter>()));
        var client = await Browser(failing, "ru");

        var html = await Page(await client.SendAsync(Get("/fails")), HttpStatusCode.InternalServerError, "ru");
        Assert.Contains("В работе сервиса произошёл сбой", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("id=\"error-reference\">[^<]+<"), html);
        Assert.DoesNotContain("simulated failure", html, StringComparison.Ordinal);

        var api = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/fails") { Headers = { { "Accept", BrowserAccept } } });
        Assert.True(api.Content.Headers.ContentType?.MediaType == "application/problem+json", "/api/fails: " + await api.Content.ReadAsStringAsync());
        await Api.Problem(api, HttpStatusCode.InternalServerError);
        var plain = await client.GetAsync("/fails");
        Assert.True(plain.Content.Headers.ContentType?.MediaType == "application/problem+json", "/fails without html: " + await plain.Content.ReadAsStringAsync());
        await Api.Problem(plain, HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Api_clients_keep_problem_details_even_when_they_accept_html()
    {
        var client = await Browser(factory, "ru");
        await Api.Problem(await client.SendAsync(Get("/api/v1/nothing-here")), HttpStatusCode.NotFound);
        var bad = Get("/api/v1/auth/token");
        bad.Method = HttpMethod.Post;
        bad.Content = Api.Body("{ not json");
        await Api.Problem(await client.SendAsync(bad), HttpStatusCode.BadRequest);
        // A client that does not ask for HTML gets a problem for a page path too.
        await Api.Problem(await client.GetAsync("/no-such-page"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_error_page_asked_for_directly_is_not_found()
    {
        var client = await Browser(factory, "en");
        await Page(await client.SendAsync(Get("/error/500")), HttpStatusCode.NotFound, "en");
    }

    private static async Task SignIn(HttpClient client, string email)
    {
        var login = await client.GetStringAsync("/account/login");
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = DemoData.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"sign-in answered {(int)response.StatusCode}");
    }

    /// <summary>
    /// Adds, after every endpoint of the application, a request path that throws: the failure happens inside the
    /// application's own pipeline, where its exception handling applies, as a failing page or endpoint would.
    /// </summary>
    private sealed class FailingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.Value is "/fails" or "/api/fails"
                ? throw new InvalidOperationException("simulated failure")
                : Task.CompletedTask);
        };
    }
}
