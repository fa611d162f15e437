namespace Koshi.Web.Identity;

/// <summary>The page each role starts from after signing in, and the name of its link.</summary>
public static class RoleHome
{
    /// <summary>In order of precedence: a person with several roles starts from the first that applies.</summary>
    private static readonly (string Role, string Path, string TextKey)[] Homes =
    [
        (Roles.Admin, "/admin", "nav.admin"),
        (Roles.Officer, "/officer/queue", "nav.queue"),
        (Roles.Analyst, "/analytics", "nav.analytics"),
        (Roles.Employer, "/labour", "nav.labour"),
        (Roles.Agency, "/agencies/portal", "nav.agency-portal"),
        (Roles.Applicant, "/residence", "nav.my-applications"),
    ];

    public static (string Path, string TextKey)? For(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return Homes.FirstOrDefault(h => held.Contains(h.Role)) is { Role: not null } home ? (home.Path, home.TextKey) : null;
    }

    public static string PathFor(IEnumerable<string> roles) => For(roles)?.Path ?? "/";
}
