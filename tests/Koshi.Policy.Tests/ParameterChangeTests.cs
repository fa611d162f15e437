namespace Koshi.Policy.Tests;

/// <summary>A reform drafted without editing files: parameters changed from a date, checked like the pack's own values.</summary>
public class ParameterChangeTests
{
    private static readonly DateOnly From = new(2026, 2, 13);

    [Fact]
    public void A_changed_pass_mark_applies_from_its_date_and_changes_the_hash()
    {
        var (baseline, _) = PolicyPack.Check(Repository.KazakhstanPack);
        var (reform, diagnostics) = PolicyPack.Check(Repository.KazakhstanPack, [new ParameterChange("residence.pass_mark", From, "350", "lab")]);

        Assert.NotNull(reform);
        Assert.DoesNotContain(diagnostics, d => !d.IsWarning);
        Assert.NotEqual(baseline!.ContentHash, reform.ContentHash);
        var before = baseline.Parameter("residence.pass_mark")!.ValueOn(new DateOnly(2026, 3, 1))!;
        var after = reform.Parameter("residence.pass_mark")!.ValueOn(new DateOnly(2026, 3, 1))!;
        Assert.NotEqual("350", before.Display);
        Assert.Equal("350", after.Display);
        Assert.True(after.Provisional);
        Assert.Equal("lab", after.Note);
        Assert.Contains(reform.Scheme("permanent-residence").Parameters, p => p.Name == "residence.pass_mark");
    }

    [Theory]
    [InlineData("residence.pass_mark", "many", "reform:1")]
    [InlineData("no.such.parameter", "1", "'no.such.parameter' is not a parameter of the pack")]
    [InlineData("labour.employer_fee.group_1", "{ cat1: lots }", "reform:1")]
    [InlineData("residence.pass_mark", "1\nsource: x", "not one line")]
    public void A_bad_change_is_refused_naming_the_change(string name, string value, string expected)
    {
        var (pack, diagnostics) = PolicyPack.Check(Repository.KazakhstanPack, [new ParameterChange(name, From, value, "lab")]);

        Assert.Null(pack);
        var errors = diagnostics.Where(d => !d.IsWarning).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("reform", e.Position.File));
        Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }
}
