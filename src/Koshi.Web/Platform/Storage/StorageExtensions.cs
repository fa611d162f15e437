using Koshi.Web.Audit;
using Koshi.Web.Platform.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Koshi.Web.Platform.Storage;

/// <summary>Which database the platform uses: <c>Koshi:Database:Provider</c> = sqlite (default) or postgres.</summary>
public static class StorageExtensions
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Koshi:Database");
        var provider = (section["Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connectionString = section["ConnectionString"];
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditContext>();
        switch (provider)
        {
            case "sqlite":
                connectionString = PrepareSqlite(connectionString ?? "Data Source=data/koshi.db", builder.Environment.ContentRootPath);
                builder.Services.AddDbContext<KoshiDbContext, SqliteKoshiDbContext>(o => o.UseSqlite(connectionString));
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Koshi:Database:Provider is postgres, but Koshi:Database:ConnectionString is empty.");
                }

                connectionString = TunePostgres(connectionString);
                builder.Services.AddDbContext<KoshiDbContext, PostgresKoshiDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                throw new InvalidOperationException($"Koshi:Database:Provider '{provider}' is not supported: use sqlite or postgres.");
        }

        // Keys in the shared database, so a cookie or token made by one instance is read by every other; encrypted
        // there with a certificate kept outside it.
        var root = builder.Environment.ContentRootPath;
        var certificateFile = Path.GetFullPath(Path.Combine(root, builder.Configuration[KeyRingCertificate.Setting] ?? "data/keys/key-ring.pfx"));
        var certificate = KeyRingCertificate.Open(certificateFile,
            builder.Configuration.GetValue<bool?>("Koshi:DataProtection:CreateCertificateIfMissing") ?? builder.Environment.IsDevelopment());
        var previous = (builder.Configuration.GetSection("Koshi:DataProtection:PreviousCertificateFiles").Get<string[]>() ?? [])
            .Select(f => KeyRingCertificate.Open(Path.GetFullPath(Path.Combine(root, f)), createIfMissing: false));
        builder.Services.AddDataProtection()
            .SetApplicationName("Koshi")
            .PersistKeysToDbContext<KoshiDbContext>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        return builder;
    }

    /// <summary>
    /// Connection settings the platform's load needs, unless the configured string sets them: statements used often are
    /// prepared once per connection instead of parsed and planned on every call, and a pooled connection is not reset
    /// with DISCARD ALL each time EF Core hands it back (the platform keeps no session state: no SET, temporary tables
    /// or session-level advisory locks: the audit sequencer takes transaction-level ones). Together they halve the database's CPU per permit issue (bench/RESULTS-labour.md).
    /// </summary>
    internal static string TunePostgres(string connectionString)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = new HashSet<string>(connectionString.Split(';').Select(part => part.Split('=')[0].Trim().Replace(" ", string.Empty, StringComparison.Ordinal)), StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            csb.MaxAutoPrepare = 32;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            csb.NoResetOnClose = true;
        }

        return csb.ConnectionString;
    }

    /// <summary>Makes a relative SQLite file path relative to the content root and creates its folder.</summary>
    private static string PrepareSqlite(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        }

        if (Path.GetDirectoryName(csb.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return csb.ToString();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model: <c>--context SqliteKoshiDbContext</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKoshiDbContext>
{
    public SqliteKoshiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKoshiDbContext>().UseSqlite("Data Source=design.db").Options, new AuditContext(null, TimeProvider.System));
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model: <c>--context PostgresKoshiDbContext</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKoshiDbContext>
{
    public PostgresKoshiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKoshiDbContext>().UseNpgsql("Host=localhost;Database=koshi_design").Options, new AuditContext(null, TimeProvider.System));
}
