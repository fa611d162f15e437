using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// The UI's texts in Kazakh, Russian and English, looked up by key in the request's UI culture: the pages' façade
/// over <see cref="IStringLocalizer"/> (the catalogue's, <see cref="CatalogueStringLocalizer"/>). A missing key is a
/// bug a test catches (every key used by the pages must be here); it shows as [key] rather than an English guess.
/// </summary>
public sealed class Text(IStringLocalizer localizer)
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    /// <summary>The façade over the platform's catalogue, for code that has no services at hand.</summary>
    public Text()
        : this(CatalogueStringLocalizer.Platform)
    {
    }

    public string this[string key] => localizer[key] is { ResourceNotFound: false } text ? text.Value : "[" + key + "]";

    /// <summary>The localised text of a refusal by its code, or its own (English) message when no translation exists.</summary>
    public string Refusal(Refusal refusal) =>
        localizer["refusal." + refusal.Code] is { ResourceNotFound: false } text ? text.Value : refusal.Message;

    public bool Has(string key) => !localizer[key].ResourceNotFound;

    public string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "kk" => "kk",
        "ru" => "ru",
        _ => "en",
    };

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string DateTime(DateTimeOffset instant) =>
        Koshi.Policy.LegalClock.LocalTime(instant).ToString("g", CultureInfo.CurrentCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
