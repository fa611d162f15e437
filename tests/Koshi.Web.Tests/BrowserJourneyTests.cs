using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>A real application on a real port, driven by Chromium in Russian (and a look at Kazakh).</summary>
public sealed class BrowserFactory : IAsyncLifetime
{
    public SqliteFactory App { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public IPlaywright? Playwright { get; private set; }

    public IBrowser? Browser { get; private set; }

    public static string? Chromium => Environment.GetEnvironmentVariable("KOSHI_CHROMIUM");

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Chromium))
        {
            return;
        }

        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class BrowserJourneyTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private static readonly string Artefacts = ArtefactFolder();

    private static string ArtefactFolder()
    {
        var folder = Path.Combine(Repository.Root, "artifacts", "browser");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(Artefacts, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, await File.ReadAllBytesAsync(path), "image/png");
    }

    private IPage? page;

    private async Task<IPage> Open()
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");
        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl, AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        page = await context.NewPageAsync();
        // Generous: the whole suite runs in parallel, and a loaded machine is slow, not broken.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    private static async Task ExpectNoMissingTexts(IPage page)
    {
        var body = await page.InnerTextAsync("body");
        Assert.DoesNotMatch(@"\[[a-z]+\.[a-zA-Z.\-]+\]", body);
    }

    [Fact]
    public async Task An_applicant_reaches_a_passing_score_and_an_officer_approves_in_russian()
    {
        var p = await Open();
        try
        {
            await Journey(p);
        }
        catch (Exception) when (!p.IsClosed)
        {
            await Shot(p, "failed-at-" + new Uri(p.Url).AbsolutePath.Trim('/').Replace('/', '_'));
            throw;
        }
    }

    /// <summary>
    /// A page counts as arrived once its document is parsed: waiting for the full load event after a form's redirect
    /// timed out now and then although the page was there, and every later step waits for its own element anyway.
    /// </summary>

    private static async Task Journey(IPage p)
    {
        var iin = Iins.Make(new DateOnly(1991, 5, 20), male: false, serial: 3011);
        var email = $"journey-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";

        // Applicant: register in Russian.
        await p.GotoAsync("/language/ru?returnUrl=/account/register");
        Assert.Equal("ru", await p.GetAttributeAsync("html", "lang"));
        await p.FillAsync("#fullName", "Айгуль Журналова");
        await p.FillAsync("#iin", iin);
        await p.FillAsync("#email", email);
        await p.FillAsync("#password", "Journey-2026");
        await Shot(p, "01-register-ru");
        await p.ClickAsync("#register-submit");
        await p.ArriveAsync(new Regex("/residence\\?welcome=1"));
        Assert.Contains("Мои заявления", await p.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Contains("Регистрация завершена", await p.InnerTextAsync("#confirmation"), StringComparison.Ordinal);

        // Lodge an application for a permanent-residence permit in Astana.
        await p.SelectOptionAsync("#kind", "PermanentResidence");
        await p.SelectOptionAsync("#region", "KZ-71");
        await p.ClickAsync("#lodge");
        await p.ArriveAsync(new Regex("/residence/[^/?]+$"));
        var casePage = new Uri(p.Url).AbsolutePath;
        Assert.Equal("LanguageTest", await p.GetAttributeAsync("#case-stage", "data-stage"));
        Assert.Contains("осталось дней: 29", await p.InnerTextAsync("#case-clock"), StringComparison.Ordinal);
        await Shot(p, "02-application-lodged");

        // KAZTEST A1: one failed attempt, then a pass.
        await p.FillAsync("#listening", "25");
        await p.FillAsync("#reading", "60");
        await p.FillAsync("#certificate", "KT-2026-0001");
        await p.ClickAsync("#kaztest-submit");
        await p.WaitForSelectorAsync("#kaztest-attempts");
        Assert.Equal("LanguageTest", await p.GetAttributeAsync("#case-stage", "data-stage"));
        await p.FillAsync("#listening", "55");
        await p.FillAsync("#reading", "48");
        await p.FillAsync("#certificate", "KT-2026-0002");
        await p.ClickAsync("#kaztest-submit");
        await p.WaitForSelectorAsync("#open-questionnaire");
        Assert.Equal("Questionnaire", await p.GetAttributeAsync("#case-stage", "data-stage"));
        await Shot(p, "03-kaztest-passed");

        // Questionnaire rendered from the pack: a weak preview shows what would reach the pass mark.
        await p.ClickAsync("#open-questionnaire");
        await p.WaitForSelectorAsync("#questionnaire");
        await ExpectNoMissingTexts(p);
        await p.FillAsync("#q-citizenship", "UZ");
        await p.SelectOptionAsync("#q-education", "secondary");
        await p.SelectOptionAsync("#q-kazakh_level", "a1");
        await p.FillAsync("#q-work_experience_years", "1");
        await p.SelectOptionAsync("#q-health_certificate", "true");
        await p.FillAsync("#q-funds_kzt", "10000000");
        await p.SelectOptionAsync("#q-citizenship_consent", "true");
        await p.ClickAsync("#preview");
        await p.WaitForSelectorAsync("#preview-result");
        Assert.Equal("fail-score", await p.GetAttributeAsync("#score-decision", "data-decision"));
        Assert.Contains("До проходного балла не хватает", await p.InnerTextAsync("#score-shortfall"), StringComparison.Ordinal);
        Assert.True(await p.Locator("#score-paths li").CountAsync() > 0);
        await Shot(p, "04-preview-below-pass-mark");

        await p.SelectOptionAsync("#q-education", "master");
        await p.SelectOptionAsync("#q-kazakh_level", "b2");
        await p.SelectOptionAsync("#q-russian_level", "c1");
        await p.SelectOptionAsync("#q-english_level", "b2");
        await p.FillAsync("#q-work_experience_years", "8");
        await p.SelectOptionAsync("#q-qualification_level", "nqf_6_8");
        await p.SelectOptionAsync("#q-job_offer", "true");
        await p.SelectOptionAsync("#q-in_demand_occupation", "true");
        await p.ClickAsync("#preview");
        await p.WaitForSelectorAsync("#preview-result");
        Assert.Equal("pass", await p.GetAttributeAsync("#score-decision", "data-decision"));
        await Shot(p, "05-preview-passing");
        await p.ClickAsync("#submit-questionnaire");
        await p.WaitForSelectorAsync("#score-total");
        Assert.Equal("Checks", await p.GetAttributeAsync("#case-stage", "data-stage"));
        Assert.Contains("Проходной балл набран", await p.InnerTextAsync("#score-decision"), StringComparison.Ordinal);
        Assert.True(await p.Locator("#score-criteria tbody tr").CountAsync() > 3);
        await ExpectNoMissingTexts(p);
        await Shot(p, "06-score-explained");
        await p.ClickAsync("#logout");
        await p.WaitForSelectorAsync("#nav-login");

        // Officer of Astana: queue, checks, interview, approval.
        await p.GotoAsync("/account/login");
        await p.FillAsync("#email", "officer.astana@demo.koshi.kz");
        await p.FillAsync("#password", DemoData.Password);
        await p.ClickAsync("#login-submit");
        await p.ArriveAsync(new Regex("/officer/queue$"));
        Assert.Contains("Очередь заявлений", await p.InnerTextAsync("h1"), StringComparison.Ordinal);
        await Shot(p, "07-officer-queue");
        await p.ClickAsync("text=Айгуль Журналова");
        await p.WaitForSelectorAsync("#run-checks");
        await p.ClickAsync("#run-checks");
        await p.WaitForSelectorAsync("#schedule-interview");
        Assert.Equal(3, await p.Locator("[data-status=Clear]").CountAsync());
        await p.FillAsync("#interview-place", "Астана, ЦОН, каб. 12");
        await p.ClickAsync("#schedule-interview");
        await p.WaitForSelectorAsync("#record-interview");
        await p.SelectOptionAsync("#interview-passed", "true");
        await p.FillAsync("#interview-notes", "Уверенные ответы.");
        await p.ClickAsync("#record-interview");
        await p.WaitForSelectorAsync("#decide");
        await Shot(p, "08-officer-ready-to-decide");
        await p.SelectOptionAsync("#decision-outcome-select", "approve");
        await p.FillAsync("#decision-reasons", "Все этапы пройдены.");
        await p.ClickAsync("#decide");
        await p.WaitForSelectorAsync("#decision-outcome");
        Assert.Equal("Approved", await p.GetAttributeAsync("#case-stage", "data-stage"));
        Assert.Contains("Заявление одобрено", await p.InnerTextAsync("#decision-outcome"), StringComparison.Ordinal);
        await ExpectNoMissingTexts(p);
        await Shot(p, "09-approved");

        // The same page in Kazakh.
        await p.ClickAsync("#lang-kk");
        await p.WaitForSelectorAsync("#decision-outcome");
        Assert.Equal("kk", await p.GetAttributeAsync("html", "lang"));
        Assert.Contains("Өтініш мақұлданды", await p.InnerTextAsync("#decision-outcome"), StringComparison.Ordinal);
        await ExpectNoMissingTexts(p);
        await Shot(p, "10-approved-kk");

        // The applicant, back in Russian, downloads the decision letter from the decision page and reads it.
        await p.ClickAsync("#logout");
        await p.WaitForSelectorAsync("#nav-login");
        await p.GotoAsync("/language/ru?returnUrl=/account/login");
        await p.FillAsync("#email", email);
        await p.FillAsync("#password", "Journey-2026");
        await p.ClickAsync("#login-submit");
        await p.ArriveAsync(new Regex("/residence$"));
        await p.GotoAsync(casePage);
        await p.WaitForSelectorAsync("#decision-letter");
        var download = await p.RunAndWaitForDownloadAsync(() => p.ClickAsync("#decision-letter"));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        var saved = Path.Combine(Artefacts, "11-decision-letter-ru.pdf");
        await download.SaveAsAsync(saved);
        var (letter, _) = Letters.Read(await File.ReadAllBytesAsync(saved));
        Assert.True(Letters.Holds(letter, "Уведомление о решении по заявлению"), letter);
        Assert.True(Letters.Holds(letter, "Айгуль Журналова"), letter);
        Assert.True(Letters.Holds(letter, "оформит ваш вид на жительство"), letter);
        Assert.True(Letters.Holds(letter, "Все этапы пройдены."), letter);
        Assert.False(Letters.Holds(letter, "Notice of the decision"), letter);
        await Shot(p, "11-letter-downloaded");
    }

    [Fact]
    public async Task Pages_refuse_the_wrong_role_and_hide_other_peoples_cases()
    {
        var p = await Open();
        await p.GotoAsync("/language/en?returnUrl=/account/login");
        await p.FillAsync("#email", "aigerim@demo.koshi.kz");
        await p.FillAsync("#password", DemoData.Password);
        await p.ClickAsync("#login-submit");
        await p.ArriveAsync(new Regex("/residence$"));
        var queue = await p.GotoAsync("/officer/queue");
        Assert.Equal(403, queue!.Status);
        var other = await p.GotoAsync($"/residence/{Guid.NewGuid()}");
        Assert.Equal(404, other!.Status);
    }
}
