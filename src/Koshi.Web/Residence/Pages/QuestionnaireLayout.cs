using System.Text.Json.Nodes;
using Koshi.Web.Residence.Scoring;

namespace Koshi.Web.Residence.Pages;

/// <summary>A question shown only while another answer has one of these values ("" stands for "left to the default").</summary>
public sealed record ShowWhen(string Input, IReadOnlyList<string> Values)
{
    /// <summary>The data-show-when attribute the script reads: form field name and the accepted values.</summary>
    public string Attribute => "q." + Input + "=" + string.Join('|', Values);

    public bool MetBy(IReadOnlyDictionary<string, string[]> values) =>
        Values.Contains(values.GetValueOrDefault(Input)?.FirstOrDefault()?.Trim() ?? string.Empty, StringComparer.Ordinal);
}

/// <summary>
/// How the questionnaire is laid out: the pack defines the questions, this groups them into sections a person can work
/// through and hides the ones that do not concern them. It decides no outcome: a hidden question is simply not sent,
/// so the pack's default applies, exactly as if it had been left blank. A question the pack adds later and no section
/// names lands in "other", so no question is ever lost.
/// </summary>
public static class QuestionnaireLayout
{
    private static readonly (string Id, string[] Inputs)[] Sections =
    [
        ("about", ["citizenship", "has_spouse", "spouse", "relatives_in_kz", "kandas_condition"]),
        ("languages", ["kazakh_level", "russian_level", "english_level", "certificates"]),
        ("work", ["education", "qualification_level", "work_experience_years", "occupation_group", "in_demand_occupation", "job_offer", "military_service", "studied_in_kz"]),
        ("money", ["funds_kzt", "family_members", "family_members_16_plus", "housing_provided", "housing_price_per_m2_kzt"]),
        ("declarations", ["criminal_record", "deportation_history", "health_certificate", "citizenship_consent"]),
    ];

    /// <summary>Questions that depend on another answer: the spouse's details need a spouse; the local housing price matters only without provided housing.</summary>
    private static readonly Dictionary<string, (string Input, string Value, string Hint)> Dependent = new(StringComparer.Ordinal)
    {
        ["spouse"] = ("has_spouse", "true", "qs.spouse-hint"),
        ["housing_price_per_m2_kzt"] = ("housing_provided", "false", "qs.housing-price-hint"),
    };

    /// <summary>
    /// Questions for one kind of application only: the kandas condition concerns kandas; the money section is the
    /// financial-capacity gate, which the pack's rule waives for kandas (its gate reads "applicant_kind = 'kandas' or ...").
    /// </summary>
    private static bool AppliesTo(string input, ResidenceKind kind) =>
        input == "kandas_condition" ? kind == ResidenceKind.KandasStatus
        : kind != ResidenceKind.KandasStatus || !Sections.Single(s => s.Id == "money").Inputs.Contains(input);

    /// <summary>The sections with the questions that concern this kind of application, in order; empty sections are left out.</summary>
    public static IReadOnlyList<(string Id, IReadOnlyList<QuestionDefinition> Questions)> For(IReadOnlyList<QuestionDefinition> questions, ResidenceKind kind)
    {
        var applicable = questions.Where(q => AppliesTo(q.Name, kind)).ToList();
        var placed = Sections.SelectMany(s => s.Inputs).ToHashSet(StringComparer.Ordinal);
        var result = Sections
            .Select(s => (s.Id, (IReadOnlyList<QuestionDefinition>)s.Inputs.Select(i => applicable.FirstOrDefault(q => q.Name == i)).OfType<QuestionDefinition>().ToList()))
            .ToList();
        result.Add(("other", applicable.Where(q => !placed.Contains(q.Name)).ToList()));
        return result.Where(s => s.Item2.Count > 0).ToList();
    }

    /// <summary>The condition of a question, if it has one and the question it depends on is part of the scheme.</summary>
    public static (ShowWhen Rule, string HintKey)? ConditionOf(QuestionDefinition question, IReadOnlyList<QuestionDefinition> questions)
    {
        if (!Dependent.TryGetValue(question.Name, out var dependency) || questions.FirstOrDefault(q => q.Name == dependency.Input) is not { } on)
        {
            return null;
        }

        // Left blank, the question it depends on takes the pack's default: the dependent question shows if that default is the value.
        var values = new List<string> { dependency.Value };
        if (on.Default is JsonValue d && string.Equals(d.ToString(), dependency.Value, StringComparison.OrdinalIgnoreCase))
        {
            values.Add(string.Empty);
        }

        return (new ShowWhen(dependency.Input, values), dependency.Hint);
    }
}
