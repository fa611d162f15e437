using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>The texts of the worker-assessment, evidence-review and allocation-round pages in Kazakh, Russian and English (in that order).</summary>
public static class SkillsTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["labour.status.lapsed"] = new("Пулдан шықты", "Выбыло из пула", "Left the pool"),

        ["skills.assessment.link"] = new("Бағалау және дәлелдер", "Оценка и подтверждения", "Assessment and evidence"),
        ["skills.assessment.none"] = new("Бұл өтініш бағалау енгізілгенге дейін берілген.", "Эта заявка подана до введения оценки.", "This application was lodged before assessments were made."),
        ["skills.assessment.in-demand"] = new("Өңірде сұранысқа ие кәсіп", "Востребованное в регионе занятие", "Occupation in demand in the region"),
        ["skills.assessment.law-date"] = new("Заң күні және ереже жинағы", "Дата права и пакет правил", "Law date and rule pack"),
        ["skills.assessment.not-ranked"] = new("Бұл пулдың орындары рейтингсіз, кезек тәртібімен беріледі.", "Места этого пула выдаются в порядке очереди, без рейтинга.", "This pool's seats go first come, first served, without ranking."),
        ["skills.assessment.last-cut-off"] = new("Пулдың соңғы өту балы", "Последний проходной балл пула", "The pool's latest cut-off"),
        ["skills.assessment.criteria"] = new("Не есептелді", "Что засчитано", "What counted"),
        ["skills.assessment.criterion"] = new("Өлшем", "Критерий", "Criterion"),
        ["skills.assessment.no-raise"] = new("Бір мәліметті өзгерту баллды арттырмайды.", "Изменение одного сведения баллы не повысит.", "No single change of the declared facts would raise the points."),
        ["skills.assessment.raise-note"] = new(
            "Әр жол — бір мәліметтің өзгеруі; жаңа мәлімет жаңа өтініммен және оның дәлелімен беріледі.",
            "Каждая строка — изменение одного сведения; новые сведения подаются новой заявкой с подтверждением.",
            "Each line is one declared fact changed; new facts are declared on a new application, with their evidence."),
        ["skills.input.education"] = new("Білімі", "Образование", "Education"),
        ["skills.input.education_relevant"] = new("Кәсіп бейіні бойынша білім", "Образование по профилю", "Education in the occupation's field"),
        ["skills.input.experience_years"] = new("Кәсіби өтіл (жыл)", "Стаж по занятию (лет)", "Years of experience in the occupation"),
        ["skills.input.qualification_recognised"] = new("Біліктілігі танылған", "Квалификация признана", "Qualification recognised"),
        ["skills.input.language_level"] = new("Қазақ немесе орыс тілі", "Казахский или русский язык", "Kazakh or Russian"),

        ["skills.evidence.title"] = new("Мәлімделген дәлелдер", "Заявленные подтверждения", "Declared evidence"),
        ["skills.evidence.intro"] = new(
            "Жұмыс беруші мәлімдеген әр мәліметті өңір қызметкері тексереді; қабылданбаған мәлімет бағалауда есептелмейді, ал баллдар қайта есептеледі.",
            "Каждое сведение, заявленное работодателем, проверяет сотрудник региона; отклонённое сведение не засчитывается, и баллы пересчитываются.",
            "The region's officer checks each fact the employer declared; a rejected fact does not count, and the points are worked out again."),
        ["skills.evidence.item"] = new("Мәлімет", "Сведение", "Fact"),
        ["skills.evidence.declared"] = new("Мәлімделгені", "Заявлено", "Declared"),
        ["skills.evidence.reason"] = new("Себебі", "Основание", "Reason"),
        ["skills.evidence.reason-hint"] = new("бас тартқанда міндетті", "обязательно при отклонении", "required to reject"),
        ["skills.evidence.decision"] = new("Шешім", "Решение", "Decision"),
        ["skills.evidence.accept"] = new("Қабылдау", "Принять", "Accept"),
        ["skills.evidence.reject"] = new("Қабылдамау", "Отклонить", "Reject"),
        ["skills.evidence.submit"] = new("Тексеруді сақтау", "Сохранить проверку", "Record the check"),
        ["skills.evidence.relevant"] = new("кәсіп бейіні бойынша", "по профилю занятия", "in the occupation's field"),
        ["skills.evidence.years"] = new("{0} жыл", "{0} лет", "{0} years"),
        ["skills.item.education"] = new("Білімі", "Образование", "Education"),
        ["skills.item.experience"] = new("Кәсіби өтіл", "Стаж по занятию", "Experience in the occupation"),
        ["skills.item.qualification"] = new("Танылған біліктілік", "Признанная квалификация", "Recognised qualification"),
        ["skills.item.language"] = new("Тіл деңгейі", "Уровень языка", "Language level"),
        ["skills.evidence-status.declared"] = new("Мәлімделді, тексерілмеді", "Заявлено, не проверено", "Declared, not yet checked"),
        ["skills.evidence-status.accepted"] = new("Қабылданды", "Принято", "Accepted"),
        ["skills.evidence-status.rejected"] = new("Қабылданбады", "Отклонено", "Rejected"),

        ["skills.rounds.link"] = new("Жарияланған бөлу раундтары мен өлшемдер", "Опубликованные раунды распределения и показатели", "Published allocation rounds and measures"),
        ["skills.rounds.intro"] = new(
            "Рейтингтік пулдың орындарын раунд ең жоғары балл жинаған өтінімдерге береді, тең баллда ертерек берілгені озады. Тек жиынтық сандар жарияланады, жеке деректер жоқ.",
            "Раунд отдаёт места рейтингового пула заявкам с наибольшими баллами, при равенстве — поданной раньше. Публикуются только сводные цифры, без персональных данных.",
            "A round gives a ranked pool's seats to the applications with the most points, ties to the earlier lodgement. Only aggregate figures are published, no personal data."),
        ["skills.rounds.ranked-pools"] = new("Бүгін рейтингтік пулдар", "Рейтинговые пулы сегодня", "Pools ranked today"),
        ["skills.rounds.no-ranked"] = new("жоқ (барлық орындар кезек тәртібімен)", "нет (все места в порядке очереди)", "none (every seat first come, first served)"),
        ["skills.rounds.next-due"] = new("Келесі жоспарлы раунд", "Следующий плановый раунд", "Next scheduled round"),
        ["skills.rounds.published"] = new("Өткізілген раундтар", "Проведённые раунды", "Rounds held"),
        ["skills.rounds.held"] = new("Өткізілді", "Проведён", "Held"),
        ["skills.rounds.by-ministry"] = new("министрлік бастады", "запущен министерством", "started by the ministry"),
        ["skills.rounds.scheduled"] = new("кесте бойынша", "по графику", "on schedule"),
        ["skills.rounds.qualified-ranked"] = new("Біліктілігі расталған (рейтинг)", "Квалифицированных по оценке (рейтинг)", "Qualified by assessment (ranked)"),
        ["skills.rounds.qualified-first-come"] = new("Біліктілігі расталған (кезек болса)", "Квалифицированных по оценке (при очереди)", "Qualified by assessment (had it been first come)"),
        ["skills.rounds.cut-offs"] = new("Өту балы раундтан раундқа", "Проходной балл от раунда к раунду", "Cut-off round after round"),
        ["skills.rounds.run-title"] = new("Раунд өткізу", "Провести раунд", "Run a round"),
        ["skills.rounds.run-hint"] = new(
            "Раунд өңір пулының биылғы бос орындарын (немесе көрсетілген санын) пулдағы ең жоғары балл жинағандарға береді.",
            "Раунд отдаёт свободные места пула региона за этот год (или указанное число) лучшим по баллам в пуле.",
            "A round gives this year's free seats of the region's pool (or the number given) to the best-ranked in the pool."),
        ["skills.rounds.seats-hint"] = new("бос қалдырсаңыз — барлық бос орындар", "пусто — все свободные места", "empty: every free seat"),
        ["skills.rounds.run"] = new("Раундты өткізу", "Провести раунд", "Run the round"),

        ["skills.measures.title"] = new("Рейтинг не берді", "Что дал рейтинг", "What ranking did"),
        ["skills.measures.intro"] = new(
            "Сол пулдар мен сол орындарда кезек тәртібі қабылдайтын еді деген салыстыру әр раундта жазылады.",
            "Сравнение с тем, кого на тех же местах из того же пула допустила бы очередь, записывается в каждом раунде.",
            "Each round records whom first come, first served would have admitted from the same pool to the same seats, to compare."),
        ["skills.measures.in-demand"] = new("Сұранысқа ие кәсіптерге орындар үлесі", "Доля мест востребованным занятиям", "Share of seats to in-demand occupations"),
        ["skills.measures.qualified"] = new("Бағалау бойынша білікті үлесі", "Доля квалифицированных по оценке", "Share qualified by assessment"),
        ["skills.measures.skilled"] = new("Білікті үлесі (санат бойынша)", "Доля квалифицированных (по категории)", "Skilled share (by category)"),
        ["skills.measures.ranked"] = new("рейтингпен", "с рейтингом", "with ranking"),
        ["skills.measures.first-come"] = new("рейтингсіз", "без рейтинга", "without ranking"),
        ["skills.measures.notes"] = new(
            "«Рейтингсіз» — сол пулдан сол орындарға кезек тәртібі қабылдайтын еді. Санат бойынша білікті үлесі Тұжырымдаманың көрсеткіші; рейтингтік санаттардың бәрі білікті болғандықтан, рейтинг оны емес, кім қабылданатынын өзгертеді.",
            "«Без рейтинга» — кого из того же пула на те же места допустила бы очередь. Доля квалифицированных по категории — показатель Концепции; все рейтинговые категории квалифицированные, поэтому рейтинг меняет не её, а то, кто допущен.",
            "'Without ranking' is whom first come, first served would have admitted from the same pool to the same seats. The skilled share by category is the Concept's measure; every ranked category counts as skilled, so ranking changes who is admitted rather than that share."),
        ["skills.measures.rounds"] = new("Раундтар", "Раунды", "Rounds"),
        ["skills.measures.api"] = new("Сол деректер API арқылы:", "Те же данные через API:", "The same figures through the API:"),
    };
}
