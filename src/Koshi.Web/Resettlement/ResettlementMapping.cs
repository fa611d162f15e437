using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Resettlement;

/// <summary>How resettlement cases, their families and payments, and the regional quotas are stored.</summary>
internal static class ResettlementMapping
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ResettlementCase>(c =>
        {
            c.ToTable("ResettlementCases");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Reference).HasMaxLength(30);
            c.Property(x => x.OwnerId).HasMaxLength(100);
            c.Property(x => x.ApplicantName).HasMaxLength(200);
            c.Property(x => x.ApplicantIin).HasMaxLength(12);
            c.Property(x => x.ApplicantNameKey).HasMaxLength(200);
            c.Property(x => x.CaseNumber).HasMaxLength(Koshi.Web.Platform.Storage.CaseNumbers.MaxLength);
            c.Property(x => x.Programme).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.Origin).HasMaxLength(6);
            c.Property(x => x.Destination).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            c.Property(x => x.KandasCondition).HasMaxLength(30);
            c.Property(x => x.HousingCost).HasPrecision(16, 2);
            c.Property(x => x.PayoutAccount).HasMaxLength(34);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.PackHash).HasMaxLength(71);
            c.Property(x => x.DecidedBy).HasMaxLength(300);
            c.Property(x => x.Reason).HasMaxLength(2000);
            c.Property(x => x.LastAddressCheck).HasMaxLength(300);
            c.Property(x => x.RefundStatus).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.RefundKzt).HasPrecision(16, 2);
            c.Property(x => x.RefundBasis).HasMaxLength(20);
            c.Property(x => x.RefundDetail).HasMaxLength(8000);
            c.Property(x => x.RefundDecidedBy).HasMaxLength(300);
            c.Property(x => x.RefundReason).HasMaxLength(2000);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.FamilySize);
            // One application a person a year: the database refuses a second, even from two requests at once.
            c.HasIndex(x => new { x.ApplicantIin, x.Year }).IsUnique();
            c.HasIndex(x => x.Reference).IsUnique();
            c.HasIndex(x => x.CaseNumber).IsUnique();
            c.HasIndex(x => new { x.Destination, x.DueOn });
            // Holds only the cases still without a decision day: the start-up check for them reads an empty index.
            c.HasIndex(x => x.Id).HasFilter("\"DueOn\" IS NULL").HasDatabaseName("IX_ResettlementCases_NoDueOn");
            c.HasIndex(x => x.OwnerId);
            c.HasIndex(x => new { x.Destination, x.Status });
            c.HasIndex(x => x.ArrivedOn);

            c.OwnsMany(x => x.Members, m =>
            {
                m.ToTable("ResettlementMembers");
                m.WithOwner().HasForeignKey("CaseId");
                m.HasKey(x => x.Id);
                m.Property(x => x.Id).ValueGeneratedNever();
                m.Property(x => x.Name).HasMaxLength(200);
                m.Property(x => x.Iin).HasMaxLength(12);
                m.Property(x => x.Passport).HasMaxLength(20);
                m.Property(x => x.Relation).HasMaxLength(20);
            });
            c.Navigation(x => x.Members).UsePropertyAccessMode(PropertyAccessMode.Field);

            c.OwnsMany(x => x.Payments, p =>
            {
                p.ToTable("ResettlementPayments");
                p.WithOwner().HasForeignKey("CaseId");
                p.HasKey(x => x.Id);
                p.Property(x => x.Id).ValueGeneratedNever();
                p.Property(x => x.Reference).HasMaxLength(40);
                p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
                p.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
                p.Property(x => x.PlannedKzt).HasPrecision(16, 2);
                p.Property(x => x.PaidKzt).HasPrecision(16, 2);
                p.Property(x => x.LastError).HasMaxLength(1000);
                p.Property(x => x.GatewayReference).HasMaxLength(100);
                p.Property(x => x.Basis).HasMaxLength(4000);
                // A reference is paid once: it is the idempotency key sent to the treasury.
                p.HasIndex(x => x.Reference).IsUnique();
                p.HasIndex(x => new { x.DueOn, x.Status });
            });
            c.Navigation(x => x.Payments).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<EmployerSubsidyClaim>(c =>
        {
            c.ToTable("EmployerSubsidyClaims");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Reference).HasMaxLength(30);
            c.Property(x => x.CaseReference).HasMaxLength(30);
            c.Property(x => x.ParticipantName).HasMaxLength(200);
            c.Property(x => x.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            c.Property(x => x.EmployerId).HasMaxLength(100);
            c.Property(x => x.EmployerBin).HasMaxLength(12);
            c.Property(x => x.EmployerName).HasMaxLength(300);
            c.Property(x => x.PayoutAccount).HasMaxLength(34);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            c.Property(x => x.ChecksJson).HasMaxLength(8000);
            c.Property(x => x.DecidedBy).HasMaxLength(300);
            c.Property(x => x.Reason).HasMaxLength(2000);
            c.Property(x => x.AmountKzt).HasPrecision(16, 2);
            c.Property(x => x.AmountSource).HasMaxLength(4000);
            c.Property(x => x.PaymentError).HasMaxLength(1000);
            c.Property(x => x.PaidKzt).HasPrecision(16, 2);
            c.Property(x => x.GatewayReference).HasMaxLength(100);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.PaymentReference);
            c.HasOne<ResettlementCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            // The subsidy is paid once a participant: at most one claim that is not refused, whoever sends it and however many at once.
            c.HasIndex(x => x.CaseId).IsUnique().HasFilter("\"Status\" <> 'Refused'").HasDatabaseName("IX_EmployerSubsidyClaims_Live");
            c.HasIndex(x => x.Reference).IsUnique();
            c.HasIndex(x => x.EmployerId);
            c.HasIndex(x => new { x.Region, x.Status });
        });

        builder.Entity<ResettlementQuota>(q =>
        {
            q.ToTable("ResettlementQuotas");
            q.HasKey(x => x.Id);
            q.Property(x => x.Id).ValueGeneratedNever();
            q.Property(x => x.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            q.Property(x => x.Programme).HasConversion<string>().HasMaxLength(10);
            q.HasIndex(x => new { x.Year, x.Region, x.Programme }).IsUnique();
            q.ToTable(t => t.HasCheckConstraint("CK_ResettlementQuotas_Used", "\"Used\" >= 0 AND \"Used\" <= \"Seats\""));
        });
    }
}
