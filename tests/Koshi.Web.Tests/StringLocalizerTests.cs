using System.Globalization;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Koshi.Web.Tests;

/// <summary>
/// The app's IStringLocalizer serves the merged catalogue in the current UI culture, and the pages' Text reads through
/// it: one source of truth for every text, whichever way it is asked for.
/// </summary>
public sealed class StringLocalizerTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    [Theory]
    [InlineData("kk-KZ", "Табылмады.", "Міндетті: 0-ден 1 000 000-ға дейін орын.")]
    [InlineData("ru-RU", "Не найдено.", "Обязательно: от 0 до 1 000 000 мест.")]
    [InlineData("en-GB", "Not found.", "Required: 0 to 1,000,000 seats.")]
    public void The_apps_localizer_reads_the_catalogue_in_the_current_language(string culture, string notFound, string seats)
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<LawText>>();
        var text = factory.Services.GetRequiredService<Text>();

        var read = InCulture(culture, () => localizer["problem.title.not-found"]);
        Assert.False(read.ResourceNotFound);
        Assert.Equal(notFound, read.Value);
        Assert.Equal(seats, InCulture(culture, () => localizer["problem.field.required-0-to-1-000-000-seats"].Value));
        Assert.Equal(notFound, InCulture(culture, () => text["problem.title.not-found"]));

        // A page text with a value, formatted in the culture.
        var key = Texts.All.First(t => t.Value.En.Contains("{0}", StringComparison.Ordinal)).Key;
        Assert.Equal(
            string.Format(CultureInfo.GetCultureInfo(culture), Texts.All[key].For(culture[..2]), "X"),
            InCulture(culture, () => localizer[key, "X"].Value));

        // Every text, in this language.
        var all = InCulture(culture, () => localizer.GetAllStrings(includeParentCultures: true).ToList());
        Assert.Equal(Texts.All.Count, all.Count);
        Assert.All(all, s => Assert.Equal(Texts.All[s.Name].For(culture[..2]), s.Value));
    }

    [Fact]
    public void Every_localizer_of_the_app_is_the_catalogues_and_a_missing_key_is_marked()
    {
        Assert.IsType<CatalogueStringLocalizerFactory>(factory.Services.GetRequiredService<IStringLocalizerFactory>());
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<StringLocalizerTests>>();
        var missing = localizer["no.such.text"];
        Assert.True(missing.ResourceNotFound);
        Assert.Equal("no.such.text", missing.Value);
        Assert.Equal("[no.such.text]", factory.Services.GetRequiredService<Text>()["no.such.text"]);
        Assert.False(factory.Services.GetRequiredService<Text>().Has("no.such.text"));
    }
}
