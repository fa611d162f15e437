using System.Net.Http.Headers;
using System.Text.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Bench.Labour;

/// <summary>
/// After the run, from the database: exactly Q permits issued in the region x pool, the allocation's Used equal to its
/// Seats equal to Q, every issued permit with a distinct number, and one audit entry per issue; then the audit chain
/// verified by the platform (GET /api/v1/audit/verify as the administrator).
/// </summary>
internal static class Check
{
    public static async Task<int> RunAsync(Options options)
    {
        var region = RegionCode.Parse(options.Region);
        var pool = options.Pool;
        var year = DateTimeOffset.UtcNow.Year;
        await using var db = Context.Open(options.Db);
        var issued = await db.WorkPermits.CountAsync(p => p.Region == region && p.Pool == pool && p.Status == PermitStatus.Issued);
        var stillPaid = await db.WorkPermits.CountAsync(p => p.Region == region && p.Pool == pool && p.Status == PermitStatus.Paid);
        var numbers = await db.WorkPermits.Where(p => p.Region == region && p.Pool == pool && p.Number != null).Select(p => p.Number).Distinct().CountAsync();
        var allocation = await db.QuotaAllocations.AsNoTracking().SingleAsync(q => q.Year == year && q.Region == region && q.Pool == pool);
        var issueEntries = await db.AuditEntries.CountAsync(e => e.Action == "labour.issued");

        using var http = new HttpClient { BaseAddress = new Uri(options.Url + "/"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Issue.TokenAsync(http, options.Admin, options.Password));
        var verifyClock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri("api/v1/audit/verify", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var verification = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var chain = verification.RootElement;
        var chainValid = chain.GetProperty("valid").GetBoolean();

        var exact = issued == options.Seats && allocation.Used == options.Seats && allocation.Seats == options.Seats;
        var result = new
        {
            quota = options.Seats,
            issued,
            overQuota = Math.Max(0, issued - allocation.Seats),
            stillPaid,
            distinctNumbers = numbers,
            allocationSeats = allocation.Seats,
            allocationUsed = allocation.Used,
            auditEntriesForIssues = issueEntries,
            auditChainValid = chainValid,
            auditEntriesChecked = chain.GetProperty("entriesChecked").GetInt64(),
            auditProblem = chain.TryGetProperty("problem", out var problem) ? problem.GetString() : null,
            auditVerifySeconds = Math.Round(verifyClock.Elapsed.TotalSeconds, 2),
            exactlyTheQuota = exact && numbers == issued && issueEntries == issued,
        };
        var json = JsonSerializer.Serialize(result, Context.Indented);
        Console.WriteLine(json);
        if (options.Out is { } file)
        {
            await File.WriteAllTextAsync(file, json);
        }

        return result.exactlyTheQuota && chainValid ? 0 : 1;
    }
}
