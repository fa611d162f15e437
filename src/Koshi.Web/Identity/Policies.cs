using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

/// <summary>
/// The one catalogue of who may do what, beside the roles: endpoints name these with
/// <c>.RequireAuthorization(Policies.X)</c>, pages with <c>[Authorize(Policy = Policies.X)]</c>, and nothing names a
/// role for access. API policies authenticate with bearer tokens only (a sign-in cookie is not enough, so a page cannot
/// be tricked into calling the API); page policies use the sign-in cookie.
/// </summary>
public static class Policies
{
    public const string ApiUser = "api:user";
    public const string ApiApplicant = "api:applicant";
    public const string ApiOfficer = "api:officer";
    public const string ApiCaseReader = "api:case-reader";
    public const string ApiOfficerOrAdmin = "api:officer-or-admin";
    public const string ApiAnalyst = "api:analyst";
    public const string ApiAdmin = "api:admin";
    public const string ApiEmployer = "api:employer";
    public const string ApiAgency = "api:agency";
    public const string ApiPermitHolder = "api:permit-holder";
    public const string ApiPermitReader = "api:permit-reader";

    /// <summary>Employers read their own subsidy claims, officers their region's, admins all.</summary>
    public const string ApiClaimReader = "api:claim-reader";

    /// <summary>Officers, analysts and admins watch quotas, risk, plans and the ministry's measures.</summary>
    public const string ApiLabourOversight = "api:labour-oversight";

    public const string PageApplicant = "page:applicant";
    public const string PageOfficer = "page:officer";
    public const string PageEmployer = "page:employer";
    public const string PageAgency = "page:agency";
    public const string PageAnalyst = "page:analyst";
    public const string PageAdmin = "page:admin";
    public const string PageCaseReader = "page:case-reader";
    public const string PagePermitReader = "page:permit-reader";

    /// <summary>Request metrics and health details: administrators, by token or by cookie (the name is the platform's).</summary>
    public const string Operators = Platform.PlatformExtensions.OperatorsPolicy;

    /// <summary>Every policy by name with the roles it admits (none: any signed-in caller).</summary>
    private static readonly (string Name, string[] Roles)[] ApiPolicies =
    [
        (ApiUser, []),
        (ApiApplicant, [Roles.Applicant]),
        (ApiOfficer, [Roles.Officer]),
        (ApiCaseReader, [Roles.Applicant, Roles.Officer, Roles.Admin]),
        (ApiOfficerOrAdmin, [Roles.Officer, Roles.Admin]),
        (ApiAnalyst, [Roles.Analyst, Roles.Admin]),
        (ApiAdmin, [Roles.Admin]),
        (ApiEmployer, [Roles.Employer]),
        (ApiAgency, [Roles.Agency]),
        (ApiPermitHolder, [Roles.Employer, Roles.Applicant]),
        (ApiPermitReader, [Roles.Employer, Roles.Applicant, Roles.Officer, Roles.Admin]),
        (ApiClaimReader, [Roles.Employer, Roles.Officer, Roles.Admin]),
        (ApiLabourOversight, [Roles.Officer, Roles.Analyst, Roles.Admin]),
    ];

    private static readonly (string Name, string[] Roles)[] PagePolicies =
    [
        (PageApplicant, [Roles.Applicant]),
        (PageOfficer, [Roles.Officer]),
        (PageEmployer, [Roles.Employer]),
        (PageAgency, [Roles.Agency]),
        (PageAnalyst, [Roles.Analyst, Roles.Admin]),
        (PageAdmin, [Roles.Admin]),
        (PageCaseReader, [Roles.Applicant, Roles.Officer, Roles.Admin]),
        (PagePermitReader, [Roles.Employer, Roles.Applicant, Roles.Officer, Roles.Admin]),
    ];

    /// <summary>The names of every policy in the catalogue.</summary>
    public static IReadOnlySet<string> All { get; } =
        ApiPolicies.Select(p => p.Name).Concat(PagePolicies.Select(p => p.Name)).Append(Operators).ToHashSet(StringComparer.Ordinal);

    public static AuthorizationBuilder AddKoshiPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in ApiPolicies)
        {
            var policy = new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme).RequireAuthenticatedUser();
            if (roles.Length > 0)
            {
                policy.RequireRole(roles);
            }

            builder.AddPolicy(name, policy.Build());
        }

        // No scheme named: pages authenticate with the default one, the sign-in cookie, and send strangers to sign in.
        foreach (var (name, roles) in PagePolicies)
        {
            builder.AddPolicy(name, new AuthorizationPolicyBuilder().RequireRole(roles).Build());
        }

        return builder.AddPolicy(Operators, new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
            .RequireRole(Roles.Admin).Build());
    }
}
