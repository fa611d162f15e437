using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// Texts the pages show that were written once in English and kept: the policy pack's sources and row labels (whose
/// translations the pack carries), and the details the platform stored beside a check or a decision (translated
/// here by their English pattern). Citation keys such as [R7] are for the pack's readers and are not shown; a
/// provisional figure is not marked on every row but once per page (<see cref="Provisional"/>).
/// </summary>
public sealed partial class LawText(PolicyPackSource packs)
{
    /// <summary>A stored English text in the request's language, without citation keys.</summary>
    public string Say(string? english)
    {
        if (string.IsNullOrWhiteSpace(english))
        {
            return string.Empty;
        }

        return Clean(Translate(RuleKey().Replace(english.Trim(), string.Empty), Text.Language));
    }

    /// <summary>
    /// A source as cited by the platform (parts joined by "; ", a provisional part marked): each part in the request's
    /// language, the provisional marks and notes left out (the page says once that some figures are provisional).
    /// </summary>
    public string Source(string? cited)
    {
        if (string.IsNullOrWhiteSpace(cited))
        {
            return "—";
        }

        if (cited.StartsWith("provisional", StringComparison.OrdinalIgnoreCase))
        {
            return Texts.All["law.provisional-source"].Current;
        }

        var pieces = WithoutProvisionalNotes(cited).Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.StartsWith("provisional", StringComparison.OrdinalIgnoreCase) && !NamedParameter().IsMatch(p))
            .ToList();

        // A source may itself hold "; ": the longest run of pieces the pack knows is translated as one.
        var parts = new List<string>();
        for (var i = 0; i < pieces.Count;)
        {
            var taken = 1;
            for (var j = pieces.Count; j > i + 1; j--)
            {
                var joined = string.Join("; ", pieces.Skip(i).Take(j - i));
                if (Known(joined))
                {
                    taken = j - i;
                    break;
                }
            }

            parts.Add(Clean(Translate(string.Join("; ", pieces.Skip(i).Take(taken)), Text.Language)));
            i += taken;
        }

