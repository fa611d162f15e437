using System.Security.Claims;

namespace Koshi.Web.Audit;

/// <summary>Who is acting in this request and under which action name the next save is recorded.</summary>
public sealed class AuditContext(IHttpContextAccessor? httpContextAccessor, TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    /// <summary>The name of the change being saved (e.g. "residence.decide"); reset after each save.</summary>
    public string? Action { get; set; }

    /// <summary>Overrides the actor for work done outside a request (seeding, background jobs).</summary>
    public string? ActorOverride { get; set; }

    public string Actor
    {
        get
        {
            if (ActorOverride is not null)
            {
                return ActorOverride;
            }

            var user = httpContextAccessor?.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated == true)
            {
                var name = user.FindFirstValue(Koshi.Web.Identity.KoshiClaims.FullName) ?? user.FindFirstValue(ClaimTypes.Name);
                return $"{user.FindFirstValue(ClaimTypes.NameIdentifier)} ({name})";
            }

            return "anonymous";
        }
    }
}
