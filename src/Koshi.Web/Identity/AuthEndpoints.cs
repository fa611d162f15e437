using System.Security.Cryptography;
using System.Text;
using Koshi.Policy;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Platform.Security;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

public sealed record TokenRequest(string? Email, string? Password);

/// <summary>
/// An applicant's registration: the IIN for anyone who has one; an applicant abroad without an IIN gives the passport
/// number, the citizenship (ISO 3166-1 alpha-2 code or the country's name) and the date of birth instead.
/// </summary>
public sealed record RegisterRequest(
    string? Email, string? Password, string? FullName, string? Iin,
    string? PassportNumber = null, string? Citizenship = null, string? BirthDate = null);

public sealed record MeView(
    string Id, string Email, string FullName, IReadOnlyList<string> Roles, string? Region, string? Iin,
    string? PassportNumber = null, string? Citizenship = null, DateOnly? BirthDate = null)
{
    public static MeView Of(KoshiUser user, IReadOnlyList<string> roles) =>
        new(user.Id, user.Email!, user.FullName, roles, user.Region, user.Iin, user.PassportNumber, user.Citizenship, user.BirthDate);
}

/// <summary>Registration of applicants and bearer tokens for the API (/api/v1/auth).</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Identity");
        auth.MapPost("/token", Token).AllowAnonymous()
            .WithName("IssueToken").WithSummary("Exchange e-mail and password for a bearer token (response: tokenType, accessToken, expiresIn, refreshToken)")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/register", Register).AllowAnonymous()
            .WithName("RegisterApplicant").WithSummary("Register as an applicant with a valid IIN, or from abroad without one by passport number, citizenship and date of birth")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet("/api/v1/me", Me).RequireAuthorization(Policies.ApiUser).WithTags("Identity")
            .WithName("Me").WithSummary("Who the bearer token belongs to");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Token(TokenRequest request, HttpContext http, SignInManager<KoshiUser> signIn)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors.Add(("email", "Required."));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(("password", "Required."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        if (!await SignInChecks.PasswordSignInAsync(signIn, http, request.Email!, request.Password!))
        {
            // One answer for an unknown e-mail, a wrong password and a locked account: none tells which it was.
            return TypedResults.Problem(title: "Wrong e-mail or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The bearer token handler has written the token response.
        return TypedResults.Empty;
    }

    private static async Task<Results<Created<MeView>, ProblemHttpResult>> Register(RegisterRequest request, ApplicantRegistration registration)
    {
        var (user, errors) = await registration.RegisterAsync(
            request.Email, request.Password, request.FullName, request.Iin, new PassportDetails(request.PassportNumber, request.Citizenship, request.BirthDate));
        if (user is null)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        return TypedResults.Created("/api/v1/me", MeView.Of(user, [Roles.Applicant]));
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> Me(HttpContext http, UserManager<KoshiUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Problem(title: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(MeView.Of(user, roles.ToList()));
    }
}

/// <summary>
/// Password sign-in. Failures are counted per account and source first: after <c>Koshi:SignIn:FailuresPerSource</c>
/// (10) failures in 15 minutes that source gets the wrong-password answer for that account whatever it sends, so one
/// client cannot lock somebody else out. The account-wide lockout (<c>Koshi:SignIn:AccountLockoutFailures</c>, 50)
/// stays as the backstop against guessing from many sources, and revokes the account's tokens when it starts.
/// An unknown e-mail costs the same hashing work as a known one, so the time taken does not say which it was.
/// </summary>
public static class SignInChecks
{
    private static readonly KoshiUser Nobody = new() { UserName = "nobody", FullName = "nobody" };
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static string? nobodyHash;

    public static async Task<bool> PasswordSignInAsync(SignInManager<KoshiUser> signIn, HttpContext http, string email, string password)
    {
        var users = signIn.UserManager;
        // Counted in the database, so the budget is one across every instance; the key is a hash (no e-mail stored, and
        // a fixed length whatever was typed).
        var limiter = http.RequestServices.GetRequiredService<AttemptLimiter>();
        var db = http.RequestServices.GetRequiredService<KoshiDbContext>();
        var perSource = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Koshi:SignIn:FailuresPerSource", 10);
        var key = "sign-in-failures:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            (users.NormalizeEmail(email) ?? email) + "\n" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"))));
        var ct = http.RequestAborted;
        var user = await users.FindByEmailAsync(email);

        // The attempt is counted before the password is tried (one atomic upsert), so attempts raced from one source try
        // the account at most as often as that source may fail on it; a success forgets the count again.
        if (user is null || await limiter.AddAsync(db, key, Window, ct) > perSource)
        {
            nobodyHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(Nobody, nobodyHash, password);
            return false;
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut && !wasLocked)
        {
            // Locked now: every token issued before dies with the old stamp.
            await users.UpdateSecurityStampAsync(user);
        }

        if (result.Succeeded)
        {
            await AttemptLimiter.ClearAsync(db, key, ct);
        }

        return result.Succeeded;
    }
}

/// <summary>What an applicant abroad without an IIN gives instead of it, as typed.</summary>
public sealed record PassportDetails(string? Number, string? Citizenship, string? BirthDate)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Number) && string.IsNullOrWhiteSpace(Citizenship) && string.IsNullOrWhiteSpace(BirthDate);
}

