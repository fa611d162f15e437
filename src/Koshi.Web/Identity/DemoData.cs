using Koshi.Policy;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Koshi.Web.Residence.Scoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Identity;

/// <summary>A demo account created on first start (README lists them).</summary>
public sealed record DemoUser(string Email, string FullName, string Role, string? Iin = null, string? Bin = null, string? Region = null);

/// <summary>Applies migrations, makes sure every role exists, and on an empty database seeds demo users and cases.</summary>
public sealed class DemoData(
    KoshiDbContext db, UserManager<KoshiUser> users, RoleManager<IdentityRole> roles, Accounts accounts, IResidenceScoring scoring, TimeProvider time, ILogger<DemoData> logger)
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
        await db.Database.MigrateIfPendingAsync(ct);
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

        var bolatId = await db.Users.Where(u => u.Email == "bolat@demo.koshi.kz").Select(u => u.Id).SingleAsync(ct);
        if (await db.ResidenceApplications.AnyAsync(a => a.ApplicantId == bolatId, ct))
        {
            return;
        }

        // One case already waiting for its questionnaire, so the officer's queue is not empty on first start.
        var bolat = await db.Users.SingleAsync(u => u.Email == "bolat@demo.koshi.kz", ct);
        var now = time.GetUtcNow();
        if (scoring is UnavailableResidenceScoring)
        {
            // Without the pack there is no processing limit to lodge a case under.
            logger.LogInformation("Seeded {Count} demo users; no demo case without the policy pack", Users.Count);
            return;
        }

        var lodgedOn = LegalClock.DateOf(now);
        var application = ResidenceApplication.Lodge(
            ResidenceKind.KandasStatus, bolat.Id, ApplicantIdentity.OfIin(Iin.Parse(bolat.Iin!)), bolat.FullName, RegionCode.Parse("KZ-71"), scoring.PilotTermsOn(lodgedOn).ProcessingDays, now);
        application.RecordKaztest(55, 61, lodgedOn, "KT-DEMO-0001", scoring.KaztestRulesOn(application.LodgedOn), now);

        db.ResidenceApplications.Add(application);
        db.Audit.Action = "residence.demo-case";
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded {Count} demo users and the demo case", made);
    }
}
