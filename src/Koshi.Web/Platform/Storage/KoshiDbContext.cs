using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using System.Text.Json.Nodes;
using Koshi.Web.Agencies;
using Koshi.Web.Audit;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Idempotency;
using Koshi.Web.Resettlement;
using Koshi.Web.Residence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Koshi.Web.Platform.Storage;

/// <summary>
/// The one EF Core model of the platform. Each provider has a subclass (<see cref="SqliteKoshiDbContext"/>,
/// <see cref="PostgresKoshiDbContext"/>) so each keeps its own migrations. Every save that changes state inserts one
/// <see cref="AuditEntry"/> in the same transaction; the <see cref="AuditSequencer"/> puts it in the log afterwards.
/// </summary>
public abstract class KoshiDbContext : IdentityDbContext<KoshiUser>, IDataProtectionKeyContext
{
    private static readonly HashSet<string> SecretProperties =
        new(StringComparer.Ordinal) { nameof(KoshiUser.PasswordHash), nameof(KoshiUser.SecurityStamp), nameof(KoshiUser.ConcurrencyStamp) };

    private readonly List<Func<CancellationToken, Task>> writesWithNextSave = [];

    protected KoshiDbContext(DbContextOptions options, AuditContext audit)
        : base(options)
    {
        Audit = audit;
    }

    public AuditContext Audit { get; }

    public DbSet<ResidenceApplication> ResidenceApplications => Set<ResidenceApplication>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditCheckpointRecord> AuditCheckpoints => Set<AuditCheckpointRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<Vacancy> Vacancies => Set<Vacancy>();

    public DbSet<StaffDeclarationRecord> StaffDeclarations => Set<StaffDeclarationRecord>();

    public DbSet<WorkPermit> WorkPermits => Set<WorkPermit>();

    public DbSet<QuotaAllocation> QuotaAllocations => Set<QuotaAllocation>();

    public DbSet<QuotaChange> QuotaChanges => Set<QuotaChange>();

    public DbSet<ResettlementCase> ResettlementCases => Set<ResettlementCase>();

    public DbSet<ResettlementQuota> ResettlementQuotas => Set<ResettlementQuota>();

    public DbSet<EmployerSubsidyClaim> EmployerSubsidyClaims => Set<EmployerSubsidyClaim>();

    public DbSet<QuotaNational> QuotaNationals => Set<QuotaNational>();

    public DbSet<AllocationRound> AllocationRounds => Set<AllocationRound>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Placement> Placements => Set<Placement>();

    public DbSet<AgencyReport> AgencyReports => Set<AgencyReport>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<InspectionPlan> InspectionPlans => Set<InspectionPlan>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<Analytics.Lab.LabRunRecord> LabRuns => Set<Analytics.Lab.LabRunRecord>();

    /// <summary>
    /// Queues a conditional write (such as taking a quota seat) that commits with the next save, in its transaction
    /// with its audit entry, or not at all. A write refuses by throwing; the save is then rolled back whole.
    /// </summary>
    public void WithNextSave(Func<CancellationToken, Task> write) => writesWithNextSave.Add(write);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var writes = writesWithNextSave.ToList();
        writesWithNextSave.Clear();
        var unnumbered = CaseNumbers.Unnumbered(this);
        await using var transaction = (writes.Count > 0 || unnumbered.Count > 0) && Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;

        // New cases get their numbers first, in this save's transaction, so the audit entry records them too.
        await CaseNumbers.AssignAsync(this, unnumbered, cancellationToken);
        var changes = CollectChanges();
        if (changes is null)
        {
            return writes.Count == 0
                ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                : throw new InvalidOperationException("A conditional write needs a change to save with.");
        }

        foreach (var write in writes)
        {
            await write(cancellationToken);
        }

