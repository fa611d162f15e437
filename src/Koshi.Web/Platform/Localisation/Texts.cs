using System.Collections.Frozen;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// Every text the pages show, in Kazakh, Russian and English: the resource files of every capability (each folder's
/// *Texts.resx in English, *Texts.kk.resx and *Texts.ru.resx), found by name (<see cref="TextCatalogue"/>).
/// </summary>
public static class Texts
{
    public static readonly FrozenDictionary<string, LocalizedString> All = TextCatalogue.Merged;
}
