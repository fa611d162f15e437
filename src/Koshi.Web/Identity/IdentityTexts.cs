using System.Globalization;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

/// <summary>
/// ASP.NET Identity's messages (password rules, a taken e-mail) in the language of the request, so that a registration
/// refused on a Kazakh or Russian page says why in that language; the codes stay Identity's own.
/// </summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError Error(string code, LocalizedString text, params object[] args) =>
        new() { Code = code, Description = string.Format(CultureInfo.CurrentCulture, text.Current, args) };

    public override IdentityError DefaultError() => Error(nameof(DefaultError),
        new("Белгісіз қате орын алды.", "Произошла неизвестная ошибка.", "An unknown failure has occurred."));

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure),
        new("Жазбаны басқа біреу бір уақытта өзгертті; бетті жаңартып, қайталаңыз.", "Запись одновременно изменил кто-то другой; обновите страницу и повторите.", "Someone else changed this at the same time; reload and try again."));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch),
        new("Құпиясөз қате.", "Неверный пароль.", "Incorrect password."));

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken),
        new("Сілтеменің мерзімі өткен немесе ол жарамсыз.", "Ссылка устарела или недействительна.", "The link has expired or is not valid."));

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated),
        new("Бұл кіру тәсілі басқа тіркелгіге байланған.", "Этот способ входа уже связан с другой учётной записью.", "A user with this login already exists."));

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName),
        new("«{0}» пайдаланушы аты ретінде жарамсыз.", "«{0}» не подходит как имя пользователя.", "'{0}' cannot be used as a user name."), userName ?? string.Empty);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail),
        new("«{0}» электрондық пошта мекенжайы ретінде жарамсыз.", "«{0}» не является адресом электронной почты.", "'{0}' is not a valid e-mail address."), email ?? string.Empty);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName),
        new("«{0}» мекенжайымен тіркелгі бар.", "Учётная запись с адресом «{0}» уже существует.", "An account for '{0}' already exists."), userName);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail),
        new("«{0}» мекенжайымен тіркелгі бар.", "Учётная запись с адресом «{0}» уже существует.", "An account for '{0}' already exists."), email);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName),
        new("«{0}» рөл атауы ретінде жарамсыз.", "«{0}» не подходит как название роли.", "'{0}' is not a valid role name."), role ?? string.Empty);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName),
        new("«{0}» рөлі бар.", "Роль «{0}» уже существует.", "The role '{0}' already exists."), role);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword),
        new("Тіркелгінің құпиясөзі бар.", "У учётной записи уже есть пароль.", "The account already has a password."));

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled),
        new("Бұл тіркелгіні бұғаттау мүмкін емес.", "Эту учётную запись нельзя заблокировать.", "Lockout is not enabled for this account."));

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole),
        new("Тіркелгіде «{0}» рөлі бар.", "У учётной записи уже есть роль «{0}».", "The account already has the role '{0}'."), role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole),
        new("Тіркелгіде «{0}» рөлі жоқ.", "У учётной записи нет роли «{0}».", "The account does not have the role '{0}'."), role);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort),
        new("Құпиясөз кемінде {0} таңбадан тұруы керек.", "Пароль должен содержать не менее {0} символов.", "The password must have at least {0} characters."), length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars),
        new("Құпиясөзде кемінде {0} әртүрлі таңба болуы керек.", "Пароль должен содержать не менее {0} разных символов.", "The password must have at least {0} different characters."), uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric),
        new("Құпиясөзде әріп пен саннан басқа кемінде бір таңба болуы керек.", "Пароль должен содержать хотя бы один символ, кроме букв и цифр.", "The password must have at least one character that is neither a letter nor a digit."));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit),
        new("Құпиясөзде кемінде бір сан (0–9) болуы керек.", "Пароль должен содержать хотя бы одну цифру (0–9).", "The password must have at least one digit (0–9)."));

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower),
        new("Құпиясөзде кемінде бір кіші әріп болуы керек.", "Пароль должен содержать хотя бы одну строчную букву.", "The password must have at least one lower-case letter."));

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper),
        new("Құпиясөзде кемінде бір бас әріп болуы керек.", "Пароль должен содержать хотя бы одну заглавную букву.", "The password must have at least one upper-case letter."));
}
