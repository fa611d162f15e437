using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Koshi.Web.ForeignLabour;

/// <summary>
/// How employers, vacancies, permits and quotas are stored. The capability's value types are stored as the text or
/// number they wrap, in the same columns as before; what is read back was checked when it was written.
/// </summary>
internal static class ForeignLabourMapping
{
    /// <summary>For the nullable amounts: EF Core never passes null to a converter, so the non-nullable one serves both.</summary>
    private static readonly ValueConverter<Tenge, decimal> TengeAmount = new(v => v.Amount, v => Tenge.FromStorage(v));

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Employer>(employer =>
        {
            employer.ToTable("Employers");
            employer.HasKey(e => e.Id);
            employer.Property(e => e.Id).ValueGeneratedNever();
            employer.Property(e => e.Bin).HasMaxLength(12);
            employer.Property(e => e.Name).HasMaxLength(300);
            employer.Property(e => e.OkedSection).HasConversion(v => v.Value, v => OkedSection.FromStorage(v)).HasMaxLength(1);
            employer.Property(e => e.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            employer.Property(e => e.OwnerId).HasMaxLength(100);
            employer.Property(e => e.Version).IsConcurrencyToken();
            employer.Ignore(e => e.Staff);
            employer.HasIndex(e => e.Bin).IsUnique();
            employer.HasIndex(e => e.OwnerId);
        });

        builder.Entity<StaffDeclarationRecord>(declaration =>
        {
            declaration.ToTable("StaffDeclarations");
            declaration.HasKey(d => d.Id);
            declaration.Property(d => d.Id).ValueGeneratedNever();
            declaration.Ignore(d => d.Staff);
            declaration.HasIndex(d => new { d.EmployerId, d.DeclaredOn });
        });

        builder.Entity<Vacancy>(vacancy =>
        {
            vacancy.ToTable("Vacancies");
            vacancy.HasKey(v => v.Id);
            vacancy.Property(v => v.Id).ValueGeneratedNever();
            vacancy.Property(v => v.Reference).HasMaxLength(30);
            vacancy.Property(v => v.Title).HasMaxLength(300);
            vacancy.Property(v => v.Isco).HasConversion(v => v.Value, v => IscoCode.FromStorage(v)).HasMaxLength(4);
            vacancy.Property(v => v.Category).HasConversion<string>().HasMaxLength(10);
            vacancy.Property(v => v.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            vacancy.HasIndex(v => v.Reference).IsUnique();
            vacancy.HasIndex(v => v.EmployerId);
        });

        builder.Entity<WorkPermit>(permit =>
        {
            permit.ToTable("WorkPermits");
            permit.HasKey(p => p.Id);
            permit.Property(p => p.Id).ValueGeneratedNever();
            permit.Property(p => p.Number).HasMaxLength(30);
            permit.Property(p => p.OwnerId).HasMaxLength(100);
            permit.Property(p => p.EmployerName).HasMaxLength(300);
            permit.Property(p => p.EmployerIdentifier).HasMaxLength(12);
            permit.Property(p => p.OkedSection).HasConversion(v => v.Value, v => OkedSection.FromStorage(v)).HasMaxLength(1);
            permit.Property(p => p.SectorGroup).HasMaxLength(10);
            permit.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
            permit.Property(p => p.Category).HasConversion<string>().HasMaxLength(10);
            permit.Property(p => p.Pool).HasMaxLength(10);
            permit.Property(p => p.WorkerName).HasMaxLength(200);
            permit.Property(p => p.WorkerPassport).HasConversion(v => v.Value, v => PassportNumber.FromStorage(v)).HasMaxLength(20);
            permit.Property(p => p.WorkerCitizenship).HasConversion(v => v.Value, v => CountryCode.FromStorage(v)).HasMaxLength(2);
            permit.Property(p => p.Isco).HasConversion(v => v.Value, v => IscoCode.FromStorage(v)).HasMaxLength(4);
            permit.Property(p => p.Qualification).HasConversion<string>().HasMaxLength(12);
            permit.Property(p => p.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            permit.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
            permit.Property(p => p.PackHash).HasMaxLength(71);
            permit.Property(p => p.DecidedBy).HasMaxLength(300);
            permit.Property(p => p.Reason).HasMaxLength(2000);
            permit.Property(p => p.Version).IsConcurrencyToken();
            permit.Ignore(p => p.OpenInvoice);
            permit.Ignore(p => p.HoldsSeat);
            permit.Ignore(p => p.HoldsRoundSeat);
            permit.Ignore(p => p.DeclaredFacts);
            permit.Ignore(p => p.Evidence);
            permit.Property(p => p.LanguageLevel).HasMaxLength(4);
            permit.Property(p => p.EvidenceJson).HasMaxLength(400);
            permit.Ignore(p => p.EvidenceReasons);
            permit.Property(p => p.EvidenceReasonsJson).HasMaxLength(8000);
            permit.Property(p => p.AssessmentTier).HasMaxLength(10);
            permit.Property(p => p.AssessmentPackHash).HasMaxLength(71);
            // The pool a round draws from: waiting applications of one region and pool, best first.
            permit.HasIndex(p => new { p.Region, p.Pool, p.RoundId, p.Status });
            permit.HasIndex(p => p.Number).IsUnique();
            permit.Property(p => p.CaseNumber).HasMaxLength(Koshi.Web.Platform.Storage.CaseNumbers.MaxLength);
            permit.HasIndex(p => p.CaseNumber).IsUnique();
            permit.HasIndex(p => p.OwnerId);
            permit.HasIndex(p => new { p.Region, p.Status });
            permit.HasIndex(p => new { p.EmployerId, p.Category, p.Status });
            permit.HasIndex(p => new { p.QuotaYear, p.Status });

            permit.OwnsMany(p => p.Invoices, invoice =>
            {
                invoice.ToTable("PermitInvoices");
                invoice.WithOwner().HasForeignKey("PermitId");
                invoice.HasKey(i => i.Id);
                invoice.Property(i => i.Id).ValueGeneratedNever();
                invoice.Property(i => i.Number).HasMaxLength(40);
                invoice.Property(i => i.Purpose).HasConversion<string>().HasMaxLength(10);
                invoice.Property(i => i.Status).HasConversion<string>().HasMaxLength(10);
                invoice.Property(i => i.FeeMrp).HasConversion(v => v.Amount, v => Mrp.FromStorage(v)).HasPrecision(12, 2);
                invoice.Property(i => i.QuotedKzt).HasConversion(v => v.Amount, v => Tenge.FromStorage(v)).HasPrecision(14, 2);
                invoice.Property(i => i.PaidKzt).HasConversion(TengeAmount).HasPrecision(14, 2);
                invoice.Property(i => i.MrpOnPayment).HasConversion(TengeAmount).HasPrecision(12, 2);
                invoice.Property(i => i.FeeRule).HasMaxLength(4000);
                invoice.Property(i => i.PaymentReference).HasMaxLength(100);
                invoice.HasIndex(i => i.Number).IsUnique();
            });
            permit.Navigation(p => p.Invoices).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<QuotaAllocation>(quota =>
        {
            quota.ToTable("QuotaAllocations");
            quota.HasKey(q => q.Id);
            quota.Property(q => q.Id).ValueGeneratedNever();
            quota.Property(q => q.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            quota.Property(q => q.Pool).HasMaxLength(10);
            quota.Property(q => q.UpdatedBy).HasMaxLength(300);
            quota.HasIndex(q => new { q.Year, q.Region, q.Pool }).IsUnique();
            quota.ToTable(t => t.HasCheckConstraint("CK_QuotaAllocations_Used", "\"Used\" >= 0 AND \"Used\" <= \"Seats\""));
        });

        builder.Entity<AllocationRound>(round =>
        {
            round.ToTable("AllocationRounds", t => t.HasCheckConstraint("CK_AllocationRounds_Admitted", "\"Admitted\" >= 0 AND \"Admitted\" <= \"SeatsOffered\""));
            round.HasKey(r => r.Id);
            round.Property(r => r.Id).ValueGeneratedNever();
            round.Property(r => r.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            round.Property(r => r.Pool).HasMaxLength(10);
            round.Property(r => r.PackHash).HasMaxLength(71);
            round.Property(r => r.StartedBy).HasMaxLength(300);
            round.HasIndex(r => new { r.Year, r.Region, r.Pool, r.Number }).IsUnique();
            // One scheduled round per region, pool and slot (rounds the ministry starts have no slot).
            round.HasIndex(r => new { r.Region, r.Pool, r.Slot }).IsUnique();
        });

        builder.Entity<QuotaNational>(national =>
        {
            national.ToTable("QuotaNationals", t => t.HasCheckConstraint("CK_QuotaNationals_Allocated", "\"Allocated\" >= 0 AND \"Allocated\" <= \"Seats\""));
            national.HasKey(n => new { n.Year, n.Pool });
            national.Property(n => n.Pool).HasMaxLength(10);
        });

        builder.Entity<QuotaChange>(change =>
        {
            change.ToTable("QuotaChanges");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            change.Property(c => c.Pool).HasMaxLength(10);
            change.Property(c => c.Reason).HasMaxLength(1000);
            change.Property(c => c.ChangedBy).HasMaxLength(300);
            change.HasIndex(c => new { c.Year, c.Region, c.Pool });
        });
    }
}
