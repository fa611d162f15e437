using System.Globalization;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

/// <summary>
/// ASP.NET Identity's messages (password rules, a taken e-mail) in the language of the request, so that a registration
/// refused on a Kazakh or Russian page says why in that language; the codes stay Identity's own. The texts are in
/// IdentityTexts.resx (identity.error.*).
/// </summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string key, params object[] args) =>
        new() { Code = code, Description = string.Format(CultureInfo.CurrentCulture, Texts.All[key].Current, args) };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "identity.error.default-error");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "identity.error.concurrency-failure");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "identity.error.password-mismatch");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "identity.error.invalid-token");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "identity.error.login-already-associated");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "identity.error.invalid-user-name", userName ?? string.Empty);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "identity.error.invalid-email", email ?? string.Empty);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "identity.error.duplicate-user-name", userName);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "identity.error.duplicate-email", email);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "identity.error.invalid-role-name", role ?? string.Empty);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "identity.error.duplicate-role-name", role);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "identity.error.user-already-has-password");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "identity.error.user-lockout-not-enabled");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "identity.error.user-already-in-role", role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "identity.error.user-not-in-role", role);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "identity.error.password-too-short", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "identity.error.password-requires-unique-chars", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "identity.error.password-requires-non-alphanumeric");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "identity.error.password-requires-digit");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "identity.error.password-requires-lower");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "identity.error.password-requires-upper");
}
