using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Audit;

/// <summary>Storage of the audit log, its checkpoints, and the shared Data Protection keys.</summary>
internal static class AuditMapping
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasKey(e => e.Id);
            audit.HasIndex(e => e.Sequence).IsUnique();
            // The sequencer's queue: only unsequenced rows are in it, so finding them stays cheap as the log grows.
            audit.HasIndex(e => e.Id).HasFilter("\"LeafHash\" IS NULL").HasDatabaseName("IX_AuditEntries_Pending");
            audit.Property(e => e.Actor).HasMaxLength(300);
            audit.Property(e => e.Action).HasMaxLength(100);
            audit.Property(e => e.Entity).HasMaxLength(100);
            audit.Property(e => e.EntityId).HasMaxLength(100);
            audit.Property(e => e.LeafHash).HasMaxLength(32);
        });

        builder.Entity<AuditCheckpointRecord>(checkpoint =>
        {
            checkpoint.ToTable("AuditCheckpoints");
            checkpoint.HasKey(c => c.TreeSize);
            checkpoint.Property(c => c.TreeSize).ValueGeneratedNever();
            checkpoint.Property(c => c.RootHash).HasMaxLength(32);
            checkpoint.Property(c => c.Origin).HasMaxLength(200);
            checkpoint.Property(c => c.KeyId).HasMaxLength(64);
            checkpoint.Property(c => c.Signature).HasMaxLength(132);
        });

        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
    }
}
