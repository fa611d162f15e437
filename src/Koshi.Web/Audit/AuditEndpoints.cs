using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

public sealed record AuditEntryView(long Sequence, DateTimeOffset At, string Actor, string Action, string Entity, string EntityId, string Before, string After, string Hash);

/// <summary>Audit trail for administrators: the newest entries and a full verification of the chain.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.ApiAdmin);
        audit.MapGet("/verify", Verify).WithName("VerifyAuditChain").WithSummary("Walk the hash chain and report the first broken link");
        audit.MapGet("/entries", Entries).WithName("ListAuditEntries").WithSummary("The newest audit entries (at most 100)");
        return app;
    }

    private static async Task<Ok<AuditVerification>> Verify(KoshiDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AuditChain.VerifyAsync(db, ct));

    private static async Task<Ok<List<AuditEntryView>>> Entries(KoshiDbContext db, CancellationToken ct, int take = 50)
    {
        var entries = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Take(Math.Clamp(take, 1, 100))
            .Select(e => new AuditEntryView(e.Sequence, e.At, e.Actor, e.Action, e.Entity, e.EntityId, e.Before, e.After, e.Hash))
            .ToListAsync(ct);
        return TypedResults.Ok(entries);
    }
}
