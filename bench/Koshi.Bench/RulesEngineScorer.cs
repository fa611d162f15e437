using RulesEngine.Models;

namespace Koshi.Bench;

/// <summary>One applicant as Microsoft RulesEngine sees it: a typed object, enums as their ids (as in the case JSON).</summary>
public sealed class ReApplicant
{
    public string ApplicantKind { get; set; } = "";
    public int LodgementDay { get; set; }
    public int BirthDay { get; set; }

    /// <summary>Derived: whole years on the law date (set before each evaluation, as the scheme derives it).</summary>
    public int Age { get; set; }

    public string DestinationRegion { get; set; } = "";
    public int KaztestListeningPct { get; set; }
    public int KaztestReadingPct { get; set; }
    public int KaztestAttempts { get; set; }
    public bool HasSpouse { get; set; }
    public string SpouseEducation { get; set; } = "none";
    public string SpouseKazakhLevel { get; set; } = "none";
    public string Education { get; set; } = "none";
    public string KazakhLevel { get; set; } = "none";
    public string RussianLevel { get; set; } = "none";
    public string EnglishLevel { get; set; } = "none";
    public List<string> Certificates { get; set; } = [];
    public int WorkExperienceYears { get; set; }
    public bool MilitaryService { get; set; }
    public string QualificationLevel { get; set; } = "none";
    public bool InDemandOccupation { get; set; }
    public bool RelativesInKz { get; set; }
    public bool StudiedInKz { get; set; }
    public bool JobOffer { get; set; }
    public bool CriminalRecord { get; set; }
    public bool DeportationHistory { get; set; }
    public bool HealthCertificate { get; set; }
    public string OccupationGroup { get; set; } = "none";
    public decimal FundsKzt { get; set; }
    public int FamilyMembers { get; set; } = 1;
    public int FamilyMembers16Plus { get; set; } = 1;
    public bool HousingProvided { get; set; }
    public decimal HousingPricePerM2Kzt { get; set; }

    /// <summary>Derived: the funds a foreign applicant must hold (set before each evaluation, as the scheme derives it).</summary>
    public decimal RequiredFundsKzt { get; set; }

    public string KandasCondition { get; set; } = "none";
    public bool CitizenshipConsent { get; set; }

    public static ReApplicant[] From(Applicants a, int count)
    {
        var result = new ReApplicant[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new ReApplicant
            {
                ApplicantKind = a.Kandas[i] ? "kandas" : "foreigner",
                LodgementDay = a.LodgementDay[i],
                BirthDay = a.BirthDay[i],
                DestinationRegion = a.Region[i],
                KaztestListeningPct = a.Listening[i],
                KaztestReadingPct = a.Reading[i],
                KaztestAttempts = a.Attempts[i],
                HasSpouse = a.HasSpouse[i],
                SpouseEducation = Applicants.Education[a.SpouseEducation[i]],
                SpouseKazakhLevel = Applicants.Level[a.SpouseKazakh[i]],
                Education = Applicants.Education[a.EducationLevel[i]],
                KazakhLevel = Applicants.Level[a.Kazakh[i]],
                RussianLevel = Applicants.Level[a.Russian[i]],
                EnglishLevel = Applicants.Level[a.English[i]],
                Certificates = Applicants.Certificate.Where((_, bit) => (a.Certificates[i] & (1 << bit)) != 0).ToList(),
                WorkExperienceYears = a.Experience[i],
                MilitaryService = a.Military[i],
                QualificationLevel = Applicants.Qualification[a.QualificationLevel[i]],
                InDemandOccupation = a.InDemand[i],
                RelativesInKz = a.Relatives[i],
                StudiedInKz = a.Studied[i],
                JobOffer = a.JobOffer[i],
                CriminalRecord = a.Criminal[i],
                DeportationHistory = a.Deportation[i],
                HealthCertificate = a.Health[i],
                OccupationGroup = Applicants.Occupation[a.OccupationGroup[i]],
                FundsKzt = a.FundsKzt[i],
                FamilyMembers = a.FamilyMembers[i],
                FamilyMembers16Plus = a.FamilyMembers16Plus[i],
                HousingProvided = a.HousingProvided[i],
                HousingPricePerM2Kzt = a.HousingPricePerM2[i],
                KandasCondition = Applicants.KandasConditions[a.KandasCondition[i]],
                CitizenshipConsent = a.Consent[i],
            };
        }

        return result;
    }
}

