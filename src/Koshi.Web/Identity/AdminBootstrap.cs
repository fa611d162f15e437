using System.Security.Cryptography;
using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

/// <summary>
/// Outside the demo, the first administrator is created on first start with a password made for that start alone:
/// printed once on the console, stored only as its hash, never published. Without demo data and without an
/// administrator, nobody could otherwise sign in to create the ministry's accounts.
/// </summary>
public sealed class AdminBootstrap(UserManager<KoshiUser> users, KoshiDbContext db, IConfiguration configuration, ILogger<AdminBootstrap> logger)
{
    /// <summary>Creates the administrator when there is none; returns the e-mail and one-time password, or null.</summary>
    public async Task<(string Email, string Password)?> EnsureAdministratorAsync(CancellationToken ct)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return null;
        }

        var email = configuration["Koshi:Bootstrap:AdminEmail"] ?? "admin@localhost";
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var user = new KoshiUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Administrator" };
        db.Audit.ActorOverride = "system";
        db.Audit.Action = "identity.bootstrap-admin";
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The first administrator could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        db.Audit.Action = "identity.bootstrap-admin-role";
        await users.AddToRoleAsync(user, Roles.Admin);
        logger.LogWarning("Created the first administrator {Email}; the one-time password is printed on the console only", email);
        return (email, password);
    }
}
