using System.Globalization;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// The UI's texts in Kazakh, Russian and English, looked up by key in the request's UI culture. A missing key is a
/// bug a test catches (every key used by the pages must be here); it shows as [key] rather than an English guess.
/// </summary>
public sealed class Text
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    public string this[string key] => Texts.All.TryGetValue(key, out var text) ? text.Current : "[" + key + "]";

    /// <summary>The localised text of a refusal by its code, or its own (English) message when no translation exists.</summary>
    public string Refusal(Refusal refusal) =>
        Texts.All.TryGetValue("refusal." + refusal.Code, out var text) ? text.Current : refusal.Message;

    public bool Has(string key) => Texts.All.ContainsKey(key);

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
