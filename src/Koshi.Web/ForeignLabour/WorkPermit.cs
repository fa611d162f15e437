using Koshi.Policy;
using Koshi.Web.Reference;

namespace Koshi.Web.ForeignLabour;

/// <summary>What the employer asks for: the worker, the job and the term.</summary>
public sealed record PermitRequest(
    PermitType Type,
    PermitCategory Category,
    string WorkerName,
    PassportNumber WorkerPassport,
    CountryCode WorkerCitizenship,
    DateOnly WorkerBirthDate,
    IscoCode Isco,
    Qualification Qualification,
    int ExperienceYears,
    RegionCode Region,
    DateOnly StartOn,
    int DurationDays,
    bool HoldsResidencePermit = false,
    bool FamilyReunification = false,
    bool FullyForeignOwnedEmployer = false,
    string? HouseholdEmployerIin = null,
    string? HouseholdEmployerName = null,
    bool EducationRelevant = false,
    bool QualificationRecognised = false,
    string LanguageLevel = "none")
{
    /// <summary>The skills the employer declares, assessed by the pack's worker-assessment scheme.</summary>
    public WorkerFacts Facts => new(Qualification, EducationRelevant, ExperienceYears, QualificationRecognised, LanguageLevel);

    /// <summary>The facts the pack needs to decide whether the worker needs a permit at all.</summary>
    public Exemptions Exemptions => new(HoldsResidencePermit, FamilyReunification, FullyForeignOwnedEmployer);
}

/// <summary>What the law says about a request, worked out by the pack before the permit exists.</summary>
public sealed record PermitAssessment(
    IReadOnlyList<RuleCheck> Checks,
    string? Pool,
    string SectorGroup,
    bool Skilled,
    int IscoSkillLevel,
    string PackHash,
    bool Ranked = false);

/// <summary>
/// A permit to employ a named foreign worker, from application to the end of its term. Every transition checks the
/// status it starts from and refuses otherwise; <see cref="Version"/> makes two officers acting at once conflict.
/// </summary>
public sealed class WorkPermit : Koshi.Web.Platform.Storage.INumberedCase
{
    private readonly List<PermitInvoice> invoices = [];

    private WorkPermit()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The application's case number (2026-000123), given when it is lodged; the permit number comes at issue.</summary>
    public string CaseNumber { get; private set; } = string.Empty;

    string Koshi.Web.Platform.Storage.INumberedCase.CaseSeries => "work-permit";

    int Koshi.Web.Platform.Storage.INumberedCase.CaseYear => AppliedOn.Year;

    void Koshi.Web.Platform.Storage.INumberedCase.AssignCaseNumber(string number) => CaseNumber = number;

    /// <summary>The permit number, given when it is issued.</summary>
    public string? Number { get; private set; }

    /// <summary>The organisation that employs the worker; null for a household permit.</summary>
    public Guid? EmployerId { get; private set; }

    /// <summary>The account that applied: the employer's, or the individual's for a household worker.</summary>
    public string OwnerId { get; private set; } = string.Empty;

    public string EmployerName { get; private set; } = string.Empty;

    /// <summary>The employer's BIN, or the individual employer's IIN for a household worker.</summary>
    public string EmployerIdentifier { get; private set; } = string.Empty;

    public OkedSection OkedSection { get; private set; }

    public string SectorGroup { get; private set; } = string.Empty;

    public Guid? VacancyId { get; private set; }

    public PermitType Type { get; private set; }

    public PermitCategory Category { get; private set; }

    /// <summary>The quota pool it counts against (cat1 … cat4, seasonal, household), or null when outside the quota.</summary>
    public string? Pool { get; private set; }

    public string WorkerName { get; private set; } = string.Empty;

    public PassportNumber WorkerPassport { get; private set; }

    public CountryCode WorkerCitizenship { get; private set; }

    public DateOnly WorkerBirthDate { get; private set; }

    public IscoCode Isco { get; private set; }

    public int IscoSkillLevel { get; private set; }

    public Qualification Qualification { get; private set; }

    public int ExperienceYears { get; private set; }

    /// <summary>Skilled by the pack's rule at application; counts toward the 95 % target.</summary>
    public bool Skilled { get; private set; }

    public RegionCode Region { get; private set; }

