using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Residence.Letters;

/// <summary>The decision letter's texts in Kazakh, Russian and English (in that order).</summary>
public static class LetterTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["letter.download"] = new("Шешім туралы хатты жүктеу (PDF)", "Скачать письмо о решении (PDF)", "Download the decision letter (PDF)"),
        ["letter.download-hint"] = new(
            "Хатта шешімнің себептері, балл түсіндірмесі, келесі қадамдар, шағым беру тәртібі мен мерзімі және тексеру коды бар.",
            "В письме — основания решения, разъяснение балла, дальнейшие шаги, порядок и срок обжалования и код проверки.",
            "The letter gives the reasons, the score explained, the next steps, how and by when to appeal, and a verification code."),
        ["letter.service"] = new(
            "Қазақстан Республикасының көші-қон қызметі",
            "Миграционная служба Республики Казахстан",
            "Migration service of the Republic of Kazakhstan"),
        ["letter.title"] = new("Өтініш бойынша шешім туралы хабарлама", "Уведомление о решении по заявлению", "Notice of the decision on your application"),
        ["letter.to"] = new("Кімге", "Кому", "To"),
        ["letter.case"] = new("Өтініш нөмірі", "Номер заявления", "Application number"),
        ["letter.service-kind"] = new("Қызмет", "Услуга", "Service"),
        ["letter.region"] = new("Өңір", "Регион", "Region"),
        ["letter.lodged"] = new("Берілген күні", "Дата подачи", "Lodged on"),
        ["letter.decided"] = new("Шешім күні", "Дата решения", "Decided on"),
        ["letter.decision"] = new("Шешім", "Решение", "Decision"),
        ["letter.reasons"] = new("Шешімнің себептері", "Основания решения", "Reasons for the decision"),
        ["letter.ground"] = new("Бас тарту негізі", "Основание отказа", "Ground for refusal"),
        ["letter.officer-reasons"] = new("Қызметкер жазған себептер", "Мотивировка сотрудника", "Reasons written by the officer"),
        ["letter.score"] = new("Балл қалай есептелді", "Как рассчитан балл", "How your score was worked out"),
        ["letter.score-total"] = new("Жалпы балл: {0}, өту балы: {1}.", "Итоговый балл: {0}, проходной балл: {1}.", "Total: {0} points; the pass mark is {1}."),
        ["letter.score-total-no-mark"] = new("Жалпы балл: {0}.", "Итоговый балл: {0}.", "Total: {0} points."),
        ["letter.score-none"] = new(
            "Сауалнама толтырылмағандықтан, балл есептелмеді.",
            "Балл не рассчитывался: анкета не была заполнена.",
            "No score was worked out: the questionnaire was not filled in."),
        ["letter.gates"] = new("Міндетті шарттар", "Обязательные условия", "Required conditions"),
        ["letter.criteria"] = new("Критерийлер бойынша балл", "Баллы по критериям", "Points by criterion"),
        ["letter.points"] = new("{0} балл", "{0} б.", "{0} points"),
        ["letter.next"] = new("Келесі қадамдар", "Дальнейшие шаги", "What happens next"),
        ["letter.next.approved.PermanentResidence"] = new(
            "{0} көші-қон қызметі тұруға ықтиярхатыңызды дайындайды. Ол дайын болғанда сізге хабарланады; алуға паспортыңызды әкеліңіз.",
            "Миграционная служба региона «{0}» оформит ваш вид на жительство. Когда он будет готов, вам сообщат; для получения возьмите паспорт.",
            "The migration service of {0} will prepare your residence permit. You will be told when it is ready; bring your passport to collect it."),
        ["letter.next.approved.KandasStatus"] = new(
            "Сізге қандас мәртебесі берілді. {0} көші-қон қызметі қандас куәлігін береді. Онымен қоныс аудару бағдарламасының қолдауына өтініш бере аласыз.",
            "Вам присвоен статус кандаса. Миграционная служба региона «{0}» выдаст удостоверение кандаса; с ним можно подать заявку на поддержку по программе переселения.",
            "You are granted kandas status. The migration service of {0} issues the kandas certificate; with it you can apply for support under the resettlement programme."),
        ["letter.next.refused"] = new(
            "Бас тарту себебі жойылғанда қайта өтініш бере аласыз. Шешім дұрыс емес деп санасаңыз, төменде көрсетілген тәртіппен шағым беріңіз.",
            "Вы можете подать заявление снова, когда основание отказа отпадёт. Если вы считаете решение неверным, обжалуйте его в порядке, указанном ниже.",
            "You may apply again once the ground for refusal no longer applies. If you think the decision is wrong, you may appeal as set out below."),
        ["letter.appeal"] = new("Шағым беру тәртібі мен мерзімі", "Порядок и срок обжалования", "How to appeal, and by when"),
        ["letter.appeal.route"] = new(
            "Шешімге шешім шығарған органның жоғары тұрған органына (көші-қон қызметінің жоғары тұрған бөлімшесіне) шағым беруге болады; шағым қанағаттандырылмаса — әкімшілік сотқа талап арызбен жүгінуге болады ({0}).",
            "Решение можно обжаловать жалобой в вышестоящий орган (вышестоящее подразделение миграционной службы); если жалоба не удовлетворена — иском в административный суд ({0}).",
            "You may complain against the decision to the authority above the one that made it (the higher level of the migration service); if the complaint is not upheld, you may bring a claim before an administrative court ({0})."),
        ["letter.appeal.law"] = new(
            "Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексі, 91-бап",
            "Административный процедурно-процессуальный кодекс Республики Казахстан, ст. 91",
            "Administrative Procedural and Process Code of the Republic of Kazakhstan, art. 91"),
        ["letter.appeal.deadline"] = new(
            "Шағым шешім күнінен бастап {0} ай ішінде, яғни {1} дейін беріледі.",
            "Жалоба подаётся в течение {0} мес. со дня решения, то есть не позднее {1}.",
            "The complaint must be filed within {0} months of the decision date, that is by {1}."),
        ["letter.appeal.provisional"] = new(
            "Бұл мерзім алдын ала көрсетілген: жоғарыда аталған кодекс бойынша тексеріліп жатыр.",
            "Этот срок указан предварительно: он уточняется по названному кодексу.",
            "This period is provisional: it is being confirmed against the code named above."),
        ["letter.appeal.unknown"] = new(
            "Шағым беру мерзімін көші-қон қызметінен нақтылаңыз.",
            "Срок обжалования уточните в миграционной службе.",
            "Ask the migration service for the appeal period."),
        ["letter.verify"] = new("Хаттың түпнұсқалығын тексеру", "Проверка подлинности письма", "Checking that this letter is genuine"),
        ["letter.verify.code"] = new("Тексеру коды: {0}", "Код проверки: {0}", "Verification code: {0}"),
        ["letter.verify.how"] = new(
            "Кез келген адам бұл кодты {0} мекенжайында тексере алады: шешімнің қызметтің жария, қол қойылған аудит журналында жазылғаны расталады.",
            "Любой может проверить код по адресу {0}: проверка подтверждает, что решение записано в публичном подписанном журнале аудита службы.",
            "Anyone can check this code at {0}: the check confirms that the decision is recorded in the service's public, signed audit log."),
        ["letter.verify.pending"] = new(
            "Тексеру коды әлі дайын емес; хатты бірнеше секундтан кейін қайта жүктеңіз.",
            "Код проверки ещё не готов; скачайте письмо снова через несколько секунд.",
            "The verification code is not ready yet; download the letter again in a few seconds."),
        ["letter.page"] = new("{0}-бет / {1}", "Страница {0} из {1}", "Page {0} of {1}"),
        ["letter.no-decision"] = new("Бұл өтініш бойынша әлі шешім жоқ.", "По этому заявлению решения ещё нет.", "There is no decision on this application yet."),
    };
}
