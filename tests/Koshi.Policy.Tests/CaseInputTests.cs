namespace Koshi.Policy.Tests;

/// <summary>A case that does not fit the scheme is refused with every bad field named.</summary>
public sealed class CaseInputTests
{
    private static Scheme Residence => Shared.Kazakhstan.Scheme("permanent-residence");

    private const string Valid = """
        {"applicant_kind":"foreigner","lodgement_date":"2026-03-01","birth_date":"1996-05-10","citizenship":"TR",
         "destination_region":"KZ-71","kaztest_listening_pct":60,"kaztest_reading_pct":55,"kaztest_attempts":1,
         "education":"bachelor","kazakh_level":"b1","russian_level":"b2","english_level":"a2","work_experience_years":3,
         "health_certificate":true,"funds_kzt":10000000,"citizenship_consent":true,
         "spouse":{"education":"master"}}
        """;

    [Fact]
    public void A_valid_case_reads_back_as_the_same_json_object_with_defaults_filled()
    {
        var input = Residence.ReadCase(Valid);

        Assert.Equal("bachelor", input["education"]);
        Assert.Equal("master", input["spouse.education"]);
        Assert.Equal("none", input["spouse.kazakh_level"]);
        Assert.Equal(false, input["has_spouse"]);
        var again = Residence.ReadCase(input.ToJson());
        Assert.Equal(input.ToJson(), again.ToJson());
    }

    [Fact]
    public void Every_bad_field_is_named()
    {
        var bad = Valid
            .Replace("\"foreigner\"", "\"alien\"", StringComparison.Ordinal)
            .Replace("\"kaztest_listening_pct\":60", "\"kaztest_listening_pct\":160", StringComparison.Ordinal)
            .Replace("\"kaztest_reading_pct\":55", "\"kaztest_reading_pct\":\"55\"", StringComparison.Ordinal)
            .Replace("\"citizenship\":\"TR\"", "\"citizenship\":\"Turkey\"", StringComparison.Ordinal)
            .Replace("\"work_experience_years\":3,", "\"colour\":\"red\",", StringComparison.Ordinal)
            .Replace("\"birth_date\":\"1996-05-10\"", "\"birth_date\":\"10.05.1996\"", StringComparison.Ordinal)
            .Replace("{\"education\":\"master\"}", "{\"education\":\"phd\"}", StringComparison.Ordinal);

        var ex = Assert.Throws<CaseInputException>(() => Residence.ReadCase(bad));

        string[] expected = ["applicant_kind", "birth_date", "citizenship", "colour", "kaztest_listening_pct", "kaztest_reading_pct", "spouse.education", "work_experience_years"];
        Assert.Equal(expected, ex.Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "kaztest_listening_pct" && e.Message.Contains("above the maximum 100", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "kaztest_reading_pct" && e.Message.Contains("got the text \"55\"", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "applicant_kind" && e.Message.Contains("not one of: foreigner, kandas", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "work_experience_years" && e.Message.StartsWith("is required", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "colour" && e.Message.StartsWith("unknown input", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[1, 2]", "$")]
    [InlineData("{\"applicant_kind\": ", "$")]
    [InlineData("not json", "$")]
    public void Something_that_is_not_a_json_object_is_refused(string text, string field)
    {
        var ex = Assert.Throws<CaseInputException>(() => Residence.ReadCase(text));

        Assert.Equal(field, ex.Errors[0].Field);
    }

    [Fact]
    public void A_case_for_another_scheme_is_refused()
    {
        var fee = Shared.Kazakhstan.RuleSet("employer-fee");
        var input = Residence.ReadCase(Valid);

        Assert.Throws<ArgumentException>(() => fee.Evaluate(input, new DateOnly(2026, 3, 1)));
    }
}
