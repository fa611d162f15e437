using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Koshi.Web.Tests.Infrastructure;

/// <summary>
/// The real application on a real database of its own. Time is a <see cref="FakeTimeProvider"/> starting on
/// 2 March 2026, 11:00 in Astana, so the pilot's law applies and tests move the clock instead of waiting.
/// </summary>
public abstract class KoshiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public abstract string Provider { get; }

    /// <summary>False when the provider's server is not configured here (the PostgreSQL tests then skip).</summary>
    public virtual bool Available => true;

    protected abstract string ConnectionString { get; }

    /// <summary>The database's connection string, for tools that open it themselves (the CLI).</summary>
    public string Connection => ConnectionString;

    /// <summary>This instance's audit signing key and checkpoint file, outside its database.</summary>
    public string AuditFolder { get; set; } = Path.Combine(Path.GetTempPath(), $"koshi-audit-{Guid.NewGuid():N}");

    /// <summary>Extra configuration for this instance (e.g. another policy pack).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(AuditFolder))
        {
            Directory.Delete(AuditFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Moves the clock to 10 January of the next year when <paramref name="span"/> from now would cross the year's end
    /// in Astana, so a test that moves the clock reads its counts in the year it wrote them (a class's tests share one
    /// clock and run in an order the runner picks).
    /// </summary>
    public void KeepClearOfYearEnd(TimeSpan span)
    {
        var astana = Time.GetUtcNow().ToOffset(TimeSpan.FromHours(5));
        if ((astana + span).Year != astana.Year)
        {
            Time.SetUtcNow(new DateTimeOffset(astana.Year + 1, 1, 10, 6, 0, 0, TimeSpan.Zero));
        }
    }

    /// <summary>Runs work against the application's database in a scope of its own.</summary>
    public async Task WithDbAsync(Func<KoshiDbContext, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<KoshiDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Koshi:Database:Provider", Provider);
        builder.UseSetting("Koshi:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Koshi:JsonLogs", "false");
        builder.UseSetting("Koshi:StartupBanner", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Critical");
        builder.UseSetting("Koshi:SeedDemoData", "true");
        builder.UseSetting("Koshi:Demo:LabourRegister", "false");
        builder.UseSetting("Koshi:Demo:ResettlementRegister", "false");
        builder.UseSetting("Koshi:Simulators:LatencyMilliseconds", "0");
        // Rounds run when a test runs them, not on the schedule's clock.
        builder.UseSetting("Koshi:Rounds:Scheduled", "false");
        builder.UseSetting("Koshi:MaxRequestBodyBytes", "65536");
        builder.UseSetting("Koshi:Audit:SigningKeyFile", Path.Combine(AuditFolder, "signing-key.pem"));
        builder.UseSetting("Koshi:Audit:CheckpointFolder", Path.Combine(AuditFolder, "checkpoints"));
        builder.UseSetting("Koshi:DataProtection:CertificateFile", Path.Combine(AuditFolder, "key-ring.pfx"));
        // Every test client shares one source address; the per-source sign-in limit has its own tests.
        builder.UseSetting("Koshi:RateLimit:SignInPerMinute", "1000000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

public class SqliteFactory : KoshiFactory
{
    private readonly string file;
    private readonly bool keepFile;

    public SqliteFactory()
        : this(Path.Combine(Path.GetTempPath(), $"koshi-test-{Guid.NewGuid():N}.db"), keepFile: false)
    {
    }

    /// <summary>An instance on a given database file, which outlives it when <paramref name="keepFile"/> is set.</summary>
    internal SqliteFactory(string file, bool keepFile)
    {
        this.file = file;
        this.keepFile = keepFile;
    }

    public string File => file;

    public override string Provider => "sqlite";

    protected override string ConnectionString => $"Data Source={file}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!keepFile)
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                System.IO.File.Delete(path);
            }
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A fresh PostgreSQL database per factory on the server named by KOSHI_TEST_POSTGRES; dropped afterwards.</summary>
public sealed class PostgresFactory : KoshiFactory
{
    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("KOSHI_TEST_POSTGRES");
    private readonly string database;
    private readonly bool ownsDatabase;

    public PostgresFactory()
        : this($"koshi_t_{Guid.NewGuid():N}"[..24], ownsDatabase: true)
    {
    }

    /// <summary>An instance on a given database; only the instance that owns it creates and drops it.</summary>
    internal PostgresFactory(string database, bool ownsDatabase)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    public string Database => database;

    public override string Provider => "postgres";

    public override bool Available => !string.IsNullOrWhiteSpace(PostgresServer);

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, Pooling = true }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        if (!Available || !ownsDatabase)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!Available || !ownsDatabase)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        // FORCE cannot end a backend of another role (an autovacuum worker): wait for it and try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == "42501" && attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }
}
