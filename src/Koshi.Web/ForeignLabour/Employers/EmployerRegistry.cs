using Koshi.Policy;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.ForeignLabour;

/// <summary>The employer registry: an organisation registered under its account's BIN, its staff declarations and its vacancies.</summary>
public sealed class EmployerRegistry(KoshiDbContext db, TimeProvider time)
{
    public DateOnly Today => LegalClock.DateOf(time.GetUtcNow());

    public Task<Employer?> EmployerOfAsync(Actor actor, CancellationToken ct) =>
        db.Employers.SingleOrDefaultAsync(e => e.OwnerId == actor.Id, ct);

    public async Task<(Employer? Employer, Refusal? Refusal)> RegisterEmployerAsync(
        Actor actor, string name, OkedSection okedSection, RegionCode region, StaffDeclaration staff, CancellationToken ct)
    {
        var account = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        if (!Bin.TryParse(account.Bin, out var bin, out _))
        {
            return (null, new Refusal("no-bin", "Your account has no valid BIN; an employer is registered under its BIN."));
        }

        var existing = await db.Employers.SingleOrDefaultAsync(e => e.Bin == bin.Value.Value, ct);
        if (existing is not null && existing.OwnerId != actor.Id)
        {
            return (null, new Refusal("bin-taken", "Another account already acts for this BIN."));
        }

        var now = time.GetUtcNow();
        if (existing is null)
        {
            existing = Employer.Register(bin.Value, name, okedSection, region, actor.Id, staff, now);
            db.Employers.Add(existing);
        }
        else
        {
            existing.Rename(name, okedSection, region);
            existing.Declare(staff);
        }

        db.StaffDeclarations.Add(StaffDeclarationRecord.Of(existing.Id, staff, Today, now));
        await db.SaveAsAsync("labour.employer", ct);
        return (existing, null);
    }

    public async Task<(Vacancy? Vacancy, Refusal? Refusal)> PostVacancyAsync(
        Actor actor, string title, IscoCode isco, PermitCategory category, RegionCode region, int positions, CancellationToken ct)
    {
        var employer = await EmployerOfAsync(actor, ct);
        if (employer is null)
        {
            return (null, new Refusal("no-employer", "Register your organisation first (POST /api/v1/labour/employer)."));
        }

        var now = time.GetUtcNow();
        var vacancy = Vacancy.Post(employer.Id, null, title, isco, category, region, positions, Today, now);
        db.Vacancies.Add(vacancy);
        await db.SaveAsAsync("labour.vacancy-posted", ct);
        return (vacancy, null);
    }

    public async Task<List<Vacancy>> VacanciesOfAsync(Actor actor, CancellationToken ct)
    {
        var employer = await EmployerOfAsync(actor, ct);
        return employer is null ? [] : await db.Vacancies.Where(v => v.EmployerId == employer.Id).OrderByDescending(v => v.PostedOn).ToListAsync(ct);
    }
}
