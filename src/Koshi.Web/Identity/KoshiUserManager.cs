using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Koshi.Web.Identity;

/// <summary>
/// The user manager, with one rule added: a change of roles moves the account's security stamp, so tokens and cookies
/// issued with the old roles stop working (a password change and a lockout move it too; see SignInChecks).
/// </summary>
public sealed class KoshiUserManager(
    IUserStore<KoshiUser> store, IOptions<IdentityOptions> options, IPasswordHasher<KoshiUser> hasher,
    IEnumerable<IUserValidator<KoshiUser>> userValidators, IEnumerable<IPasswordValidator<KoshiUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<KoshiUser>> logger)
    : UserManager<KoshiUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(KoshiUser user, string role) =>
        await Restamp(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(KoshiUser user, IEnumerable<string> roles) =>
        await Restamp(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(KoshiUser user, string role) =>
        await Restamp(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(KoshiUser user, IEnumerable<string> roles) =>
        await Restamp(user, await base.RemoveFromRolesAsync(user, roles));

    private async Task<IdentityResult> Restamp(KoshiUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}
