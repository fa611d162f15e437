using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Analytics.Lab;

/// <summary>
/// A lab run as kept in the database: what was run (target, both pack hashes, the population's description, hash and seed),
/// who ran it, its progress and, once done, its result as JSON. Kept so a run survives a restart, can be reopened and
/// exported by the analyst who ran it (and administrators), and can be followed and cancelled from any instance.
/// It holds no personal data: populations are synthetic or uploaded files the lab reads and does not keep.
/// </summary>
public sealed class LabRunRecord
{
    public Guid Id { get; set; }

    /// <summary>The user id of the analyst who started the run.</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary><c>scheme:ID</c>, <c>ruleset:ID</c> or <c>round:REGION:POOL</c>.</summary>
    public string Target { get; set; } = string.Empty;

    public LabStatus Status { get; set; }

    public DateOnly AsOf { get; set; }

    public string BaselineHash { get; set; } = string.Empty;

    public string ReformHash { get; set; } = string.Empty;

    public string ReformDescription { get; set; } = string.Empty;

    /// <summary>The changed parameters as JSON (name, from, value, note).</summary>
    public string ChangesJson { get; set; } = "[]";

    public string PopulationDescription { get; set; } = string.Empty;

    public string PopulationHash { get; set; } = string.Empty;

    public int? Seed { get; set; }

    public long Total { get; set; }

    public long Done { get; set; }

    /// <summary>Set by a cancel on any instance; the instance running the job reads it with its heartbeat and stops.</summary>
    public bool CancelRequested { get; set; }

    public DateTimeOffset Started { get; set; }

    public DateTimeOffset? Finished { get; set; }

    /// <summary>When the running job last wrote its progress (wall clock): a run whose heartbeat stopped was interrupted.</summary>
    public DateTimeOffset Heartbeat { get; set; }

    public string? Error { get; set; }

    /// <summary>The finished run's reports as JSON (see <see cref="LabResult"/>).</summary>
    public string? ResultJson { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<LabRunRecord>(run =>
    {
        run.ToTable("LabRuns");
        run.HasKey(r => r.Id);
        run.Property(r => r.Owner).HasMaxLength(100);
        run.Property(r => r.Target).HasMaxLength(200);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        run.Property(r => r.BaselineHash).HasMaxLength(100);
        run.Property(r => r.ReformHash).HasMaxLength(100);
        run.Property(r => r.ReformDescription).HasMaxLength(4000);
        run.Property(r => r.PopulationDescription).HasMaxLength(500);
        run.Property(r => r.PopulationHash).HasMaxLength(200);
        run.Property(r => r.Error).HasMaxLength(4000);
        run.HasIndex(r => new { r.Owner, r.Started });
    });
}
