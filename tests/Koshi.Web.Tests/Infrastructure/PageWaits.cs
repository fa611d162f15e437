using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Koshi.Web.Tests.Infrastructure;

/// <summary>
/// Waits for a page to arrive at an address by polling its URL (an assertion that retries) rather than by the navigation
/// event, which was seen to time out with the page already there on a loaded machine (playwright-dotnet#2897).
/// </summary>
public static class PageWaits
{
    public static async Task ArriveAsync(this IPage page, Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Any address but the sign-in page: where a successful sign-in lands.</summary>
    public static Task SignedInAsync(this IPage page) => page.ArriveAsync(new Regex("^(?!.*/account/login)"));
}
