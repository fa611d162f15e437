using System.Net.Http.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Server = Koshi.Web.Tests.CrashRestartTests.Server;

namespace Koshi.Web.Tests;

/// <summary>
/// The real server killed with SIGKILL while a scheduled allocation round holds its transaction open: afterwards the
/// round is not there at all (no seat used, no application marked), and the restarted server runs it whole, once.
/// </summary>
public abstract class SkillsRoundCrashTests(ProcessDatabase store)
{
    private const int Waiting = 240;
    private const int Seats = 90;
    private static readonly Lazy<string> Pack = new(() => RankedPacks.Copy(new DateOnly(2026, 1, 1)));

    protected string Provider => store.Provider;

    protected string ConnectionString => store.ConnectionString;

    protected Task<IAsyncDisposable> Prepare() => store.PrepareAsync();

    [Fact]
    public async Task A_server_killed_in_the_middle_of_a_round_leaves_it_whole_or_not_started_and_runs_it_once_after_restart()
    {
        await using var database = await Prepare();
        var region = RegionCode.Parse("KZ-71");
        var year = Koshi.Policy.LegalClock.DateOf(DateTimeOffset.UtcNow).Year;
        var off = Settings(scheduled: false);

        // First start: the schema and demo data, then the pool's seats; the waiting applications are written directly.
        int usedBefore;
        using (var first = Server.Start(Provider, ConnectionString, register: false, off))
        {
            await first.WaitHealthyAsync();
            var admin = await first.SignIn("admin@demo.koshi.kz", DemoData.Password);
            await using (var db = Context())
            {
                usedBefore = await db.QuotaAllocations.Where(q => q.Year == year && q.Region == region && q.Pool == "cat2").Select(q => q.Used).SingleOrDefaultAsync();
            }

            var seats = await admin.PutAsJsonAsync($"/api/v1/labour/quota/{year}/KZ-71/cat2", new { seats = usedBefore + Seats, reason = "Seats for the round" });
            await Api.Ok(seats);
            await SeedPoolAsync(region);
            first.Kill();
        }

        // Second start: the scheduler reaches the round and holds its transaction open; it is killed right there.
        var holding = Settings(scheduled: true);
        holding["Koshi__Rounds__HoldTransactionMilliseconds"] = "600000";
        using (var second = Server.Start(Provider, ConnectionString, register: false, holding))
        {
            await second.WaitUntilAsync(() => Task.FromResult(second.Printed("holds its open transaction")));
            second.Kill();
        }

        await using (var db = Context())
        {
            // Not half: nothing of the killed round is there.
            Assert.Equal(0, await db.AllocationRounds.CountAsync(r => r.Region == region && r.Pool == "cat2"));
            Assert.Equal(0, await db.WorkPermits.CountAsync(p => p.Region == region && p.Pool == "cat2" && p.RoundId != null));
            Assert.Equal(usedBefore, await db.QuotaAllocations.Where(q => q.Year == year && q.Region == region && q.Pool == "cat2").Select(q => q.Used).SingleAsync());
        }

        // Third start: the slot's round runs whole, once.
        using var third = Server.Start(Provider, ConnectionString, register: false, Settings(scheduled: true));
        await third.WaitUntilAsync(async () =>
        {
            try
            {
                await using var db = Context();
                return await db.AllocationRounds.AnyAsync(r => r.Region == region && r.Pool == "cat2");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return false;
            }
        });
        await using (var db = Context())
        {
            var round = await db.AllocationRounds.SingleAsync(r => r.Region == region && r.Pool == "cat2");
            Assert.NotNull(round.Slot);
            Assert.Equal(Seats, round.Admitted);
            Assert.Equal(Waiting, round.Applicants);
            Assert.Equal(Seats, await db.WorkPermits.CountAsync(p => p.RoundId == round.Id));
            Assert.Equal(usedBefore + Seats, await db.QuotaAllocations.Where(q => q.Year == year && q.Region == region && q.Pool == "cat2").Select(q => q.Used).SingleAsync());

            // The best-ranked were admitted: the lowest admitted has at least the points of the best left waiting.
            var admittedMin = await db.WorkPermits.Where(p => p.RoundId == round.Id).MinAsync(p => p.AssessmentPoints);
            var waitingMax = await db.WorkPermits.Where(p => p.Region == region && p.Pool == "cat2" && p.RoundId == null).MaxAsync(p => p.AssessmentPoints);
            Assert.True(admittedMin >= waitingMax, $"admitted down to {admittedMin}, {waitingMax} left waiting");
            Assert.Equal(admittedMin, round.CutOff);
        }
    }

    private static Dictionary<string, string> Settings(bool scheduled) => new()
    {
        ["Koshi__PolicyPack"] = Pack.Value,
        ["Koshi__Rounds__Scheduled"] = scheduled ? "true" : "false",
        ["Koshi__Rounds__CheckEverySeconds"] = "1",
    };

    /// <summary>Applications that passed their checks and wait in the pool, with assessed points spread over a range.</summary>
    private async Task SeedPoolAsync(RegionCode region)
    {
        await using var db = Context();
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        var today = Koshi.Policy.LegalClock.DateOf(now);
        for (var i = 0; i < Waiting; i++)
        {
            var request = new PermitRequest(PermitType.Employer, PermitCategory.Cat2, "Crash Worker", PassportNumber.Parse($"K{i:D7}", null), CountryCode.Parse("CN", null), new DateOnly(1990, 1, 1), IscoCode.Parse("2512", null),
                Qualification.Higher, i % 12, region, today.AddDays(30), 365);
            var permit = WorkPermit.Apply(request, new PermitAssessment([], "cat2", "J", true, 4, "sha256:crash", Ranked: true),
                "crash-owner", "Crash LLP", "000000000000", null, OkedSection.Parse("J", null), null, now.AddSeconds(i));
            var points = (i * 37) % 150;
            permit.Assessed(new WorkerScore(points, points >= 100 ? "A" : points >= 60 ? "B" : "C", i % 3 == 0, today, "sha256:crash", "{}", []));
            db.WorkPermits.Add(permit);
        }

        await db.SaveChangesAsync();
    }

    private KoshiDbContext Context() => store.Context();
}

public sealed class SkillsRoundCrashSqliteTests() : SkillsRoundCrashTests(ProcessDatabase.Sqlite("round-crash"));

public sealed class SkillsRoundCrashPostgresTests() : SkillsRoundCrashTests(ProcessDatabase.Postgres("r"));
