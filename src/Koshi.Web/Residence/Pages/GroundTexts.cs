using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Residence.Pages;

/// <summary>Refusal grounds and register answers in the reader's language.</summary>
public static class GroundTexts
{
    public static string Describe(Text text, string code, ResidenceApplication application, ScoreView? score)
    {
        if (code == "kaztest")
        {
            return text["ground.kaztest"];
        }

        if (code == "score" && application.Score is { PassMark: { } mark } s)
        {
            return text.Format("ground.score", Text.Number(s.Total), Text.Number(mark - s.Total), Text.Number(mark));
        }

        if (code.StartsWith("gate:", StringComparison.Ordinal))
        {
            var id = code["gate:".Length..];
            var title = score?.Gates.FirstOrDefault(g => g.Id == id)?.Title.Current ?? id;
            return text.Format("ground.gate", title);
        }

        if (code.StartsWith("check:", StringComparison.Ordinal) && Enum.TryParse<CheckKind>(code["check:".Length..], out var kind))
        {
            return text.Format("ground.check", text["check." + kind]);
        }

        return code == "interview" ? text["ground.interview"] : code;
    }

    /// <summary>
    /// An answer option in the reader's language: the pack's own title when it gives one, else a shared translation
    /// of common value names (education levels, language levels, certificates), else the value itself.
    /// </summary>
    public static string Option(Text text, Koshi.Web.Residence.Scoring.QuestionOption option) =>
        option.Title.En != option.Id ? option.Title.Current : text.Has("value." + option.Id) ? text["value." + option.Id] : option.Id;

    /// <summary>What a register said, in the reader's language (the register's own words stay in the API).</summary>
    public static string CheckAnswer(Text text, InteragencyCheck check) =>
        text.Has($"check-answer.{check.Kind}.{check.Status}") ? text[$"check-answer.{check.Kind}.{check.Status}"] : text["check-status." + check.Status];
}