        // Unsequenced: no lock and no shared row, so saves do not queue behind each other; the sequencer orders it later.
        AuditEntries.Add(new AuditEntry
        {
            At = TruncateToMilliseconds(Audit.Time.GetUtcNow()),
            Actor = Audit.Actor,
            Action = Audit.Action ?? "save " + changes.Value.Entity,
            Entity = changes.Value.Entity,
            EntityId = changes.Value.EntityId,
            Before = changes.Value.Before.ToJsonString(),
            After = changes.Value.After.ToJsonString(),
        });
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        Audit.Action = null;
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<KoshiUser>(user =>
        {
            user.Property(u => u.FullName).HasMaxLength(200);
            user.Property(u => u.Iin).HasMaxLength(12);
            user.Property(u => u.Bin).HasMaxLength(12);
            user.Property(u => u.Region).HasMaxLength(5);
            user.Property(u => u.Language).HasMaxLength(2);
            user.HasIndex(u => u.Iin).IsUnique();
            user.Property(u => u.PassportNumber).HasMaxLength(20);
            user.Property(u => u.Citizenship).HasMaxLength(2);

            // One account per passport: with one open application per account, one open application per passport.
            user.HasIndex(u => new { u.Citizenship, u.PassportNumber }).IsUnique();
        });

        AuditMapping.Configure(builder);
        CaseNumbers.Configure(builder);
        Security.AttemptCounter.Configure(builder);

        builder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("IdempotencyRecords");
            record.HasKey(r => new { r.UserId, r.Operation, r.Key });
            record.Property(r => r.UserId).HasMaxLength(100);
            record.Property(r => r.Operation).HasMaxLength(100);
            record.Property(r => r.Key).HasMaxLength(200);
            record.Property(r => r.RequestHash).HasMaxLength(71);
            record.Property(r => r.ResourceId).HasMaxLength(100);
        });

        builder.ApplyConfiguration(new ResidenceMapping());
        ForeignLabourMapping.Configure(builder);
        ResettlementMapping.Configure(builder);
        AgenciesMapping.Configure(builder);
        Analytics.Lab.LabRunRecord.Configure(builder);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private (string Entity, string EntityId, JsonObject Before, JsonObject After)? CollectChanges()
    {
        var before = new JsonObject();
        var after = new JsonObject();
        string? entity = null;
        string? entityId = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || entry.Entity is AuditEntry or AuditCheckpointRecord or IdempotencyRecord or DataProtectionKey)
            {
                continue;
            }

            var name = entry.Metadata.ClrType.Name;
            var key = string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
            var old = new JsonObject();
            var now = new JsonObject();
            foreach (var property in entry.Properties)
            {
                var propertyName = property.Metadata.Name;
                if (SecretProperties.Contains(propertyName) || property.Metadata.IsShadowProperty() && property.Metadata.IsForeignKey())
                {
                    continue;
                }

                switch (entry.State)
                {
                    case EntityState.Added:
                        now[propertyName] = ToNode(property.CurrentValue);
                        break;
                    case EntityState.Deleted:
                        old[propertyName] = ToNode(property.OriginalValue);
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        old[propertyName] = ToNode(property.OriginalValue);
                        now[propertyName] = ToNode(property.CurrentValue);
                        break;
                }
            }

            if (old.Count == 0 && now.Count == 0)
            {
                continue;
            }

            var label = name + "/" + key;
            if (old.Count > 0)
            {
                before[label] = old;
            }

            if (now.Count > 0)
            {
                after[label] = now;
            }

            if (entity is null || !entry.Metadata.IsOwned() && IsOwnedName(entity))
            {
                entity = name;
                entityId = key;
            }
        }

        return entity is null ? null : (entity, entityId!, before, after);

        bool IsOwnedName(string typeName) => Model.GetEntityTypes().Any(t => t.ClrType.Name == typeName && t.IsOwned());
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static JsonValue? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        double d => JsonValue.Create(d),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset d => JsonValue.Create(d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        DateTime d => JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        Enum e => JsonValue.Create(e.ToString()),
        _ => JsonValue.Create(value.ToString()),
    };
}

/// <summary>SQLite flavour of the model: instants are stored as 64-bit numbers so they sort and compare in SQL.</summary>
public sealed class SqliteKoshiDbContext(DbContextOptions<SqliteKoshiDbContext> options, AuditContext audit)
    : KoshiDbContext(options, audit)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL flavour of the model (timestamptz, date, text).</summary>
public sealed class PostgresKoshiDbContext(DbContextOptions<PostgresKoshiDbContext> options, AuditContext audit)
    : KoshiDbContext(options, audit);
