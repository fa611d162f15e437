using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Residence.Pages;

/// <summary>The officer's queue and case page texts in Kazakh, Russian and English (in that order).</summary>
public static class QueueTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["field.caseNumber"] = new("Іс нөмірі", "Номер дела", "Case number"),
        ["queue.search"] = new("Іздеу", "Поиск", "Search"),
        ["queue.search-hint"] = new(
            "Іс нөмірі (2026-000123 немесе 123), ЖСН немесе аты-жөні.",
            "Номер дела (2026-000123 или 123), ИИН или имя.",
            "Case number (2026-000123 or 123), IIN or name."),
        ["queue.stage"] = new("Кезең", "Этап", "Stage"),
        ["queue.stage-open"] = new("Барлық ашық өтініштер", "Все открытые заявления", "All open applications"),
        ["queue.stage-all"] = new("Барлығы, жабылғандарын қоса", "Все, включая закрытые", "All, closed included"),
        ["queue.mine"] = new("Тек менің әрекетімді күтетіндер", "Только ждущие моего действия", "Only those waiting for my action"),
        ["queue.overdue"] = new("Тек мерзімі өткендер", "Только просроченные", "Only overdue"),
        ["queue.sort"] = new("Реттеу", "Сортировка", "Sort"),
        ["queue.sort-due"] = new("Шешім мерзімі бойынша (ең жақыны алдымен)", "По сроку решения (ближайшие первыми)", "By decision due date (soonest first)"),
        ["queue.sort-lodged"] = new("Берілген күні бойынша (ескілері алдымен)", "По дате подачи (старые первыми)", "By date lodged (oldest first)"),
        ["queue.sort-newest"] = new("Берілген күні бойынша (жаңалары алдымен)", "По дате подачи (новые первыми)", "By date lodged (newest first)"),
        ["queue.apply"] = new("Көрсету", "Показать", "Show"),
        ["queue.reset"] = new("Сүзгілерді тазарту", "Сбросить фильтры", "Clear filters"),
        ["queue.found"] = new("Табылғаны: {0}", "Найдено: {0}", "Found: {0}"),
        ["queue.none-found"] = new("Сұрауға сай өтініш табылмады.", "По запросу заявлений не найдено.", "No application matches."),

        ["answers.title"] = new("Өтініш берушінің жауаптары", "Ответы заявителя", "The applicant's answers"),
        ["answers.none"] = new("Өтініш беруші сауалнаманы әлі толтырған жоқ.", "Заявитель ещё не заполнил анкету.", "The applicant has not filled in the questionnaire yet."),
        ["answers.question"] = new("Сұрақ", "Вопрос", "Question"),
        ["answers.answer"] = new("Жауап", "Ответ", "Answer"),

        ["interview.at-hint"] = new(
            "Астана уақыты; қазіргі сәттен ерте емес.",
            "Время Астаны; не раньше текущего момента.",
            "Astana time; not earlier than now."),
        ["interview.error-title"] = new("Сұхбат тағайындалмады", "Собеседование не назначено", "The interview was not scheduled"),
        ["refusal.past-time"] = new(
            "Сұхбат уақыты өтіп кетті: қазіргі сәттен кейінгі уақытты таңдаңыз.",
            "Время собеседования уже прошло: выберите время не раньше текущего момента.",
            "The interview time has passed: choose a time from now on."),
    };
}