/// <summary>The permanent-residence table as one Microsoft RulesEngine workflow: one rule per table row (its condition a lambda
/// expression, its points in SuccessEvent), one rule per gate. RulesEngine evaluates every rule; a thin loop then applies the
/// hit policies (first row per table, collect-sum, best-of), caps, totals and the pass mark, as the scheme defines them.</summary>
public sealed class RulesEngineScorer
{
    public const string WorkflowName = "permanent-residence";
    private const int PassMark = 400;

    private enum Kind
    {
        First,
        Collect,
        Gate,
    }

    private readonly RulesEngine.RulesEngine _engine;
    private readonly Kind[] _kind;
    private readonly int[] _slot;
    private readonly int[] _points;
    private readonly int[] _slotCriterion;
    private readonly int _slots;

    public RulesEngineScorer()
    {
        var rules = new List<(Rule Rule, Kind Kind, string Slot)>();
        var slots = new List<(string Slot, int Criterion)>();

        void Table(string criterion, string indicator, Kind kind, params (string When, int Points)[] rows)
        {
            var slot = criterion + "/" + indicator;
            slots.Add((slot, Array.IndexOf(HandWritten.Criteria, criterion)));
            for (var r = 0; r < rows.Length; r++)
            {
                rules.Add((new Rule
                {
                    RuleName = $"{slot}#{r + 1}",
                    Expression = rows[r].When,
                    SuccessEvent = rows[r].Points.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, kind, slot));
            }
        }

        static string Eq(string field, params string[] values) => "(" + string.Join(" || ", values.Select(v => $"input1.{field} == \"{v}\"")) + ")";
        string[] higher = ["bachelor", "master", "doctorate"];

        Table("age", "table", Kind.First,
            ("input1.HasSpouse == false && input1.Age >= 18 && input1.Age <= 24", 100),
            ("input1.HasSpouse == false && input1.Age >= 25 && input1.Age <= 34", 120),
            ("input1.HasSpouse == false && input1.Age >= 35 && input1.Age <= 44", 100),
            ("input1.HasSpouse == false && input1.Age >= 45 && input1.Age <= 54", 60),
            ("input1.HasSpouse == false && input1.Age >= 55 && input1.Age <= 64", 20),
            ("input1.HasSpouse == true && input1.Age >= 18 && input1.Age <= 24", 90),
            ("input1.HasSpouse == true && input1.Age >= 25 && input1.Age <= 34", 110),
            ("input1.HasSpouse == true && input1.Age >= 35 && input1.Age <= 44", 90),
            ("input1.HasSpouse == true && input1.Age >= 45 && input1.Age <= 54", 55),
            ("input1.HasSpouse == true && input1.Age >= 55 && input1.Age <= 64", 15));
        Table("education", "table", Kind.First,
            (Eq("Education", "secondary"), 40), (Eq("Education", "vocational"), 70), (Eq("Education", "bachelor"), 120),
            (Eq("Education", "master"), 145), (Eq("Education", "doctorate"), 160));
        Table("kazakh_language", "level", Kind.First,
            (Eq("KazakhLevel", "a1"), 20), (Eq("KazakhLevel", "a2"), 35), (Eq("KazakhLevel", "b1"), 55),
            (Eq("KazakhLevel", "b2"), 75), (Eq("KazakhLevel", "c1"), 90), (Eq("KazakhLevel", "c2"), 100));
        Table("kazakh_language", "certificate", Kind.First,
            ("input1.Certificates.Contains(\"kaztest_c1\")", 90), ("input1.Certificates.Contains(\"kaztest_b2\")", 75),
            ("input1.Certificates.Contains(\"kaztest_b1\")", 55));
        Table("russian_language", "table", Kind.First,
            (Eq("RussianLevel", "a1"), 10), (Eq("RussianLevel", "a2"), 20), (Eq("RussianLevel", "b1"), 35),
            (Eq("RussianLevel", "b2"), 50), (Eq("RussianLevel", "c1", "c2"), 60));
        Table("foreign_language", "english_level", Kind.First,
            (Eq("EnglishLevel", "a2"), 10), (Eq("EnglishLevel", "b1"), 30), (Eq("EnglishLevel", "b2"), 50),
            (Eq("EnglishLevel", "c1"), 70), (Eq("EnglishLevel", "c2"), 80));
        Table("foreign_language", "english_certificate", Kind.First,
            ("input1.Certificates.Contains(\"ielts\") || input1.Certificates.Contains(\"toefl\")", 60));
        Table("work_experience", "table", Kind.First,
            ("input1.WorkExperienceYears >= 1 && input1.WorkExperienceYears <= 2", 20),
            ("input1.WorkExperienceYears >= 3 && input1.WorkExperienceYears <= 5", 40),
            ("input1.WorkExperienceYears >= 6 && input1.WorkExperienceYears <= 9", 60),
            ("input1.WorkExperienceYears >= 10", 70));
        Table("military_service", "points", Kind.First, ("input1.MilitaryService == true", 20));
        Table("professional_qualification", "table", Kind.First,
            (Eq("QualificationLevel", "nqf_1_3"), 30), (Eq("QualificationLevel", "nqf_4_5"), 55), (Eq("QualificationLevel", "nqf_6_8"), 80));
        Table("occupation_skill", "table", Kind.First,
            (Eq("OccupationGroup", "1", "2"), 120), (Eq("OccupationGroup", "3"), 80), (Eq("OccupationGroup", "0", "4", "5", "6", "7", "8"), 30));
        Table("spouse_education", "table", Kind.First,
            ("input1.HasSpouse == true && " + Eq("SpouseEducation", "secondary"), 10),
            ("input1.HasSpouse == true && " + Eq("SpouseEducation", "vocational"), 20),
            ("input1.HasSpouse == true && " + Eq("SpouseEducation", "bachelor"), 30),
            ("input1.HasSpouse == true && " + Eq("SpouseEducation", "master"), 35),
            ("input1.HasSpouse == true && " + Eq("SpouseEducation", "doctorate"), 40));
        Table("spouse_kazakh", "table", Kind.First,
            ("input1.HasSpouse == true && " + Eq("SpouseKazakhLevel", "a1"), 10),
            ("input1.HasSpouse == true && " + Eq("SpouseKazakhLevel", "a2"), 15),
            ("input1.HasSpouse == true && " + Eq("SpouseKazakhLevel", "b1"), 25),
            ("input1.HasSpouse == true && " + Eq("SpouseKazakhLevel", "b2"), 30),
            ("input1.HasSpouse == true && " + Eq("SpouseKazakhLevel", "c1", "c2"), 40));
        Table("education_x_kazakh", "table", Kind.First,
            (Eq("Education", higher) + " && " + Eq("KazakhLevel", "b2", "c1", "c2"), 80),
            (Eq("Education", higher) + " && " + Eq("KazakhLevel", "a2", "b1"), 40),
            (Eq("Education", "vocational") + " && " + Eq("KazakhLevel", "b1", "b2", "c1", "c2"), 40));
        Table("education_x_experience", "table", Kind.First,
            (Eq("Education", higher) + " && input1.WorkExperienceYears >= 5", 80),
            (Eq("Education", higher) + " && input1.WorkExperienceYears >= 2 && input1.WorkExperienceYears <= 4", 40),
            (Eq("Education", "vocational") + " && input1.WorkExperienceYears >= 3", 40));
        Table("adaptability", "table", Kind.Collect,
            ("input1.RelativesInKz == true", 30), ("input1.StudiedInKz == true", 40), ("input1.JobOffer == true", 50));
        Table("in_demand_occupation", "points", Kind.First, ("input1.InDemandOccupation == true", 50));
        Table("gates", "all", Kind.Gate,
            ("input1.KaztestListeningPct >= 30 && input1.KaztestReadingPct >= 30", 0),
            ("input1.KaztestAttempts <= 3", 0),
            ("input1.CriminalRecord == false", 0),
            ("input1.DeportationHistory == false", 0),
            ("input1.HealthCertificate == true", 0),
            ("input1.ApplicantKind == \"kandas\" || input1.FundsKzt >= input1.RequiredFundsKzt", 0),
            ("input1.ApplicantKind != \"kandas\" || (input1.KandasCondition == \"regional_quota\" && "
                + Eq("DestinationRegion", "KZ-11", "KZ-10", "KZ-39", "KZ-55", "KZ-63", "KZ-59", "KZ-23", "KZ-27") + ") || "
                + Eq("KandasCondition", "demographic_settlement", "family_reunification"), 0),
            ("input1.CitizenshipConsent == true", 0));

        Workflow = new Workflow { WorkflowName = WorkflowName, Rules = rules.Select(r => r.Rule).ToList() };
        _engine = new RulesEngine.RulesEngine([Workflow], new ReSettings
        {
            CustomTypes = [typeof(ReApplicant)],
            EnableScopedParams = false,
            UseFastExpressionCompiler = true,
        });
        _kind = rules.Select(r => r.Kind).ToArray();
        _slot = rules.Select(r => slots.FindIndex(s => s.Slot == r.Slot)).ToArray();
        _points = rules.Select(r => int.Parse(r.Rule.SuccessEvent, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _slotCriterion = slots.Select(s => s.Criterion).ToArray();
        _slots = slots.Count;
        RuleCount = rules.Count;
    }

    public Workflow Workflow { get; }
    public int RuleCount { get; }

    public async Task<Scores> Score(ReApplicant[] applicants, int count)
    {
        var scores = new Scores(count, HandWritten.Criteria.Length);
        var slot = new int[_slots];
        var criterion = new int[HandWritten.Criteria.Length];
        for (var i = 0; i < count; i++)
        {
            var applicant = applicants[i];
            applicant.Age = HandWritten.Age(applicant.LodgementDay, applicant.BirthDay);
            applicant.RequiredFundsKzt = HandWritten.RequiredFunds(HandWritten.Pack[0].FundsPerMember16Plus, applicant.FamilyMembers16Plus, applicant.HousingProvided, applicant.FamilyMembers, applicant.HousingPricePerM2Kzt);
            var results = await _engine.ExecuteAllRulesAsync(WorkflowName, applicant);
            Array.Fill(slot, int.MinValue);
            var gates = true;
            for (var r = 0; r < results.Count; r++)
            {
                var result = results[r];
                if (result.ExceptionMessage is { Length: > 0 } error)
                {
                    throw new InvalidOperationException($"{result.Rule.RuleName}: {error}");
                }

                var s = _slot[r];
                switch (_kind[r])
                {
                    case Kind.Gate:
                        gates &= result.IsSuccess;
                        break;
                    case Kind.First:
                        if (result.IsSuccess && slot[s] == int.MinValue)
                        {
                            slot[s] = _points[r];
                        }

                        break;
                    case Kind.Collect:
                        slot[s] = Math.Max(slot[s], 0) + (result.IsSuccess ? _points[r] : 0);
                        break;
                }
            }

            Aggregate(scores, i, slot, criterion, gates);
        }

        return scores;
    }

    /// <summary>Best-of per criterion, the adaptability cap, the skill-transferability group cap, max-total and bonuses, the pass mark.</summary>
    private void Aggregate(Scores scores, int i, int[] slot, int[] criterion, bool gates)
    {
        Array.Fill(criterion, 0);
        for (var s = 0; s < _slots; s++)
        {
            var c = _slotCriterion[s];
            if (c >= 0 && slot[s] > criterion[c])
            {
                criterion[c] = slot[s];
            }
        }

        criterion[13] = Math.Min(criterion[13], 100);
        criterion[11] = Math.Min(criterion[11], 120);
        criterion[12] = Math.Min(criterion[12], Math.Max(120 - criterion[11], 0));
        var regular = 0;
        for (var c = 0; c < 14; c++)
        {
            regular += criterion[c];
        }

        var total = Math.Min(regular, 1000) + criterion[14];
        criterion.CopyTo(scores.Points, i * criterion.Length);
        scores.Totals[i] = total;
        scores.Status[i] = gates ? (total >= PassMark ? (byte)0 : (byte)2) : (byte)1;
    }
}
