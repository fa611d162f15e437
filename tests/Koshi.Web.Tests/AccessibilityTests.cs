using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>
/// Every page of every role, in Kazakh, Russian and English, on a 360 px wide phone screen: axe-core finds no serious or
/// critical violation, nothing scrolls sideways, and the role's main pages are kept as screenshots. Pages are found by
/// following the links each role sees, so a new page is walked without this test knowing of it.
/// </summary>
public sealed partial class AccessibilityTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private const int PhoneWidth = 360;

    /// <summary>How many pages per role are photographed in each language: its landing page and the next ones found.</summary>
    private const int MainPages = 3;

    /// <summary>A bound on the walk, so a page that links to endless variants of itself cannot make the test run forever.</summary>
    private const int MaxPagesPerRole = 40;

    private static readonly string[] Languages = ["kk", "ru", "en"];

    private static readonly string Artefacts = ArtefactFolder();

    /// <summary>Links that are not pages of the portal: language switch, downloads, the API, machine endpoints.</summary>
    private static readonly string[] NotPages = ["/language/", "/account/logout", "/scalar", "/api/", "/openapi", "/healthz", "/metrics"];

    public static TheoryData<string> Roles => ["anonymous", "applicant", "employer", "officer", "analyst", "admin", "agency"];

    private static string? Account(string role) => role switch
    {
        "anonymous" => null,
        // Bolat has the demo case, so the applicant's case pages are walked too.
        "applicant" => "bolat@demo.koshi.kz",
        "employer" => "employer@demo.koshi.kz",
        "officer" => "officer.astana@demo.koshi.kz",
        "analyst" => "analyst@demo.koshi.kz",
        "admin" => "admin@demo.koshi.kz",
        "agency" => "agency@demo.koshi.kz",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    private static string ArtefactFolder()
    {
        var folder = Path.Combine(Repository.Root, "artifacts", "accessibility");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private async Task<(IBrowserContext Context, IPage Page)> Phone(bool javaScript = true)
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");
        var context = await browser.Browser!.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new() { Width = PhoneWidth, Height = 800 },
            // axe-core is injected as a script; the pages' policy allows only their own files.
            BypassCSP = true,
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        // Generous: the whole suite runs in parallel, and a loaded machine is slow, not broken.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return (context, page);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_of_a_role_is_accessible_and_fits_a_phone_in_every_language(string role)
    {
        var clock = Stopwatch.StartNew();
        var first = new Visits(role, Languages[0]);
        List<string> pages;
        var (context, page) = await Phone();
        try
        {
            var landing = await Start(page, role, Languages[0]);
            // The walk finds the pages in the first language and checks them as it goes.
            pages = await Walk(page, role, landing, (url, index) => Check(page, first, url, screenshot: index < MainPages));
            Assert.True(pages.Count >= 2, $"{role}: only {pages.Count} page(s) found from {landing}");
        }
        finally
        {
            await context.CloseAsync();
        }

        // The other languages revisit the same pages side by side, each in a context of its own (the language is a cookie).
        var others = await Task.WhenAll(Languages.Skip(1).Select(async language =>
        {
            var visits = new Visits(role, language);
            var (other, otherPage) = await Phone();
            try
            {
                await Start(otherPage, role, language);
                for (var i = 0; i < pages.Count; i++)
                {
                    await Check(otherPage, visits, pages[i], screenshot: i < MainPages);
                }
            }
            finally
            {
                await other.CloseAsync();
            }

            return visits;
        }));

        var all = others.Prepend(first).ToList();
        foreach (var (name, path) in all.SelectMany(v => v.Shots))
        {
            TestContext.Current.AddAttachment(name, await File.ReadAllBytesAsync(path), "image/png");
        }

        var problems = all.SelectMany(v => v.Problems).ToList();
        Report(role, pages, all, clock.Elapsed, problems);
        Assert.True(problems.Count == 0, $"{role}: {problems.Count} problem(s):\n" + string.Join('\n', problems));
    }

    /// <summary>Signs the role in (if it has an account) and chooses the language; returns where sign-in landed.</summary>
    private static async Task<string> Start(IPage page, string role, string language)
    {
        var landing = Account(role) is { } email ? await SignIn(page, email) : "/";
        await page.GotoAsync($"/language/{language}?returnUrl=/");
        return landing;
    }

    /// <summary>One language's visits of a role: what was found, the screenshots taken, and where the time went.</summary>
    private sealed class Visits(string role, string language)
    {
        public string Role { get; } = role;

        public string Language { get; } = language;

        public List<string> Problems { get; } = [];

        public List<(string Name, string Path)> Shots { get; } = [];

        public int Count { get; set; }

        public TimeSpan Loading { get; set; }

        public TimeSpan Axe { get; set; }

        public TimeSpan Screenshots { get; set; }
    }

    [Fact]
    public async Task The_header_fits_a_phone_without_javascript_and_every_link_in_it_can_be_reached()
    {
        var (context, page) = await Phone(javaScript: false);
        try
        {
            await page.GotoAsync("/language/kk?returnUrl=/");
            // The administrator sees the most links in the header.
            await SignIn(page, "admin@demo.koshi.kz");
            await page.GotoAsync("/agencies");
            Assert.True(await ScrollWidth(page) <= PhoneWidth, $"the page is {await ScrollWidth(page)} px wide");
            var links = page.Locator("header a, header button");
            var count = await links.CountAsync();
            Assert.True(count >= 8, $"only {count} links in the header");
            for (var i = 0; i < count; i++)
            {
                var box = await links.Nth(i).BoundingBoxAsync();
                Assert.True(box is { Width: > 0, Height: > 0 } && box.X >= 0 && box.X + box.Width <= PhoneWidth + 0.5,
                    $"header link {i} ({await links.Nth(i).InnerTextAsync()}) is outside the screen: {box?.X}+{box?.Width}");
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_first_tab_reaches_a_visible_skip_link_that_leads_to_the_main_content()
    {
        var (context, page) = await Phone();
        try
        {
            await page.GotoAsync("/language/ru?returnUrl=/agencies");
            await page.Keyboard.PressAsync("Tab");
            var skip = page.Locator("a.skip-link");
            Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"), "the first Tab does not reach the skip link");
            Assert.Equal("Перейти к основному содержанию", (await skip.InnerTextAsync()).Trim());
            var box = await skip.BoundingBoxAsync();
            Assert.True(box is { Y: >= 0, Height: > 0 }, $"the focused skip link is not on screen: {box?.Y}");
            var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
            Assert.NotEqual("none", outline);

            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'main'");

            // The language links say which language they lead to, and the current one says it is current.
            Assert.Equal("kk", await page.GetAttributeAsync("#lang-kk", "hreflang"));
            Assert.Equal("kk", await page.GetAttributeAsync("#lang-kk", "lang"));
            Assert.Equal("true", await page.GetAttributeAsync("#lang-ru", "aria-current"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task<string> SignIn(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoData.Password);
        await page.ClickAsync("#login-submit");
        await page.SignedInAsync();
        return new Uri(page.Url).PathAndQuery;
    }

    /// <summary>The role's pages: its landing page, the home page, and every page reachable by links, one of each kind.</summary>
    private static async Task<List<string>> Walk(IPage page, string role, string landing, Func<string, int, Task<bool>> visit)
    {
        var seeds = new List<string> { landing, "/" };
        if (role == "anonymous")
        {
            // The error page a mistyped address leads to.
            seeds.Add("/no-such-page");
        }

        var found = new List<string>();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(seeds);
        while (queue.Count > 0 && found.Count < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            if (!kinds.Add(Kind(url)))
            {
                continue;
            }

            found.Add(url);
            if (!await visit(url, found.Count - 1))
            {
                continue;
            }

            var hrefs = await page.EvalOnSelectorAllAsync<string[]>(
                "a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs)
            {
                if (Page(href) is { } next && !kinds.Contains(Kind(next)))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return found;
    }

    /// <summary>A link's page on this portal, or null for anything else (other sites, downloads, the API, anchors).</summary>
    private static string? Page(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)
            || NotPages.Any(p => href.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || FileLink().IsMatch(href) || href.Contains("format=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var hash = href.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? href[..hash] : href;
    }

    /// <summary>One visit per kind of page: the same path with other ids or other query values is the same page.</summary>
    private static string Kind(string url) => Ids().Replace(url.Split('?')[0], "{id}");

    /// <summary>Opens the page and checks it; true when it answered as a page whose links can be followed.</summary>
    private static async Task<bool> Check(IPage page, Visits visits, string url, bool screenshot)
    {
        var where = $"{visits.Role} {visits.Language} {url}";
        var problems = visits.Problems;
        visits.Count++;
        var step = Stopwatch.StartNew();
        var response = await page.GotoAsync(url);
        visits.Loading += step.Elapsed;
        var expected = url == "/no-such-page" ? 404 : 200;
        if (response?.Status != expected)
        {
            problems.Add($"{where}: answered {response?.Status}, expected {expected}");
            return false;
        }

        var lang = await page.GetAttributeAsync("html", "lang");
        if (lang != visits.Language)
        {
            problems.Add($"{where}: html lang is {lang}");
        }

        var width = await ScrollWidth(page);
        if (width > PhoneWidth)
        {
            var widest = await page.EvaluateAsync<string>(WidestElement, PhoneWidth);
            problems.Add($"{where}: {width} px wide on a {PhoneWidth} px screen; too wide: {widest}");
        }

        step.Restart();
        // Only the violations come back: the passes of every rule are most of axe's answer, and of its time.
        var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = new HashSet<ResultType> { ResultType.Violations } });
        visits.Axe += step.Elapsed;
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var nodes = string.Join("; ", violation.Nodes.Take(3).Select(n => n.Target?.ToString() + " " + Shorten(n.Html)));
            problems.Add($"{where}: axe {violation.Id} ({violation.Impact}) {violation.Help} — {violation.Nodes.Length} node(s): {nodes}");
        }

        if (screenshot)
        {
            step.Restart();
            var name = $"{visits.Role}-{visits.Language}-{Slug(url)}";
            var path = Path.Combine(Artefacts, name + ".png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            visits.Shots.Add((name, path));
            visits.Screenshots += step.Elapsed;
        }

        return expected == 200;
    }

    /// <summary>What was walked, how long it took and where the time went, and what was found, kept next to the screenshots.</summary>
    private static void Report(string role, List<string> pages, List<Visits> all, TimeSpan took, List<string> problems)
    {
        var text = $"{role}: {pages.Count} pages, {all.Sum(v => v.Count)} visits in {took.TotalSeconds:0.0} s, {problems.Count} problem(s)\n"
            + string.Join('\n', all.Select(v =>
                $"  {v.Language}: loading {v.Loading.TotalSeconds:0.0} s, axe {v.Axe.TotalSeconds:0.0} s, screenshots {v.Screenshots.TotalSeconds:0.0} s"))
            + "\n" + string.Join('\n', pages.Select(p => "  " + p)) + "\n" + string.Join('\n', problems.Select(p => "! " + p)) + "\n";
        File.WriteAllText(Path.Combine(Artefacts, role + ".txt"), text);
        TestContext.Current.AddAttachment(role + "-report", text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
    }

    private static Task<int> ScrollWidth(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>Names the elements whose right edge passes the screen's, to say what makes a page too wide.</summary>
    private const string WidestElement = """
        width => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .slice(-3)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
            .join(', ')
        """;

    private static string Slug(string url)
    {
        var slug = Regex.Replace(Kind(url).Trim('/'), "[^a-zA-Z0-9]+", "-").Trim('-');
        return slug.Length == 0 ? "home" : slug;
    }

    private static string Shorten(string? html) => html is null ? string.Empty : html.Length <= 120 ? html : html[..120] + "…";

    [GeneratedRegex(@"\.(csv|pdf|json|parquet|png|svg|zip|xlsx)(\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex FileLink();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<=/)[0-9]+(?=/|$)")]
    private static partial Regex Ids();
}
