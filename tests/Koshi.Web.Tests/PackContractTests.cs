using Koshi.Policy;
using Koshi.Web.Platform;
using Koshi.Web.Residence;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>What the platform needs from the pack is declared once and checked when the pack loads.</summary>
public sealed class PackContractTests
{
    /// <summary>A copy of policy/kz with a name of the given file renamed throughout the pack (so the copy still loads).</summary>
    private static string Renamed(string file, string from, string to)
    {
        var target = Repository.CopyOfKazakhPack();
        Assert.Contains(from, File.ReadAllText(Path.Combine(target, file)), StringComparison.Ordinal);
        foreach (var path in Directory.EnumerateFiles(target, "*.yaml", SearchOption.AllDirectories))
        {
            File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), $"\\b{from}\\b", to));
        }

        return target;
    }

    [Fact]
    public void The_pack_gives_everything_the_platform_needs()
    {
        var pack = PolicyPack.Load(Path.Combine(Repository.Root, "policy", "kz"));
        Assert.Empty(PackContract.Check(pack));
    }

    [Fact]
    public void The_platform_fills_exactly_the_scheme_inputs_the_contract_declares()
    {
        Assert.Equal(
            PackContract.ResidenceFilledInputs.Select(f => f.Name).Order(StringComparer.Ordinal),
            ResidenceCaseFacts.FilledInputs.Order(StringComparer.Ordinal));
        Assert.Equal(
            PackContract.ResidenceRecordedInputs.Select(f => f.Name).Order(StringComparer.Ordinal),
            ResidenceCaseFacts.RecordedInputs.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("schemes/permanent-residence.yaml", "kaztest_listening_pct", "kaztest_listening_percent", "scheme 'permanent-residence' has no input 'kaztest_listening_pct'")]
    [InlineData("rulesets/permit-terms.yaml", "extensions_left", "extensions_remaining", "rule set 'permit-terms' has no output 'extensions_left'")]
    [InlineData("rulesets/vacancy-rule.yaml", "posted_date", "posting_date", "rule set 'vacancy-rule' has no input 'posted_date'")]
    [InlineData("rulesets/resettlement-refund.yaml", "instalments_max", "instalments_most", "rule set 'resettlement-refund' has no output 'instalments_max'")]
    [InlineData("rulesets/resettlement-employer-subsidy.yaml", "housed_from", "housing_from", "rule set 'resettlement-employer-subsidy' has no input 'housed_from'")]
    [InlineData("rulesets/agency-risk.yaml", "watch_placements_12m", "watchlist_placements_12m", "rule set 'agency-risk' has no input 'watch_placements_12m'")]
    [InlineData("rulesets/agency-inspection.yaml", "critical_failures", "critical_misses", "rule set 'agency-inspection' has no output 'critical_failures'")]
    public void A_pack_with_a_renamed_input_or_output_is_refused_with_the_name(string file, string from, string to, string problem)
    {
        var copy = Renamed(file, from, to);
        try
        {
            var pack = PolicyPack.Load(copy);
            Assert.Contains(problem, PackContract.Check(pack));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_set_input_turned_into_text_is_refused_with_its_kind()
    {
        var copy = Repository.CopyOfKazakhPack();
        try
        {
            var file = Path.Combine(copy, "rulesets", "agency-placement.yaml");
            var yaml = File.ReadAllText(file);
            Assert.Contains("    terms:\n      type: set\n      default: []\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            // The input becomes text: its list of named values goes, and the rules compare instead of testing membership.
            var asText = System.Text.RegularExpressions.Regex.Replace(
                yaml.ReplaceLineEndings("\n").Replace("    terms:\n      type: set\n      default: []\n", "    terms:\n      type: text\n      default: ''\n", StringComparison.Ordinal),
                @"(    terms:\n(?:      (?!values:).*\n)*)      values:\n(?:        - .*\n)+", "$1");
            // Going over the set's missing members has no meaning for a text: every required term is counted instead.
            File.WriteAllText(file, asText.Replace("count(t not in terms: t in param(agency.abroad_contract_terms))", "count(param(agency.abroad_contract_terms))", StringComparison.Ordinal)
                .Replace("' not in terms", "' <> terms", StringComparison.Ordinal).Replace("' in terms", "' = terms", StringComparison.Ordinal));
            File.Delete(Path.Combine(copy, "tests", "agencies.yaml")); // its cases give the terms as a list
            var pack = PolicyPack.Load(copy);
            Assert.Contains("rule set 'agency-placement' input 'terms' is text, the platform gives a set of named values", PackContract.Check(pack));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Startup_fails_naming_what_the_pack_lacks()
    {
        var copy = Renamed("rulesets/skill-classification.yaml", "citizenship", "nationality");
        try
        {
            await using var factory = new SqliteFactory();
            factory.Settings["Koshi:PolicyPack"] = copy;
            var error = Record.Exception(() => factory.CreateClient());
            Assert.NotNull(error);
            Assert.Contains("rule set 'skill-classification' has no input 'citizenship'", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
