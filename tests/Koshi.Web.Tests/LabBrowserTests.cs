using Koshi.Web.Identity;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>An analyst runs a reform in the policy lab in a real browser and reads its result.</summary>
public sealed class LabBrowserTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private static readonly PageWaitForURLOptions Arrived = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    [Fact]
    public async Task An_analyst_lowers_the_pass_mark_and_reads_who_passes_now()
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");
        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var p = await context.NewPageAsync();
        p.SetDefaultTimeout(60_000);
        p.SetDefaultNavigationTimeout(60_000);

        await p.GotoAsync("/account/login");
        await p.FillAsync("#email", "analyst@demo.koshi.kz");
        await p.FillAsync("#password", DemoData.Password);
        await p.ClickAsync("#login-submit");
        await p.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await p.GotoAsync("/language/en?returnUrl=/analytics/lab?target=scheme:permanent-residence");

        var passMark = p.Locator("[id='param-residence.pass_mark']");
        var current = int.Parse(await passMark.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await passMark.FillAsync((current - 50).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await p.FillAsync("#lab-count", "3000");
        await p.FillAsync("#lab-seed", "8");
        await p.ClickAsync("#lab-run");
        await p.WaitForURLAsync("**/analytics/lab?run=*", Arrived);
        await p.WaitForSelectorAsync("#lab-result[data-status='done']");

        var toPass = long.Parse((await p.InnerTextAsync("#lab-to-pass")).Replace(",", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(toPass > 0, "a lower pass mark passes someone who failed on score");
        Assert.Equal("0", await p.InnerTextAsync("#lab-to-fail"));
        var passed = await p.Locator("#lab-passed td").AllInnerTextsAsync();
        Assert.Equal("+" + (await p.InnerTextAsync("#lab-to-pass")), passed[2]);
        Assert.Contains("Method:", await p.InnerTextAsync("#lab-fairness"), StringComparison.Ordinal);
        Assert.True(await p.Locator("#lab-fairness-citizenship tbody tr").CountAsync() > 3);
        Assert.NotNull(await p.GetAttributeAsync("#lab-csv", "href"));
    }
}
