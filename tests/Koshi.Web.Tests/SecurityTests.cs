using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Security;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>Security defaults: headers, per-source limits, one answer for unknown and locked accounts, token revocation.</summary>
public sealed class SecurityTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/me")]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await api.Anonymous().GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_key_ring_is_stored_encrypted_by_a_certificate_outside_the_database()
    {
        using var signedIn = await api.As("admin@demo.koshi.kz"); // a token needs a key
        await factory.WithDbAsync(async db =>
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        });
    }

    [Fact]
    public void A_missing_key_ring_certificate_fails_the_start_unless_it_may_be_made()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"koshi-key-ring-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "key-ring.pfx");
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => KeyRingCertificate.Open(file, createIfMissing: false));
            Assert.Contains(KeyRingCertificate.Setting, refused.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(file));

            using var made = KeyRingCertificate.Open(file, createIfMissing: true);
            Assert.True(made.HasPrivateKey);
            using var reopened = KeyRingCertificate.Open(file, createIfMissing: false);
            Assert.Equal(made.Thumbprint, reopened.Thumbprint);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_pages_have_no_inline_style_or_script()
    {
        var html = await (await api.Anonymous().GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/css/site.css", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/css/site.css")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_a_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        var (_, email, _) = await api.NewApplicant();
        async Task<string> Attempt(string who, string password)
        {
            var response = await api.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = who, password });
            var problem = await Api.Problem(response, HttpStatusCode.Unauthorized);
            return problem.GetProperty("title").GetString()!;
        }

        var unknown = await Attempt("nobody-" + Guid.NewGuid().ToString("N") + "@test.koshi.kz", "Whatever-2026");
        var wrong = await Attempt(email, "Wrong-password-1");
        for (var i = 0; i < 12; i++)
        {
            await Attempt(email, "Wrong-password-1");
        }

        var locked = await Attempt(email, "Applicant-2026");
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task A_token_dies_on_lockout_password_change_and_role_change()
    {
        foreach (var change in new Func<UserManager<KoshiUser>, KoshiUser, Task>[]
        {
            async (users, user) => await users.ChangePasswordAsync(user, "Applicant-2026", "Applicant-2027"),
            async (users, user) => await users.AddToRoleAsync(user, Roles.Analyst),
            async (users, user) => { await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)); },
        })
        {
            var (client, email, _) = await api.NewApplicant();
            await Api.Ok(await client.GetAsync("/api/v1/me"));
            using (var scope = factory.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<KoshiUser>>();
                await change(users, (await users.FindByEmailAsync(email))!);
            }

            var after = await client.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
    }

    [Fact]
    public async Task One_source_cannot_lock_an_account_it_does_not_own()
    {
        var (client, email, _) = await api.NewApplicant();
        for (var i = 0; i < 30; i++)
        {
            await api.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-password-1" });
        }

        // The guessing source is refused for this account, but the account is not locked and its tokens live on.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Applicant-2026" })).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KoshiUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
        await Api.Ok(await client.GetAsync("/api/v1/me"));
    }
}

/// <summary>When the account-wide lockout starts (guessing from many sources), the account's tokens die with it.</summary>
public sealed class LockoutTests : IClassFixture<LockoutTests.LockoutFactory>
{
    private readonly LockoutFactory factory;

    public LockoutTests(LockoutFactory factory) => this.factory = factory;

    public sealed class LockoutFactory : KoshiFactory
    {
        private readonly string file = Path.Combine(Path.GetTempPath(), $"koshi-lockout-{Guid.NewGuid():N}.db");

        public override string Provider => "sqlite";

        protected override string ConnectionString => $"Data Source={file}";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Koshi:SignIn:AccountLockoutFailures", "3");
            builder.UseSetting("Koshi:SignIn:FailuresPerSource", "100");
        }
    }

    [Fact]
    public async Task Lockout_through_failed_passwords_revokes_the_tokens_already_issued()
    {
        var api = new Api(factory);
        var (client, email, _) = await api.NewApplicant();
        await Api.Ok(await client.GetAsync("/api/v1/me"));
        for (var i = 0; i < 3; i++)
        {
            await api.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-password-1" });
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

/// <summary>A host on its own SQLite database whose sign-in limit is <paramref name="attempts"/> in <paramref name="windowSeconds"/>.</summary>
public abstract class RateLimitedFactory(int attempts, int windowSeconds) : SqliteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Koshi:RateLimit:SignInPerMinute", attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Koshi:RateLimit:WindowSeconds", windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A source that sends too many sign-in attempts is slowed down before any account is locked.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedFactory>
{
    private readonly LimitedFactory factory;

    public RateLimitTests(LimitedFactory factory) => this.factory = factory;

    public sealed class LimitedFactory() : RateLimitedFactory(attempts: 5, windowSeconds: 3600);

    [Fact]
    public async Task Sign_in_token_and_registration_are_limited_per_source()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "analyst@demo.koshi.kz", password = "Wrong-password-1" })).StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "x@test.koshi.kz", password = "Applicant-2026", fullName = "X", iin = "900101300018" });
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);

        // The account itself was not locked by this source's attempts.
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KoshiUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync("analyst@demo.koshi.kz"))!));
    }
}

