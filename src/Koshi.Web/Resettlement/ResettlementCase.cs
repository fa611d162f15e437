using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;

namespace Koshi.Web.Resettlement;

/// <summary>The two programmes of the regional quota: ethnic Kazakhs arriving from abroad, and citizens moving within the country.</summary>
public enum Programme
{
    Kandas,
    Resettler,
}

public enum CaseStatus
{
    Submitted,
    Refused,
    Withdrawn,
    Approved,
    Arrived,
    Departed,
}

public enum PaymentKind
{
    Relocation,
    Rent,
    Certificate,
}

public enum PaymentStatus
{
    Scheduled,
    Paid,
    Failed,
    Cancelled,
}

public enum RefundStatus
{
    None,
    Open,
    Confirmed,
    Waived,
}

/// <summary>A family member who moves with the applicant: an IIN, or for kandas without one a passport.</summary>
public sealed class FamilyMember
{
    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Iin { get; private set; }

    public string? Passport { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public string Relation { get; private set; } = string.Empty;

    public static FamilyMember Create(string name, string? iin, string? passport, DateOnly birthDate, string relation, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), Name = name, Iin = iin, Passport = passport, BirthDate = birthDate, Relation = relation };
}

/// <summary>
/// One support payment of the schedule. Its reference is sent to the payment gateway, which pays a reference at most
/// once, so a retry after a refusal or a time-out can never pay twice. The amount is fixed when it is paid, from the
/// pack as of the payment's due date.
/// </summary>
public sealed class SupportPayment
{
    public Guid Id { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public PaymentKind Kind { get; private set; }

    public int Sequence { get; private set; }

    public DateOnly DueOn { get; private set; }

    public decimal? PlannedKzt { get; private set; }

    public PaymentStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public decimal? PaidKzt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public string? GatewayReference { get; private set; }

    public string? Basis { get; private set; }

    public static SupportPayment Schedule(string reference, PaymentKind kind, int sequence, DateOnly dueOn, decimal? plannedKzt, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), Reference = reference, Kind = kind, Sequence = sequence, DueOn = dueOn, PlannedKzt = plannedKzt, Status = PaymentStatus.Scheduled };

    public void Failed(string error)
    {
        Attempts++;
        Status = PaymentStatus.Failed;
        LastError = error;
    }

    public void Cancel(string why)
    {
        Status = PaymentStatus.Cancelled;
        LastError = why;
    }

    public void Paid(decimal amount, string gatewayReference, string basis, DateTimeOffset now)
    {
        Attempts++;
        Status = PaymentStatus.Paid;
        PaidKzt = amount;
        PaidAt = now;
        GatewayReference = gatewayReference;
        Basis = basis;
        LastError = null;
    }
}

/// <summary>
/// A family's resettlement case: the application the pack found eligible, the officer's decision under the regional
/// quota, arrival and the social contract, the support payments, and a refund claim if the family leaves early.
/// Each change moves from a stated status and refuses otherwise; <see cref="Version"/> makes two officers acting at once conflict.
/// </summary>
public sealed class ResettlementCase : INumberedCase
{
    private readonly List<FamilyMember> members = [];
    private readonly List<SupportPayment> payments = [];

