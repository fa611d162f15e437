using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Identity;

/// <summary>
/// Creates an account and its role in one save, so one transaction and one audit entry: a crash can leave either both or
/// neither, never an account without a role (which could neither work nor register again under its e-mail and IIN).
/// </summary>
public sealed class Accounts(UserManager<KoshiUser> users, IUserStore<KoshiUser> store, KoshiDbContext db)
{
    public async Task<IdentityResult> CreateAsync(KoshiUser user, string password, string role, string action, CancellationToken ct = default)
    {
        var normalized = role.ToUpperInvariant();
        var roleRow = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedName == normalized, ct)
            ?? throw new InvalidOperationException($"The role '{role}' does not exist.");

        // The store would save the user on its own; here it only adds it, and the one save below writes user and role.
        var deferred = store as UserStore<KoshiUser, IdentityRole, KoshiDbContext, string, IdentityUserClaim<string>, IdentityUserRole<string>, IdentityUserLogin<string>, IdentityUserToken<string>, IdentityRoleClaim<string>, IdentityUserPasskey<string>>
            ?? throw new InvalidOperationException("Accounts need the platform's EF Core user store, not " + store.GetType());
        deferred.AutoSaveChanges = false;
        try
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                db.ChangeTracker.Clear();
                return created;
            }

            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
            db.Audit.Action = action;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same e-mail or IIN was registered at the same moment: the unique index refused this one.
                db.ChangeTracker.Clear();
                return IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = "An account with this e-mail or IIN already exists." });
            }

            return IdentityResult.Success;
        }
        finally
        {
            deferred.AutoSaveChanges = true;
        }
    }
}
