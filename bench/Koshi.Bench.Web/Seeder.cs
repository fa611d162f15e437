using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Koshi.Policy;
using Koshi.Web.Audit;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Koshi.Web.Residence.Scoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Koshi.Bench.Web;

/// <summary>
/// Seeds residence applications as the platform itself would have made them: each one is lodged and moved through
/// its stages by the domain's own methods (KAZTEST, questionnaire scored by the policy engine as of the lodgement
/// date, interagency checks, interview, decision or withdrawal) on a simulated clock, then written with
/// <see cref="ModelCopy{TRoot}"/>. Applicants come from the pack's synthetic population (kind, citizenship, age,
/// destination region, KAZTEST results, answers), so regions are as skewed as the pack's profile says.
/// </summary>
public sealed class Seeder(string connectionString, string root)
{
    public const int PopulationSeed = 20_261_130;
    public const string BenchApplicantEmail = "aigerim@demo.koshi.kz";
    public const string BenchApplicantRegion = "KZ-75";

    /// <summary>The pilot's first day: no application is older than this.</summary>
    public static readonly DateTimeOffset PilotStart = new(2026, 2, 13, 4, 0, 0, TimeSpan.Zero);

    private static readonly string[] GivenNames =
    [
        "Aibek", "Aigul", "Alisher", "Asel", "Azamat", "Bakhyt", "Dilnoza", "Erlan", "Gulnara", "Jamshid", "Kairat", "Li", "Madina",
        "Marat", "Nodira", "Nurlan", "Olga", "Rustam", "Saltanat", "Timur", "Wang", "Yerzhan", "Zarina", "Zhang", "Mehmet", "Anna",
    ];

    private static readonly string[] FamilyNames =
    [
        "Abenov", "Akhmetova", "Bekov", "Chen", "Dzhaksybekov", "Ermekova", "Ibragimov", "Karimova", "Liu", "Nazarov", "Omarov",
        "Petrova", "Rakhimov", "Sadykova", "Tashkentov", "Umarov", "Yildiz", "Zhumabaeva", "Wu", "Kim", "Sultanov", "Ismailova",
    ];

    public static KoshiDbContext Open(string connectionString) =>
        new PostgresKoshiDbContext(
            new DbContextOptionsBuilder<PostgresKoshiDbContext>().UseNpgsql(connectionString).Options,
            new AuditContext(null, TimeProvider.System));

    public static PolicyEngineScoring LoadScoring(string root) => new(PolicyPack.Load(Path.Combine(root, "policy", "kz")));

    /// <summary>Synthetic applicants from the pack's population profile: one JSON object per applicant.</summary>
    public static List<JsonObject> Population(string root, int count, int seed)
    {
        var pack = PolicyPack.Load(Path.Combine(root, "policy", "kz"));
        var profile = pack.Populations.Single(p => p.Scheme.Id == PolicyEngineScoring.SchemeId);
        using var stream = new MemoryStream();
        profile.Generate(count, seed, stream);
        stream.Position = 0;
        using var reader = new StreamReader(stream);
        var cases = new List<JsonObject>(count);
        while (reader.ReadLine() is { } line)
        {
            cases.Add(JsonNode.Parse(line)!.AsObject());
        }

        return cases;
    }

    /// <summary>What the applicant answers: the case minus what the platform fills in itself.</summary>
    public static JsonObject Answers(JsonObject applicant)
    {
        var answers = new JsonObject();
        foreach (var (name, value) in applicant)
        {
            if (!ResidenceCaseFacts.IsFilledByPlatform(name))
            {
                answers[name] = value?.DeepClone();
            }
        }

        return answers;
    }

