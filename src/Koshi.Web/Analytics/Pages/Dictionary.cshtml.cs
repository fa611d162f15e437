using Koshi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Analytics.Pages;

/// <summary>The data dictionary: every exported table, its filters and its columns.</summary>
[Authorize(Roles = $"{Roles.Analyst},{Roles.Admin}")]
public sealed class DictionaryModel : PageModel
{
    public void OnGet()
    {
    }
}
