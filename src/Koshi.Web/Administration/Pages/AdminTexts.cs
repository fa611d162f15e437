using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Administration.Pages;

/// <summary>The administrator's pages' texts in Kazakh, Russian and English (in that order).</summary>
public static class AdminTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["nav.admin"] = new("Әкімші", "Администрирование", "Administration"),
        ["admin.title"] = new("Әкімші беті", "Страница администратора", "Administration"),
        ["admin.intro"] = new(
            "Аудит журналы, оның қол қойылған бақылау нүктелері бойынша тексеру, квота өзгерістерінің тарихы және кез келген өтінішті оқу.",
            "Журнал аудита и его проверка по подписанным контрольным точкам, история изменений квоты и чтение любого заявления.",
            "The audit log and its check against the signed checkpoints, the history of quota changes, and reading any application."),
        ["admin.audit.title"] = new("Аудит журналы", "Журнал аудита", "Audit log"),
        ["admin.audit.action"] = new("Әрекет (басы)", "Действие (начало)", "Action (starts with)"),
        ["admin.audit.number"] = new("№", "№", "No."),
        ["admin.audit.at"] = new("Уақыты", "Время", "Time"),
        ["admin.audit.actor"] = new("Кім", "Кто", "Who"),
        ["admin.audit.what"] = new("Әрекет", "Действие", "Action"),
        ["admin.audit.record"] = new("Жазба", "Объект", "Record"),
        ["admin.audit.code"] = new("Тексеру коды", "Код проверки", "Verification code"),
        ["admin.audit.pending"] = new("кезекте", "в очереди", "pending"),
        ["admin.audit.none"] = new("Жазбалар жоқ.", "Записей нет.", "No entries."),
        ["admin.verify.title"] = new("Журналды тексеру", "Проверка журнала", "Check the log"),
        ["admin.verify.intro"] = new(
            "Әр жазба өз хэшімен, ал бүкіл журнал қол қойылған әр бақылау нүктесімен салыстырылады.",
            "Каждая запись сверяется со своим хэшем, а весь журнал — с каждой подписанной контрольной точкой.",
            "Every entry is checked against its hash, and the whole log against every signed checkpoint."),
        ["admin.verify.submit"] = new("Қазір тексеру", "Проверить сейчас", "Verify now"),
        ["admin.verify.valid"] = new(
            "Журнал бүтін: {0} жазба, {1} бақылау нүктесі тексерілді.",
            "Журнал цел: проверено записей — {0}, контрольных точек — {1}.",
            "The log is intact: {0} entries and {1} checkpoints checked."),
        ["admin.verify.invalid"] = new(
            "Журнал өзгертілген: {0} жазба, {1} бақылау нүктесі тексерілді. Табылғаны:",
            "Журнал изменён: проверено записей — {0}, контрольных точек — {1}. Найдено:",
            "The log was altered: {0} entries and {1} checkpoints checked. Found:"),
        ["admin.verify.pending"] = new("Кезекте тұрған жазбалар: {0}.", "Записей в очереди: {0}.", "Entries waiting to be sequenced: {0}."),
        ["admin.verify.latest"] = new(
            "Соңғы бақылау нүктесі: {0} жазба, қол қойылған уақыты {1}.",
            "Последняя контрольная точка: {0} записей, подписана {1}.",
            "Latest checkpoint: {0} entries, signed at {1}."),
        ["admin.quota.title"] = new("Квота өзгерістерінің тарихы", "История изменений квоты", "Quota change history"),
        ["admin.quota.open"] = new("Квотаны бөлу", "Распределение квоты", "Distribute the quota"),
        ["admin.quota.year"] = new("Жыл", "Год", "Year"),
        ["admin.quota.pool"] = new("Пул", "Пул", "Pool"),
        ["admin.quota.change"] = new("Орындар", "Места", "Seats"),
        ["admin.quota.reason"] = new("Себебі", "Причина", "Reason"),
        ["admin.quota.by"] = new("Кім өзгертті", "Кто изменил", "Changed by"),
        ["admin.quota.none"] = new("Квота әлі өзгертілмеген.", "Квота ещё не менялась.", "The quota has not been changed yet."),
        ["admin.cases.title"] = new("Өтініштерді оқу", "Чтение заявлений", "Read an application"),
        ["admin.cases.find"] = new("Өтініш нөмірі немесе өтініш берушінің ЖСН", "Номер заявления или ИИН заявителя", "Application number or the applicant's IIN"),
        ["admin.cases.submit"] = new("Табу", "Найти", "Find"),
        ["admin.cases.recent"] = new("Соңғы өтініштер", "Последние заявления", "Latest applications"),
        ["admin.cases.found"] = new("Табылған өтініштер", "Найденные заявления", "Applications found"),
        ["admin.cases.none"] = new("Өтініш табылмады.", "Заявления не найдены.", "No application found."),
        ["admin.cases.bad-query"] = new(
            "Өтініш нөмірін (36 таңба) немесе 12 цифрлы ЖСН енгізіңіз.",
            "Введите номер заявления (36 знаков) или ИИН из 12 цифр.",
            "Enter an application number (36 characters) or a 12-digit IIN."),
        ["admin.case.title"] = new("Өтініш (оқу үшін)", "Заявление (только чтение)", "Application (read only)"),
        ["admin.case.trail"] = new("Өтініштің аудит жазбалары", "Записи аудита по заявлению", "The application's audit entries"),
        ["admin.case.back"] = new("Әкімші бетіне оралу", "Назад на страницу администратора", "Back to administration"),
    };
}
