using System.Globalization;
using Koshi.Policy;
using Koshi.Policy.Population;
using Koshi.Web.Analytics.Pages;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Analytics.Lab;

/// <summary>
/// The problems of a lab upload (a population file, a reform pack, a changed parameter) in the page's language. The readers of
/// Koshi.Policy give each problem an English message (what the CLI prints), a code and the values it names; this says the code
/// in Kazakh or Russian with the file position and the field, and a problem without a translated code still reads as a plain
/// sentence in the language with its position, never as English. In English the reader's own message is kept.
/// </summary>
public static class LabProblems
{
    /// <summary>A population file's bad row: the file, the line (CSV, JSON Lines) or row (Parquet), the field and why.</summary>
    public static string Population(string fileName, bool rows, PopulationFormatException ex, string language)
    {
        if (language == "en")
        {
            var unit = rows ? "row" : "line";
            return $"{fileName}:{ex.Line} ({unit} {ex.Line}): " + string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message}"));
        }

        var at = Say(rows ? "lab.problem.at-row" : "lab.problem.at-line", language, fileName, Number(ex.Line));
        return at + ": " + string.Join("; ", ex.Errors.Select(e => (e.Field is "$" or "header" ? string.Empty : Say("lab.problem.field", language, e.Field) + ": ")
            + Problem(e.Code, e.Args, language, "lab.problem.value")));
    }

    /// <summary>A reform pack's problem: the uploaded zip, the file in it, line and column, and why.</summary>
    public static string Pack(string fileName, Diagnostic d, string language) => language == "en"
        ? $"{fileName}: {d.Position.File}:{d.Position.Line}:{d.Position.Column}: {d.Message}"
        : Say("lab.problem.at-pack", language, fileName, d.Position.File, Number(d.Position.Line), Number(d.Position.Column)) + ": "
          + Problem(d.Code, d.Args, language, "lab.problem.pack");

    /// <summary>A changed parameter's problem (the field already names the parameter).</summary>
    public static string Change(Diagnostic d, string language) =>
        language == "en" ? d.Message : Problem(d.Code, d.Args, language, "lab.problem.parameter");

    /// <summary>One of the lab's own messages by its key, in the language (English as the key's English text).</summary>
    public static string Say(string key, string language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, Texts.All[key].For(language), args);

    /// <summary>A problem's code in the language, or the plain sentence of <paramref name="fallback"/> for a code not translated.</summary>
    private static string Problem(string? code, IReadOnlyList<string> args, string language, string fallback)
    {
        if (code is null || !Texts.All.TryGetValue("lab.problem." + code, out var text))
        {
            return Texts.All[fallback].For(language);
        }

        // The kind of value expected (integer, date, …) is named in the language too.
        var named = args.Select((a, i) => i == 0 && code is "value.type" or "input.required" && Texts.All.TryGetValue("lab.kind-of." + a, out var kind)
            ? kind.For(language)
            : a).ToArray<object>();
        return string.Format(CultureInfo.InvariantCulture, text.For(language), named);
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
