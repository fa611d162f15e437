namespace Koshi.Policy.Tests;

/// <summary>The resettlement law beyond the pack's own test file: the refund bases the ministry can choose.</summary>
public sealed class ResettlementPackTests
{
    private const string Payment = """{"contract_start":"2026-03-01","departure_date":"2027-03-01","paid_on":"2026-09-01","amount_paid":600000}""";

    [Theory]
    // One year served of five: full refunds everything; pro rata 48/60 of it; per payment counts from the payment's own
    // date (six months before departure), so 54/60 of it.
    [InlineData("full", 600000)]
    [InlineData("pro_rata", 480000)]
    [InlineData("per_payment", 540000)]
    public void Each_refund_basis_gives_its_own_amount(string basis, int refund)
    {
        using var pack = TempPack.CopyOf(Repository.KazakhstanPack);
        var parameters = pack.Read("parameters/resettlement.yaml");
        Assert.Contains("value: pro_rata", parameters, StringComparison.Ordinal);
        pack.Write("parameters/resettlement.yaml", parameters.Replace("value: pro_rata", "value: " + basis, StringComparison.Ordinal));
        var rules = pack.Load().RuleSet("resettlement-refund");

        var result = rules.Evaluate(rules.ReadCase(Payment), new DateOnly(2027, 3, 1));

        Assert.Equal(true, result["owes"]);
        Assert.Equal((decimal)refund, Convert.ToDecimal(result["refund_kzt"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_certificate_changes_on_1_January_2026_from_half_the_cost_to_the_fixed_amount()
    {
        var rules = Shared.Kazakhstan.RuleSet("resettlement-support");
        var family = rules.ReadCase("""{"kind":"kandas","kandas_condition":"regional_quota","family_size":2,"housing_cost":6000000,"destination_region":"KZ-59"}""");

        var before = rules.Evaluate(family, new DateOnly(2025, 12, 31));
        var after = rules.Evaluate(family, new DateOnly(2026, 1, 1));

        Assert.Equal(3000000m, Convert.ToDecimal(before["housing_certificate_kzt"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6000000m, Convert.ToDecimal(after["housing_certificate_kzt"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
