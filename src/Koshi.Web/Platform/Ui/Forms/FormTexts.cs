using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Platform.Ui.Forms;

/// <summary>The texts every guided form shares, in Kazakh, Russian and English (in that order).</summary>
public static class FormTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["form.problem"] = new("Қате бар", "Есть ошибки", "There is a problem"),
        ["form.confirm-required"] = new(
            "Жалғастыру үшін растау белгісін қойыңыз.", "Чтобы продолжить, отметьте подтверждение.", "Tick the box to confirm before you continue."),
        ["form.irreversible"] = new("Бұл әрекетті болдырмау мүмкін емес.", "Это действие нельзя отменить.", "This cannot be undone."),
        ["form.picker-hint"] = new(
            "Атауын теріп, тізімнен таңдаңыз.", "Начните вводить название и выберите из списка.", "Start typing the name and choose from the list."),
        ["form.countries-hint"] = new(
            "Елдерді атауымен таңдаңыз, бір-бірінен нүктелі үтірмен бөліңіз.", "Выберите страны по названию, разделяя их точкой с запятой.", "Choose the countries by name, separated by semicolons."),
        ["form.unknown-country"] = new("Тізімнен елді таңдаңыз.", "Выберите страну из списка.", "Choose a country from the list."),
        ["form.unknown-occupation"] = new("Тізімнен кәсіпті таңдаңыз (ХСКЖ-08).", "Выберите профессию из списка (МСКЗ-08).", "Choose an occupation from the list (ISCO-08)."),
        ["form.confirm"] = new(
            "Растаймын: бұл әрекетті орындағым келеді.", "Подтверждаю: я хочу выполнить это действие.", "I confirm that I want to do this."),
        ["form.saved"] = new("Сақталды", "Сохранено", "Saved"),
        ["form.check-field"] = new("Өрісті тексеріңіз", "Проверьте поле", "Check this field"),
        ["form.source"] = new("Дереккөз", "Источник", "Source"),
        ["form.optional"] = new("(міндетті емес)", "(необязательно)", "(optional)"),
    };
}
