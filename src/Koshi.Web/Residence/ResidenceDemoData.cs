using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Residence.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Residence;

/// <summary>One demo case already waiting for its questionnaire, so the officer's queue is not empty on first start.</summary>
internal sealed class ResidenceDemoData(KoshiDbContext db, IResidenceScoring scoring, TimeProvider time, ILogger<ResidenceDemoData> logger) : IStartupStep
{
    private const string ApplicantEmail = "bolat@demo.koshi.kz";

    public int Order => 20;

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        // Without the pack there is no processing limit to lodge a case under.
        if (!seedDemo || scoring is UnavailableResidenceScoring)
        {
            return;
        }

        var applicant = await db.Users.SingleAsync(u => u.Email == ApplicantEmail, ct);
        if (await db.ResidenceApplications.AnyAsync(a => a.ApplicantId == applicant.Id, ct))
        {
            return;
        }

        var now = time.GetUtcNow();
        var lodgedOn = LegalClock.DateOf(now);
        var application = ResidenceApplication.Lodge(
            ResidenceKind.KandasStatus, applicant.Id, ApplicantIdentity.OfIin(Iin.Parse(applicant.Iin!)), applicant.FullName, RegionCode.Parse("KZ-71"), scoring.PilotTermsOn(lodgedOn).ProcessingDays, now);
        application.RecordKaztest(55, 61, lodgedOn, "KT-DEMO-0001", scoring.KaztestRulesOn(application.LodgedOn), now);

        db.Audit.ActorOverride = "system";
        db.ResidenceApplications.Add(application);
        db.Audit.Action = "residence.demo-case";
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the demo residence case");
    }
}
