namespace Koshi.Bench;

/// <summary>The permanent-residence scheme coded directly in C#: switches and lookups over the struct of arrays.
/// The law in force is picked per applicant, as a hand-written service would: the law date (the lodgement date, the
/// pilot's start for earlier lodgements) selects one entry of <see cref="Law"/> (pass mark 400, KAZTEST 30 % and three
/// attempts, the 2025–2026 list of regions designated for kandas, financial capacity of 1,320 MRP per family member aged
/// 16 or over plus 15 m² of housing per family member, kandas exempt; MRP 4,325 in 2026); a law date with no law in force
/// (after the pilot ends on 2026-12-31) is an error, as in the pack.</summary>
public static class HandWritten
{
    /// <summary>Criterion order; the same order the compiled scheme reports (checked before timing).</summary>
    public static readonly string[] Criteria =
    [
        "age", "education", "kazakh_language", "russian_language", "foreign_language", "work_experience", "military_service",
        "professional_qualification", "occupation_skill", "spouse_education", "spouse_kazakh", "education_x_kazakh", "education_x_experience",
        "adaptability", "in_demand_occupation",
    ];

    /// <summary>The figures in force from <see cref="From"/> (day number) until the day before <see cref="Until"/>.</summary>
    public sealed record Law(int From, int Until, int PassMark, int MinSectionPct, int MaxAttempts, decimal FundsPerMember16Plus, bool[] Designated);

    private static readonly int PilotEnd = new DateOnly(2027, 1, 1).DayNumber;

    /// <summary>The law as the pack has it: one set of figures over the whole pilot.</summary>
    public static readonly Law[] Pack = [new(PilotStart, PilotEnd, 400, 30, 3, 1320m * 4325m, DesignatedRegions(11, 10, 39, 55, 63, 59, 23, 27))];

    /// <summary>The same with a mid-year change of the MRP (the bench's variant pack, <c>Program.MidYearPack</c>): 4,325 until
    /// 30 June 2026, <see cref="MidYearMrp"/> from 1 July.</summary>
    public static Law[] MidYear()
    {
        var july = new DateOnly(2026, 7, 1).DayNumber;
        return [Pack[0] with { Until = july }, Pack[0] with { From = july, FundsPerMember16Plus = 1320m * MidYearMrp }];
    }

    public const int MidYearMrp = 4500;

    private const int MaxTotal = 1000;
    private const int SkillTransferabilityCap = 120;
    private const int AdaptabilityCap = 100;
    private static readonly int PilotStart = new DateOnly(2026, 2, 13).DayNumber;

    private static readonly int[] EducationPoints = [0, 40, 70, 120, 145, 160];
    private static readonly int[] KazakhPoints = [0, 20, 35, 55, 75, 90, 100];
    private static readonly int[] RussianPoints = [0, 10, 20, 35, 50, 60, 60];
    private static readonly int[] EnglishPoints = [0, 0, 10, 30, 50, 70, 80];
    private static readonly int[] QualificationPoints = [0, 30, 55, 80];

    /// <summary>By <see cref="Applicants.Occupation"/> index: none, ISCO 0, 1 … 9.</summary>
    private static readonly int[] OccupationPoints = [0, 30, 120, 120, 80, 30, 30, 30, 30, 30, 0];

    private const decimal HousingM2PerMember = 15m;
    private const byte RegionalQuota = 1;
    private static readonly int[] SpouseEducationPoints = [0, 10, 20, 30, 35, 40];
    private static readonly int[] SpouseKazakhPoints = [0, 10, 15, 25, 30, 40, 40];

    private static bool[] DesignatedRegions(params int[] codes)
    {
        var table = new bool[100];
        foreach (var code in codes)
        {
            table[code] = true;
        }

        return table;
    }