    public async Task<int> SeedAsync(int count, CancellationToken ct)
    {
        await using var db = Open(connectionString);
        if (!await db.Users.AnyAsync(ct))
        {
            Console.Error.WriteLine("seed: the database has no users; start the platform on it once first (it migrates and seeds the demo users).");
            return 2;
        }

        var existing = await db.ResidenceApplications.CountAsync(ct);
        if (existing >= count)
        {
            Console.WriteLine($"seed: {existing:N0} applications already there; nothing to do (drop the database to seed again).");
            return 0;
        }

        if (existing > 10)
        {
            Console.Error.WriteLine($"seed: {existing:N0} applications already there, fewer than {count:N0}: a partial seed. Drop the database and run again.");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        var scoring = LoadScoring(root);
        var population = Population(root, count, PopulationSeed);
        Console.WriteLine($"seed: {count:N0} synthetic applicants drawn from the pack's profile in {watch.Elapsed.TotalSeconds:F1} s");

        var now = DateTimeOffset.UtcNow;
        var copy = new ModelCopy<ResidenceApplication>(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        const int chunk = 5000;
        long rows = 0;
        var failures = 0;
        var built = new ResidenceApplication[chunk];
        for (var start = 0; start < count; start += chunk)
        {
            var size = Math.Min(chunk, count - start);
            var offset = start;
            Parallel.For(0, size, i =>
            {
                var (application, failed) = Build(offset + i, population[offset + i], scoring, now);
                built[i] = application;
                if (failed)
                {
                    Interlocked.Increment(ref failures);
                }
            });
            await using var transaction = await connection.BeginTransactionAsync(ct);
            rows += await copy.CopyAsync(connection, built.Take(size).ToList(), ct);
            await transaction.CommitAsync(ct);
            Console.Write($"\rseed: {start + size:N0} applications, {rows:N0} rows, {watch.Elapsed.TotalSeconds:F0} s   ");
        }

        Console.WriteLine();
        if (failures > 0)
        {
            Console.WriteLine($"seed: {failures} applicants could not be scored and were left at the questionnaire stage");
        }

        await using (var analyze = new NpgsqlCommand(string.Join(";", copy.Tables.Select(t => $"ANALYZE \"{t}\"")), connection))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }

        Console.WriteLine($"seed: done in {watch.Elapsed.TotalSeconds:F1} s ({string.Join(", ", copy.Tables)}; tables analysed)");
        await ReportAsync(connection, ct);
        return 0;
    }

    /// <summary>
    /// Makes sure the bench applicant (a demo user) has at least <paramref name="wanted"/> applications waiting for
    /// their questionnaire, each lodged and past KAZTEST: every questionnaire submission measured uses one up.
    /// </summary>
    public async Task<List<Guid>> EnsureQuestionnaireCasesAsync(int wanted, CancellationToken ct)
    {
        await using var db = Open(connectionString);
        var applicant = await db.Users.SingleAsync(u => u.Email == BenchApplicantEmail, ct);
        var ready = await db.ResidenceApplications
            .Where(a => a.ApplicantId == applicant.Id && a.Stage == ResidenceStage.Questionnaire)
            .Select(a => a.Id).ToListAsync(ct);
        if (ready.Count >= wanted)
        {
            return ready;
        }

        var scoring = LoadScoring(root);
        var now = DateTimeOffset.UtcNow;
        var made = new List<ResidenceApplication>();
        var random = new Random(ready.Count);
        for (var i = ready.Count; i < wanted; i++)
        {
            var lodged = now.AddHours(-random.Next(24, 24 * 5));
            var application = ResidenceApplication.Lodge(
                ResidenceKind.PermanentResidence, applicant.Id, ApplicantIdentity.OfIin(Iin.Parse(applicant.Iin!)), applicant.FullName, RegionCode.Parse(BenchApplicantRegion),
                scoring.PilotTermsOn(DateOnly.FromDateTime(lodged.UtcDateTime)).ProcessingDays, lodged);
            Must(application.RecordKaztest(
                random.Next(40, 95), random.Next(40, 95), DateOnly.FromDateTime(lodged.UtcDateTime), $"KT-BENCH-{i:D6}",
                scoring.KaztestRulesOn(application.LodgedOn), lodged.AddHours(2)));
            made.Add(application);
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await new ModelCopy<ResidenceApplication>(db).CopyAsync(connection, made, ct);
        await transaction.CommitAsync(ct);
        return [.. ready, .. made.Select(a => a.Id)];
    }

    public static async Task ReportAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        const string sql = """
            SELECT "Stage", count(*) FROM "ResidenceApplications" GROUP BY "Stage" ORDER BY count(*) DESC;
            SELECT "Region", count(*), count(*) FILTER (WHERE "Stage" NOT IN ('Approved','Refused','Withdrawn')) FROM "ResidenceApplications"
              GROUP BY "Region" ORDER BY count(*) DESC;
            SELECT pg_size_pretty(pg_database_size(current_database()));
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stages = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            stages.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0}");
        }

        await reader.NextResultAsync(ct);
        var regions = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            regions.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0} ({reader.GetInt64(2):N0} open)");
        }

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        Console.WriteLine("by stage: " + string.Join(", ", stages));
        Console.WriteLine("by region: " + string.Join(", ", regions));
        Console.WriteLine("database size: " + reader.GetString(0));
    }

    /// <summary>
    /// One application, lodged at a uniformly random time between the pilot's start and now, and taken through its
    /// stages on a simulated clock for as long as that clock stays before now. Open cases are therefore the recent
    /// ones, and some are past the 29-day limit, as in a real backlog.
    /// </summary>
    private static (ResidenceApplication Application, bool ScoringFailed) Build(int index, JsonObject applicant, PolicyEngineScoring scoring, DateTimeOffset now)
    {
        var random = new Random(PopulationSeed ^ (index * 7919));
        var kind = (string?)applicant["applicant_kind"] == "kandas" ? ResidenceKind.KandasStatus : ResidenceKind.PermanentResidence;
        var region = RegionCode.Parse((string)applicant["destination_region"]!);
        var birth = DateOnly.ParseExact((string)applicant["birth_date"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = $"{GivenNames[random.Next(GivenNames.Length)]} {FamilyNames[random.Next(FamilyNames.Length)]}";
        var officer = "bench-officer-" + region.Value;
        var t = PilotStart + TimeSpan.FromSeconds(random.NextDouble() * (now - PilotStart).TotalSeconds);
        var application = ResidenceApplication.Lodge(
            kind, "bench-applicant-" + index.ToString(CultureInfo.InvariantCulture), ApplicantIdentity.OfIin(MakeIin(birth, random)), name, region, scoring.PilotTermsOn(DateOnly.FromDateTime(t.UtcDateTime)).ProcessingDays, t);
        DateTimeOffset? withdrawAt = random.NextDouble() < 0.04 ? t.AddDays(random.Next(2, 26)) : null;

        // Moves the clock on; false when the next step would be in the future (the case stays where it is) or the
        // applicant withdraws first.
        bool Step(int minDays, int maxDays)
        {
            var next = t.AddDays(random.Next(minDays, maxDays + 1)).AddHours(random.Next(0, 9));
            if (withdrawAt is { } w && w <= next && w <= now)
            {
                Must(application.Withdraw(random.Next(2) == 0 ? null : "Moving elsewhere", w));
                return false;
            }

            if (next > now)
            {
                return false;
            }

            t = next;
            return true;
        }

        var rules = scoring.KaztestRulesOn(application.LodgedOn);
        var listening = (int)applicant["kaztest_listening_pct"]!;
        var reading = (int)applicant["kaztest_reading_pct"]!;
        for (var attempt = 1; application.Stage == ResidenceStage.LanguageTest && attempt <= rules.MaxAttempts; attempt++)
        {
            if (!Step(2, 8))
            {
                return (application, false);
            }

            Must(application.RecordKaztest(listening, reading, DateOnly.FromDateTime(t.UtcDateTime.AddDays(-1)), $"KT-{index:D6}-{attempt}", rules, t));
            listening = Math.Min(100, listening + random.Next(0, 20));
            reading = Math.Min(100, reading + random.Next(0, 20));
        }

        if (application.Stage == ResidenceStage.Questionnaire)
        {
            if (!Step(1, 6))
            {
                return (application, false);
            }

            var answers = Answers(applicant);
            try
            {
                var input = ResidenceCaseFacts.BuildCase(application, answers, scoring);
                var result = scoring.Score(input, application.LodgedOn);
                var record = new ScoreRecord(
                    input.ToJsonString(), result.ExplanationJson, result.PackHash, result.AsOf, result.LawDate, result.Decision,
                    result.Passed, result.Total, result.PassMark, result.FailedGates, t);
                Must(application.SubmitQuestionnaire(answers.ToJsonString(), record, t));
            }
            catch (Exception e) when (e is ScoringInputException or ScoringEvaluationException)
            {
                return (application, true);
            }
        }

        for (var round = 0; application.Stage == ResidenceStage.Checks && round < 3; round++)
        {
            if (!Step(1, 4))
            {
                return (application, false);
            }

            foreach (var check in application.OpenChecks.ToList())
            {
                var draw = random.NextDouble();
                var reply = draw < 0.02 ? new CheckReply(CheckStatus.Hit, "Record found: entry ban until 2027")
                    : draw < 0.07 ? new CheckReply(CheckStatus.Pending, "Request queued", t.AddDays(1))
                    : new CheckReply(CheckStatus.Clear, "No record");
                if (application.RecordCheckReply(check.Kind, reply, t) is not null)
                {
                    break;
                }
            }
        }

        if (application.Stage == ResidenceStage.Interview)
        {
            if (!Step(1, 3))
            {
                return (application, false);
            }

            var at = new DateTimeOffset(t.UtcDateTime.Date.AddDays(random.Next(3, 11)).AddHours(5), TimeSpan.Zero);
            Must(application.ScheduleInterview(at, "Migration service, room " + random.Next(1, 40).ToString(CultureInfo.InvariantCulture), officer, t));
            if (at > now || withdrawAt is { } w && w <= at)
            {
                return (application, false);
            }

            t = at.AddHours(1);
            Must(application.RecordInterviewOutcome(random.NextDouble() < 0.9, "Interview held", officer, t));
        }

        if (application.Stage == ResidenceStage.Decision)
        {
            if (!Step(1, 5))
            {
                return (application, false);
            }

            var grounds = application.FailedGrounds();
            Must(grounds.Count > 0
                ? application.Refuse(grounds[0].Code, "The application failed: " + grounds[0].Description, officer, t)
                : application.Approve("Every stage passed.", officer, t));
        }

        return (application, false);
    }

    /// <summary>A valid IIN for the birth date: century-and-sex digit, a serial and the control digit.</summary>
    private static Iin MakeIin(DateOnly birth, Random random)
    {
        var centuryDigit = (birth.Year >= 2000 ? 5 : 3) + random.Next(2);
        while (true)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"{birth:yyMMdd}{centuryDigit}{random.Next(0, 10000):D4}");
            for (var control = 0; control < 10; control++)
            {
                if (Iin.TryParse(body + control.ToString(CultureInfo.InvariantCulture), out var iin, out _))
                {
                    return iin.Value;
                }
            }
        }
    }

    private static void Must(Refusal? refusal)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException($"The domain refused a seeding step: {refusal.Code}: {refusal.Message}");
        }
    }
}
