using System.Collections.Frozen;
using System.Globalization;

namespace Koshi.Policy.Tests;

/// <summary>
/// The parameter values shown in explanations are stored with decisions, so they are written the same whatever the
/// language of the request that made them (Kazakh and Russian write 0,5 where the stored text says 0.5).
/// </summary>
public sealed class InvariantTextTests
{
    [Theory]
    [InlineData("ru-RU")]
    [InlineData("kk-KZ")]
    public void Parameter_values_are_displayed_in_invariant_numbers_in_any_culture(string culture)
    {
        var position = new SourcePosition("p.yaml", 1, 1);
        var map = new DatedValue(new DateOnly(2026, 1, 1), new Dictionary<string, decimal> { ["cat1"] = 0.5m, ["cat2"] = 1234.75m }.ToFrozenDictionary(), "s", false, null, position);
        var scale = new DatedValue(new DateOnly(2026, 1, 1), new[] { new Bracket(0m, 0.5m), new Bracket(1000.5m, 2.25m) }, "s", false, null, position);
        var number = new DatedValue(new DateOnly(2026, 1, 1), 12.5m, "s", false, null, position);

        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal("0,5", 0.5m.ToString(CultureInfo.CurrentCulture));
            Assert.Equal("{cat1: 0.5, cat2: 1234.75}", map.Display);
            Assert.Equal("from 0: 0.5; from 1000.5: 2.25", scale.Display);
            Assert.Equal("12.5", number.Display);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
