using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>Outcome of a permit action: the permit (when visible) or why the action was refused.</summary>
public readonly record struct PermitOutcome(WorkPermit? Permit, Refusal? Refusal, bool NotFound = false, bool Replayed = false)
{
    public static PermitOutcome Missing => new(null, null, NotFound: true);

    public static implicit operator PermitOutcome(Refusal refusal) => new(null, refusal);
}

/// <summary>The register of permits as each caller may read it: who sees which permit.</summary>
public sealed class PermitRegister(KoshiDbContext db, TimeProvider time)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    /// <summary>Employers and households see their own permits, officers their region's, admins all; nobody else any.</summary>
    public IQueryable<WorkPermit> VisibleTo(Actor actor)
    {
        var all = db.WorkPermits.AsQueryable();
        if (actor.IsIn(Roles.Admin))
        {
            return all;
        }

        if (actor.IsIn(Roles.Officer) && RegionCode.TryParse(actor.Region, out var region))
        {
            var code = region.Value;
            return all.Where(p => p.Region == code);
        }

        if (actor.IsIn(Roles.Employer) || actor.IsIn(Roles.Applicant))
        {
            return all.Where(p => p.OwnerId == actor.Id);
        }

        return all.Where(p => false);
    }

    public Task<WorkPermit?> FindAsync(Guid id, Actor actor, CancellationToken ct) => VisibleTo(actor).SingleOrDefaultAsync(p => p.Id == id, ct);
}
