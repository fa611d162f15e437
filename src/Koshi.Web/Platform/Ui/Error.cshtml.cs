using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Platform.Ui;

/// <summary>
/// The error page a browser sees (400, 403, 404, 500, …) in the page's language, with a way home. It is reached by
/// re-execution from the status-code and exception middleware with the failed request's method, so it has no handler
/// of its own: the page renders for any method. API clients get problem details instead (see <see cref="ErrorPages"/>).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Reference => HttpContext.TraceIdentifier;

    public string Kind => Code is 400 or 403 or 404 or 500 ? Code.ToString(CultureInfo.InvariantCulture) : "other";

    /// <summary>Settles the status shown and answered; the page calls it before it writes anything.</summary>
    public void Describe()
    {
        // An exception's status was chosen by the exception handler; an empty error status is re-executed with its code;
        // asking for /error/404 directly is itself a page that does not exist.
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            Code = Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        }
        else
        {
            var reexecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
            var code = int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
            Code = reexecuted && code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        }

        Response.StatusCode = Code;
    }
}