    public static Scores Score(Applicants a, int count, Law[]? laws = null)
    {
        laws ??= Pack;
        var scores = new Scores(count, Criteria.Length);
        var points = scores.Points;
        var lastLawDay = -1;
        int ly = 0, lm = 0, ld = 0;
        Law? law = null;
        int lawFrom = int.MaxValue, lawUntil = int.MinValue;
        for (var i = 0; i < count; i++)
        {
            var lawDay = Math.Max(a.LodgementDay[i], PilotStart);
            if (lawDay < lawFrom || lawDay >= lawUntil)
            {
                law = Array.Find(laws, l => lawDay >= l.From && lawDay < l.Until);
                if (law is null)
                {
                    scores.Status[i] = 255;
                    continue;
                }

                (lawFrom, lawUntil) = (law.From, law.Until);
            }

            if (lawDay != lastLawDay)
            {
                DateOnly.FromDayNumber(lawDay).Deconstruct(out ly, out lm, out ld);
                lastLawDay = lawDay;
            }

            var birthDay = a.BirthDay[i];
            int age;
            if (birthDay <= lawDay)
            {
                DateOnly.FromDayNumber(birthDay).Deconstruct(out var by, out var bm, out var bd);
                if (bm == 2 && bd == 29 && !DateTime.IsLeapYear(ly))
                {
                    (bm, bd) = (3, 1);
                }

                age = ly - by - (lm < bm || (lm == bm && ld < bd) ? 1 : 0);
            }
            else
            {
                age = -(int)YearsBetweenSlow(lawDay, birthDay);
            }

            var spouse = a.HasSpouse[i];
            var agePoints = age switch
            {
                >= 18 and <= 24 => spouse ? 90 : 100,
                >= 25 and <= 34 => spouse ? 110 : 120,
                >= 35 and <= 44 => spouse ? 90 : 100,
                >= 45 and <= 54 => spouse ? 55 : 60,
                >= 55 and <= 64 => spouse ? 15 : 20,
                _ => 0,
            };

            var education = a.EducationLevel[i];
            var kazakh = a.Kazakh[i];
            var certificates = a.Certificates[i];
            var experience = a.Experience[i];

            var kazakhCertificate = (certificates & Applicants.KaztestC1) != 0 ? 90
                : (certificates & Applicants.KaztestB2) != 0 ? 75
                : (certificates & Applicants.KaztestB1) != 0 ? 55 : 0;
            var kazakhPoints = Math.Max(KazakhPoints[kazakh], kazakhCertificate);
            var englishPoints = Math.Max(EnglishPoints[a.English[i]], (certificates & (Applicants.Ielts | Applicants.Toefl)) != 0 ? 60 : 0);
            var experiencePoints = experience switch
            {
                0 => 0,
                <= 2 => 20,
                <= 5 => 40,
                <= 9 => 60,
                _ => 70,
            };

            var educationKazakh = education >= 3 ? (kazakh >= 4 ? 80 : kazakh is 2 or 3 ? 40 : 0)
                : education == 2 && kazakh >= 3 ? 40 : 0;
            var educationExperience = education >= 3 ? (experience >= 5 ? 80 : experience is >= 2 and <= 4 ? 40 : 0)
                : education == 2 && experience >= 3 ? 40 : 0;
            educationKazakh = Math.Min(educationKazakh, SkillTransferabilityCap);
            educationExperience = Math.Min(educationExperience, Math.Max(SkillTransferabilityCap - educationKazakh, 0));

            var adaptability = Math.Min((a.Relatives[i] ? 30 : 0) + (a.Studied[i] ? 40 : 0) + (a.JobOffer[i] ? 50 : 0), AdaptabilityCap);
            var inDemand = a.InDemand[i] ? 50 : 0;
            var occupation = OccupationPoints[a.OccupationGroup[i]];

            var at = i * 15;
            points[at] = agePoints;
            points[at + 1] = EducationPoints[education];
            points[at + 2] = kazakhPoints;
            points[at + 3] = RussianPoints[a.Russian[i]];
            points[at + 4] = englishPoints;
            points[at + 5] = experiencePoints;
            points[at + 6] = a.Military[i] ? 20 : 0;
            points[at + 7] = QualificationPoints[a.QualificationLevel[i]];
            points[at + 8] = occupation;
            points[at + 9] = spouse ? SpouseEducationPoints[a.SpouseEducation[i]] : 0;
            points[at + 10] = spouse ? SpouseKazakhPoints[a.SpouseKazakh[i]] : 0;
            points[at + 11] = educationKazakh;
            points[at + 12] = educationExperience;
            points[at + 13] = adaptability;
            points[at + 14] = inDemand;

            var regular = points[at] + points[at + 1] + kazakhPoints + points[at + 3] + englishPoints + experiencePoints + points[at + 6]
                + points[at + 7] + occupation + points[at + 9] + points[at + 10] + educationKazakh + educationExperience + adaptability;
            var total = Math.Min(regular, MaxTotal) + inDemand;
            scores.Totals[i] = total;

            var kandas = a.Kandas[i];
            var funds = kandas || a.FundsKzt[i] >= RequiredFunds(law!.FundsPerMember16Plus, a.FamilyMembers16Plus[i], a.HousingProvided[i], a.FamilyMembers[i], a.HousingPricePerM2[i]);
            var condition = a.KandasCondition[i];
            var kandasCondition = !kandas || (condition == RegionalQuota ? law!.Designated[a.RegionCode[i]] : condition != 0);
            var gates = a.Listening[i] >= law!.MinSectionPct && a.Reading[i] >= law.MinSectionPct && a.Attempts[i] <= law.MaxAttempts
                && !a.Criminal[i] && !a.Deportation[i] && a.Health[i] && funds && kandasCondition && a.Consent[i];
            scores.Status[i] = gates ? (total >= law.PassMark ? (byte)0 : (byte)2) : (byte)1;
        }

        return scores;
    }

    /// <summary>Whole years between two day numbers, as the law counts them (a 29 February birthday falls on 1 March).</summary>
    public static long YearsBetweenSlow(int from, int to)
    {
        var a = DateOnly.FromDayNumber(from);
        var b = DateOnly.FromDayNumber(to);
        if (b < a)
        {
            return -YearsBetweenSlow(to, from);
        }

        var years = b.Year - a.Year;
        var (month, day) = a is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(b.Year) ? (3, 1) : (a.Month, a.Day);
        if (b.Month < month || (b.Month == month && b.Day < day))
        {
            years--;
        }

        return years;
    }

    /// <summary>The scheme's derived <c>required_funds_kzt</c>: 1,320 MRP per member aged 16 or over, plus 15 m² per member unless housing is provided.</summary>
    public static decimal RequiredFunds(decimal fundsPerMember16Plus, int members16Plus, bool housingProvided, int members, decimal pricePerM2)
        => (fundsPerMember16Plus * members16Plus) + (housingProvided ? 0m : HousingM2PerMember * members * pricePerM2);

    /// <summary>The law date and the applicant's age on it, as the scheme derives them.</summary>
    public static int Age(int lodgementDay, int birthDay) => (int)YearsBetweenSlow(birthDay, Math.Max(lodgementDay, PilotStart));
}
