using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Identity.Pages;

public sealed class RegisterModel(ApplicantRegistration registration, SignInManager<KoshiUser> signIn) : PageModel
{
    public string? FullName { get; private set; }

    public string? Iin { get; private set; }

    public string? Email { get; private set; }

    public string? PassportNumber { get; private set; }

    public string? Citizenship { get; private set; }

    public string? BirthDate { get; private set; }

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>Everything wrong with one field in the page's language, or null: shown at the field and linked from the summary.</summary>
    public string? MessageFor(string field) =>
        Errors.Where(e => e.Field == field).Select(e => Koshi.Web.Platform.Problems.ProblemTexts.Translate(e.Message)).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } messages
            ? string.Join(" ", messages)
            : null;

    public List<(string Field, string Message)> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(
        string? fullName, string? iin, string? email, string? password, string? passportNumber, string? citizenship, string? birthDate)
    {
        (FullName, Iin, Email, PassportNumber, Citizenship, BirthDate) = (fullName, iin, email, passportNumber, citizenship, birthDate);
        var (user, errors) = await registration.RegisterAsync(email, password, fullName, iin, new PassportDetails(passportNumber, citizenship, birthDate));
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