    public Guid Id { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    /// <summary>The number people quote (2026-000123): the application year and its place in that year's resettlement cases.</summary>
    public string CaseNumber { get; private set; } = string.Empty;

    public string OwnerId { get; private set; } = string.Empty;

    public string ApplicantName { get; private set; } = string.Empty;

    /// <summary>The name folded to lower case for search (the same on every database, whatever the script).</summary>
    public string ApplicantNameKey { get; private set; } = string.Empty;

    public string ApplicantIin { get; private set; } = string.Empty;

    public DateOnly ApplicantBirthDate { get; private set; }

    public int Year { get; private set; }

    public Programme Programme { get; private set; }

    /// <summary>Region of permanent registration, or "abroad" for kandas.</summary>
    public string Origin { get; private set; } = string.Empty;

    public RegionCode Destination { get; private set; }

    public bool RegisteredJobSeeker { get; private set; }

    public int PermanentRegistrationMonths { get; private set; }

    public string KandasCondition { get; private set; } = "none";

    public decimal HousingCost { get; private set; }

    public string PayoutAccount { get; private set; } = string.Empty;

    public CaseStatus Status { get; private set; }

    public string ChecksJson { get; private set; } = "[]";

    public string PackHash { get; private set; } = string.Empty;

    public DateTimeOffset AppliedAt { get; private set; }

    /// <summary>
    /// The last day for the officer's decision, from the pack's term on the day of application (stored, so that the queue
    /// filters and sorts on it). Empty only for cases stored before the term was kept, until the start-up fills it in.
    /// </summary>
    public DateOnly? DueOn { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? Reason { get; private set; }

    public bool HoldsSeat { get; private set; }

    public DateOnly? ArrivedOn { get; private set; }

    public DateOnly? ContractEndsOn { get; private set; }

    public DateOnly? LastAddressCheckOn { get; private set; }

    public string? LastAddressCheck { get; private set; }

    public DateOnly? DepartedOn { get; private set; }

    public RefundStatus RefundStatus { get; private set; }

    public decimal? RefundKzt { get; private set; }

    public string? RefundBasis { get; private set; }

    public int? RefundInstalments { get; private set; }

    public string? RefundDetail { get; private set; }

    public string? RefundDecidedBy { get; private set; }

    public string? RefundReason { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<FamilyMember> Members => members;

    public IReadOnlyList<SupportPayment> Payments => payments;

    public int FamilySize => 1 + members.Count;

    /// <summary>A submitted application past its decision day.</summary>
    public bool IsOverdue(DateOnly today) => Status == CaseStatus.Submitted && DueOn is { } due && today > due;

    string INumberedCase.CaseSeries => "resettlement";

    /// <summary>The year of the application (the quota year it was made in).</summary>
    int INumberedCase.CaseYear => Year;

    void INumberedCase.AssignCaseNumber(string number) => CaseNumber = number;

    /// <summary>Sets the decision day of a case stored before it was kept.</summary>
    public void SetDueOn(DateOnly due) => DueOn ??= due;

    public static ResettlementCase Apply(
        ResettlementApplication application, string ownerId, string name, Iin iin, int year, string checksJson, string packHash, DateTimeOffset now, int decisionDays)
    {
        var id = Guid.CreateVersion7(now);
        var @case = new ResettlementCase
        {
            Id = id,
            Reference = $"RS-{year}-{id.ToString("N")[^10..].ToUpperInvariant()}",
            OwnerId = ownerId,
            ApplicantName = name,
            ApplicantNameKey = NameKey(name),
            ApplicantIin = iin.Value,
            ApplicantBirthDate = iin.BirthDate,
            Year = year,
            Programme = application.Programme,
            Origin = application.Origin,
            Destination = application.Destination,
            RegisteredJobSeeker = application.RegisteredJobSeeker,
            PermanentRegistrationMonths = application.PermanentRegistrationMonths,
            KandasCondition = application.KandasCondition,
            HousingCost = application.HousingCost,
            PayoutAccount = application.PayoutAccount,
            Status = CaseStatus.Submitted,
            ChecksJson = checksJson,
            PackHash = packHash,
            AppliedAt = now,
            DueOn = Koshi.Policy.LegalClock.DateOf(now).AddDays(decisionDays),
            Version = 1,
        };
        @case.members.AddRange(application.Members.Select(m => FamilyMember.Create(m.Name, m.Iin, m.Passport, m.BirthDate, m.Relation, now)));
        return @case;
    }

    /// <summary>How names are folded for search: lower case by the invariant culture.</summary>
    public static string NameKey(string name) => name.Trim().ToLowerInvariant();

    public Refusal? Approve(string officer, DateTimeOffset now) => Decide(CaseStatus.Approved, officer, null, now, seat: true);

    public Refusal? Refuse(string officer, string reason, DateTimeOffset now) => Decide(CaseStatus.Refused, officer, reason, now, seat: false);

    public Refusal? Withdraw(string? reason, DateTimeOffset now)
    {
        if (Status != CaseStatus.Submitted)
        {
            return new Refusal("wrong-stage", $"Only a submitted application can be withdrawn; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = CaseStatus.Withdrawn;
        Reason = reason;
        DecidedAt = now;
        Version++;
        return null;
    }

    /// <summary>Arrival confirmed by the address register: the social contract starts and the support is scheduled.</summary>
    public Refusal? Arrive(DateOnly on, int contractYears, IEnumerable<SupportPayment> schedule, string check)
    {
        if (Status != CaseStatus.Approved)
        {
            return new Refusal("wrong-stage", $"Arrival is confirmed for an approved case; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = CaseStatus.Arrived;
        ArrivedOn = on;
        ContractEndsOn = on.AddYears(contractYears);
        LastAddressCheckOn = on;
        LastAddressCheck = check;
        payments.AddRange(schedule);
        Version++;
        return null;
    }

    public void Touch() => Version++;

    public Refusal? ChangeAccount(string account)
    {
        if (Status is CaseStatus.Refused or CaseStatus.Withdrawn or CaseStatus.Departed)
        {
            return new Refusal("wrong-stage", "The payout account is kept while support can still be paid.");
        }

        PayoutAccount = account;
        Version++;
        return null;
    }

    public Refusal? AddressChecked(DateOnly on, string result)
    {
        if (Status != CaseStatus.Arrived)
        {
            return new Refusal("wrong-stage", "The address is checked while the social contract is in force.");
        }

        LastAddressCheckOn = on;
        LastAddressCheck = result;
        Version++;
        return null;
    }

    /// <summary>The family left the region before the contract ended: the refund claim the pack computed is opened.</summary>
    public void Departed(DateOnly on, decimal refund, string basis, int instalments, string detail)
    {
        Status = CaseStatus.Departed;
        DepartedOn = on;
        RefundStatus = refund > 0 ? RefundStatus.Open : RefundStatus.None;
        RefundKzt = refund;
        RefundBasis = basis;
        RefundInstalments = instalments;
        RefundDetail = detail;
        HoldsSeat = false;
        foreach (var payment in payments.Where(p => p.Status is PaymentStatus.Scheduled or PaymentStatus.Failed))
        {
            payment.Cancel("The participant left the region before the end of the social contract.");
        }

        Version++;
    }

    public Refusal? DecideRefund(bool confirm, string officer, string? reason)
    {
        if (RefundStatus != RefundStatus.Open)
        {
            return new Refusal("no-open-refund", "This case has no open refund claim.");
        }

        RefundStatus = confirm ? RefundStatus.Confirmed : RefundStatus.Waived;
        RefundDecidedBy = officer;
        RefundReason = reason;
        Version++;
        return null;
    }

    private Refusal? Decide(CaseStatus to, string officer, string? reason, DateTimeOffset now, bool seat)
    {
        if (Status != CaseStatus.Submitted)
        {
            return new Refusal("wrong-stage", $"This application is already {Status.ToString().ToLowerInvariant()}.");
        }

        Status = to;
        DecidedBy = officer;
        DecidedAt = now;
        Reason = reason;
        HoldsSeat = seat;
        Version++;
        return null;
    }
}

/// <summary>A region's seats for a year and programme; <see cref="Used"/> only moves by a conditional UPDATE.</summary>
public sealed class ResettlementQuota
{
    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public RegionCode Region { get; private set; }

    public Programme Programme { get; private set; }

    public int Seats { get; private set; }

    public int Used { get; private set; }

    public static ResettlementQuota Create(int year, RegionCode region, Programme programme, int seats, int used = 0) =>
        new() { Id = Guid.NewGuid(), Year = year, Region = region, Programme = programme, Seats = seats, Used = used };
}

public sealed record MemberInput(string Name, string? Iin, string? Passport, DateOnly BirthDate, string Relation);

public sealed record ResettlementApplication(
    Programme Programme, string Origin, RegionCode Destination, bool RegisteredJobSeeker, int PermanentRegistrationMonths, string KandasCondition,
    decimal HousingCost, string PayoutAccount, IReadOnlyList<MemberInput> Members);
