using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

/// <summary>
/// A person who signs in: an applicant (with an IIN, or from abroad without one by passport), an officer (bound to a
/// region), or staff.
/// </summary>
public sealed class KoshiUser : IdentityUser
{
    public string FullName { get; set; } = string.Empty;

    /// <summary>The applicant's checked IIN (12 digits); null for staff accounts.</summary>
    public string? Iin { get; set; }

    /// <summary>The passport number of an applicant abroad without an IIN (upper case, letters and digits); else null.</summary>
    public string? PassportNumber { get; set; }

    /// <summary>The ISO 3166-1 alpha-2 country that issued that passport; one account per passport and country.</summary>
    public string? Citizenship { get; set; }

    /// <summary>The date of birth a passport applicant gave (an IIN carries its own).</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary>The organisation's checked BIN for employer and agency accounts.</summary>
    public string? Bin { get; set; }

    /// <summary>The ISO 3166-2 region an officer works for; null for everyone else.</summary>
    public string? Region { get; set; }

    /// <summary>The UI language the person chose last (kk, ru, en).</summary>
    public string? Language { get; set; }
}

/// <summary>The roles of the platform; names are stable strings stored in the database and tokens.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string Employer = "employer";
    public const string Agency = "agency";
    public const string Officer = "officer";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Applicant, Employer, Agency, Officer, Analyst, Admin];
}

/// <summary>Claim types Koshi adds to the signed-in principal.</summary>
public static class KoshiClaims
{
    public const string Region = "koshi:region";
    public const string FullName = "koshi:name";
}
