using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Koshi.Web.Tests;

/// <summary>An analyst runs a reform in the policy lab in a real browser and reads its result.</summary>
public sealed class LabBrowserTests(BrowserFactory browser) : IClassFixture<BrowserFactory>
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

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
        await p.SignedInAsync();
        await p.GotoAsync("/language/en?returnUrl=/analytics/lab?target=scheme:permanent-residence");

        var passMark = p.Locator("[id='param-residence.pass_mark']");
        var current = int.Parse(await passMark.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await passMark.FillAsync((current - 50).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await p.FillAsync("#lab-count", "3000");
        await p.FillAsync("#lab-seed", "8");
        await p.ClickAsync("#lab-run");
        await p.ArriveAsync(new Regex("/analytics/lab\\?run="));
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
        Assert.Equal(2, await p.Locator("#lab-fairness-sex tbody tr").CountAsync());
    }

    [Fact]
    public async Task An_analyst_simulates_a_round_on_an_uploaded_pool_with_fewer_seats_and_reads_the_cut_off_and_skilled_share()
    {
        Assert.SkipWhen(browser.Browser is null, "KOSHI_CHROMIUM is not set: no browser to drive.");

        // A pool of six welders and engineers in Pavlodar, as `GET /api/v1/labour/rounds/pool` writes it (no names), with four seats.
        var lodged = new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);
        var facts = new (string Isco, string Education, int Years, bool Recognised, string Language, bool Skilled)[]
        {
            ("7212", "none", 1, false, "none", false), ("2144", "higher", 12, true, "b2", true), ("7212", "vocational", 6, false, "b1", false),
            ("2144", "higher", 3, false, "a2", true), ("7212", "vocational", 9, true, "b1", false), ("9313", "none", 0, false, "none", false),
        };
        var file = new Koshi.Web.ForeignLabour.PoolFile("KZ-55", "cat3", 4, new DateOnly(2026, 3, 1), [.. facts.Select((f, i) =>
            new Koshi.Web.ForeignLabour.PoolApplication(Guid.NewGuid(), lodged.AddMinutes(i), DateOnly.FromDateTime(lodged.UtcDateTime), f.Isco, f.Education, true, f.Years,
                f.Recognised, f.Language, f.Skilled, null))]);
        var path = Path.Combine(Path.GetTempPath(), $"koshi-pool-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(file, Web));

        // What the lab must show: the pack's own round over the same file, four seats and two.
        var rules = new Koshi.Web.ForeignLabour.LabourRules(Koshi.Policy.PolicyPack.Load(Path.Combine(Repository.Root, "policy", "kz")));
        var baseline = Koshi.Web.ForeignLabour.RoundSimulation.Run(rules, file);
        var reform = Koshi.Web.ForeignLabour.RoundSimulation.Run(rules, file, 2);

        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var p = await context.NewPageAsync();
        p.SetDefaultTimeout(180_000);
        p.SetDefaultNavigationTimeout(180_000);
        await p.GotoAsync("/account/login");
        await p.FillAsync("#email", "analyst@demo.koshi.kz");
        await p.FillAsync("#password", DemoData.Password);
        await p.ClickAsync("#login-submit");
        await p.SignedInAsync();
        await p.GotoAsync("/language/en?returnUrl=/analytics/lab");

        await p.SelectOptionAsync("#lab-target select", "round");
        await p.ClickAsync("#lab-target button");
        await p.WaitForSelectorAsync("#lab-round-pool");
        await p.CheckAsync("input[name='poolSource'][value='file']");
        await p.SetInputFilesAsync("input[name='poolFile']", path);
        await p.FillAsync("#lab-round-seats", "2");
        await p.ClickAsync("#lab-round-run");
        await p.ArriveAsync(new Regex("/analytics/lab\\?run="));
        await p.WaitForSelectorAsync("#lab-round");
        File.Delete(path);

        Assert.Equal([baseline.Admitted.ToString(System.Globalization.CultureInfo.InvariantCulture), "2"], (await p.Locator("#lab-round-admitted td").AllInnerTextsAsync()).ToList());
        Assert.Equal(4, baseline.Admitted);
        var cutOffs = p.Locator("#lab-round-cut-off td");
        Assert.Equal(baseline.CutOff?.ToString(System.Globalization.CultureInfo.InvariantCulture), await cutOffs.Nth(0).GetAttributeAsync("data-value"));
        Assert.Equal(reform.CutOff?.ToString(System.Globalization.CultureInfo.InvariantCulture), await cutOffs.Nth(1).GetAttributeAsync("data-value"));
        Assert.True(reform.CutOff >= baseline.CutOff);
        var skilled = await p.Locator("#lab-round-skilled td").AllInnerTextsAsync();
        Assert.Equal((100m * reform.SkilledAdmitted / 2).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %", skilled[1]);
        Assert.Contains("Allocation round simulation", await p.InnerTextAsync("#lab-result h2"), StringComparison.Ordinal);

        // Reopened in Russian from the list of kept runs, with the same figures.
        var url = p.Url;
        await p.GotoAsync("/language/ru?returnUrl=" + Uri.EscapeDataString(new Uri(url).PathAndQuery));
        await p.WaitForSelectorAsync("#lab-round");
        Assert.Contains("Моделирование раунда распределения", await p.InnerTextAsync("#lab-result h2"), StringComparison.Ordinal);
        Assert.Equal(reform.CutOff?.ToString(System.Globalization.CultureInfo.InvariantCulture), await p.Locator("#lab-round-cut-off td").Nth(1).GetAttributeAsync("data-value"));
    }
}
