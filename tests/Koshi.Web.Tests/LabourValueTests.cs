using Koshi.Web.ForeignLabour;

namespace Koshi.Web.Tests;

/// <summary>The foreign-labour value types: one rule each, the same for the API, the pages and route binding.</summary>
public sealed class LabourValueTests
{
    [Theory]
    [InlineData("2142", "2142")]
    [InlineData(" 7212 ", "7212")]
    [InlineData("9211", "9211")]
    public void An_isco_unit_group_with_a_skill_level_is_an_occupation(string text, string expected)
    {
        Assert.True(IscoCode.TryCreate(text, out var code, out var error), error);
        Assert.Equal(expected, code.Value);
        Assert.Equal(4, code.Occupation.Level);
        Assert.InRange(code.SkillLevel, 1, 4);
    }

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("", "Required")]
    [InlineData("   ", "Required")]
    [InlineData("9999", "not an ISCO-08 unit group")]
    [InlineData("214", "not an ISCO-08 unit group")] // a minor group, not a unit group
    [InlineData("2", "not an ISCO-08 unit group")] // a major group
    [InlineData("21420", "not an ISCO-08 unit group")]
    [InlineData("abcd", "not an ISCO-08 unit group")]
    public void Anything_else_is_not_an_occupation(string? text, string reason)
    {
        Assert.False(IscoCode.TryCreate(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.False(IscoCode.TryParse(text, null, out _));
    }

    [Fact]
    public void Unit_groups_without_a_skill_level_are_refused()
    {
        var without = Koshi.Web.Reference.Occupations.ByCode.Values.FirstOrDefault(o => o.Level == 4 && o.SkillLevel is null);
        if (without is not null)
        {
            Assert.False(IscoCode.TryCreate(without.Code, out _, out _));
        }

        Assert.All(
            Koshi.Web.Reference.Occupations.UnitGroups.Where(o => o.SkillLevel is not null),
            o => Assert.True(IscoCode.TryCreate(o.Code, out _, out _), o.Code));
    }

    [Theory]
    [InlineData("CN", "CN")]
    [InlineData("uz", "UZ")]
    [InlineData(" tr ", "TR")]
    [InlineData("KZ", "KZ")]
    public void A_known_two_letter_code_is_a_country(string text, string expected)
    {
        Assert.True(CountryCode.TryCreate(text, out var code, out var error), error);
        Assert.Equal(expected, code.Value);
        Assert.Equal(expected == "KZ", code.IsKazakhstan);
    }

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("", "Required")]
    [InlineData("ZZ", "not an ISO 3166-1")]
    [InlineData("CHN", "not an ISO 3166-1")]
    [InlineData("C", "not an ISO 3166-1")]
    [InlineData("China", "not an ISO 3166-1")]
    [InlineData("1N", "not an ISO 3166-1")]
    public void Anything_else_is_not_a_country(string? text, string reason)
    {
        Assert.False(CountryCode.TryCreate(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E1234567", "E1234567")]
    [InlineData("e1234567", "E1234567")]
    [InlineData(" AB12345 ", "AB12345")]
    [InlineData("A1234", "A1234")] // shortest
    [InlineData("ABCDEFGHIJ0123456789", "ABCDEFGHIJ0123456789")] // longest
    public void Five_to_twenty_latin_letters_and_digits_are_a_passport_number(string text, string expected)
    {
        Assert.True(PassportNumber.TryCreate(text, out var passport, out var error), error);
        Assert.Equal(expected, passport.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A123")] // too short
    [InlineData("ABCDEFGHIJ01234567890")] // too long
    [InlineData("E 1234567")]
    [InlineData("E-1234567")]
    [InlineData("Е1234567")] // a Cyrillic Е
    [InlineData("E１２３４５")] // full-width digits
    public void Anything_else_is_not_a_passport_number(string? text)
    {
        Assert.False(PassportNumber.TryCreate(text, out _, out var error));
        Assert.Contains("5 to 20 letters and digits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_and_the_page_agree_on_a_passport_typed_in_lower_case_with_spaces()
    {
        // One passport is one value, however it was typed: the register compares the stored text.
        Assert.True(PassportNumber.TryCreate(" e1234567", out var typed, out _));
        Assert.Equal(PassportNumber.Parse("E1234567", null), typed);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("F")]
    [InlineData("U")]
    public void One_capital_letter_from_a_to_u_is_an_oked_section(string text)
    {
        Assert.True(OkedSection.TryCreate(text, out var section, out var error), error);
        Assert.Equal(text, section.Value);
        Assert.Contains(section, OkedSection.All);
    }

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("", "A to U")]
    [InlineData("V", "A to U")]
    [InlineData("f", "A to U")]
    [InlineData("FF", "A to U")]
    [InlineData("1", "A to U")]
    public void Anything_else_is_not_an_oked_section(string? text, string reason)
    {
        Assert.False(OkedSection.TryCreate(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void There_are_twenty_one_oked_sections_and_households_are_t()
    {
        Assert.Equal(21, OkedSection.All.Count);
        Assert.Equal("T", OkedSection.Households.Value);
    }

    [Theory]
    [InlineData("cat1")]
    [InlineData("cat4")]
    [InlineData("seasonal")]
    [InlineData("household")]
    public void The_pools_of_the_quota_are_quota_pools(string text)
    {
        Assert.True(QuotaPool.TryCreate(text, out var pool, out var error), error);
        Assert.Equal(text, pool.Value);
        Assert.Equal(PackNames.PoolOrder(text), pool.Order);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cat5")]
    [InlineData("Cat1")]
    [InlineData("employer")]
    public void Anything_else_is_not_a_quota_pool(string? text)
    {
        Assert.False(QuotaPool.TryCreate(text, out _, out var error));
        Assert.Contains("cat1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1234.56", 1234.56)]
    [InlineData(" 100 ", 100)]
    [InlineData("999999999999.99", 999999999999.99)]
    public void Amounts_in_tenge_and_mrp_are_read_in_the_invariant_culture(string text, double expected)
    {
        Assert.True(Tenge.TryCreate(text, out var tenge, out var error), error);
        Assert.Equal((decimal)expected, tenge.Amount);
        Assert.True(Mrp.TryCreate(text, out var mrp, out error), error);
        Assert.Equal((decimal)expected, mrp.Amount);
    }

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("", "Required")]
    [InlineData("-1", "not an amount")]
    [InlineData("1,5", "not an amount")] // a Kazakh or Russian decimal comma is not read as a decimal point
    [InlineData("1 000", "not an amount")]
    [InlineData("1e3", "not an amount")]
    [InlineData("12.345", "two decimal places")]
    [InlineData("1000000000000", "at most")]
    public void Anything_else_is_not_an_amount(string? text, string reason)
    {
        Assert.False(Tenge.TryCreate(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.False(Mrp.TryCreate(text, out _, out error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_amount_is_refused_even_as_a_number()
    {
        Assert.False(Tenge.TryCreate(-0.01m, out _, out var error));
        Assert.Contains("not negative", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mrp.Of(-1m));
    }

    [Fact]
    public void Amounts_compare_and_print_without_the_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ru-RU");
            Assert.Equal("1234.5", Tenge.Of(1234.50m).ToString());
            Assert.True(Tenge.Of(10m) > Tenge.Of(9.99m));
            Assert.True(Mrp.Of(224m) >= Mrp.Of(224m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_rule_and_spans_parse_alike()
    {
        var e = Assert.Throws<FormatException>(() => IscoCode.Parse("9999", null));
        Assert.Contains("ISCO-08", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PassportNumber.Parse("x", null));
        Assert.Throws<FormatException>(() => CountryCode.Parse("ZZ", null));
        Assert.Throws<FormatException>(() => OkedSection.Parse("Z", null));
        Assert.Throws<FormatException>(() => QuotaPool.Parse("cat9", null));
        Assert.Throws<FormatException>(() => Tenge.Parse("-5", null));
        Assert.True(IscoCode.TryParse("2142".AsSpan(), null, out var span));
        Assert.Equal(IscoCode.Parse("2142", null), span);
        Assert.True(Mrp.TryParse("2.5".AsSpan(), null, out var mrp));
        Assert.Equal(2.5m, mrp.Amount);
    }

    [Fact]
    public void A_default_value_prints_as_empty_text()
    {
        Assert.Equal(string.Empty, default(IscoCode).ToString());
        Assert.Equal(string.Empty, default(PassportNumber).ToString());
        Assert.Equal("0", default(Tenge).ToString());
    }
}