        parts = parts.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return parts.Count == 0 ? Texts.All["law.provisional-source"].Current : string.Join("; ", parts);
    }

    /// <summary>Cuts every "(provisional…)" with what it holds, brackets inside it included.</summary>
    private static string WithoutProvisionalNotes(string text)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(' && string.CompareOrdinal(text, i + 1, "provisional", 0, 11) == 0)
            {
                var depth = 0;
                for (; i < text.Length; i++)
                {
                    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                continue;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }

    /// <summary>The title of an input's value (a sector group, a tier) as the pack names it, in the request's language.</summary>
    public string Option(string input, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        var title = Definitions(input).SelectMany(d => d.Values).FirstOrDefault(v => v.Id == value)?.Title;
        return title?.For(Text.Language) ?? value;
    }

    /// <summary>The title of a rule set's output (a gate, a condition) in the request's language, or its id.</summary>
    public string Output(string ruleSet, string output) =>
        packs.Pack?.RuleSets.FirstOrDefault(r => r.Id == ruleSet)?.OutputTitle(output) is { } title && title.En != output ? title.For(Text.Language) : output;

    /// <summary>The title of an input (a question of a scheme or rule set) in the request's language.</summary>
    public string Input(string input) =>
        Definitions(input).FirstOrDefault()?.Title is { } title && title.En.Length > 0 ? title.For(Text.Language) : input;

    private IEnumerable<Koshi.Policy.InputDefinition> Definitions(string input) =>
        packs.Pack is not { } pack ? []
        : pack.RuleSets.SelectMany(r => r.Inputs).Concat(pack.Schemes.SelectMany(s => s.Inputs)).Where(i => i.Name == input);

    /// <summary>True when a cited source includes a provisional figure.</summary>
    public static bool Provisional(string? cited) => cited?.Contains("provisional", StringComparison.OrdinalIgnoreCase) == true;

    private bool Known(string english) =>
        Phrases.ContainsKey(english) || (packs.Pack is { } pack && pack.Text(english, "ru") != english);

    private string Translate(string english, string language)
    {
        if (language == "en")
        {
            return Phrases.TryGetValue(english, out var plain) ? plain.En : english;
        }

        if (packs.Pack is { } pack && pack.Text(english, language) is { } fromPack && !ReferenceEquals(fromPack, english) && fromPack != english)
        {
            return fromPack;
        }

        if (Phrases.TryGetValue(english, out var phrase))
        {
            return phrase.For(language);
        }

        foreach (var (pattern, text) in Templates)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                var args = match.Groups.Values.Skip(1).Select(g => (object)Translate(g.Value, language)).ToArray();
                return string.Format(CultureInfo.InvariantCulture, text.For(language), args);
            }
        }

        return english;
    }

    private static string Clean(string text) => Spaces().Replace(Citation().Replace(text, string.Empty), " ").Replace(" ;", ";", StringComparison.Ordinal).Replace(" .", ".", StringComparison.Ordinal).Trim();

    /// <summary>What the simulators and the pack's ids store, and the key of the text shown for it.</summary>
    private static readonly Dictionary<string, string> StoredAs = new(StringComparer.Ordinal)
    {
        ["Simulated Migration Police: the worker is banned from entering Kazakhstan."] = "law.phrase.migration-police-worker-is-banned-from-entering",
        ["Simulated Migration Police: the worker was deported within the last five years."] = "law.phrase.migration-police-worker-was-deported-within-last",
        ["Simulated Migration Police: the service did not answer; try again later."] = "law.phrase.migration-police-did-not-answer-try-again",
        ["Simulated Migration Police: no entry ban or deportation on record."] = "law.phrase.migration-police-no-entry-ban-or-deportation",
        ["Simulated State Revenue Committee: the employer has unpaid taxes."] = "law.phrase.state-revenue-committee-employer-has-unpaid-taxes",
        ["Simulated labour inspection: the employer broke the rules on foreign labour within the last year."] = "law.phrase.labour-inspection-employer-broke-rules-on-foreign",
        ["Simulated employer checks: the services did not answer; try again later."] = "law.phrase.employer-checks-did-not-answer-try-again",
        ["Simulated employer checks: no unpaid taxes and no past violations on record."] = "law.phrase.employer-checks-no-unpaid-taxes-and-no",
        ["Simulated payment gateway: declined, insufficient funds."] = "law.phrase.payment-gateway-declined-insufficient-funds",
        ["Simulated payment gateway: timed out; nothing was charged."] = "law.phrase.payment-gateway-timed-out-nothing-was-charged",
        ["Simulated payment gateway: charged."] = "law.phrase.payment-gateway-charged",
        ["Illustrative complaint: the agency asked for a payment before the departure and kept the contract copy."] = "law.phrase.example-complaint-agency-asked-for-payment-before",
        ["ict"] = "law.phrase.intra-corporate-transfer",
        ["business_immigrant"] = "law.phrase.business-immigrant",
        ["business-immigrant"] = "law.phrase.business-immigrant",
        ["cat1"] = "law.phrase.category-1",
        ["cat2"] = "law.phrase.category-2",
        ["cat3"] = "law.phrase.category-3",
        ["cat4"] = "law.phrase.category-4",
        ["none"] = "law.phrase.no-category",
    };

    /// <summary>
    /// Whole texts the platform stores in English, by what it stores: the law.phrase.* texts of LawTexts.resx by their
    /// English, and the stored forms that are shown otherwise (ids, a simulator's name) by the key of their text.
    /// </summary>
    internal static readonly FrozenDictionary<string, LocalizedString> Phrases = TextCatalogue.ByEnglish(
            TextCatalogue.Of("LawTexts").Where(t => !StoredAs.ContainsValue(t.Key)).ToDictionary(StringComparer.Ordinal), "law.phrase.")
        .Concat(StoredAs.Select(s => KeyValuePair.Create(s.Key, Of(s.Value))))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Stored details with numbers or names in them (the English pattern is code) and the key of their text; each captured part is translated in turn.</summary>
    private static readonly (Regex English, LocalizedString Text)[] Templates =
    [
        (new(@"^prepaid income tax for (\d+) month\(s\)$"), Of("law.template.prepaid-income-tax-for-month-s")),
        (new(@"^(\d+) days within the (\d+) allowed\.$"), Of("law.template.days-within-allowed")),
        (new(@"^(\d+) days is longer than the (\d+) days the law allows for this permit\.$"), Of("law.template.days-is-longer-than-days-law")),
        (new(@"^This permit has been extended (\d+) time\(s\), the most the law allows\.$"), Of("law.template.this-permit-has-been-extended-time")),
        (new(@"^A (\S+) permit cannot have category (\S+)\.$"), Of("law.template.permit-cannot-have")),
        (new(@"^Outside the quota: (.+)\.$"), Of("law.template.outside-quota")),
        (new(@"^Counts against the (\S+) quota\.$"), Of("law.template.counts-against-quota")),
        (new(@"^A (\S+) permit is outside the skilled share\.$"), Of("law.template.permit-is-outside-skilled-share")),
        (new(@"^(\S+) permit, category (\S+): (skilled|not skilled)\.$"), Of("law.template.permit-category-skill")),
        (new(@"^(\d+) employee\(s\): small employers are exempt from the local-content ratio\.$"), Of("law.template.employee-s-small-employers-are-exempt")),
        (new(@"^Kazakh citizens ([\d.]+) % of (.+) together after hiring; at least ([\d.]+) % required\.$"), Of("law.template.kazakh-citizens-of-together-after-hiring")),
        (new(@"^(\d+) intra-corporate transferee\(s\) against (\d+) Kazakh staff in the category after hiring\.$"), Of("law.template.intra-corporate-transferee-s-against-kazakh")),
        (new(@"^The vacancy has been public for (\d+) day\(s\); an application may be filed from (\d{4}-\d\d-\d\d)\.$"), Of("law.template.vacancy-has-been-public-for-day")),
        (new(@"^The vacancy has been public for (\d+) day\(s\) and backs this application \((\d+) position\(s\) left before it\)\.$"), Of("law.template.vacancy-has-been-public-for-day-s-and-backs-this-application-position-s-left")),
        (new(@"^All (\d+) position\(s\) of the vacancy already back a permit or an application\.$"), Of("law.template.all-position-s-of-vacancy-already")),
        (new(@"^The vacancy is for occupation (\S+), the application for (\S+)\.$"), Of("law.template.vacancy-is-for-occupation-application-for")),
        (new(@"^The vacancy is in (\S+), the application for (\S+)\.$"), Of("law.template.vacancy-is-in-application-for")),
        (new(@"^The vacancy is for (\S+), the application for (\S+)\.$"), Of("law.template.vacancy-is-for-application-for")),
        (new(@"^(\d+) seat\(s\) free in the (\d{4}) (\S+) quota of (\S+)\.$"), Of("law.template.seat-s-free-in-quota-of")),
        (new(@"^The (\S+) quota of (\S+) is allocated by ranked rounds: the application waits in the pool for a round\.$"), Of("law.template.quota-of-is-allocated-by-ranked")),
    ];

    private static LocalizedString Of(string key) =>
        Texts.All.TryGetValue(key, out var text) ? text : throw new InvalidOperationException($"No text '{key}' in the catalogues (LawTexts.resx).");

    [GeneratedRegex(@"\s*\[[A-Z]{1,2}\d+\]")]
    private static partial Regex Citation();

    /// <summary>A parameter named by its id (left after its provisional note is cut): the page's notice covers it.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9_.]*$")]
    private static partial Regex NamedParameter();

    /// <summary>The rule set a stored basis names first ("employer-fee: …"): an id for programs, not for people.</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9-]*: ")]
    private static partial Regex RuleKey();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
