using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// Problem details in the request's language. Titles, details and field messages are written in English where they
/// arise; this translates the known ones into Kazakh and Russian as the problem is written (their texts are in
/// ProblemTexts.resx, found by their English), and a refusal's detail comes from its code's text. A message with no
/// translation stays English (a test lists the common ones).
/// </summary>
public static partial class ProblemTexts
{
    /// <summary>
    /// Every message with a translation, by its English: the titles and field messages of ProblemTexts.resx
    /// (problem.title.*, problem.field.*), whose neutral value is the English the code writes. An English value under
    /// two keys is refused here, as it could not say which text wins.
    /// </summary>
    public static readonly FrozenDictionary<string, LocalizedString> Known = TextCatalogue.ByEnglish(TextCatalogue.Of("ProblemTexts"), "problem.title.", "problem.field.");

    /// <summary>Messages with a number or a list in them: the English pattern (code) and the key of its text ({0}, {1}: the groups).</summary>
    private static readonly (Regex English, LocalizedString Text)[] Patterns =
    [
        (AtMostCharacters(), Of("problem.pattern.at-most-characters")),
        (AtMostBytes(), Of("problem.pattern.at-most-bytes")),
        (BodiesLimited(), Of("problem.pattern.bodies-limited")),
        (OneOf(), Of("problem.pattern.one-of")),
        (AttemptsAMinute(), Of("problem.pattern.attempts-a-minute")),
        (AttemptsInSeconds(), Of("problem.pattern.attempts-in-seconds")),
        (NoWhat(), Of("problem.pattern.no-such-record")),
    ];

    /// <summary>The language a request's answer is in: the culture the localisation middleware chose for it.</summary>
    public static string Language(HttpContext http) =>
        (http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName switch
        {
            "kk" => "kk",
            "ru" => "ru",
            _ => "en",
        };

    /// <summary>An English message in a language, or the message itself when it has no translation.</summary>
    public static string Translate(string? english, string language)
    {
        if (english is null || language == "en")
        {
            return english ?? string.Empty;
        }

        if (Known.TryGetValue(english, out var text))
        {
            return text.For(language);
        }

        if (TranslateField(english, language) is { } field)
        {
            return field;
        }

        foreach (var (pattern, localized) in Patterns)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                return string.Format(CultureInfo.InvariantCulture, localized.For(language), match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray());
            }
        }

        return english;
    }

    /// <summary>The current request's translation (for pages that show these messages).</summary>
    public static string Translate(string? english) => Translate(english, Text.Language);

    /// <summary>Translates a problem as it is written: title, detail, every field message; a refusal by its code.</summary>
    public static void Localise(ProblemDetailsContext context)
    {
        var language = Language(context.HttpContext);
        if (language == "en")
        {
            return;
        }

        var problem = context.ProblemDetails;
        var code = problem.Extensions.TryGetValue("code", out var value) ? value as string : null;
        var refusal = code is not null && Texts.All.TryGetValue("refusal." + code, out var refusalText) ? refusalText.For(language) : null;
        problem.Title = problem.Title is null ? null : Translate(problem.Title, language);
        problem.Detail = refusal is not null && problem.Detail is not null ? refusal : problem.Detail is null ? null : Translate(problem.Detail, language);
        var errors = problem is HttpValidationProblemDetails validation ? validation.Errors
            : problem.Extensions.TryGetValue("errors", out var extension) ? extension as IDictionary<string, string[]> : null;
        if (errors is not null)
        {
            foreach (var field in errors.Keys.ToList())
            {
                errors[field] = errors[field].Select(m => refusal ?? OrGeneric(m, Translate(m, language), language)).ToArray();
            }
        }
    }

    /// <summary>Said of a field whose English message has no translation yet: the caller still reads their own language.</summary>
    public static readonly LocalizedString Generic = Of("problem.generic");

    private static string OrGeneric(string english, string translated, string language) =>
        translated == english && english.Any(char.IsLetter) && !english.Any(c => c is >= '\u0400' and <= '\u04FF') ? Generic.For(language) : translated;

    /// <summary>A text of the platform's catalogue by its key; a key missing there stops the start (a test names it).</summary>
    private static LocalizedString Of(string key) =>
        Texts.All.TryGetValue(key, out var text) ? text : throw new InvalidOperationException($"No text '{key}' in the catalogues (ProblemTexts.resx).");

    [GeneratedRegex(@"^At most ([\d,]+) characters\.$")]
    private static partial Regex AtMostCharacters();

    [GeneratedRegex(@"^At most (\d+) bytes\.$")]
    private static partial Regex AtMostBytes();

    [GeneratedRegex(@"^Request bodies are limited to (\d+) bytes\.$")]
    private static partial Regex BodiesLimited();

    [GeneratedRegex(@"^One of:? (.+)$")]
    private static partial Regex OneOf();

    [GeneratedRegex(@"^At most (\d+) sign-in, token or registration requests a minute; try again in a minute\.$")]
    private static partial Regex AttemptsAMinute();

    [GeneratedRegex(@"^At most (\d+) sign-in, token or registration requests in (\d+) seconds; try again in (\d+) seconds\.$")]
    private static partial Regex AttemptsInSeconds();

    [GeneratedRegex(@"^No (.+) with that id is visible to you\.$")]
    private static partial Regex NoWhat();
}
