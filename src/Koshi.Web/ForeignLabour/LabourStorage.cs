using Koshi.Web.Platform.Storage;

namespace Koshi.Web.ForeignLabour;

/// <summary>How every foreign-labour slice saves: the audit entry names the action, in the same transaction as the change.</summary>
internal static class LabourStorage
{
    public static async Task SaveAsAsync(this KoshiDbContext db, string action, CancellationToken ct)
    {
        db.Audit.Action = action;
        await db.SaveChangesAsync(ct);
    }
}
