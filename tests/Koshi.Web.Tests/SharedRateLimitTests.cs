using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// The sign-in limits are counted in the database: two instances on one PostgreSQL give a source the limit in all, not
/// the limit each (per source, and per account and source), and attempts raced through both never get more through.
/// </summary>
public sealed class SharedRateLimitTests
{
    private const int Limit = 5;

    [Fact]
    public async Task Two_instances_on_one_database_share_a_sources_sign_in_limit()
    {
        await using var first = new PostgresFactory();
        Assert.SkipUnless(first.Available, "PostgreSQL is not configured here (set KOSHI_TEST_POSTGRES).");
        Limited(first);
        await first.InitializeAsync();
        await using var one = WithSources(first);
        using (one.CreateClient())
        {
            // Starts the first instance: migrations and demo data.
        }

        await using var second = new PostgresFactory(first.Database, ownsDatabase: false);
        Limited(second);
        second.Settings["Koshi:Audit:SigningKeyFile"] = Path.Combine(first.AuditFolder, "signing-key.pem");
        second.Settings["Koshi:DataProtection:CertificateFile"] = Path.Combine(first.AuditFolder, "key-ring.pfx");
        await using var two = WithSources(second);
        var instances = new[] { one.CreateClient(), two.CreateClient() };

        // One source, attempts taking turns between the instances: the limit in all, then refused on the other one.
        for (var i = 0; i < Limit; i++)
        {
            var attempt = await instances[i % 2].SendAsync(Token("192.0.2.10", "en"));
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var refused = await instances[Limit % 2].SendAsync(Token("192.0.2.10", "ru"));
        var problem = await Api.Problem(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("Слишком много попыток с этого адреса.", problem.GetProperty("title").GetString());
        Assert.Contains($"Не более {Limit} запросов", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await instances[(Limit + 1) % 2].SendAsync(Token("192.0.2.10", "en"))).StatusCode);

        // Another source still has its own budget.
        Assert.Equal(HttpStatusCode.Unauthorized, (await instances[1].SendAsync(Token("192.0.2.11", "en"))).StatusCode);

        // Wrong passwords for one account from one source are counted across both instances too: two failures, one on
        // each, spend that source's budget for the account, so even the right password gets the refusal there, not elsewhere.
        Assert.Equal(HttpStatusCode.Unauthorized, (await instances[0].SendAsync(Token("192.0.2.20", "en", "analyst@demo.koshi.kz"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await instances[1].SendAsync(Token("192.0.2.20", "en", "analyst@demo.koshi.kz"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await instances[0].SendAsync(Token("192.0.2.20", "en", "analyst@demo.koshi.kz", DemoData.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instances[1].SendAsync(Token("192.0.2.21", "en", "analyst@demo.koshi.kz", DemoData.Password))).StatusCode);

        // A third source's attempts all at once through both instances: exactly the limit gets through.
        using var go = new ManualResetEventSlim();
        var raced = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return (await instances[i % 2].SendAsync(Token("192.0.2.12", "en"))).StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(raced);
        Assert.Equal(Limit, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(24 - Limit, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    private static void Limited(KoshiFactory factory)
    {
        factory.Settings["Koshi:RateLimit:SignInPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Koshi:RateLimit:WindowSeconds"] = "3600";
        factory.Settings["Koshi:SignIn:FailuresPerSource"] = "2";
    }

    /// <summary>The instance with each request's source address taken from a test header (the test server has none).</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithSources(KoshiFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, SourceFromHeader>()));

    /// <summary>A token request; by default for no such account (refused with 401 however often it is tried).</summary>
    private static HttpRequestMessage Token(string source, string language, string? email = null, string password = "Wrong-password-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { email = email ?? $"nobody-{source}@test.koshi.kz", password }),
        };
        request.Headers.Add(SourceFromHeader.Header, source);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    private sealed class SourceFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Source";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var source))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(source.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>On SQLite too the limit is one counted row: attempts all at once get exactly the limit through.</summary>
public sealed class RateLimitRaceTests(RateLimitTests.LimitedFactory factory) : IClassFixture<RateLimitTests.LimitedFactory>
{
    [Fact]
    public async Task Attempts_all_at_once_get_exactly_the_limit_through()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var go = new ManualResetEventSlim();
        var raced = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            return (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@test.koshi.kz", password = "Wrong-password-1" })).StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(raced);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The same endpoints spelt with a trailing slash or in capitals are the same attempts.
        foreach (var path in new[] { "/api/v1/auth/token/", "/API/v1/Auth/Token", "/api/v1/auth/register//" })
        {
            var response = await client.PostAsJsonAsync(path, new { email = "nobody@test.koshi.kz", password = "Wrong-password-1" });
            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{path}: {(int)response.StatusCode}");
        }
    }
}
