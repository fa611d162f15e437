using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Identity.Pages;

public sealed class LoginModel(SignInManager<KoshiUser> signIn) : PageModel
{
    public string? Email { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public bool Failed { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        Email = email;
        ReturnUrl = SafeReturn(returnUrl);
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 256 && !string.IsNullOrEmpty(password)
            && await SignInChecks.PasswordSignInAsync(signIn, HttpContext, email, password) && await signIn.UserManager.FindByEmailAsync(email) is { } user)
        {
            if (ReturnUrl != "/")
            {
                return LocalRedirect(ReturnUrl);
            }

            var roles = await signIn.UserManager.GetRolesAsync(user);
            return LocalRedirect(RoleHome.PathFor(roles));
        }

        Failed = true;
        return Page();
    }

    /// <summary>
    /// A return address on this site only: an absolute path, not "//host" or "/\\host" (which browsers read as another
    /// site), with no control characters (browsers drop tabs and line breaks, turning "/\t/host" into "//host").
    /// </summary>
    internal static string SafeReturn(string? url) =>
        url is { Length: > 0 and <= 2000 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl) && !url.Any(char.IsSurrogate)
            ? url
            : "/";
}
