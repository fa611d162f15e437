using System.Globalization;
using System.Text.Json;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Bench;

/// <summary>Where the benchmark finds the pack and keeps its generated population (outside git, under bench/.data).</summary>
public static class BenchPaths
{
    public const int Population = 1_000_000;
    public const int Seed = 20_260_301;
    public const int Subset = 20_000;
    public const int Sample = 10_000;
    public const string SchemeId = "permanent-residence";
    public static readonly DateOnly AsOf = new(2026, 3, 1);

    public static string Root { get; } = FindRoot();
    public static string Pack => System.IO.Path.Combine(Root, "policy", "kz");
    public static string DataDir => System.IO.Path.Combine(Root, "bench", ".data");
    public static string PopulationFile => System.IO.Path.Combine(DataDir, $"{SchemeId}-{Population}-seed{Seed}-{ProfileHash}.jsonl");
    public static string SubsetFile => System.IO.Path.Combine(DataDir, $"{SchemeId}-{Subset}-seed{Seed}-{ProfileHash}.jsonl");

    /// <summary>The first hex digits of the profile's SHA-256: a changed profile generates a population of its own.</summary>
    public static string ProfileHash { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        File.ReadAllBytes(System.IO.Path.Combine(Pack, "populations", $"{SchemeId}.yaml"))))[..8];
    public static string ExpectedFile => System.IO.Path.Combine(DataDir, $"expected-{Sample}.json");

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("KOSHI_ROOT");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Koshi.slnx")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Koshi.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Koshi.slnx); set KOSHI_ROOT");
    }

    /// <summary>Generates the seeded population (and its first <see cref="Subset"/> lines) unless already there.</summary>
    public static void EnsurePopulation(PolicyPack pack)
    {
        Directory.CreateDirectory(DataDir);
        if (!File.Exists(PopulationFile))
        {
            var profile = pack.Populations.Single(p => p.Scheme.Id == SchemeId);
            var temp = PopulationFile + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                profile.Generate(Population, Seed, stream);
            }

            File.Move(temp, PopulationFile, overwrite: true);
        }

        if (!File.Exists(SubsetFile))
        {
            File.WriteAllLines(SubsetFile, File.ReadLines(PopulationFile).Take(Subset));
        }
    }
}

