using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Agencies;

/// <summary>How agencies, their placements, reports, complaints and inspections are stored.</summary>
internal static class AgenciesMapping
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Agency>(agency =>
        {
            agency.ToTable("Agencies");
            agency.HasKey(a => a.Id);
            agency.Property(a => a.Id).ValueGeneratedNever();
            agency.Property(a => a.Bin).HasMaxLength(12);
            agency.Property(a => a.Name).HasMaxLength(300);
            agency.Property(a => a.Region).HasConversion(v => v.Value, v => RegionCode.Parse(v)).HasMaxLength(5);
            agency.Property(a => a.Address).HasMaxLength(500);
            agency.Property(a => a.Director).HasMaxLength(200);
            agency.Property(a => a.Services).HasMaxLength(100);
            agency.Property(a => a.Countries).HasMaxLength(800);
            agency.Property(a => a.OwnerId).HasMaxLength(100);
            agency.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
            agency.Property(a => a.Conditions).HasMaxLength(2000);
            agency.Property(a => a.Version).IsConcurrencyToken();
            agency.Ignore(a => a.ServiceList);
            agency.Ignore(a => a.CountryList);
            // One registration per BIN: a second application for the same BIN is refused by the database.
            agency.HasIndex(a => a.Bin).IsUnique();
            agency.HasIndex(a => a.OwnerId);
            agency.HasIndex(a => new { a.Status, a.Region });
            agency.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AgencyId);
            agency.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<AgencyStatusChange>(change =>
        {
            change.ToTable("AgencyStatusChanges");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.From).HasConversion<string>().HasMaxLength(12);
            change.Property(c => c.To).HasConversion<string>().HasMaxLength(12);
            change.Property(c => c.Reason).HasMaxLength(2000);
            change.Property(c => c.By).HasMaxLength(300);
            change.HasIndex(c => new { c.AgencyId, c.At });
        });

        builder.Entity<Placement>(placement =>
        {
            placement.ToTable("AgencyPlacements");
            placement.HasKey(p => p.Id);
            placement.Property(p => p.Id).ValueGeneratedNever();
            placement.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
            placement.Property(p => p.WorkerId).HasMaxLength(20);
            placement.Property(p => p.Country).HasMaxLength(2);
            placement.Property(p => p.EmployerName).HasMaxLength(300);
            placement.Property(p => p.Terms).HasMaxLength(300);
            placement.Property(p => p.FeeChargedKzt).HasPrecision(14, 2);
            placement.Ignore(p => p.Compliant);
            placement.HasIndex(p => new { p.AgencyId, p.PlacedOn });
            placement.HasIndex(p => new { p.Kind, p.Country });
            // A work permit has one recruiting agency: one placement at most names it.
            placement.HasIndex(p => p.WorkPermitId).IsUnique().HasFilter("\"WorkPermitId\" IS NOT NULL");
        });

        builder.Entity<AgencyReport>(report =>
        {
            report.ToTable("AgencyReports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Id).ValueGeneratedNever();
            // One report per agency and quarter.
            report.HasIndex(r => new { r.AgencyId, r.Year, r.Quarter }).IsUnique();
            report.ToTable(t => t.HasCheckConstraint("CK_AgencyReports_Quarter", "\"Quarter\" BETWEEN 1 AND 4"));
        });

        builder.Entity<Complaint>(complaint =>
        {
            complaint.ToTable("AgencyComplaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.Category).HasMaxLength(30);
            complaint.Property(c => c.Text).HasMaxLength(4000);
            complaint.Property(c => c.UserId).HasMaxLength(100);
            complaint.Property(c => c.Contact).HasMaxLength(200);
            complaint.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
            complaint.Property(c => c.Note).HasMaxLength(2000);
            complaint.HasIndex(c => new { c.AgencyId, c.FiledAt });
            complaint.HasIndex(c => c.Status);
        });

        builder.Entity<InspectionPlan>(plan =>
        {
            plan.ToTable("AgencyInspectionPlans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Id).ValueGeneratedNever();
            plan.Property(p => p.CreatedBy).HasMaxLength(300);
            // One plan per quarter.
            plan.HasIndex(p => new { p.Year, p.Quarter }).IsUnique();
        });

        builder.Entity<Inspection>(inspection =>
        {
            inspection.ToTable("AgencyInspections");
            inspection.HasKey(i => i.Id);
            inspection.Property(i => i.Id).ValueGeneratedNever();
            inspection.Property(i => i.Selection).HasConversion<string>().HasMaxLength(10);
            inspection.Property(i => i.RiskBand).HasMaxLength(10);
            inspection.Property(i => i.Failed).HasMaxLength(500);
            inspection.Property(i => i.Measure).HasMaxLength(12);
            inspection.Property(i => i.Art98Sanction).HasMaxLength(10);
            inspection.Property(i => i.Art98FineKzt).HasPrecision(14, 2);
            inspection.Property(i => i.Inspector).HasMaxLength(300);
            inspection.Property(i => i.Explanation).HasMaxLength(8000);
            inspection.Property(i => i.PackHash).HasMaxLength(71);
            inspection.Ignore(i => i.Done);
            inspection.Ignore(i => i.FoundViolation);
            inspection.Ignore(i => i.FailedList);
            inspection.HasIndex(i => new { i.AgencyId, i.InspectedOn });
            // An agency appears at most once in a quarter's plan.
            inspection.HasIndex(i => new { i.PlanId, i.AgencyId }).IsUnique();
        });
    }
}
