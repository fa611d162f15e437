using System.Globalization;

namespace Koshi.Web.Platform.Localisation;

/// <summary>A text in Kazakh, Russian and English; <see cref="Current"/> picks the request's UI culture.</summary>
public sealed record LocalizedString(string Kk, string Ru, string En)
{
    public string For(string language) => language switch
    {
        "kk" => Kk,
        "ru" => Ru,
        _ => En,
    };

    public string Current => For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public override string ToString() => Current;
}
