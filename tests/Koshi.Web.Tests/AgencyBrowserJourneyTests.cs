using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>
/// In Chromium, in English: a worker checks an agency and complains about a fee; the officer sends the complaint to an
/// inspection and records the critical finding; the worker then sees the agency suspended in the public lookup.
/// </summary>
public sealed class AgencyBrowserJourneyTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private const string Bin = "180740004568";


    [Fact]
    public async Task A_worker_complaint_leads_to_an_inspection_and_a_suspension_seen_in_the_public_lookup()
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");
        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var p = await context.NewPageAsync();
        p.SetDefaultTimeout(60_000);
        p.SetDefaultNavigationTimeout(60_000);
        var text = $"Paid a fee of 250,000 tenge before the flight ({Guid.NewGuid().ToString("N")[..6]}).";

        // The worker checks the agency, then complains.
        await p.GotoAsync("/language/en?returnUrl=/agencies");
        await p.FillAsync("#q", Bin);
        await p.ClickAsync("#lookup");
        await p.WaitForSelectorAsync($"tr[data-bin='{Bin}']");
        Assert.Equal("active", await p.GetAttributeAsync($"tr[data-bin='{Bin}']", "data-status"));
        await p.FillAsync("#agencyBin", Bin);
        await p.SelectOptionAsync("#category", "fee-charged");
        await p.FillAsync("#text", text);
        await p.FillAsync("#contact", "+7 701 555 0199");
        await p.ClickAsync("#file-complaint");
        await p.WaitForSelectorAsync("#complaint-filed");

        // The officer sends it to an inspection and records the finding.
        await p.GotoAsync("/account/login");
        await p.FillAsync("#email", "officer.astana@demo.koshi.kz");
        await p.FillAsync("#password", DemoData.Password);
        await p.ClickAsync("#login-submit");
        await p.ArriveAsync(new Regex("/officer/queue$"));
        await p.GotoAsync("/agencies/officer");
        var row = p.Locator("#complaints tr", new() { HasText = text });
        await row.Locator("button.inspect").ClickAsync();
        await p.ArriveAsync(new Regex("/agencies/officer"));
        await row.Locator("a").ClickAsync();
        await p.WaitForSelectorAsync("#outcome-form");
        await p.CheckAsync("input[name='failed'][value='no_fee_to_workers']");
        await p.ClickAsync("#record-outcome");
        await p.WaitForSelectorAsync("#measure");
        Assert.Equal("suspension", await p.GetAttributeAsync("#measure", "data-measure"));
        Assert.Equal("Suspended", (await p.InnerTextAsync("#agency-status")).Trim());
        await p.ClickAsync("#logout");
        await p.WaitForSelectorAsync("#nav-login");

        // The worker sees the result.
        await p.GotoAsync($"/agencies?q={Bin}");
        await p.WaitForSelectorAsync($"tr[data-bin='{Bin}']");
        Assert.Equal("suspended", await p.GetAttributeAsync($"tr[data-bin='{Bin}']", "data-status"));
        Assert.Contains("Not allowed to place workers", await p.InnerTextAsync($"tr[data-bin='{Bin}']"), StringComparison.Ordinal);
        await context.CloseAsync();
    }
}
