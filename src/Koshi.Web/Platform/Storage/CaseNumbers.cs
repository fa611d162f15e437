using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Koshi.Web.Platform.Storage;

/// <summary>
/// A case that carries a number people can say on the phone: its year and its place in that year's sequence of its
/// series, such as 2026-000123. The number is given when the case is first saved (<see cref="CaseNumbers"/>).
/// </summary>
public interface INumberedCase
{
    string CaseNumber { get; }

    /// <summary>Which sequence the case draws from (one per kind of case).</summary>
    string CaseSeries { get; }

    /// <summary>The year the number starts with: the legal-clock year of lodgement.</summary>
    int CaseYear { get; }

    void AssignCaseNumber(string number);
}

/// <summary>The last number given in a series and year. One row per series and year; only ever incremented.</summary>
public sealed class CaseNumberCounter
{
    public string Series { get; set; } = string.Empty;

    public int Year { get; set; }

    public long Last { get; set; }
}

/// <summary>
/// Case numbers from a counter row the database increments (UPDATE … RETURNING) in the transaction that saves the case:
/// concurrent lodgements queue on the row, each gets the next number, and a lodgement that fails gives its number back
/// with its rollback. Never random, never reused; a unique index on each numbered table holds the rest.
/// </summary>
public static partial class CaseNumbers
{
    public const int MaxLength = 20;

    public static string Format(int year, long number) =>
        year.ToString("D4", CultureInfo.InvariantCulture) + "-" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a case number as people say or type it: "2026-000123", "2026-123", "2026/123", "2026 123". The result is in
    /// the stored form.
    /// </summary>
    public static bool TryParse(string? text, out string number)
    {
        number = string.Empty;
        var match = Spoken().Match(text?.Trim() ?? string.Empty);
        if (!match.Success || !long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return false;
        }

        number = Format(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), n);
        return true;
    }

    internal static void Configure(ModelBuilder builder) =>
        builder.Entity<CaseNumberCounter>(counter =>
        {
            counter.ToTable("CaseNumberCounters");
            counter.HasKey(c => new { c.Series, c.Year });
            counter.Property(c => c.Series).HasMaxLength(30);
        });

    internal static List<INumberedCase> Unnumbered(DbContext db) =>
        db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && e.Entity is INumberedCase { CaseNumber.Length: 0 })
            .Select(e => (INumberedCase)e.Entity)
            .ToList();

    /// <summary>Numbers the cases; the caller holds the transaction they are saved in.</summary>
    internal static async Task AssignAsync(DbContext db, IReadOnlyList<INumberedCase> cases, CancellationToken ct)
    {
        foreach (var @case in cases)
        {
            @case.AssignCaseNumber(Format(@case.CaseYear, await NextAsync(db, @case.CaseSeries, @case.CaseYear, ct)));
        }
    }

    /// <summary>
    /// Takes a run of <paramref name="count"/> numbers at once for rows written without the numbering save (bulk demo
    /// data); returns the first. The caller holds the transaction.
    /// </summary>
    internal static async Task<long> ReserveAsync(DbContext db, string series, int year, int count, CancellationToken ct)
    {
        if (count < 1)
        {
            return 0;
        }

        return await NextAsync(db, series, year, ct, count) - count + 1;
    }

    private static async Task<long> NextAsync(DbContext db, string series, int year, CancellationToken ct, int step = 1)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A case number is taken inside the transaction that saves the case.");
        var connection = transaction.Connection!;

        // The year's first case makes the row; at the same moment another may too, and then this insert does nothing.
        await using (var insert = Command(connection, transaction, series, year,
            "INSERT INTO \"CaseNumberCounters\" (\"Series\", \"Year\", \"Last\") VALUES (@series, @year, 0) ON CONFLICT (\"Series\", \"Year\") DO NOTHING"))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var next = Command(connection, transaction, series, year,
            "UPDATE \"CaseNumberCounters\" SET \"Last\" = \"Last\" + @step WHERE \"Series\" = @series AND \"Year\" = @year RETURNING \"Last\"");
        next.AddParameter("@step", step);
        return Convert.ToInt64(await next.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string series, int year, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.AddParameter("@series", series);
        command.AddParameter("@year", year);
        return command;
    }


    [GeneratedRegex(@"^(\d{4})\s*[-/ ]\s*0*(\d{1,9})$")]
    private static partial Regex Spoken();
}
