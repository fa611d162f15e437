using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Walks every page each role can reach, in Kazakh and in Russian: every GET page route of the application (from its
/// endpoint data source, route values filled from the demo data, so a page nobody links to is read too) and every page
/// linked from those, and fails on any text a person
/// reads that is English (outside a short list of acronyms, codes and proper names) or that shows the platform's
/// internals: raw ids with underscores, regular expressions, hashes, "(simulator)".
/// </summary>
public sealed partial class LanguageParityTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Aigerim = "aigerim@demo.koshi.kz";
    private const string WorkerName = "Aziz Karimov";

    /// <summary>Words that are the same in every language: brand, formats, and names people gave themselves.</summary>
    private static readonly HashSet<string> Allowed = new(
        new[] { "Koshi", "Parquet", "Lines", "zip", "enbek", "kz", "Aziz", "Karimov", "e-mail" }
            .Concat(DemoData.Users.SelectMany(u => u.FullName.Split(' '))),
        StringComparer.Ordinal);

    /// <summary>Where a crawl does not go: the API and its reference, downloads, the language switch, signing out.</summary>
    private static readonly string[] NotPages = ["/api/", "/openapi", "/scalar", "/language/", "/healthz", "/metrics", "/css/", "/account/logout"];

    private readonly Api api = new(factory);

    private HttpClient Browser() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public static TheoryData<string, string> RolesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "kk", "ru" })
        {
            foreach (var role in new[] { "anonymous", Aigerim, "bolat@demo.koshi.kz", "employer@demo.koshi.kz", "officer.astana@demo.koshi.kz", "analyst@demo.koshi.kz", "admin@demo.koshi.kz", "agency@demo.koshi.kz" })
            {
                data.Add(role, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_page_a_role_reaches_speaks_its_language_only(string who, string language)
    {
        await Seed();
        var client = who == "anonymous" ? Browser() : await SignedIn(who);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/language/{language}?returnUrl=/")).StatusCode);

        var findings = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var perTemplate = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", .. await RoutedPages()]);
        var parser = new HtmlParser();
        var pages = 0;
        while (queue.Count > 0 && pages < 200)
        {
            var path = queue.Dequeue();
            if (!visited.Add(path))
            {
                continue;
            }

            var response = await client.GetAsync(path);
            for (var hops = 0; response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && hops < 3; hops++)
            {
                var target = response.Headers.Location!.ToString();
                if (!target.StartsWith('/'))
                {
                    break;
                }

                response = await client.GetAsync(target);
            }

            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            pages++;
            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
            if (document.QuerySelector(".error-summary") is not null && document.QuerySelector(".errors") is not null)
            {
                findings.TryAdd("an error summary and an error banner on one page", new SortedSet<string>(StringComparer.Ordinal));
                findings["an error summary and an error banner on one page"].Add(path);
            }

            foreach (var problem in Untranslated(document, language))
            {
                if (!findings.TryGetValue(problem, out var where))
                {
                    findings[problem] = where = new SortedSet<string>(StringComparer.Ordinal);
                }

                where.Add(path);
            }

            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) || NotPages.Any(p => link.StartsWith(p, StringComparison.Ordinal))
                    || link.Contains("format=", StringComparison.Ordinal) || Regex.IsMatch(link, @"\.(csv|parquet|pdf|json)(\?|$)"))
                {
                    continue;
                }

                var target = WebUtility.HtmlDecode(link.Split('#')[0]);
                var template = Template(target);
                perTemplate[template] = perTemplate.GetValueOrDefault(template) + 1;
                if (perTemplate[template] <= 2 && !visited.Contains(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        Assert.True(pages >= (who == "anonymous" ? 3 : 3), $"the crawl as {who} reached only {pages} pages");
        var report = new StringBuilder();
        foreach (var (text, where) in findings)
        {
            report.Append(CultureInfo.InvariantCulture, $"\n  \"{text}\" on {string.Join(", ", where.Take(3))}");
        }

        Assert.True(findings.Count == 0, $"{findings.Count} untranslated or internal texts as {who} in {language} ({pages} pages):{report}");
    }

    /// <summary>Where a page route leads: API, reference, files, the language switch and signing out are not pages.</summary>
    private static bool IsPageRoute(RouteEndpoint endpoint, string path) =>
        !NotPages.Any(p => path.StartsWith(p, StringComparison.Ordinal) || path + "/" == p)
        && (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
        && !Regex.IsMatch(path, @"\.(csv|parquet|pdf|json)$");

    /// <summary>
    /// Every GET page route of the application, its route values filled from the database: a route value the crawl
    /// cannot fill fails the test, so a new page is read as soon as it exists.
    /// </summary>
    private async Task<List<string>> RoutedPages()
    {
        var ids = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            ids["residence"] = (await db.ResidenceApplications.Select(a => a.Id).ToListAsync()).Select(g => g.ToString()).ToList();
            ids["permits"] = (await db.WorkPermits.Select(a => a.Id).ToListAsync()).Select(g => g.ToString()).ToList();
            ids["resettlement"] = (await db.ResettlementCases.Select(a => a.Id).ToListAsync()).Select(g => g.ToString()).ToList();
            ids["inspections"] = (await db.Inspections.Select(a => a.Id).ToListAsync()).Select(g => g.ToString()).ToList();
        });

        // Which demo records fill an {id} of a route, by the route's start.
        var sources = new (string Prefix, string Ids)[]
        {
            ("/residence/", "residence"), ("/officer/cases/", "residence"), ("/admin/cases/", "residence"),
            ("/labour/permits/", "permits"), ("/resettlement/cases/", "resettlement"), ("/agencies/inspections/", "inspections"),
        };
        var pages = new List<string>();
        var unfilled = new List<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (!IsPageRoute(endpoint, raw))
            {
                continue;
            }

            if (endpoint.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            {
                continue; // a fallback, not a page of its own
            }

            var required = endpoint.RoutePattern.Parameters.Where(p => !p.IsOptional).ToList();
            if (required.Count == 0)
            {
                pages.Add(OptionalParameter().Replace(raw, string.Empty).TrimEnd('/') is { Length: > 0 } bare ? bare : "/");
                continue;
            }

            if (required.Count == 1 && required[0].Name == "code")
            {
                pages.Add(raw.Replace("{code:int}", "404", StringComparison.Ordinal));
                continue;
            }

            var source = sources.FirstOrDefault(s => raw.StartsWith(s.Prefix, StringComparison.Ordinal));
            if (required.Count != 1 || required[0].Name != "id" || source.Ids is null)
            {
                unfilled.Add(raw);
                continue;
            }

            pages.AddRange(ids[source.Ids].Take(8).Select(id => RouteParameter().Replace(raw, id)));
        }

        Assert.True(unfilled.Count == 0, "The crawl cannot fill the route values of " + string.Join(", ", unfilled) + ": say where their values come from.");
        Assert.True(pages.Count >= 25, $"only {pages.Count} page routes were found");
        return pages.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\{\w+\?\}")]
    private static partial Regex OptionalParameter();

    [GeneratedRegex(@"\{id(:[^}]+)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>The texts of a page that are English words or internals, each as found.</summary>
    private static IEnumerable<string> Untranslated(IDocument document, string language)
    {
        var body = document.Body!;
        var texts = new List<string>();
        foreach (var node in body.Descendants<IText>())
        {
            if (node.ParentElement is { } parent && !Skipped(parent, language))
            {
                texts.Add(node.Data);
            }
        }

        foreach (var element in body.QuerySelectorAll("[placeholder],[title],[aria-label],[alt],input[type=submit][value],input[type=button][value]"))
        {
            if (Skipped(element, language))
            {
                continue;
            }

            foreach (var name in new[] { "placeholder", "title", "aria-label", "alt" })
            {
                if (element.GetAttribute(name) is { Length: > 0 } value)
                {
                    texts.Add(value);
                }
            }

            if (element.LocalName == "input" && element.GetAttribute("value") is { Length: > 0 } label)
            {
                texts.Add(label);
            }
        }

        foreach (var raw in texts)
        {
            var text = Regex.Replace(raw, @"\s+", " ").Trim();
            if (text.Length > 0 && Problem(text))
            {
                yield return text.Length > 400 ? text[..400] + "…" : text;
            }
        }
    }

    /// <summary>
    /// Scripts, styles, the language links (each in its own language), text marked as another language, and codes a
    /// page marks as not to be translated (translate="no": a column name of a CSV file).
    /// </summary>
    private static bool Skipped(IElement element, string language)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "script" or "style" or "template" || e.GetAttribute("translate") == "no"
                || (e.LocalName == "a" && e.GetAttribute("href")?.StartsWith("/language/", StringComparison.Ordinal) == true)
                || (e.GetAttribute("lang") is { Length: > 0 } lang && e.LocalName != "html" && !lang.StartsWith(language, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a text shows an English word a person reads, or an internal of the platform.</summary>
    public static bool Problem(string text)
    {
        if (InternalPattern().IsMatch(text))
        {
            return true;
        }

        var cleaned = OrganisationPattern().Replace(AddressPattern().Replace(text, " "), " ");
        foreach (Match chunk in ChunkPattern().Matches(cleaned))
        {
            var word = chunk.Value.Trim('-', '.', '\'', '’');
            if (word.Any(char.IsDigit))
            {
                continue; // a code: KZ-71, ISCO-08, A1, a case number
            }

            if (Allowed.Contains(word))
            {
                continue;
            }

            foreach (var part in word.Split('-', '.', '\'', '’'))
            {
                if (part.Length >= 2 && part.Any(char.IsLower) && !Allowed.Contains(part))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Ids with underscores, regular expressions, hashes and simulator labels.</summary>
    [GeneratedRegex(@"[a-z]_[a-z0-9]|\^\[|\]\{\d|\(simulator\)|симулятор|sha-?256|\b[0-9a-f]{32,}\b|\[R\d+\]", RegexOptions.IgnoreCase)]
    private static partial Regex InternalPattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+")]
    private static partial Regex AddressPattern();

    /// <summary>An organisation's registered name ends with its legal form: a name, whatever language it is in.</summary>
    [GeneratedRegex(@"(\b[A-Z][\w’'-]*\s+)+LLP\b")]
    private static partial Regex OrganisationPattern();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9'’.\-]*")]
    private static partial Regex ChunkPattern();

    private static string Template(string link)
    {
        var path = GuidPattern().Replace(link.Split('?')[0], "{id}");
        var query = link.Contains('?', StringComparison.Ordinal)
            ? string.Join('&', link.Split('?', 2)[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal))
            : string.Empty;
        return path + "?" + query;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [Theory]
    [InlineData("Қабылданды", false)]
    [InlineData("ИИН 900315401233, KZ-71, ISCO-08, KAZTEST A1, 1 625 MRP", false)]
    [InlineData("Aigerim Serikova · aigerim@demo.koshi.kz", false)]
    [InlineData("Passwords must have at least one uppercase ('A'-'Z').", true)]
    [InlineData("single, 35 to 44", true)]
    [InlineData("kazakh_level a1", true)]
    [InlineData("'China' does not match ^[A-Z]{2}$", true)]
    [InlineData("Негіздеме: [R7][R23]", true)]
    [InlineData("Тексеру (simulator)", true)]
    [InlineData("Оставьте телефон или e-mail; Tulpar Staffing LLP", false)]
    public void The_detector_tells_English_and_internals_from_allowed_text(string text, bool problem) =>
        Assert.Equal(problem, Problem(text));

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static readonly HashSet<KoshiFactory> Seeded = [];

    /// <summary>Gives the crawl something to read: a scored residence case, a resettlement case and a foreign worker's permit.</summary>
    private async Task Seed()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (!Seeded.Add(factory))
            {
                return;
            }

            var applicant = await api.As(Aigerim);
            var id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
                .GetProperty("id").GetString()!;
            await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 60, readingPercent = 60, takenOn = "2026-03-01", certificate = "KT-1" }));
            await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Weak().ToJsonString())));

            // A family's move to a labour-short region, with its eligibility checks.
            var family = await SignedIn(Aigerim);
            var token = Token(await family.GetStringAsync("/resettlement"));
            var moved = await family.PostAsync("/resettlement?handler=Apply", new FormUrlEncodedContent(
            [
                new("programme", "Resettler"), new("originRegion", "KZ-61"), new("destinationRegion", "KZ-55"), new("registeredJobSeeker", "true"),
                new("permanentRegistrationMonths", "24"), new("kandasCondition", "none"), new("housingCost", "5000000"), new("payoutAccount", "KZ000000000000001234"),
                new("memberName", string.Empty), new("memberIin", string.Empty), new("memberPassport", string.Empty), new("memberBirth", string.Empty), new("memberRelation", "child"),
                new("__RequestVerificationToken", token),
            ]));
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

            var employer = await SignedIn("employer@demo.koshi.kz");
            Assert.Equal(HttpStatusCode.Redirect, (await Post(employer, "/labour", "Employer", new Dictionary<string, string>
            {
                ["name"] = "Steppe Build LLP", ["okedSection"] = "F", ["region"] = "KZ-71",
                ["kazakh[0]"] = "5", ["kazakh[1]"] = "40", ["kazakh[2]"] = "60", ["kazakh[3]"] = "80",
                ["foreign[0]"] = "0", ["foreign[1]"] = "0", ["foreign[2]"] = "0", ["foreign[3]"] = "0",
            })).StatusCode);
            var start = Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow()).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(HttpStatusCode.Redirect, (await Post(employer, "/labour", "Apply", new Dictionary<string, string>
            {
                ["type"] = "BusinessImmigrant", ["category"] = "None", ["vacancyReference"] = string.Empty, ["workerName"] = WorkerName, ["workerPassport"] = "BI4821903",
                ["workerCitizenship"] = "UZ", ["workerBirthDate"] = "1990-05-01", ["isco"] = "2142", ["qualification"] = "Higher",
                ["experienceYears"] = "6", ["region"] = "KZ-71", ["startOn"] = start, ["durationDays"] = "365",
            })).StatusCode);
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private async Task<HttpClient> SignedIn(string email)
    {
        var client = Browser();
        var form = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = DemoData.Password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token(await client.GetStringAsync(page));
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static string Token(string html) =>
        TokenPattern().Match(html).Groups[1].Value is { Length: > 0 } token ? token : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
