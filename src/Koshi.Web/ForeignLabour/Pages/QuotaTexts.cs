using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>The quota forms' confirmations, moves and refusals in Kazakh, Russian and English (in that order).</summary>
public static class QuotaTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["quota.saved.title"] = new("Сақталды", "Сохранено", "Saved"),
        ["quota.saved.line"] = new(
            "{0}, {1}: {2} орын (пайдаланылғаны {3})",
            "{0}, {1}: мест — {2} (использовано {3})",
            "{0}, {1}: {2} seats ({3} used)"),
        ["quota.saved.reason"] = new("Себебі: {0}", "Причина: {0}", "Reason: {0}"),
        ["quota.unchanged"] = new(
            "Ештеңе сақталмады. Қазір сақталғаны: {0}, {1}: {2} орын.",
            "Ничего не сохранено. Сейчас сохранено: {0}, {1}: мест — {2}.",
            "Nothing was saved. What is saved now: {0}, {1}: {2} seats."),
        ["quota.move.title"] = new("Орындарды өңірлер арасында ауыстыру", "Перенос мест между регионами", "Move seats between regions"),
        ["quota.move.intro"] = new(
            "Бір әрекет, бір себеп: бір өңір береді, екіншісі алады, екеуі бірге сақталады немесе ешқайсысы сақталмайды. Өңірлердің жиыны өзгермейді, сондықтан ұлттық квотадан аспайды.",
            "Одно действие и одна причина: один регион отдаёт, другой получает; сохраняются оба изменения или ни одного. Сумма по регионам не меняется, поэтому национальная квота не превышается.",
            "One action with one reason: one region gives, the other receives, and both are saved or neither is. The regions' sum does not change, so the national quota is never exceeded."),
        ["quota.move.from"] = new("Беретін өңір", "Регион, который отдаёт", "Region giving seats"),
        ["quota.move.to"] = new("Алатын өңір", "Регион, который получает", "Region receiving seats"),
        ["quota.move.seats"] = new("Ауыстырылатын орындар", "Сколько мест перенести", "Seats to move"),
        ["quota.move.submit"] = new("Орындарды ауыстыру", "Перенести места", "Move the seats"),
        ["refusal.same-region"] = new("Орындар екі түрлі өңір арасында ауыстырылады.", "Места переносятся между двумя разными регионами.", "Seats move between two different regions."),
        ["refusal.not-enough-free-seats"] = new(
            "Беретін өңірде жеткілікті бос орын жоқ (рұқсаттар алған орындарды беруге болмайды).",
            "В отдающем регионе недостаточно свободных мест (места, занятые разрешениями, отдать нельзя).",
            "The region giving seats has not enough free seats (seats taken by permits cannot be given)."),
    };
}
