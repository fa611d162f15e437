using Koshi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>
/// The guided questionnaire in Chromium: dependent questions show and hide as they are answered, a refused post lands
/// on the error summary with the focus on it, each entry moves to its field, and a preview lands on the result.
/// </summary>
public sealed class GuidedFormBrowserTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private async Task<IPage> Open()
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");
        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    /// <summary>A new applicant, registered and through KAZTEST in the browser, on the questionnaire of a new application.</summary>
    private async Task<(IPage Page, string Id)> AtQuestionnaire(string language)
    {
        var p = await Open();
        await p.GotoAsync($"/language/{language}?returnUrl=/account/register");
        await p.FillAsync("#fullName", "Form Journey");
        await p.FillAsync("#iin", Iins.Make(new DateOnly(1990, 3, 14), male: true, serial: Random.Shared.Next(1000, 9000)));
        await p.FillAsync("#email", $"form-journey-{Guid.NewGuid():N}@test.koshi.kz");
        await p.FillAsync("#password", "Journey-2026");
        await p.ClickAsync("#register-submit");
        await p.WaitForSelectorAsync("#confirmation");
        await p.SelectOptionAsync("#kind", "PermanentResidence");
        await p.SelectOptionAsync("#region", "KZ-71");
        await p.ClickAsync("#lodge");
        await p.WaitForSelectorAsync("#kaztest-submit");
        await p.FillAsync("#listening", "60");
        await p.FillAsync("#reading", "60");
        await p.FillAsync("#certificate", "KT-FORM-1");
        await p.ClickAsync("#kaztest-submit");
        await p.WaitForSelectorAsync("#open-questionnaire");
        var id = new Uri(p.Url).AbsolutePath.Split('/')[2];
        await p.ClickAsync("#open-questionnaire");
        await p.WaitForSelectorAsync("#questionnaire");
        return (p, id);
    }

    [Fact]
    public async Task Dependent_questions_follow_the_answers_and_errors_take_the_focus()
    {
        var (p, _) = await AtQuestionnaire("ru");

        // No spouse: the spouse's questions are hidden and not sent; "yes" shows them at once.
        Assert.False(await p.IsVisibleAsync("#q-spouse-education"));
        await p.SelectOptionAsync("#q-has_spouse", "true");
        await p.Locator("#q-spouse-education").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await p.SelectOptionAsync("#q-has_spouse", "false");
        await p.Locator("#q-spouse-education").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.True(await p.IsDisabledAsync("#q-spouse-education"));

        // Housing provided: no question about the local price of housing.
        Assert.True(await p.IsVisibleAsync("#q-housing_price_per_m2_kzt"));
        await p.SelectOptionAsync("#q-housing_provided", "true");
        await p.Locator("#q-housing_price_per_m2_kzt").WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        // A refused post lands on the summary, focused, and its link moves to the field.
        await p.FillAsync("#q-citizenship", "Атлантида");
        await p.ClickAsync("#submit-questionnaire");
        await p.WaitForSelectorAsync("#error-summary");
        Assert.EndsWith("#outcome", p.Url, StringComparison.Ordinal);
        // The browser lands on the outcome, which takes the focus so that a screen reader reads the problems first.
        await Assertions.Expect(p.Locator("#outcome")).ToBeFocusedAsync(new() { Timeout = 60_000 });
        Assert.Contains("Есть ошибки", await p.InnerTextAsync("#error-summary"), StringComparison.Ordinal);
        Assert.Equal("true", await p.GetAttributeAsync("#q-citizenship", "aria-invalid"));
        await p.ClickAsync("#error-summary a[href='#q-citizenship']");
        Assert.EndsWith("#q-citizenship", p.Url, StringComparison.Ordinal);
        // The answers survive the post, and the condition holds on the page the server sent back.
        Assert.False(await p.IsVisibleAsync("#q-housing_price_per_m2_kzt"));

        // Chosen from the list by name, the country is accepted; the preview is where the page lands.
        await p.FillAsync("#q-citizenship", "Узбекистан (UZ)");
        await p.SelectOptionAsync("#q-education", "master");
        await p.SelectOptionAsync("#q-kazakh_level", "b2");
        await p.FillAsync("#q-work_experience_years", "8");
        await p.SelectOptionAsync("#q-health_certificate", "true");
        await p.SelectOptionAsync("#q-citizenship_consent", "true");
        await p.FillAsync("#q-funds_kzt", "100000000");
        await p.ClickAsync("#preview");
        await p.WaitForSelectorAsync("#preview-result");
        Assert.Equal(0, await p.Locator("#error-summary").CountAsync());
        await Assertions.Expect(p.Locator("#outcome")).ToBeFocusedAsync(new() { Timeout = 60_000 });
        Assert.Equal(1, await p.Locator("#outcome #preview-result").CountAsync());
    }

    [Fact]
    public async Task Withdrawing_without_the_confirmation_is_stopped_in_the_browser_and_by_the_server()
    {
        var (p, id) = await AtQuestionnaire("en");
        await p.GotoAsync($"/residence/{id}");
        await p.WaitForSelectorAsync("#withdraw");

        // The browser refuses to send the form while the box is not ticked.
        await p.ClickAsync("#withdraw");
        Assert.False(await p.EvalOnSelectorAsync<bool>("#withdraw-confirm", "e => e.validity.valid"));
        Assert.Equal("Questionnaire", await p.GetAttributeAsync("#case-stage", "data-stage"));

        await p.CheckAsync("#withdraw-confirm");
        await p.ClickAsync("#withdraw");
        await p.WaitForSelectorAsync("#confirmation");
        Assert.Equal("Withdrawn", await p.GetAttributeAsync("#case-stage", "data-stage"));
        await Assertions.Expect(p.Locator("#confirmation")).ToBeFocusedAsync(new() { Timeout = 60_000 });
    }
}
