namespace Koshi.Web.ForeignLabour;

/// <summary>The kinds of permit the law knows; each has its own quota pool, fee and terms in the policy pack.</summary>
public enum PermitType
{
    Employer,
    Seasonal,
    Ict,
    BusinessImmigrant,
    Household,
}

/// <summary>Permit categories 1–4 of employer permits and intra-corporate transfers; None for the other types.</summary>
public enum PermitCategory
{
    None,
    Cat1,
    Cat2,
    Cat3,
    Cat4,
}

public enum Qualification
{
    None,
    Vocational,
    Higher,
}

public enum PermitStatus
{
    /// <summary>Lodged; the automated checks passed; waiting for the regional officer.</summary>
    Submitted,

    /// <summary>Approved by the officer; the fee invoice is open.</summary>
    Approved,

    /// <summary>The fee is paid (or none is due); ready to be issued against the quota.</summary>
    Paid,
    Issued,
    Refused,
    Withdrawn,
    Revoked,

    /// <summary>Ended early by the employer.</summary>
    Ended,

    /// <summary>Left a ranked pool without a seat: it waited longer than the pack allows.</summary>
    Lapsed,
}

public enum InvoicePurpose
{
    Permit,
    Extension,
}

public enum InvoiceStatus
{
    Open,

    /// <summary>A charge was sent to the gateway and its outcome is not yet recorded: the next payment attempt asks the
    /// gateway again under the same key (the invoice number), so the account is charged at most once.</summary>
    Charging,
    Paid,
    Cancelled,
}

/// <summary>Names of the pack's enum values and quota pools for the platform's enums.</summary>
public static class PackNames
{
    public static string Of(PermitType type) => type switch
    {
        PermitType.Employer => "employer",
        PermitType.Seasonal => "seasonal",
        PermitType.Ict => "ict",
        PermitType.BusinessImmigrant => "business_immigrant",
        PermitType.Household => "household",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string Of(PermitCategory category) => category.ToString().ToLowerInvariant();

    public static string Of(Qualification qualification) => qualification.ToString().ToLowerInvariant();

    /// <summary>The quota pools a region's allocation is split into: categories 1–4, seasonal workers, household workers.</summary>
    public static readonly IReadOnlyList<string> Pools = ["cat1", "cat2", "cat3", "cat4", "seasonal", "household"];

    /// <summary>A pool's place in <see cref="Pools"/>, for showing pools in that order.</summary>
    public static int PoolOrder(string pool)
    {
        for (var i = 0; i < Pools.Count; i++)
        {
            if (Pools[i] == pool)
            {
                return i;
            }
        }

        return Pools.Count;
    }

    /// <summary>The pool a permit draws on, from the pack's quota_pool (employer | seasonal | household | none).</summary>
    public static string? Pool(string packPool, PermitCategory category) => packPool switch
    {
        "employer" => Of(category),
        "seasonal" => "seasonal",
        "household" => "household",
        _ => null,
    };
}

/// <summary>One rule the law applied to an application: whether it held, what it found, and where the rule comes from.</summary>
public sealed record RuleCheck(string Rule, bool Passed, string Detail, string? Source)
{
    /// <summary>The refusal code when the check fails and its rule refuses in more than one way.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Code { get; init; }
}