    public DateOnly StartOn { get; private set; }

    public int DurationDays { get; private set; }

    public DateOnly EndOn { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public DateOnly AppliedOn { get; private set; }

    public PermitStatus Status { get; private set; }

    /// <summary>The automated checks as JSON (rule, passed, detail, source), kept as made.</summary>
    public string ChecksJson { get; private set; } = "[]";

    public string PackHash { get; private set; } = string.Empty;

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary>The quota year whose seat the permit holds.</summary>
    public int? QuotaYear { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public int Version { get; private set; }

    public bool EducationRelevant { get; private set; }

    public bool QualificationRecognised { get; private set; }

    public string LanguageLevel { get; private set; } = "none";

    /// <summary>Each declared fact's check by the officer (declared, accepted, rejected), as JSON.</summary>
    public string EvidenceJson { get; private set; } = "{}";

    /// <summary>The officer's reason for each checked fact (required for a rejection), as JSON.</summary>
    public string EvidenceReasonsJson { get; private set; } = "{}";

    /// <summary>The worker-assessment points (null for permits lodged before assessments were made).</summary>
    public int? AssessmentPoints { get; private set; }

    public string? AssessmentTier { get; private set; }

    public bool AssessmentInDemand { get; private set; }

    public DateOnly? AssessmentLawDate { get; private set; }

    public string? AssessmentPackHash { get; private set; }

    /// <summary>The engine's explanation of the assessment and the changes that would raise it, as made.</summary>
    public string? AssessmentJson { get; private set; }

    /// <summary>The pool's seats go by ranked rounds (the pack's reading on the day of lodgement): it waits for one.</summary>
    public bool Ranked { get; private set; }

    /// <summary>The round that gave this application its seat; null while it waits.</summary>
    public Guid? RoundId { get; private set; }

    /// <summary>Holds a seat the round gave it but is not yet issued: the seat is given back if it is refused or withdrawn.</summary>
    public bool HoldsRoundSeat => RoundId is not null && Status is PermitStatus.Submitted or PermitStatus.Approved or PermitStatus.Paid;

    public WorkerFacts DeclaredFacts => new(Qualification, EducationRelevant, ExperienceYears, QualificationRecognised, LanguageLevel);

    public IReadOnlyDictionary<string, EvidenceStatus> Evidence => EvidenceCodec.Read(EvidenceJson);

    public IReadOnlyDictionary<string, string> EvidenceReasons => EvidenceCodec.ReadReasons(EvidenceReasonsJson);

    /// <summary>Records a new assessment (at lodgement, and again when the officer accepts or rejects evidence).</summary>
    public void Assessed(WorkerScore score)
    {
        (AssessmentPoints, AssessmentTier, AssessmentInDemand, AssessmentLawDate, AssessmentPackHash) =
            (score.Points, score.Tier, score.InDemand, score.LawDate, score.PackHash);
        AssessmentJson = System.Text.Json.JsonSerializer.Serialize(
            new { explanation = System.Text.Json.Nodes.JsonNode.Parse(score.ExplanationJson), raises = score.Raises }, System.Text.Json.JsonSerializerOptions.Web);
    }

    /// <summary>The officer's check of one evidence item; only while the application is open.</summary>
    public Refusal? CheckEvidence(string item, bool accepted, string? reason = null)
    {
        if (Status is not (PermitStatus.Submitted or PermitStatus.Approved or PermitStatus.Paid))
        {
            return WrongStatus("re-assessed");
        }

        var evidence = new Dictionary<string, EvidenceStatus>(Evidence) { [item] = accepted ? EvidenceStatus.Accepted : EvidenceStatus.Rejected };
        EvidenceJson = EvidenceCodec.Write(evidence);
        var reasons = new Dictionary<string, string>(EvidenceReasons);
        if (reason is null)
        {
            reasons.Remove(item);
        }
        else
        {
            reasons[item] = reason;
        }

        EvidenceReasonsJson = EvidenceCodec.WriteReasons(reasons);
        Version++;
        return null;
    }

    /// <summary>Leaves a ranked pool unadmitted: it waited longer than the pack allows. An open fee invoice is cancelled.</summary>
    public Refusal? Lapse(string reason, DateTimeOffset now)
    {
        if (!Ranked || RoundId is not null || Status is not (PermitStatus.Submitted or PermitStatus.Approved or PermitStatus.Paid))
        {
            return WrongStatus("lapsed");
        }

        OpenInvoice?.Cancel();
        (Reason, ClosedAt, Status) = (reason, now, PermitStatus.Lapsed);
        Version++;
        return null;
    }

    public IReadOnlyList<PermitInvoice> Invoices => invoices;

    public PermitInvoice? OpenInvoice => invoices.FirstOrDefault(i => i.Status is InvoiceStatus.Open or InvoiceStatus.Charging);

    /// <summary>Holds a quota seat: issued and not yet revoked or ended.</summary>
    public bool HoldsSeat => Status == PermitStatus.Issued && Pool is not null;

    /// <summary>Issued permits whose term is over read as expired; nothing needs to run at midnight.</summary>
    public string StatusOn(DateOnly today) =>
        Status == PermitStatus.Issued && EndOn < today ? "expired" : Status.ToString().ToLowerInvariant();

    public static WorkPermit Apply(
        PermitRequest request, PermitAssessment assessment, string ownerId, string employerName, string employerIdentifier,
        Guid? employerId, OkedSection okedSection, Guid? vacancyId, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            EmployerId = employerId,
            OwnerId = ownerId,
            EmployerName = employerName,
            EmployerIdentifier = employerIdentifier,
            OkedSection = okedSection,
            SectorGroup = assessment.SectorGroup,
            VacancyId = vacancyId,
            Type = request.Type,
            Category = request.Category,
            Pool = assessment.Pool,
            WorkerName = request.WorkerName,
            WorkerPassport = request.WorkerPassport,
            WorkerCitizenship = request.WorkerCitizenship,
            WorkerBirthDate = request.WorkerBirthDate,
            Isco = request.Isco,
            IscoSkillLevel = assessment.IscoSkillLevel,
            Qualification = request.Qualification,
            ExperienceYears = request.ExperienceYears,
            Skilled = assessment.Skilled,
            Region = request.Region,
            StartOn = request.StartOn,
            DurationDays = request.DurationDays,
            EndOn = request.StartOn.AddDays(request.DurationDays - 1),
            AppliedAt = now,
            AppliedOn = LegalClock.DateOf(now),
            Status = PermitStatus.Submitted,
            ChecksJson = System.Text.Json.JsonSerializer.Serialize(assessment.Checks, System.Text.Json.JsonSerializerOptions.Web),
            PackHash = assessment.PackHash,
            EducationRelevant = request.EducationRelevant,
            QualificationRecognised = request.QualificationRecognised,
            LanguageLevel = request.LanguageLevel,
            Ranked = assessment.Ranked,
            Version = 1,
        };

    public Refusal? Approve(string officer, PermitInvoice invoice, DateTimeOffset now)
    {
        if (Status != PermitStatus.Submitted)
        {
            return WrongStatus("approved");
        }

        (DecidedBy, DecidedAt) = (officer, now);
        invoices.Add(invoice);
        Status = invoice.Status == InvoiceStatus.Paid ? PermitStatus.Paid : PermitStatus.Approved;
        Version++;
        return null;
    }

    public Refusal? Refuse(string officer, string reason, DateTimeOffset now)
    {
        if (Status != PermitStatus.Submitted)
        {
            return WrongStatus("refused");
        }

        (DecidedBy, DecidedAt, Reason, ClosedAt, Status) = (officer, now, reason, now, PermitStatus.Refused);
        Version++;
        return null;
    }

    public Refusal? Withdraw(string? reason, DateTimeOffset now)
    {
        if (Status is not (PermitStatus.Submitted or PermitStatus.Approved))
        {
            return WrongStatus("withdrawn");
        }

        OpenInvoice?.Cancel();
        (Reason, ClosedAt, Status) = (reason, now, PermitStatus.Withdrawn);
        Version++;
        return null;
    }

    /// <summary>Marks the open invoice as being charged, saved before the gateway is asked, so a charge whose record is
    /// lost (a timeout, a failed save) is found and reconciled on the next attempt instead of charged again.</summary>
    public Refusal? StartCharge(PermitInvoice invoice)
    {
        if (invoice.Status is not (InvoiceStatus.Open or InvoiceStatus.Charging))
        {
            return new Refusal("invoice-not-open", "This invoice is not open for payment.");
        }

        invoice.SetCharging(true);
        Version++;
        return null;
    }

    /// <summary>The gateway declined the charge: nothing was taken, the invoice is open again.</summary>
    public void ChargeDeclined(PermitInvoice invoice)
    {
        if (invoice.Status == InvoiceStatus.Charging)
        {
            invoice.SetCharging(false);
            Version++;
        }
    }

    /// <summary>Records a confirmed payment of the open invoice: a permit fee makes it ready to issue, an extension fee extends it.</summary>
    public Refusal? RecordPayment(PermitInvoice invoice, string reference, Tenge paidKzt, Tenge mrp, DateTimeOffset now)
    {
        if (invoice.Status is not (InvoiceStatus.Open or InvoiceStatus.Charging))
        {
            return new Refusal("invoice-not-open", "This invoice is not open for payment.");
        }

        invoice.MarkPaid(reference, paidKzt, mrp, now);
        if (invoice.Purpose == InvoicePurpose.Permit)
        {
            Status = PermitStatus.Paid;
        }
        else
        {
            DurationDays += invoice.DurationDays;
            EndOn = EndOn.AddDays(invoice.DurationDays);
        }

        Version++;
        return null;
    }

    public Refusal? Issue(string number, int quotaYear, DateTimeOffset now)
    {
        if (Status != PermitStatus.Paid)
        {
            return Status == PermitStatus.Approved
                ? new Refusal("fee-unpaid", "The fee is not paid: a permit is issued only when its invoice is paid.")
                : WrongStatus("issued");
        }

        (Number, QuotaYear, IssuedAt, Status) = (number, quotaYear, now, PermitStatus.Issued);
        Version++;
        return null;
    }

    public Refusal? RequestExtension(PermitInvoice invoice, DateOnly today)
    {
        if (Status != PermitStatus.Issued || EndOn < today)
        {
            return new Refusal("not-extendable-now", "Only a permit in force can be extended.");
        }

        if (OpenInvoice is not null)
        {
            return new Refusal("invoice-open", "An extension is already waiting for payment.");
        }

        invoices.Add(invoice);
        if (invoice.Status == InvoiceStatus.Paid)
        {
            DurationDays += invoice.DurationDays;
            EndOn = EndOn.AddDays(invoice.DurationDays);
        }

        Version++;
        return null;
    }

    public Refusal? Revoke(string officer, string reason, DateTimeOffset now)
    {
        if (Status != PermitStatus.Issued)
        {
            return WrongStatus("revoked");
        }

        OpenInvoice?.Cancel();
        (DecidedBy, Reason, ClosedAt, Status) = (officer, reason, now, PermitStatus.Revoked);
        Version++;
        return null;
    }

    public Refusal? EndEarly(DateOnly on, string? reason, DateTimeOffset now)
    {
        if (Status != PermitStatus.Issued)
        {
            return WrongStatus("ended");
        }

        if (on < StartOn || on > EndOn)
        {
            return new Refusal("end-outside-term", $"The end date must fall within the permit's term ({StartOn:yyyy-MM-dd} to {EndOn:yyyy-MM-dd}).", "endOn");
        }

        OpenInvoice?.Cancel();
        (EndOn, Reason, ClosedAt, Status) = (on, reason, now, PermitStatus.Ended);
        Version++;
        return null;
    }

    private Refusal WrongStatus(string action) =>
        new("wrong-status", $"A permit application that is {Status.ToString().ToLowerInvariant()} cannot be {action}.");
}

/// <summary>The fee for issuing or extending a permit: fixed in MRP by the pack, charged in tenge at the MRP of the payment date.</summary>
public sealed class PermitInvoice
{
    private PermitInvoice()
    {
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; } = string.Empty;

    public InvoicePurpose Purpose { get; private set; }

    public int DurationDays { get; private set; }

    public Mrp FeeMrp { get; private set; }

    /// <summary>The amount in tenge at the MRP of the day the invoice was made; the payment uses the MRP of its own day.</summary>
    public Tenge QuotedKzt { get; private set; }

    public DateOnly QuotedOn { get; private set; }

    /// <summary>The rule and sources the fee came from.</summary>
    public string FeeRule { get; private set; } = string.Empty;

    public InvoiceStatus Status { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public Tenge? PaidKzt { get; private set; }

    /// <summary>The value of one MRP in tenge on the day of payment.</summary>
    public Tenge? MrpOnPayment { get; private set; }

    public string? PaymentReference { get; private set; }

    public static PermitInvoice Create(string number, InvoicePurpose purpose, int durationDays, Mrp feeMrp, Tenge quotedKzt, string feeRule, DateTimeOffset now)
    {
        var invoice = new PermitInvoice
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            Purpose = purpose,
            DurationDays = durationDays,
            FeeMrp = feeMrp,
            QuotedKzt = quotedKzt,
            QuotedOn = LegalClock.DateOf(now),
            FeeRule = feeRule,
            Status = InvoiceStatus.Open,
        };
        if (feeMrp.Amount == 0)
        {
            invoice.MarkPaid("no fee due", Tenge.Zero, Tenge.Zero, now);
        }

        return invoice;
    }

    internal void MarkPaid(string reference, Tenge paidKzt, Tenge mrp, DateTimeOffset now) =>
        (Status, PaymentReference, PaidKzt, MrpOnPayment, PaidAt) = (InvoiceStatus.Paid, reference, paidKzt, mrp, now);

    internal void Cancel() => Status = InvoiceStatus.Cancelled;

    internal void SetCharging(bool charging) => Status = charging ? InvoiceStatus.Charging : InvoiceStatus.Open;
}

/// <summary>The seats of one quota pool in one region for one year; <see cref="Used"/> only moves by conditional updates.</summary>
public sealed class QuotaAllocation
{
    private QuotaAllocation()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public RegionCode Region { get; private set; }

    public string Pool { get; private set; } = string.Empty;

    public int Seats { get; private set; }

    public int Used { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public static QuotaAllocation Create(int year, RegionCode region, string pool, int seats, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Year = year,
        Region = region,
        Pool = pool,
        Seats = seats,
        UpdatedAt = now,
        UpdatedBy = by,
    };

    public void SetSeats(int seats, string by, DateTimeOffset now) => (Seats, UpdatedBy, UpdatedAt) = (seats, by, now);

    /// <summary>Sets <see cref="Used"/> to the count of permits holding a seat (the start-up reconciliation only).</summary>
    internal void ReconcileUsed(int used) => Used = used;
}

/// <summary>
/// The national figure of one pool in one year, as the pack gave it, and the seats the regions hold of it. A region's
/// seats only change together with <see cref="Allocated"/>, by a conditional update in the same transaction, and a check
/// constraint keeps <see cref="Allocated"/> within <see cref="Seats"/>: the regions can never hold more than the nation has.
/// </summary>
public sealed class QuotaNational
{
    private QuotaNational()
    {
    }

    public int Year { get; private set; }

    public string Pool { get; private set; } = string.Empty;

    /// <summary>The national figure from the policy pack.</summary>
    public long Seats { get; private set; }

    /// <summary>The sum of the regions' seats in this pool and year.</summary>
    public long Allocated { get; private set; }

    public static QuotaNational Create(int year, string pool, long seats, long allocated) => new()
    {
        Year = year, Pool = pool, Seats = seats, Allocated = allocated,
    };

    /// <summary>Sets <see cref="Allocated"/> to the regions' sum (the start-up reconciliation only).</summary>
    internal void ReconcileAllocated(long allocated) => Allocated = allocated;
}

/// <summary>One change of a region's allocation by the ministry, with its reason: the quota's history.</summary>
public sealed class QuotaChange
{
    private QuotaChange()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public RegionCode Region { get; private set; }

    public string Pool { get; private set; } = string.Empty;

    public int SeatsBefore { get; private set; }

    public int SeatsAfter { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public string ChangedBy { get; private set; } = string.Empty;

    public DateTimeOffset At { get; private set; }

    public static QuotaChange Record(QuotaAllocation allocation, int before, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Year = allocation.Year,
        Region = allocation.Region,
        Pool = allocation.Pool,
        SeatsBefore = before,
        SeatsAfter = allocation.Seats,
        Reason = reason,
        ChangedBy = by,
        At = now,
    };
}
