using Koshi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Analytics.Pages;

/// <summary>The data dictionary: every exported table, its filters and its columns.</summary>
[Authorize(Policy = Policies.PageAnalyst)]
public sealed class DictionaryModel : PageModel
{
    public void OnGet()
    {
    }
}
