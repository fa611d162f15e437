using Koshi.Policy;
using Koshi.Web.Reference;
using Koshi.Web.Residence;
using Microsoft.Extensions.Time.Testing;

namespace Koshi.Web.Tests;

/// <summary>Legal dates are dates in Astana (UTC+5), whatever the server's clock or UTC says.</summary>
public sealed class LegalClockTests
{
    [Theory]
    [InlineData(2026, 3, 2, 18, 59, "2026-03-02")]
    [InlineData(2026, 3, 2, 19, 0, "2026-03-03")]
    [InlineData(2026, 3, 2, 20, 0, "2026-03-03")]
    [InlineData(2026, 3, 2, 23, 30, "2026-03-03")]
    [InlineData(2026, 12, 31, 19, 0, "2027-01-01")]
    public void Today_is_the_date_in_Astana(int year, int month, int day, int hour, int minute, string expected)
    {
        var clock = new LegalClock(new FakeTimeProvider(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero)));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), clock.Today);
    }

    [Fact]
    public void Kazakhstan_is_UTC_plus_5_in_2026()
    {
        Assert.Equal(TimeSpan.FromHours(5), LegalClock.Zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(5), LegalClock.Zone.GetUtcOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>02:00 in Astana on 3 March is 21:00Z on 2 March: the lodgement is of 3 March and its 29 days run from then.</summary>
    [Theory]
    [InlineData(20, 0)]
    [InlineData(21, 0)]
    [InlineData(23, 30)]
    public void A_lodgement_after_midnight_in_Astana_is_of_that_day(int hour, int minute)
    {
        var at = new DateTimeOffset(2026, 3, 2, hour, minute, 0, TimeSpan.Zero);
        var a = ResidenceApplication.Lodge(ResidenceKind.PermanentResidence, "user-1", ApplicantIdentity.OfIin(Iin.Parse("900315401233")), "A", RegionCode.Parse("KZ-71"), processingDays: 29, at);
        Assert.Equal(new DateOnly(2026, 3, 3), a.LodgedOn);
        Assert.Equal(new DateOnly(2026, 4, 1), a.DueOn);
    }

    [Fact]
    public void A_test_taken_today_in_Astana_is_not_in_the_future()
    {
        var at = new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero);
        var a = ResidenceApplication.Lodge(ResidenceKind.PermanentResidence, "user-1", ApplicantIdentity.OfIin(Iin.Parse("900315401233")), "A", RegionCode.Parse("KZ-71"), processingDays: 29, at);
        Assert.Null(a.RecordKaztest(40, 40, new DateOnly(2026, 3, 3), "KT-1", new KaztestRules(30, 3), at));
    }
}
