using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>
/// In Chromium, in English: a citizen applies to move from Turkestan to Pavlodar; the Pavlodar officer reviews the case
/// and approves it, taking a seat of the regional quota; the participant confirms arrival and sees the support
/// scheduled; the officer pays what is due and the participant sees the payments made.
/// </summary>
public sealed class ResettlementBrowserJourneyTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private const string Account = "KZ000000000000007777";

    [Fact]
    public async Task A_family_applies_is_approved_into_the_quota_arrives_and_sees_its_support_paid()
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");
        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var p = await context.NewPageAsync();
        p.SetDefaultTimeout(60_000);
        p.SetDefaultNavigationTimeout(60_000);
        var email = $"resettler-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";
        var iin = Iins.Make(new DateOnly(1993, 7, 14), male: true, serial: 4121);

        // The citizen registers and applies.
        await p.GotoAsync("/language/en?returnUrl=/account/register");
        await p.FillAsync("#fullName", "Nurlan Journey");
        await p.FillAsync("#iin", iin);
        await p.FillAsync("#email", email);
        await p.FillAsync("#password", "Resettle-2026");
        await p.ClickAsync("#register-submit");
        await p.WaitForSelectorAsync("#logout");
        await p.GotoAsync("/resettlement");
        await p.SelectOptionAsync("#rs-apply select[name='programme']", "Resettler");
        await p.SelectOptionAsync("#rs-apply select[name='originRegion']", "KZ-61");
        await p.SelectOptionAsync("#rs-apply select[name='destinationRegion']", "KZ-55");
        await p.CheckAsync("#rs-apply input[name='registeredJobSeeker']");
        await p.FillAsync("#rs-apply input[name='permanentRegistrationMonths']", "36");
        await p.FillAsync("#rs-apply input[name='payoutAccount']", Account);
        await p.ClickAsync("#rs-submit");
        await p.WaitForSelectorAsync("#rs-case[data-status='Submitted']");
        var caseUrl = new Uri(p.Url).AbsolutePath;
        var reference = (await p.InnerTextAsync("h1 code")).Trim();
        Assert.True(await p.Locator("#rs-checks tr[data-rule]").CountAsync() >= 5);
        Assert.Equal(0, await p.Locator("#rs-checks td.bad").CountAsync());
        await SignOutAsync(p);

        // The Pavlodar officer finds it in the queue and approves it: a seat of the quota is taken.
        await SignInAsync(p, "officer.pavlodar@demo.koshi.kz", DemoData.Password);
        await p.GotoAsync("/resettlement/officer");
        var usedBefore = await UsedAsync(p);
        await p.ClickAsync($"#rs-queue a:text-is('{reference}')");
        await p.WaitForSelectorAsync("#rs-approve");
        await p.ClickAsync("#rs-approve");
        await p.WaitForSelectorAsync("#rs-case[data-status='Approved']");
        await p.GotoAsync("/resettlement/officer");
        Assert.Equal(usedBefore + 1, await UsedAsync(p));
        await SignOutAsync(p);

        // The participant confirms arrival (the simulated address register agrees): the support is scheduled.
        await SignInAsync(p, email, "Resettle-2026");
        await p.GotoAsync(caseUrl);
        await p.ClickAsync("#rs-arrive");
        await p.WaitForSelectorAsync("#rs-case[data-status='Arrived']");
        Assert.Equal(13, await p.Locator("#rs-payments tr[data-payment]").CountAsync());
        Assert.Equal(0, await p.Locator("#rs-payments tr[data-status='Paid']").CountAsync());
        await p.WaitForSelectorAsync("#rs-contract");
        await SignOutAsync(p);

        // The officer pays what is due today: the relocation subsidy and the first month's rent.
        await SignInAsync(p, "officer.pavlodar@demo.koshi.kz", DemoData.Password);
        await p.GotoAsync(caseUrl);
        await p.ClickAsync("#rs-pay");
        await p.WaitForSelectorAsync("#rs-payments tr[data-status='Paid']");
        await SignOutAsync(p);

        // The participant sees the payments made.
        await SignInAsync(p, email, "Resettle-2026");
        await p.GotoAsync(caseUrl);
        await p.WaitForSelectorAsync("#rs-payments");
        Assert.Equal(2, await p.Locator("#rs-payments tr[data-status='Paid']").CountAsync());
        Assert.Equal(11, await p.Locator("#rs-payments tr[data-status='Scheduled']").CountAsync());
        await context.CloseAsync();
    }

    private static async Task SignInAsync(IPage p, string email, string password)
    {
        await p.GotoAsync("/account/login");
        await p.FillAsync("#email", email);
        await p.FillAsync("#password", password);
        await p.ClickAsync("#login-submit");
        await p.WaitForSelectorAsync("#logout");
    }

    private static async Task SignOutAsync(IPage p)
    {
        await p.ClickAsync("#logout");
        await p.WaitForSelectorAsync("#nav-login");
    }

    /// <summary>Seats used of the resettler quota in the officer's region, as the officer's page shows them.</summary>
    private static async Task<int> UsedAsync(IPage p)
    {
        var cell = await p.InnerTextAsync("#rs-quota tr[data-programme='Resettler'] td:nth-child(3)");
        return int.Parse(new string([.. cell.Where(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }
}
