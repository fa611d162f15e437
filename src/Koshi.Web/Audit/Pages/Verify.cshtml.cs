using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Audit.Pages;

/// <summary>Anyone checks a document's verification code against the audit log and its latest signed checkpoint.</summary>
[AllowAnonymous]
public sealed class VerifyModel(Receipts receipts) : PageModel
{
    public string? Code { get; private set; }

    public bool Malformed { get; private set; }

    public ReceiptCheck? Result { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = code?.Trim();
        if (string.IsNullOrEmpty(Code))
        {
            return;
        }

        if (!ReceiptCode.TryParse(Code, out var parsed))
        {
            Malformed = true;
            return;
        }

        Result = await receipts.CheckAsync(parsed, ct);
    }
}
