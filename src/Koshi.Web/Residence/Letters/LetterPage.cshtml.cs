using Koshi.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Residence.Letters;

/// <summary>
/// The decision letter for the pages: a page address, so a person who is not signed in is sent to sign in (an API
/// endpoint would answer 401 to a browser).
/// </summary>
[Authorize(Policy = Policies.PageCaseReader)]
public sealed class LetterPageModel(DecisionLetters letters) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? lang, CancellationToken ct)
    {
        lang = DecisionLetterEndpoints.NormaliseLanguage(lang);
        var letter = await letters.WriteAsync(id, Actor.From(User), Platform.Localisation.Text.Languages.Contains(lang) ? lang : null,
            DecisionLetterEndpoints.VerifyAddress(Request), ct);
        return letter is { } written ? File(written.Pdf, "application/pdf", written.FileName) : NotFound();
    }
}
