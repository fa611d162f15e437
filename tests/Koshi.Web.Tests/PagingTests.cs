using System.Net;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>Lists are paged: a bounded page size, the total, and a link to the next page instead of a silent cut.</summary>
public sealed class PagingTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    /// <summary>
    /// A vacancy with room for the permits a test applies for, public for the 15 days the law asks before an application
    /// (the clock is moved on, so the staff declaration made before it is in force too), and a start date after that.
    /// </summary>
    internal static async Task<(string Reference, string StartOn)> AgedVacancy(KoshiFactory factory, HttpClient employer, int positions)
    {
        var vacancy = await Api.Ok(await employer.PostAsync("/api/v1/labour/vacancies", Api.Body(new
        {
            title = "Civil engineer", isco = "2142", category = "cat3", region = "KZ-71", positions,
        })), HttpStatusCode.Created);
        factory.Time.Advance(TimeSpan.FromDays(16));
        var startOn = Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow()).AddDays(7);
        return (vacancy.GetProperty("reference").GetString()!, startOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Permits_are_listed_page_by_page_with_the_total_and_a_next_link()
    {
        var employer = await api.As("employer@demo.koshi.kz");
        var (vacancy, startOn) = await AgedVacancy(factory, employer, positions: 5);
        employer = await api.As("employer@demo.koshi.kz");
        for (var i = 0; i < 5; i++)
        {
            await Api.Ok(await employer.PostAsync("/api/v1/labour/permits", Api.Body(new Dictionary<string, object>
            {
                ["type"] = "employer", ["category"] = "cat3", ["vacancyReference"] = vacancy, ["workerName"] = $"Worker {i}",
                ["workerPassport"] = $"P{i}{Guid.NewGuid().ToString("N")[..7].ToUpperInvariant()}1", ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1985-06-01",
                ["isco"] = "2142", ["qualification"] = "higher", ["experienceYears"] = 8, ["region"] = "KZ-71", ["startOn"] = startOn, ["durationDays"] = 365,
            })), HttpStatusCode.Created);
        }

        var seen = new HashSet<string>();
        var url = "/api/v1/labour/permits?pageSize=2";
        var total = -1;
        for (var pages = 0; url is not null && pages < 100; pages++)
        {
            var response = await employer.GetAsync(url);
            var body = await Api.Ok(response);
            Assert.True(body.GetArrayLength() <= 2);
            total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var permit in body.EnumerateArray())
            {
                Assert.True(seen.Add(permit.GetProperty("id").GetString()!), "A permit appeared on two pages.");
            }

            url = response.Headers.TryGetValues("Link", out var links)
                ? System.Text.RegularExpressions.Regex.Match(links.Single(), "<([^>]+)>; rel=\"next\"").Groups[1].Value
                : null;
        }

        Assert.True(total >= 5);
        Assert.Equal(total, seen.Count);
        await Api.BadField(await employer.GetAsync("/api/v1/labour/permits?pageSize=501"), "pageSize");
        await Api.BadField(await employer.GetAsync("/api/v1/labour/permits?page=0"), "page");
        await Api.BadField(await employer.GetAsync("/api/v1/labour/permits?region=KZ-00"), "region");
        var inPavlodar = await Api.Ok(await employer.GetAsync("/api/v1/labour/permits?region=KZ-55"));
        Assert.Equal(0, inPavlodar.GetArrayLength());
    }
}

/// <summary>The regional officer's permit list is paged too: fifty rows a page, every permit on exactly one page.</summary>
public abstract class OfficerPagingTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private readonly TFactory factory;

    protected OfficerPagingTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        this.factory = factory;
        api = new Api(factory);
    }

    private static readonly int[] KazakhStaff = [12, 40, 100000, 900];
    private static readonly int[] ForeignStaff = [0, 0, 5, 10];

    private readonly Api api;

    [Fact]
    public async Task The_officer_page_shows_fifty_permits_a_page_and_links_the_next()
    {
        var employer = await api.As("employer@demo.koshi.kz");

        // Enough Kazakh staff that fifty-odd more foreign workers keep the local-content share.
        await Api.Ok(await employer.PutAsync("/api/v1/labour/employer", Api.Body(new
        {
            name = "Steppe Build LLP", okedSection = "F", region = "KZ-71", kazakhStaff = KazakhStaff, foreignStaff = ForeignStaff,
        })));
        var (vacancy, startOn) = await PagingTests.AgedVacancy(factory, employer, positions: 53);
        employer = await api.As("employer@demo.koshi.kz");
        for (var i = 0; i < 53; i++)
        {
            await Api.Ok(await employer.PostAsync("/api/v1/labour/permits", Api.Body(new Dictionary<string, object>
            {
                ["type"] = "employer", ["category"] = "cat3", ["vacancyReference"] = vacancy, ["workerName"] = $"Worker {i}",
                ["workerPassport"] = $"Q{i:D2}{Guid.NewGuid().ToString("N")[..7].ToUpperInvariant()}1", ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1985-06-01",
                ["isco"] = "2142", ["qualification"] = "higher", ["experienceYears"] = 8, ["region"] = "KZ-71", ["startOn"] = startOn, ["durationDays"] = 365,
            })), HttpStatusCode.Created);
        }

        var officer = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var login = await officer.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "officer.astana@demo.koshi.kz", ["password"] = Koshi.Web.Identity.DemoData.Password, ["__RequestVerificationToken"] = token,
        }))).StatusCode);

        static List<string> Rows(string html) =>
            System.Text.RegularExpressions.Regex.Matches(html, "data-permit=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        var first = await officer.GetStringAsync("/labour/officer");
        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("id=\"page-next\"", first, StringComparison.Ordinal);
        var second = await officer.GetStringAsync("/labour/officer?page=2");
        Assert.True(Rows(second).Count >= 3);
        Assert.Empty(Rows(first).Intersect(Rows(second)));
        var issued = await officer.GetStringAsync("/labour/officer?status=Issued");
        Assert.DoesNotContain("data-status=\"submitted\"", issued, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/labour/officer?page=-5&status=%3Cx%3E")).StatusCode);
    }
}

public sealed class OfficerPagingSqliteTests(SqliteFactory factory) : OfficerPagingTests<SqliteFactory>(factory);

public sealed class OfficerPagingPostgresTests(PostgresFactory factory) : OfficerPagingTests<PostgresFactory>(factory);
