using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Identity.Pages;

public sealed class RegisterModel(ApplicantRegistration registration, SignInManager<KoshiUser> signIn) : PageModel
{
    public string? FullName { get; private set; }

    public string? Iin { get; private set; }

    public string? Email { get; private set; }

    public List<(string Field, string Message)> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? fullName, string? iin, string? email, string? password)
    {
        (FullName, Iin, Email) = (fullName, iin, email);
        var (user, errors) = await registration.RegisterAsync(email, password, fullName, iin);
        if (user is null)
        {
            Errors = errors;
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        // The applicant's home opens on the confirmation that the account exists.
        return LocalRedirect("/residence?welcome=1#confirmation");
    }
}