/// <summary>The population as plain C# arrays (struct of arrays), enums as their index in the declared order.</summary>
public sealed class Applicants
{
    public static readonly string[] Education = ["none", "secondary", "vocational", "bachelor", "master", "doctorate"];
    public static readonly string[] Level = ["none", "a1", "a2", "b1", "b2", "c1", "c2"];
    public static readonly string[] Qualification = ["none", "nqf_1_3", "nqf_4_5", "nqf_6_8"];
    public static readonly string[] Certificate = ["ielts", "toefl", "kaztest_b1", "kaztest_b2", "kaztest_c1"];
    public static readonly string[] Occupation = ["none", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    public static readonly string[] KandasConditions = ["none", "regional_quota", "demographic_settlement", "family_reunification"];
    public const int Ielts = 1, Toefl = 2, KaztestB1 = 4, KaztestB2 = 8, KaztestC1 = 16;

    public Applicants(int count)
    {
        Count = count;
        Kandas = new bool[count];
        LodgementDay = new int[count];
        BirthDay = new int[count];
        Citizenship = new string[count];
        Region = new string[count];
        RegionCode = new byte[count];
        Listening = new byte[count];
        Reading = new byte[count];
        Attempts = new byte[count];
        HasSpouse = new bool[count];
        SpouseEducation = new byte[count];
        SpouseKazakh = new byte[count];
        EducationLevel = new byte[count];
        Kazakh = new byte[count];
        Russian = new byte[count];
        English = new byte[count];
        Certificates = new byte[count];
        Experience = new byte[count];
        Military = new bool[count];
        QualificationLevel = new byte[count];
        InDemand = new bool[count];
        Relatives = new bool[count];
        Studied = new bool[count];
        JobOffer = new bool[count];
        Criminal = new bool[count];
        Deportation = new bool[count];
        Health = new bool[count];
        OccupationGroup = new byte[count];
        FundsKzt = new decimal[count];
        FamilyMembers = new byte[count];
        FamilyMembers16Plus = new byte[count];
        HousingProvided = new bool[count];
        HousingPricePerM2 = new decimal[count];
        KandasCondition = new byte[count];
        Consent = new bool[count];
    }

    public int Count { get; }
    public bool[] Kandas { get; }
    public int[] LodgementDay { get; }
    public int[] BirthDay { get; }
    public string[] Citizenship { get; }
    public string[] Region { get; }

    /// <summary>The two digits of the ISO 3166-2 region code (KZ-55 is 55).</summary>
    public byte[] RegionCode { get; }

    public byte[] Listening { get; }
    public byte[] Reading { get; }
    public byte[] Attempts { get; }
    public bool[] HasSpouse { get; }
    public byte[] SpouseEducation { get; }
    public byte[] SpouseKazakh { get; }
    public byte[] EducationLevel { get; }
    public byte[] Kazakh { get; }
    public byte[] Russian { get; }
    public byte[] English { get; }
    public byte[] Certificates { get; }
    public byte[] Experience { get; }
    public bool[] Military { get; }
    public byte[] QualificationLevel { get; }
    public bool[] InDemand { get; }
    public bool[] Relatives { get; }
    public bool[] Studied { get; }
    public bool[] JobOffer { get; }
    public bool[] Criminal { get; }
    public bool[] Deportation { get; }
    public bool[] Health { get; }
    public byte[] OccupationGroup { get; }
    public decimal[] FundsKzt { get; }
    public byte[] FamilyMembers { get; }
    public byte[] FamilyMembers16Plus { get; }
    public bool[] HousingProvided { get; }
    public decimal[] HousingPricePerM2 { get; }
    public byte[] KandasCondition { get; }
    public bool[] Consent { get; }

    public static Applicants Read(string path, int? limit = null)
    {
        var lines = limit is { } n ? File.ReadLines(path).Take(n).ToArray() : File.ReadAllLines(path);
        var a = new Applicants(lines.Length);
        Parallel.For(0, lines.Length, i => a.Parse(i, lines[i]));
        return a;
    }

    private void Parse(int i, string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Kandas[i] = Text(root, "applicant_kind") switch
        {
            "kandas" => true,
            "foreigner" => false,
            var other => throw new FormatException("applicant_kind " + other),
        };
        LodgementDay[i] = Day(root, "lodgement_date");
        BirthDay[i] = Day(root, "birth_date");
        Citizenship[i] = string.Intern(Text(root, "citizenship"));
        Region[i] = string.Intern(Text(root, "destination_region"));
        RegionCode[i] = byte.Parse(Region[i].AsSpan(3), CultureInfo.InvariantCulture);
        Listening[i] = (byte)root.GetProperty("kaztest_listening_pct").GetInt32();
        Reading[i] = (byte)root.GetProperty("kaztest_reading_pct").GetInt32();
        Attempts[i] = (byte)root.GetProperty("kaztest_attempts").GetInt32();
        HasSpouse[i] = Bool(root, "has_spouse", false);
        if (root.TryGetProperty("spouse", out var spouse))
        {
            SpouseEducation[i] = Enum(spouse, "education", Education, 0);
            SpouseKazakh[i] = Enum(spouse, "kazakh_level", Level, 0);
        }

        EducationLevel[i] = Enum(root, "education", Education, null);
        Kazakh[i] = Enum(root, "kazakh_level", Level, null);
        Russian[i] = Enum(root, "russian_level", Level, 0);
        English[i] = Enum(root, "english_level", Level, 0);
        if (root.TryGetProperty("certificates", out var certificates))
        {
            foreach (var c in certificates.EnumerateArray())
            {
                Certificates[i] |= (byte)(1 << Array.IndexOf(Certificate, c.GetString()));
            }
        }

        Experience[i] = (byte)root.GetProperty("work_experience_years").GetInt32();
        Military[i] = Bool(root, "military_service", false);
        QualificationLevel[i] = Enum(root, "qualification_level", Qualification, 0);
        InDemand[i] = Bool(root, "in_demand_occupation", false);
        Relatives[i] = Bool(root, "relatives_in_kz", false);
        Studied[i] = Bool(root, "studied_in_kz", false);
        JobOffer[i] = Bool(root, "job_offer", false);
        Criminal[i] = Bool(root, "criminal_record", false);
        Deportation[i] = Bool(root, "deportation_history", false);
        Health[i] = Bool(root, "health_certificate", null);
        OccupationGroup[i] = Enum(root, "occupation_group", Occupation, 0);
        FundsKzt[i] = Decimal(root, "funds_kzt");
        FamilyMembers[i] = (byte)Int(root, "family_members", 1);
        FamilyMembers16Plus[i] = (byte)Int(root, "family_members_16_plus", 1);
        HousingProvided[i] = Bool(root, "housing_provided", false);
        HousingPricePerM2[i] = Decimal(root, "housing_price_per_m2_kzt");
        KandasCondition[i] = Enum(root, "kandas_condition", KandasConditions, 0);
        Consent[i] = Bool(root, "citizenship_consent", null);
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static int Day(JsonElement e, string name) => DateOnly.ParseExact(Text(e, name), "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;

    private static bool Bool(JsonElement e, string name, bool? fallback)
        => e.TryGetProperty(name, out var v) ? v.GetBoolean() : fallback ?? throw new FormatException("missing " + name);

    private static decimal Decimal(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDecimal() : 0m;

    private static int Int(JsonElement e, string name, int fallback) => e.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;

    private static byte Enum(JsonElement e, string name, string[] values, byte? fallback)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return fallback ?? throw new FormatException("missing " + name);
        }

        var index = Array.IndexOf(values, v.GetString());
        return index >= 0 ? (byte)index : throw new FormatException($"{name} {v.GetString()}");
    }
}

/// <summary>Per-person points per criterion (in the scheme's criterion order), total and decision (0 pass, 1 fail-gate, 2 fail-score).</summary>
public sealed class Scores(int count, int criteria)
{
    public int Count { get; } = count;
    public int Criteria { get; } = criteria;
    public int[] Points { get; } = new int[count * criteria];
    public int[] Totals { get; } = new int[count];
    public byte[] Status { get; } = new byte[count];

    public static string Decision(byte status) => status switch { 0 => "pass", 1 => "fail-gate", 2 => "fail-score", _ => "error" };
}

/// <summary>Reads a population into the engine. The engine checks text patterns with a 100 ms wall-clock regex timeout, which a
/// busy machine (or a long blocking GC) can exceed on a trivial pattern; such a read is retried, and said so, rather than lost.</summary>
public static class KoshiData
{
    public static PopulationData Read(Scheme scheme, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PopulationData.Read(scheme, path);
            }
            catch (AggregateException ex) when (attempt < 5 && ex.Flatten().InnerExceptions.Any(e => e is System.Text.RegularExpressions.RegexMatchTimeoutException))
            {
                Console.Error.WriteLine($"warning: PopulationData.Read hit a regex match timeout (attempt {attempt}); retrying");
            }
        }
    }
}
