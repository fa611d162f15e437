using System.Collections.Frozen;
using System.Reflection;

namespace Koshi.Web.Platform;

/// <summary>
/// Every refusal code the platform can answer with. A <see cref="Refusal"/> with a code not listed here cannot be made,
/// so this list is complete by construction, and a test holds that each code has its text in Kazakh, Russian and English
/// (under "refusal.{code}"). A new code is added here, with its three texts, before it is used.
/// </summary>
public static class RefusalCodes
{
    // Shared by every capability.
    public const string Required = "required";
    public const string OutOfRange = "out-of-range";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string LawNotApplicable = "law-not-applicable";

    // Identity.
    public const string NoIin = "no-iin";
    public const string NoBin = "no-bin";

    // Residence.
    public const string WrongStage = "wrong-stage";
    public const string AlreadyOpen = "already-open";
    public const string KaztestAttemptsUsed = "kaztest-attempts-used";
    public const string FutureDate = "future-date";
    public const string PastDate = "past-date";
    public const string PastTime = "past-time";
    public const string InterviewNotHeld = "interview-not-held";
    public const string InterviewHeld = "interview-held";
    public const string InterviewNotScheduled = "interview-not-scheduled";
    public const string ChecksWaiting = "checks-waiting";
    public const string CheckComplete = "check-complete";
    public const string StageIncomplete = "stage-incomplete";
    public const string GroundNotFailed = "ground-not-failed";
    public const string GroundsFailed = "grounds-failed";
    public const string NotScored = "not-scored";
    public const string Closed = "closed";

    // Foreign labour.
    public const string NoEmployer = "no-employer";
    public const string BinTaken = "bin-taken";
    public const string UnknownOccupation = "unknown-occupation";
    public const string PermitTerms = "permit-terms";
    public const string VacancyUnknown = "vacancy-unknown";
    public const string VacancyTooRecent = "vacancy-too-recent";
    public const string QuotaExhausted = "quota-exhausted";
    public const string LocalContent = "local-content";
    public const string IctLimit = "ict-limit";
    public const string WorkerRecord = "worker-record";
    public const string WorkerCheckUnavailable = "worker-check-unavailable";
    public const string PaymentDeclined = "payment-declined";
    public const string PaymentUnavailable = "payment-unavailable";
    public const string FeeUnpaid = "fee-unpaid";
    public const string WrongStatus = "wrong-status";
    public const string NothingToPay = "nothing-to-pay";
    public const string InvoiceNotOpen = "invoice-not-open";
    public const string NotExtendableNow = "not-extendable-now";
    public const string InvoiceOpen = "invoice-open";
    public const string BelowUsed = "below-used";
    public const string OverNationalQuota = "over-national-quota";
    public const string HouseholdLimit = "household-limit";
    public const string HouseholdNeedsPerson = "household-needs-person";
    public const string EndOutsideTerm = "end-outside-term";
    public const string QuotaChanged = "quota-changed";
    public const string UnknownPool = "unknown-pool";
    public const string SameRegion = "same-region";
    public const string NotEnoughFreeSeats = "not-enough-free-seats";
    public const string NoPermitNeeded = "no-permit-needed";
    public const string VacancyMismatch = "vacancy-mismatch";
    public const string StaffDeclarationNotInForce = "staff-declaration-not-in-force";
    public const string EmployerRecord = "employer-record";
    public const string EmployerCheckUnavailable = "employer-check-unavailable";
    public const string AwaitingRound = "awaiting-round";
    public const string PoolNotRanked = "pool-not-ranked";
    public const string RoundContended = "round-contended";

    // Resettlement.
    public const string NotEligible = "not-eligible";
    public const string DuplicateApplication = "duplicate-application";
    public const string DuplicateMember = "duplicate-member";
    public const string NoQuota = "no-quota";
    public const string ArrivalDate = "arrival-date";
    public const string AddressRegisterUnavailable = "address-register-unavailable";
    public const string NotRegistered = "not-registered";
    public const string RegisteredElsewhere = "registered-elsewhere";
    public const string NothingDue = "nothing-due";
    public const string NoOpenRefund = "no-open-refund";
    public const string UnknownParticipant = "unknown-participant";
    public const string SubsidyClaimed = "subsidy-claimed";

    // Private employment agencies.
    public const string ComplaintClosed = "complaint-closed";
    public const string InspectionDone = "inspection-done";
    public const string NotPending = "not-pending";
    public const string Excluded = "excluded";
    public const string StatusChange = "status-change";
    public const string BinNotYours = "bin-not-yours";
    public const string NoAgency = "no-agency";
    public const string AgencyNotActive = "agency-not-active";
    public const string UnknownPermit = "unknown-permit";
    public const string QuarterNotEnded = "quarter-not-ended";
    public const string ReportExists = "report-exists";
    public const string UnknownAgency = "unknown-agency";
    public const string UnknownInspection = "unknown-inspection";
    public const string PlanExists = "plan-exists";
    public const string UnknownStandard = "unknown-standard";
    public const string AlreadyRegistered = "already-registered";
    public const string PermitPlaced = "permit-placed";
    public const string NoRecordedDraw = "no-recorded-draw";

    /// <summary>Every code above, read from the constants so the list cannot drift from them.</summary>
    public static FrozenSet<string> All { get; } = typeof(RefusalCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The code itself when registered; an unregistered code is a programming error.</summary>
    public static string Registered(string code) => All.Contains(code)
        ? code
        : throw new ArgumentException($"Refusal code '{code}' is not in {nameof(RefusalCodes)}; add it there with its kk, ru and en text.", nameof(code));
}
