using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Koshi.Web.Platform.Localisation;

/// <summary>
/// One folder's texts: the resource files <c>XxxTexts.resx</c> (English, the neutral language), <c>XxxTexts.kk.resx</c>
/// and <c>XxxTexts.ru.resx</c>, which translators edit. Every resource of the assembly whose name ends in "Texts" is a
/// catalogue, so a capability adds its texts by adding its files; the platform lists none of them.
/// </summary>
public sealed record TextCatalogue(string Name, FrozenDictionary<string, LocalizedString> Texts)
{
    private const string Suffix = "Texts.resources";

    private static readonly Lazy<IReadOnlyList<TextCatalogue>> Loaded = new(() => Load(typeof(TextCatalogue).Assembly));

    /// <summary>Every catalogue of the platform.</summary>
    public static IReadOnlyList<TextCatalogue> All => Loaded.Value;

    /// <summary>Every catalogue's texts as one dictionary (a key is in one catalogue only).</summary>
    public static FrozenDictionary<string, LocalizedString> Merged => Merge(All);

    /// <summary>One catalogue by its short name ("LabourTexts").</summary>
    public static FrozenDictionary<string, LocalizedString> Of(string name) =>
        All.SingleOrDefault(c => c.Name.EndsWith("." + name, StringComparison.Ordinal))?.Texts
        ?? throw new ArgumentException($"No text catalogue named {name}.", nameof(name));

    /// <summary>
    /// Reads the catalogues of an assembly. Each language is read from its own file only (no fallback between them), so
    /// a key missing in Kazakh or Russian shows in English here and fails the test that compares the files.
    /// </summary>
    public static IReadOnlyList<TextCatalogue> Load(Assembly assembly)
    {
        var kk = CultureInfo.GetCultureInfo("kk");
        var ru = CultureInfo.GetCultureInfo("ru");
        var catalogues = new List<TextCatalogue>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(Suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[..^".resources".Length];
            var manager = new ResourceManager(name, assembly);
            var english = Read(manager, CultureInfo.InvariantCulture, name);
            var kazakh = Read(manager, kk, name);
            var russian = Read(manager, ru, name);
            var texts = english.ToFrozenDictionary(
                e => e.Key,
                e => new LocalizedString(kazakh.GetValueOrDefault(e.Key, e.Value), russian.GetValueOrDefault(e.Key, e.Value), e.Value),
                StringComparer.Ordinal);
            catalogues.Add(new TextCatalogue(name, texts));
        }

        return catalogues;
    }

    /// <summary>Joins catalogues; a key in two of them is a startup error naming both (which text would win is unclear).</summary>
    public static FrozenDictionary<string, LocalizedString> Merge(IEnumerable<TextCatalogue> catalogues)
    {
        var all = new Dictionary<string, LocalizedString>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var catalogue in catalogues)
        {
            foreach (var (key, text) in catalogue.Texts)
            {
                if (!owner.TryAdd(key, catalogue.Name))
                {
                    throw new InvalidOperationException($"The text '{key}' is in both {owner[key]} and {catalogue.Name}.");
                }

                all[key] = text;
            }
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The texts of a catalogue whose keys start with one of the prefixes, by their English (neutral) value: for texts
    /// the code writes in English and translates where they are shown. Two keys with one English value are refused.
    /// </summary>
    public static FrozenDictionary<string, LocalizedString> ByEnglish(IReadOnlyDictionary<string, LocalizedString> catalogue, params string[] prefixes)
    {
        var byEnglish = new Dictionary<string, LocalizedString>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in catalogue.Where(t => prefixes.Any(p => t.Key.StartsWith(p, StringComparison.Ordinal))).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!keys.TryAdd(text.En, key))
            {
                throw new InvalidOperationException($"The English text '{text.En}' is the value of both '{keys[text.En]}' and '{key}'.");
            }

            byEnglish[text.En] = text;
        }

        return byEnglish.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture, string name)
    {
        // tryParents: false reads the culture's own file; the neutral file is the invariant culture's.
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? (culture.Equals(CultureInfo.InvariantCulture)
                ? throw new InvalidOperationException($"The text catalogue {name} has no neutral resources.")
                : null);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set is null)
        {
            return texts;
        }

        foreach (DictionaryEntry entry in set)
        {
            if (entry.Value is string value)
            {
                texts[(string)entry.Key] = value;
            }
        }

        return texts;
    }
}