/// <summary>
/// Registers an applicant: e-mail, password, full name and a valid IIN (unique per person). An applicant abroad who
/// has no IIN registers by passport instead: number, citizenship and date of birth, unique per passport and country.
/// Whoever has an IIN gives it; the passport route is for those without one, so a Kazakh passport does not qualify.
/// </summary>
public sealed partial class ApplicantRegistration(UserManager<KoshiUser> users, Accounts accounts, TimeProvider time)
{
    private const string Taken = "These details cannot be registered: there may already be an account for this e-mail or IIN. Sign in instead.";
    private const string PassportTaken = "These details cannot be registered: there may already be an account for this e-mail or passport. Sign in instead.";

    /// <summary>The oldest age a date of birth may give; an older one is a typing error.</summary>
    private const int MaxAge = 120;

    /// <summary>A valid IIN whose birth date is not in the future.</summary>
    public static bool TryReadIin(string? text, TimeProvider time, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Iin? iin, out string? error)
    {
        if (!Iin.TryParse(text?.Trim(), out iin, out error))
        {
            return false;
        }

        if (iin.Value.BirthDate > LegalClock.DateOf(time.GetUtcNow()))
        {
            (iin, error) = (null, "The birth date in the IIN is in the future.");
            return false;
        }

        return true;
    }

    /// <summary>Passport number as stored: upper case, without spaces or dashes.</summary>
    public static string NormalisePassport(string text) =>
        new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    public async Task<(KoshiUser? User, List<(string Field, string Message)> Errors)> RegisterAsync(
        string? email, string? password, string? fullName, string? iinText, PassportDetails? passport = null)
    {
        var errors = new List<(string Field, string Message)>();
        if (string.IsNullOrWhiteSpace(email) || email.Length > 200 || !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(("email", "Required: a valid e-mail address."));
        }

        if (string.IsNullOrWhiteSpace(fullName) || fullName.Length > 200)
        {
            errors.Add(("fullName", "Required: your full name (at most 200 characters)."));
        }

        Iin? iin = null;
        (string Number, string Country, DateOnly BirthDate)? byPassport = null;
        if (!string.IsNullOrWhiteSpace(iinText) || passport is null || passport.IsEmpty)
        {
            if (string.IsNullOrWhiteSpace(iinText) && (passport is null || passport.IsEmpty))
            {
                errors.Add(("iin", "Required: your IIN, or, if you live abroad and have none, your passport number, citizenship and date of birth."));
            }
            else if (!TryReadIin(iinText, time, out iin, out var iinError))
            {
                errors.Add(("iin", iinError!));
            }
            else if (passport is { IsEmpty: false })
            {
                errors.Add(("passportNumber", "Give either your IIN or your passport details, not both: whoever has an IIN registers with it."));
            }
            else if (users.Users.Any(u => u.Iin == iin.Value.Value))
            {
                errors.Add(("iin", Taken));
            }
        }
        else
        {
            byPassport = ReadPassport(passport, errors);
            if (byPassport is { } p && users.Users.Any(u => u.Citizenship == p.Country && u.PassportNumber == p.Number))
            {
                errors.Add(("passportNumber", PassportTaken));
            }
        }

        if (string.IsNullOrEmpty(password) || password.Length > 200)
        {
            errors.Add(("password", "Required."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = new KoshiUser
        {
            UserName = email!.Trim(), Email = email.Trim(), FullName = fullName!.Trim(), EmailConfirmed = true,
            Iin = iin?.Value, PassportNumber = byPassport?.Number, Citizenship = byPassport?.Country, BirthDate = byPassport?.BirthDate,
        };
        var created = await accounts.CreateAsync(user, password!, Roles.Applicant, "identity.registered");
        if (!created.Succeeded)
        {
            var identityField = byPassport is null ? "iin" : "passportNumber";
            foreach (var error in created.Errors)
            {
                // A taken e-mail gets the same words as a taken IIN or passport: the answer does not say which of the two exists.
                errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? ("password", error.Description)
                    : error.Code.Contains("Duplicate", StringComparison.Ordinal) ? (identityField, byPassport is null ? Taken : PassportTaken) : ("email", error.Description));
            }

            return (null, errors);
        }

        return (user, errors);
    }

    private (string Number, string Country, DateOnly BirthDate)? ReadPassport(PassportDetails passport, List<(string Field, string Message)> errors)
    {
        var count = errors.Count;
        var number = NormalisePassport(passport.Number ?? string.Empty);
        if (!PassportPattern().IsMatch(number))
        {
            errors.Add(("passportNumber", "Required: the passport number, 5 to 20 Latin letters and digits, as printed in the passport."));
        }

        var country = Pickers.Resolve(PickerKind.Country, passport.Citizenship);
        if (country is null)
        {
            errors.Add(("citizenship", "Required: the country that issued your passport, chosen from the list."));
        }
        else if (country == "KZ")
        {
            errors.Add(("citizenship", "A citizen of Kazakhstan has an IIN: register with the IIN instead."));
        }

        var today = LegalClock.DateOf(time.GetUtcNow());
        if (!DateOnly.TryParseExact(passport.BirthDate?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var born))
        {
            errors.Add(("birthDate", "Required: your date of birth as YYYY-MM-DD."));
        }
        else if (born > today || born < today.AddYears(-MaxAge))
        {
            errors.Add(("birthDate", "The date of birth cannot be in the future or more than 120 years ago."));
        }

        return errors.Count == count ? (number, country!, born) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial System.Text.RegularExpressions.Regex PassportPattern();
}
