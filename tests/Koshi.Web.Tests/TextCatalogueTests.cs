using System.Collections.Frozen;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Tests;

/// <summary>
/// The texts live in resource files, one set per folder (XxxTexts.resx in English, .kk.resx, .ru.resx), which
/// translators edit: every key in all three languages, the same placeholders in each, and the platform reads them all.
/// </summary>
public sealed partial class TextCatalogueTests
{
    private static readonly string[] Translations = ["kk", "ru"];

    /// <summary>
    /// Texts whose first value is an English word the translations leave out (their resource comment says so): "No
    /// permit with that id…" says "no record with that id…" in Kazakh and Russian rather than mix in English.
    /// </summary>
    private static readonly HashSet<string> FirstValueEnglishOnly = ["problem.pattern.no-such-record"];

    private static string WebSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Koshi.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/Koshi.Web not found above the test binaries.");
    }

    /// <summary>Every neutral (English) catalogue file of the sources, by its path.</summary>
    private static List<string> NeutralFiles() =>
        Directory.EnumerateFiles(WebSource(), "*Texts.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<(string Key, string Value)> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? string.Empty))
            .ToList();

    private static string Translation(string neutral, string language) => neutral[..^".resx".Length] + "." + language + ".resx";

    [Fact]
    public void Every_key_of_every_catalogue_is_in_kazakh_russian_and_english_with_the_same_placeholders()
    {
        var files = NeutralFiles();
        Assert.True(files.Count >= 10, $"only {files.Count} text catalogues found");
        var problems = new List<string>();
        foreach (var neutral in files)
        {
            var english = Read(neutral);
            Assert.True(english.Count > 0, $"{neutral} holds no texts");
            problems.AddRange(english.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => $"{neutral}: {g.Key} twice"));
            var keys = english.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var language in Translations)
            {
                var path = Translation(neutral, language);
                if (!File.Exists(path))
                {
                    problems.Add($"{path} is missing");
                    continue;
                }

                var translated = Read(path).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                problems.AddRange(keys.Where(k => !translated.ContainsKey(k)).Select(k => $"{path}: no '{k}'"));
                problems.AddRange(translated.Keys.Where(k => !keys.Contains(k)).Select(k => $"{path}: '{k}' is not in the English file"));
                foreach (var (key, text) in english)
                {
                    if (!translated.TryGetValue(key, out var other))
                    {
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(other) || string.IsNullOrWhiteSpace(text))
                    {
                        problems.Add($"{path}: '{key}' is empty");
                    }
                    else if (!Placeholders(other).IsSubsetOf(Placeholders(text)) || !Placeholders(other).Contains("0") && Placeholders(text).Contains("0") && !FirstValueEnglishOnly.Contains(key))
                    {
                        // A translation may leave out a value that only English shows (a parser's English message), but it
                        // may not name a value English does not pass, nor drop the first (what the text is about).
                        problems.Add($"{path}: '{key}' has placeholders {string.Join(",", Placeholders(other))}, English {string.Join(",", Placeholders(text))}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_platform_reads_every_catalogue_file_in_every_language()
    {
        var files = NeutralFiles();
        var names = TextCatalogue.All.Select(c => c.Name.Split('.')[^1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files.Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList(), names);

        // Each language's text comes from its own file (the kk and ru satellite assemblies are found and read).
        foreach (var neutral in files)
        {
            var catalogue = TextCatalogue.Of(Path.GetFileNameWithoutExtension(neutral));
            var english = Read(neutral);
            var kazakh = Read(Translation(neutral, "kk")).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var russian = Read(Translation(neutral, "ru")).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            Assert.Equal(english.Count, catalogue.Count);
            foreach (var (key, text) in english)
            {
                Assert.Equal(new LocalizedString(kazakh[key], russian[key], text), catalogue[key]);
                Assert.Equal(catalogue[key], Texts.All[key]);
            }
        }

        Assert.Equal(TextCatalogue.All.Sum(c => c.Texts.Count), Texts.All.Count);
    }

    [Fact]
    public void No_text_dictionary_is_left_in_csharp()
    {
        // A catalogue written as a C# dictionary would no longer be read: its texts belong in resource files.
        var dictionaries = Directory.EnumerateFiles(WebSource(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => CSharpCatalogue().IsMatch(File.ReadAllText(f)))
            .ToList();
        Assert.True(dictionaries.Count == 0, "Texts in C# dictionaries: " + string.Join(", ", dictionaries));
    }

    [Fact]
    public void A_key_in_two_catalogues_is_refused_naming_both()
    {
        var text = new LocalizedString("kk", "ru", "en");
        var first = new TextCatalogue("Koshi.Web.A.ATexts", new Dictionary<string, LocalizedString> { ["same.key"] = text }.ToFrozenDictionary());
        var second = new TextCatalogue("Koshi.Web.B.BTexts", new Dictionary<string, LocalizedString> { ["same.key"] = text }.ToFrozenDictionary());
        var error = Assert.Throws<InvalidOperationException>(() => TextCatalogue.Merge([first, second]));
        Assert.Contains("same.key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Koshi.Web.A.ATexts", error.Message, StringComparison.Ordinal);
        Assert.Contains("Koshi.Web.B.BTexts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_shows_as_the_key_in_brackets_and_an_unknown_catalogue_is_an_error()
    {
        Assert.Equal("[no.such.text]", new Text()["no.such.text"]);
        Assert.False(new Text().Has("no.such.text"));
        Assert.Throws<ArgumentException>(() => TextCatalogue.Of("NoSuchTexts"));
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)[,:}]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bAll\s*=\s*new\s+Dictionary\s*<\s*string\s*,\s*LocalizedString\s*>")]
    private static partial Regex CSharpCatalogue();
}
