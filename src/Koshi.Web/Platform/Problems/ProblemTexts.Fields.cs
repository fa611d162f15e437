using System.Globalization;
using System.Text.RegularExpressions;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// The field messages of the API's request checks (labour, agencies, resettlement, administration) with a value in
/// them; their texts are in ProblemTexts.resx like every other message. A message that quotes the value sent is
/// translated without the value: the field it names is the key of the problem's errors, and repeating what was sent
/// adds nothing a caller does not have.
/// </summary>
public static partial class ProblemTexts
{
    /// <summary>Field messages with a number, a date or the value sent: the English pattern (code) and the key of its text ({0}, {1}: the groups).</summary>
    private static readonly (Regex English, LocalizedString Text)[] FieldPatterns =
    [
        (RegionValue(), Of("problem.pattern.region-value")),
        (CountryValue(), Of("problem.pattern.country-value")),
        (OccupationValue(), Of("problem.pattern.occupation-value")),
        (RequiredAtMost(), Of("problem.pattern.required-at-most")),
        (RequiredReasonFor(), Of("problem.pattern.required-reason-for")),
        (RequiredRevoking(), Of("problem.pattern.required-revoking")),
        (RequiredOneOf(), Of("problem.pattern.required-one-of")),
        (RequiredOneOrMoreOf(), Of("problem.pattern.required-one-or-more-of")),
        (NoQuotaFor(), Of("problem.pattern.no-quota-for")),
        (OutcomeInFuture(), Of("problem.pattern.outcome-in-future")),
        (WorkerAge(), Of("problem.pattern.worker-age")),
        (YearRange(), Of("problem.pattern.year-range")),
        (PlacedInFuture(), Of("problem.pattern.placed-in-future")),
        (PageSize(), Of("problem.pattern.page-size")),
        (RequiredAtMostPlain(), Of("problem.pattern.required-at-most")),
    ];

    /// <summary>The field message in a language from this file's texts, or null when it has none.</summary>
    private static string? TranslateField(string english, string language)
    {
        if (NotValidBin().Match(english) is { Success: true } bin)
        {
            var why = Translate(bin.Groups[1].Value, language);
            return string.Format(CultureInfo.InvariantCulture, NotValidBinText.For(language), why);
        }

        foreach (var (pattern, localized) in FieldPatterns)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                var groups = match.Groups.Values.Skip(1).Select(g => (object)Reason(g.Value, language)).ToArray();
                return string.Format(CultureInfo.InvariantCulture, localized.For(language), groups);
            }
        }

        return null;
    }

    /// <summary>What the reasons are for, in a language (the decision, the refusal); other words stay as given.</summary>
    private static string Reason(string value, string language) => value switch
    {
        "decision" => DecisionText.For(language),
        "refusal" => RefusalText.For(language),
        _ => value,
    };

    private static readonly LocalizedString DecisionText = Of("problem.reason.decision");
    private static readonly LocalizedString RefusalText = Of("problem.reason.refusal");

    private static readonly LocalizedString NotValidBinText = Of("problem.pattern.not-valid-bin");

    [GeneratedRegex(@"^'.*' is not a Kazakhstan region code \(KZ-10 … KZ-79\)\.$", RegexOptions.Singleline)]
    private static partial Regex RegionValue();

    [GeneratedRegex(@"^'.*' is not an ISO 3166-1 alpha-2 country code such as CN or UZ\.$", RegexOptions.Singleline)]
    private static partial Regex CountryValue();

    [GeneratedRegex(@"^'.*' is not an ISCO-08 unit group with a skill level\.$", RegexOptions.Singleline)]
    private static partial Regex OccupationValue();

    [GeneratedRegex(@"^Required: at most ([\d,]+) characters\.$")]
    private static partial Regex RequiredAtMost();

    [GeneratedRegex(@"^Required: the reasons for the (decision|refusal) \(at most ([\d,]+) characters\)\.$")]
    private static partial Regex RequiredReasonFor();

    [GeneratedRegex(@"^Required: the reason for revoking \(at most ([\d,]+) characters\)\.$")]
    private static partial Regex RequiredRevoking();

    [GeneratedRegex(@"^Required: one of (.+?)\.?$")]
    private static partial Regex RequiredOneOf();

    [GeneratedRegex(@"^Required: one or more of (.+?)\.?$")]
    private static partial Regex RequiredOneOrMoreOf();

    [GeneratedRegex(@"^The policy pack has no foreign-labour quota for (-?\d+)\.$")]
    private static partial Regex NoQuotaFor();

    [GeneratedRegex(@"^An outcome is recorded once the inspection is done: (\S+) is in the future\.$")]
    private static partial Regex OutcomeInFuture();

    [GeneratedRegex(@"^Required: the worker's birth date; the worker must be (\d+) to (\d+) years old\.$")]
    private static partial Regex WorkerAge();

    [GeneratedRegex(@"^A year from (\d+) to (\d+)\.$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"^A placement is recorded once made: (\S+) is in the future\.$")]
    private static partial Regex PlacedInFuture();

    [GeneratedRegex(@"^From 1 to ([\d,]+) a page\.$")]
    private static partial Regex PageSize();

    [GeneratedRegex(@"^Required: at most ([\d,]+) characters$")]
    private static partial Regex RequiredAtMostPlain();

    [GeneratedRegex(@"^Not a valid BIN: (.+)$")]
    private static partial Regex NotValidBin();
}
