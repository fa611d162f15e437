using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

/// <summary>A demo account created on first start (README lists them).</summary>
public sealed record DemoUser(string Email, string FullName, string Role, string? Iin = null, string? Bin = null, string? Region = null);

/// <summary>Makes sure every role exists and, when demo data is asked for, that every demo account exists with its role.</summary>
public sealed class DemoData(
    KoshiDbContext db, UserManager<KoshiUser> users, RoleManager<IdentityRole> roles, Accounts accounts, ILogger<DemoData> logger)
{
    public const string Password = "Koshi-demo-2026";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("aigerim@demo.koshi.kz", "Aigerim Serikova", Roles.Applicant, Iin: "900315401233"),
        new("bolat@demo.koshi.kz", "Bolat Nurlanuly", Roles.Applicant, Iin: "850604300129"),
        new("officer.astana@demo.koshi.kz", "Dana Omarova", Roles.Officer, Region: "KZ-71"),
        new("officer.pavlodar@demo.koshi.kz", "Yerlan Akhmetov", Roles.Officer, Region: "KZ-55"),
        new("employer@demo.koshi.kz", "Steppe Build LLP", Roles.Employer, Bin: "150240001232"),
        new("agency@demo.koshi.kz", "Qadam Recruitment LLP", Roles.Agency, Bin: "180740004568"),
        new("analyst@demo.koshi.kz", "Saule Bekova", Roles.Analyst),
        new("admin@demo.koshi.kz", "Koshi Administrator", Roles.Admin),
    ];

    public async Task PrepareAsync(bool seedDemo, CancellationToken ct)
    {
        db.Audit.ActorOverride = "system";
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                db.Audit.Action = "identity.role-created";
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!seedDemo)
        {
            return;
        }

        // Each demo account is made with its role in one save, and only if missing: a start stopped half-way is finished
        // by the next one. An account left without its role by an older version gets the role back.
        var made = 0;
        foreach (var demo in Users)
        {
            var existing = await users.FindByEmailAsync(demo.Email);
            if (existing is not null)
            {
                if (!await users.IsInRoleAsync(existing, demo.Role))
                {
                    db.Audit.Action = "identity.demo-user-role";
                    await users.AddToRoleAsync(existing, demo.Role);
                }

                continue;
            }

            var user = new KoshiUser
            {
                UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, FullName = demo.FullName,
                Iin = demo.Iin, Bin = demo.Bin, Region = demo.Region,
            };
            var created = await accounts.CreateAsync(user, Password, demo.Role, "identity.demo-user", ct);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Demo user not created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            made++;
        }

        if (made > 0)
        {
            logger.LogInformation("Seeded {Count} demo users", made);
        }
    }
}