/// <summary>The 429 says the window the limit is configured with (not always "a minute"), in the language asked for.</summary>
public sealed class RateLimitWindowTests : IClassFixture<RateLimitWindowTests.TwoHourFactory>
{
    private readonly TwoHourFactory factory;

    public RateLimitWindowTests(TwoHourFactory factory) => this.factory = factory;

    public sealed class TwoHourFactory() : RateLimitedFactory(attempts: 1, windowSeconds: 7200);

    [Fact]
    public async Task The_refusal_names_the_configured_window_in_kazakh_russian_and_english()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var expected = new Dictionary<string, (string Title, string Detail)>
        {
            ["kk"] = ("Бұл мекенжайдан әрекеттер тым көп.", "7200 секунд ішінде ең көбі 1 кіру, токен немесе тіркелу сұрауы; {0} секундтан кейін қайталаңыз."),
            ["ru"] = ("Слишком много попыток с этого адреса.", "Не более 1 запросов на вход, токен или регистрацию за 7200 с; повторите через {0} с."),
            ["en"] = ("Too many attempts from this address.", "At most 1 sign-in, token or registration requests in 7200 seconds; try again in {0} seconds."),
        };
        var statuses = new List<HttpStatusCode>();
        foreach (var language in new[] { "en", "kk", "ru", "en" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new { email = "nobody@test.koshi.kz", password = "Wrong-password-1" }),
            };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                continue;
            }

            var problem = await Api.Problem(response, HttpStatusCode.TooManyRequests);
            var retryAfter = response.Headers.GetValues("Retry-After").Single();
            Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 7200);
            Assert.Equal(expected[language].Title, problem.GetProperty("title").GetString());
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected[language].Detail, retryAfter), problem.GetProperty("detail").GetString());
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}

/// <summary>A production start: no demo users, a one-time administrator, operations endpoints not anonymous.</summary>
public sealed class ProductionDefaultsTests : IClassFixture<ProductionDefaultsTests.ProductionFactory>
{
    private readonly ProductionFactory factory;

    public ProductionDefaultsTests(ProductionFactory factory) => this.factory = factory;

    public sealed class ProductionFactory : KoshiFactory
    {
        private readonly string file = Path.Combine(Path.GetTempPath(), $"koshi-prod-{Guid.NewGuid():N}.db");

        public override string Provider => "sqlite";

        protected override string ConnectionString => $"Data Source={file}";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Koshi:SeedDemoData", null);
            builder.UseSetting("Koshi:Demo:Enabled", null);
            // Stands in for the signing key an operator provisions for a production start.
            builder.UseSetting("Koshi:Audit:CreateSigningKeyIfMissing", "true");
            builder.UseSetting("Koshi:DataProtection:CreateCertificateIfMissing", "true");
        }
    }

    [Fact]
    public async Task No_account_with_the_published_password_and_one_administrator()
    {
        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.koshi.kz")));
            Assert.Equal(1, await db.Users.CountAsync());
        });
        var client = factory.CreateClient();
        var demo = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@demo.koshi.kz", password = DemoData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
    }

    [Fact]
    public async Task Metrics_and_health_details_are_not_anonymous()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var metrics = await client.GetAsync("/metrics");
        Assert.True(
            metrics.StatusCode == HttpStatusCode.Unauthorized || metrics.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true,
            $"/metrics answered {(int)metrics.StatusCode} to an anonymous caller");
        Assert.DoesNotContain("http_server_request_duration", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var health = await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync();
        Assert.Contains("status", health, StringComparison.Ordinal);
        Assert.DoesNotContain("checks", health, StringComparison.Ordinal);
        var response = await client.GetAsync("/");
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}

/// <summary>Wrong passwords for one account from one source all at once: the password is checked only as often as that
/// source may fail on the account (each attempt is counted before its password is checked).</summary>
public sealed class AccountFailureRaceTests(AccountFailureRaceTests.TwoFailuresFactory factory) : IClassFixture<AccountFailureRaceTests.TwoFailuresFactory>
{
    private const string Email = "analyst@demo.koshi.kz";

    public sealed class TwoFailuresFactory() : RateLimitedFactory(attempts: 1000, windowSeconds: 3600)
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Koshi:SignIn:FailuresPerSource", "2");
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<KoshiUser>>(Hasher));
        }
    }

    /// <summary>Counts the password checks made against the account's own hash.</summary>
    public sealed class CountingHasher : PasswordHasher<KoshiUser>
    {
        private int checks;

        public int Checks => Volatile.Read(ref checks);

        public override PasswordVerificationResult VerifyHashedPassword(KoshiUser user, string hashedPassword, string providedPassword)
        {
            if (user.Email == Email)
            {
                Interlocked.Increment(ref checks);
            }

            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Raced_wrong_passwords_check_the_account_only_as_often_as_the_source_may_fail()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var before = factory.Hasher.Checks;

        using var go = new ManualResetEventSlim();
        var raced = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            return (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = Email, password = "Wrong-password-1" })).StatusCode;
        })).ToList();
        go.Set();
        var statuses = await Task.WhenAll(raced);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(before + 2, factory.Hasher.Checks);
    }
}
