using System.Collections.Frozen;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;
using Koshi.Web.Tests.Infrastructure;

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
    /// permit with that id…" says "no record with that id…" in Kazakh and Russian rather than mix in English, and the
    /// lab's round refusal names the assessment's English reason in English only.
    /// </summary>
    private static readonly HashSet<string> FirstValueEnglishOnly = ["problem.pattern.no-such-record", "lab.error.cannot-assess"];

    private static string WebSource() => Path.Combine(Repository.Root, "src", "Koshi.Web");

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

    /// <summary>
    /// Kazakh or Russian text in C# (outside the demo data, which is what users of those languages would type, and the
    /// language switch, where each language is named in itself): translators would have to edit code to change it.
    /// </summary>
    private static readonly string[] CyrillicAllowed =
    [
        Path.Combine("Agencies", "AgenciesDemoData.cs"),
        Path.Combine("ForeignLabour", "ForeignLabourDemoData.cs"),
        Path.Combine("Platform", "Ui", "_Layout.cshtml"),
    ];

    [Fact]
    public void No_kazakh_or_russian_text_is_left_in_code()
    {
        var source = WebSource();
        var found = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !CyrillicAllowed.Contains(Path.GetRelativePath(source, f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => CyrillicLiteral().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(source, l.f)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "Kazakh or Russian text in code (it belongs in a *Texts.resx):" + Environment.NewLine + string.Join(Environment.NewLine, found.Take(20)));
    }

    [Fact]
    public void Every_problem_and_law_message_is_found_by_its_english_and_has_kazakh_and_russian()
    {
        var problems = TextCatalogue.Of("ProblemTexts");
        var messages = problems.Where(t => t.Key.StartsWith("problem.title.", StringComparison.Ordinal) || t.Key.StartsWith("problem.field.", StringComparison.Ordinal)).ToList();
        Assert.True(messages.Count > 140, $"only {messages.Count} problem messages");
        Assert.Equal(messages.Count, ProblemTexts.Known.Count);
        foreach (var (key, text) in messages)
        {
            // The code writes the English; the problem is written in the language asked for.
            Assert.Equal(text.Kk, ProblemTexts.Translate(text.En, "kk"));
            Assert.Equal(text.Ru, ProblemTexts.Translate(text.En, "ru"));
            Assert.Equal(text.En, ProblemTexts.Translate(text.En, "en"));
        }

        var translated = problems.Concat(TextCatalogue.Of("LawTexts")).Concat(TextCatalogue.Of("IdentityTexts"))
            .Select(t => (t.Key, t.Value)).Concat(ProblemTexts.Known.Select(t => (Key: t.Key, t.Value))).Concat(LawText.Phrases.Select(t => (Key: t.Key, t.Value)))
            .ToList();
        Assert.True(LawText.Phrases.Count > 25, $"only {LawText.Phrases.Count} stored phrases");
        var untranslated = translated.Where(t => !Cyrillic().IsMatch(t.Value.Kk) || !Cyrillic().IsMatch(t.Value.Ru) || Cyrillic().IsMatch(t.Value.En))
            .Select(t => t.Key).ToList();
        Assert.True(untranslated.Count == 0, "Without Kazakh or Russian: " + string.Join(", ", untranslated));
    }

    [Fact]
    public void An_english_text_under_two_keys_is_refused_naming_both()
    {
        var texts = new Dictionary<string, LocalizedString>
        {
            ["problem.field.one"] = new("бір", "один", "Same."),
            ["problem.field.two"] = new("екі", "два", "Same."),
            ["other.key"] = new("үш", "три", "Other."),
        };
        var error = Assert.Throws<InvalidOperationException>(() => TextCatalogue.ByEnglish(texts, "problem.field."));
        Assert.Contains("problem.field.one", error.Message, StringComparison.Ordinal);
        Assert.Contains("problem.field.two", error.Message, StringComparison.Ordinal);
        texts.Remove("problem.field.two");
        Assert.Equal(["Same."], TextCatalogue.ByEnglish(texts, "problem.field.").Keys);
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

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();

    /// <summary>A string literal (or interpolated string's text) holding a Cyrillic letter.</summary>
    [GeneratedRegex(@"""[^""\r\n]*\p{IsCyrillic}[^""\r\n]*""")]
    private static partial Regex CyrillicLiteral();

    [GeneratedRegex(@"\bAll\s*=\s*new\s+Dictionary\s*<\s*string\s*,\s*LocalizedString\s*>")]
    private static partial Regex CSharpCatalogue();
}
