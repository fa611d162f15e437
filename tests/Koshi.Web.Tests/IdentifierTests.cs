using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("900315401233", 1990, 3, 15, Sex.Female)]
    [InlineData("850604300129", 1985, 6, 4, Sex.Male)]
    public void A_valid_iin_gives_its_birth_date_and_sex(string text, int year, int month, int day, Sex sex)
    {
        Assert.True(Iin.TryParse(text, out var iin, out var error), error);
        Assert.Equal(new DateOnly(year, month, day), iin.Value.BirthDate);
        Assert.Equal(sex, iin.Value.Sex);
    }

    [Theory]
    [InlineData(null, "exactly 12 digits")]
    [InlineData("90031540123", "exactly 12 digits")]
    [InlineData("9003154012333", "exactly 12 digits")]
    [InlineData("90031540123a", "exactly 12 digits")]
    [InlineData("900315701233", "7th digit")]
    [InlineData("900315001233", "7th digit")]
    [InlineData("901315401233", "birth date")]
    [InlineData("900230401233", "birth date")]
    [InlineData("900315401234", "control digit")]
    public void An_invalid_iin_is_refused_with_the_reason(string? text, string reason)
    {
        Assert.False(Iin.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_weights_apply_when_the_first_remainder_is_ten()
    {
        var found = 0;
        for (var serial = 0; serial < 10000 && found < 20; serial++)
        {
            var eleven = $"8501013{serial:D4}";
            var first = Enumerable.Range(0, 11).Sum(i => (eleven[i] - '0') * (i + 1)) % 11;
            if (first != 10)
            {
                continue;
            }

            found++;
            int[] second = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
            var control = Enumerable.Range(0, 11).Sum(i => (eleven[i] - '0') * second[i]) % 11;
            if (control == 10)
            {
                Assert.All(Enumerable.Range(0, 10), d => Assert.False(Iin.TryParse(eleven + d, out _, out _)));
            }
            else
            {
                Assert.True(Iin.TryParse(eleven + control, out _, out var error), error);
                Assert.False(Iin.TryParse(eleven + (control + 1) % 10, out _, out _));
            }
        }

        Assert.True(found > 0);
    }

    [Fact]
    public void Every_generated_test_iin_is_valid() =>
        Assert.All(Enumerable.Range(0, 500), n =>
            Assert.True(Iin.TryParse(Iins.Make(new DateOnly(1960, 1, 1).AddDays(n * 53), n % 2 == 0, n * 7), out _, out var error), error));

    [Theory]
    [InlineData("150240001232")]
    [InlineData("180740004568")]
    [InlineData("201150007891")]
    public void A_valid_bin_is_accepted(string text) => Assert.True(Bin.TryParse(text, out _, out var error), error);

    [Theory]
    [InlineData("15024000123", "exactly 12 digits")]
    [InlineData("151340001232", "registration month")]
    [InlineData("150270001232", "legal entity type")]
    [InlineData("150240001233", "control digit")]
    public void An_invalid_bin_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(Bin.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_codes_come_from_the_reference_list()
    {
        Assert.Equal(20, Regions.All.Count());
        Assert.True(RegionCode.TryParse("kz-71", out var astana));
        Assert.Equal("KZ-71", astana.Value.Value);
        Assert.Equal("Астана", astana.Value.Region.Name.Ru);
        Assert.False(RegionCode.TryParse("KZ-99", out _));
        Assert.False(RegionCode.TryParse(null, out _));
    }

    [Fact]
    public void Occupations_load_with_skill_levels()
    {
        Assert.Equal(436, Occupations.UnitGroups.Count());
        Assert.Equal(4, Occupations.ByCode["2512"].SkillLevel);
        Assert.Contains(",", Occupations.ByCode["0310"].Title, StringComparison.Ordinal);
    }
}
