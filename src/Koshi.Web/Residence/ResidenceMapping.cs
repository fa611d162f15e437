using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Koshi.Web.Residence;

/// <summary>How a residence application is stored: one row per application, owned tables for its parts.</summary>
internal sealed class ResidenceMapping : IEntityTypeConfiguration<ResidenceApplication>
{
    public void Configure(EntityTypeBuilder<ResidenceApplication> application)
    {
        application.ToTable("ResidenceApplications");
        application.HasKey(a => a.Id);
        application.Property(a => a.Id).ValueGeneratedNever();
        application.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        application.Property(a => a.Stage).HasConversion<string>().HasMaxLength(20);
        application.Property(a => a.ApplicantId).HasMaxLength(100);
        application.Property(a => a.ApplicantName).HasMaxLength(200);
        application.Property(a => a.ApplicantNameKey).HasMaxLength(200);
        application.Property(a => a.CaseNumber).HasMaxLength(Koshi.Web.Platform.Storage.CaseNumbers.MaxLength);
        application.Property(a => a.ApplicantIin)
            .HasConversion(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Iin, string>(v => v.Value, v => Iin.Parse(v)))
            .HasMaxLength(12);
        application.Property(a => a.ApplicantPassport).HasMaxLength(20);
        application.Property(a => a.ApplicantCitizenship).HasMaxLength(2);
        application.Property(a => a.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.Property(a => a.WithdrawalReason).HasMaxLength(1000);
        application.HasIndex(a => a.ApplicantId);

        // Numbers people quote, and the officer's search by number and by IIN.
        application.HasIndex(a => a.CaseNumber).IsUnique();
        application.HasIndex(a => a.ApplicantIin);
        application.HasIndex(a => a.ApplicantPassport);

        // The officer's queue by due date (the default order and the overdue filter).
        application.HasIndex(a => new { a.Region, a.DueOn })
            .HasDatabaseName("IX_ResidenceApplications_OpenByDue")
            .HasFilter("\"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        application.HasIndex(a => new { a.Region, a.Stage });

        // The officer's queue: open applications of a region, by lodgement date.
        application.HasIndex(a => new { a.Region, a.LodgedOn })
            .HasDatabaseName("IX_ResidenceApplications_OpenQueue")
            .HasFilter("\"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        // One open application per applicant and kind, held by the database so that simultaneous lodges cannot both succeed.
        application.HasIndex(a => new { a.ApplicantId, a.Kind })
            .IsUnique()
            .HasDatabaseName("IX_ResidenceApplications_OneOpenPerKind")
            .HasFilter("\"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        // The same for a passport: one open application per passport, country and kind, whatever account lodged it.
        application.HasIndex(a => new { a.ApplicantCitizenship, a.ApplicantPassport, a.Kind })
            .IsUnique()
            .HasDatabaseName("IX_ResidenceApplications_OneOpenPerPassport")
            .HasFilter("\"ApplicantPassport\" IS NOT NULL AND \"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        application.Ignore(a => a.IsClosed);
        application.Ignore(a => a.BirthDate);
        application.Ignore(a => a.KaztestPassed);
        application.Ignore(a => a.OpenChecks);

        application.OwnsMany(a => a.KaztestAttempts, attempt =>
        {
            attempt.ToTable("ResidenceKaztestAttempts");
            attempt.WithOwner().HasForeignKey("ApplicationId");
            attempt.HasKey(x => x.Id);
            attempt.Property(x => x.Id).ValueGeneratedNever();
            attempt.Property(x => x.Certificate).HasMaxLength(50);
        });
        application.Navigation(a => a.KaztestAttempts).UsePropertyAccessMode(PropertyAccessMode.Field);

        application.OwnsOne(a => a.Score, score =>
        {
            score.ToTable("ResidenceScores");
            score.WithOwner().HasForeignKey("ApplicationId");
            score.Property(x => x.PackHash).HasMaxLength(71);
            score.Property(x => x.Outcome).HasMaxLength(20);
            score.Property(x => x.FailedGatesList).HasMaxLength(1000);
            score.Ignore(x => x.FailedGates);
        });

        application.OwnsMany(a => a.Checks, check =>
        {
            check.ToTable("ResidenceChecks");
            check.WithOwner().HasForeignKey("ApplicationId");
            check.HasKey(x => x.Id);
            check.Property(x => x.Id).ValueGeneratedNever();
            check.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            check.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            check.Property(x => x.Detail).HasMaxLength(500);
        });
        application.Navigation(a => a.Checks).UsePropertyAccessMode(PropertyAccessMode.Field);

        application.OwnsOne(a => a.Interview, interview =>
        {
            interview.ToTable("ResidenceInterviews");
            interview.WithOwner().HasForeignKey("ApplicationId");
            interview.Property(x => x.Place).HasMaxLength(300);
            interview.Property(x => x.ScheduledBy).HasMaxLength(100);
            interview.Property(x => x.RecordedBy).HasMaxLength(100);
            interview.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(10);
            interview.Property(x => x.Notes).HasMaxLength(2000);
        });

        application.OwnsOne(a => a.Decision, decision =>
        {
            decision.ToTable("ResidenceDecisions");
            decision.WithOwner().HasForeignKey("ApplicationId");
            decision.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(10);
            decision.Property(x => x.Ground).HasMaxLength(100);
            decision.Property(x => x.GroundDetail).HasMaxLength(500);
            decision.Property(x => x.Reasons).HasMaxLength(4000);
            decision.Property(x => x.DecidedBy).HasMaxLength(100);
            decision.Property(x => x.PackHash).HasMaxLength(71);
        });

        application.OwnsMany(a => a.Notifications, notification =>
        {
            notification.ToTable("ResidenceNotifications");
            notification.WithOwner().HasForeignKey("ApplicationId");
            notification.HasKey(x => x.Id);
            notification.Property(x => x.Id).ValueGeneratedNever();
            notification.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        });
        application.Navigation(a => a.Notifications).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
