using Koshi.Web.Platform;
using Koshi.Web.Reference;

namespace Koshi.Web.Resettlement;

public enum SubsidyClaimStatus
{
    Submitted,
    Approved,
    Refused,
}

/// <summary>What the subsidy rule set answers for a claim on a date: the conditions with their sources, and the amount.</summary>
public sealed record EmployerSubsidyQuote(bool Eligible, IReadOnlyList<ForeignLabour.RuleCheck> Checks, decimal AmountKzt, string Source);

/// <summary>
/// An employer's claim of the subsidy for hiring and housing a resettled participant. The pack decides the conditions
/// and the amount on the day the officer decides; the treasury pays the claim's reference at most once, and the
/// database keeps at most one claim a participant that is not refused, so the subsidy is never paid twice.
/// </summary>
public sealed class EmployerSubsidyClaim
{
    public Guid Id { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = string.Empty;

    public string ParticipantName { get; private set; } = string.Empty;

    /// <summary>The receiving region of the participant's case: its officer decides the claim.</summary>
    public RegionCode Region { get; private set; }

    public string EmployerId { get; private set; } = string.Empty;

    public string EmployerBin { get; private set; } = string.Empty;

    public string EmployerName { get; private set; } = string.Empty;

    public DateOnly HiredOn { get; private set; }

    public DateOnly HousedFrom { get; private set; }

    public string PayoutAccount { get; private set; } = string.Empty;

    public SubsidyClaimStatus Status { get; private set; }

    public string ChecksJson { get; private set; } = "[]";

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? Reason { get; private set; }

    public decimal? AmountKzt { get; private set; }

    public string? AmountSource { get; private set; }

    public int Attempts { get; private set; }

    public string? PaymentError { get; private set; }

    public decimal? PaidKzt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? GatewayReference { get; private set; }

    public int Version { get; private set; }

    /// <summary>The reference sent to the treasury: one a claim, so a retry can never pay twice.</summary>
    public string PaymentReference => Reference + "-PAY";

    public static EmployerSubsidyClaim Submit(
        ResettlementCase @case, string employerId, string employerBin, string employerName, DateOnly hiredOn, DateOnly housedFrom, string account, string checksJson, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new EmployerSubsidyClaim
        {
            Id = id,
            Reference = $"ES-{now.Year}-{id.ToString("N")[^10..].ToUpperInvariant()}",
            CaseId = @case.Id,
            CaseReference = @case.Reference,
            ParticipantName = @case.ApplicantName,
            Region = @case.Destination,
            EmployerId = employerId,
            EmployerBin = employerBin,
            EmployerName = employerName,
            HiredOn = hiredOn,
            HousedFrom = housedFrom,
            PayoutAccount = account,
            Status = SubsidyClaimStatus.Submitted,
            ChecksJson = checksJson,
            SubmittedAt = now,
            Version = 1,
        };
    }

    public Refusal? Approve(string officer, decimal amount, string source, string checksJson, DateTimeOffset now)
    {
        if (Status != SubsidyClaimStatus.Submitted)
        {
            return new Refusal(RefusalCodes.WrongStatus, $"Only a submitted claim is decided; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = SubsidyClaimStatus.Approved;
        DecidedBy = officer;
        DecidedAt = now;
        AmountKzt = amount;
        AmountSource = source;
        ChecksJson = checksJson;
        Version++;
        return null;
    }

    public Refusal? Refuse(string officer, string reason, DateTimeOffset now)
    {
        if (Status != SubsidyClaimStatus.Submitted)
        {
            return new Refusal(RefusalCodes.WrongStatus, $"Only a submitted claim is decided; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = SubsidyClaimStatus.Refused;
        DecidedBy = officer;
        DecidedAt = now;
        Reason = reason;
        Version++;
        return null;
    }

    public void Paid(string gatewayReference, DateTimeOffset now)
    {
        Attempts++;
        PaidKzt = AmountKzt;
        PaidAt = now;
        GatewayReference = gatewayReference;
        PaymentError = null;
        Version++;
    }

    public void PaymentFailed(string error)
    {
        Attempts++;
        PaymentError = error;
        Version++;
    }
}
