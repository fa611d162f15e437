using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Localization;
using MsLocalizedString = Microsoft.Extensions.Localization.LocalizedString;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// ASP.NET Core's <see cref="IStringLocalizer"/> over the merged catalogue (<see cref="Texts.All"/>), in the request's
/// UI culture. A key is in one catalogue only, so every type and resource name gets the same localizer: there is one
/// source of truth whichever way a text is asked for. A missing key comes back as the key, marked not found.
/// </summary>
public sealed class CatalogueStringLocalizer(FrozenDictionary<string, LocalizedString> texts) : IStringLocalizer
{
    /// <summary>The localizer of the platform's catalogue.</summary>
    public static readonly CatalogueStringLocalizer Platform = new(Texts.All);

    public MsLocalizedString this[string name] =>
        texts.TryGetValue(name, out var text) ? new(name, text.Current, resourceNotFound: false) : new(name, name, resourceNotFound: true);

    public MsLocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = this[name];
            return text.ResourceNotFound ? text : new(name, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), resourceNotFound: false);
        }
    }

    /// <summary>Every text in the current UI culture (each language has every key: a test compares the files).</summary>
    public IEnumerable<MsLocalizedString> GetAllStrings(bool includeParentCultures) =>
        texts.Select(t => new MsLocalizedString(t.Key, t.Value.Current, resourceNotFound: false));
}

/// <summary>Gives <see cref="CatalogueStringLocalizer.Platform"/> for every type and name (see there why one).</summary>
public sealed class CatalogueStringLocalizerFactory : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => CatalogueStringLocalizer.Platform;

    public IStringLocalizer Create(string baseName, string location) => CatalogueStringLocalizer.Platform;
}
