using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Platform.Ui;

/// <summary>The texts of the frame around every page (skip link, navigation, error pages), in Kazakh, Russian and English.</summary>
public static class UiTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["ui.skip"] = new("Негізгі мазмұнға өту", "Перейти к основному содержанию", "Skip to main content"),
        ["ui.nav"] = new("Негізгі мәзір", "Основное меню", "Main menu"),
        ["ui.languages"] = new("Тіл", "Язык", "Language"),
        ["ui.account"] = new("Есептік жазба", "Учётная запись", "Account"),
        ["ui.home"] = new("Басты бетке оралу", "Вернуться на главную", "Go to the home page"),
        ["ui.back-to-portal"] = new("Koshi порталына оралу", "Вернуться на портал Koshi", "Back to the Koshi portal"),
        ["ui.footer"] = new(
            "Koshi — Қазақстан Республикасының 2030 жылға дейінгі көші-қон саясатының тұжырымдамасы бойынша қызметтер.",
            "Koshi — услуги по Концепции миграционной политики Республики Казахстан до 2030 года.",
            "Koshi — services under the Migration Policy Concept of the Republic of Kazakhstan through 2030."),
        ["error.400.title"] = new("Сұрауды оқу мүмкін болмады", "Запрос не удалось прочитать", "The request could not be read"),
        ["error.400.text"] = new(
            "Жіберілген деректер толық емес немесе ескірген. Бетке оралып, қайталап көріңіз.",
            "Отправленные данные неполны или устарели. Вернитесь на страницу и попробуйте ещё раз.",
            "What was sent is incomplete or out of date. Go back to the page and try again."),
        ["error.403.title"] = new("Қолжетімсіз", "Доступ запрещён", "Access denied"),
        ["error.403.text"] = new(
            "Бұл бет сіздің рөліңізге арналмаған. Басқа есептік жазбамен кіріңіз немесе басты бетке оралыңыз.",
            "Эта страница не предназначена для вашей роли. Войдите под другой учётной записью или вернитесь на главную.",
            "This page is not for your role. Sign in with another account or go to the home page."),
        ["error.404.title"] = new("Бет табылмады", "Страница не найдена", "Page not found"),
        ["error.404.text"] = new(
            "Мұндай бет жоқ немесе ол сізге көрінбейді. Мекенжайды тексеріңіз.",
            "Такой страницы нет, или она вам не видна. Проверьте адрес.",
            "There is no such page, or it is not visible to you. Check the address."),
        ["error.500.title"] = new("Қызметте ақау орын алды", "В работе сервиса произошёл сбой", "Something went wrong on our side"),
        ["error.500.text"] = new(
            "Сұрауыңыз орындалмады. Біраздан кейін қайталап көріңіз; мәселе қайталанса, сілтеме кодын қолдау қызметіне айтыңыз.",
            "Ваш запрос не выполнен. Попробуйте ещё раз немного позже; если ошибка повторится, сообщите в поддержку код обращения.",
            "Your request was not completed. Try again in a little while; if it happens again, give the support desk the reference code."),
        ["error.other.title"] = new("Сұрау орындалмады", "Запрос не выполнен", "The request was not completed"),
        ["error.other.text"] = new(
            "Сұрауыңызды орындау мүмкін болмады. Басты бетке оралып, қайталап көріңіз.",
            "Ваш запрос не удалось выполнить. Вернитесь на главную и попробуйте ещё раз.",
            "Your request could not be completed. Go to the home page and try again."),
        ["error.code"] = new("Қате коды", "Код ошибки", "Error code"),
        ["error.reference"] = new("Сілтеме коды", "Код обращения", "Reference code"),
    };
}
