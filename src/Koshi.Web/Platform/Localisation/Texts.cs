using System.Collections.Frozen;

namespace Koshi.Web.Platform.Localisation;

/// <summary>Every text the pages show, in Kazakh, Russian and English (in that order).</summary>
public static class Texts
{
    public static readonly FrozenDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["nav.my-applications"] = new("Менің өтініштерім", "Мои заявления", "My applications"),
        ["nav.queue"] = new("Өтініштер кезегі", "Очередь заявлений", "Application queue"),
        ["nav.api"] = new("API", "API", "API"),
        ["nav.login"] = new("Кіру", "Войти", "Sign in"),
        ["nav.logout"] = new("Шығу", "Выйти", "Sign out"),
        ["nav.register"] = new("Тіркелу", "Регистрация", "Register"),
        ["list.page"] = new("{0}-бет, барлығы {1} ({2} жазба)", "Страница {0} из {1} ({2} записей)", "Page {0} of {1} ({2} entries)"),
        ["list.pages"] = new("Беттер", "Страницы", "Pages"),
        ["list.previous"] = new("← Алдыңғы", "← Предыдущая", "← Previous"),
        ["list.next"] = new("Келесі →", "Следующая →", "Next →"),
        ["list.filter"] = new("Сүзу", "Отфильтровать", "Filter"),

        ["home.title"] = new("Тұрақты тұруға рұқсат және қандас мәртебесі", "Разрешение на постоянное проживание и статус кандаса", "Permanent residence and kandas status"),
        ["home.intro"] = new(
            "2026 жылғы пилот: қазақ тілінен KAZTEST A1, сауалнама, автоматты балл (өту балы {0}), ведомствоаралық тексерулер, сұхбат және {1} күн ішінде шешім.",
            "Пилот 2026 года: KAZTEST по казахскому языку A1, анкета, автоматический балл (проходной балл {0}), межведомственные проверки, собеседование и решение в течение {1} дн.",
            "The 2026 pilot: KAZTEST Kazakh A1, questionnaire, automated score (pass mark {0}), interagency checks, interview and a decision within {1} days."),
        ["home.intro-no-pack"] = new(
            "2026 жылғы пилот: қазақ тілінен KAZTEST A1, сауалнама, автоматты балл, ведомствоаралық тексерулер, сұхбат және шешім.",
            "Пилот 2026 года: KAZTEST по казахскому языку A1, анкета, автоматический балл, межведомственные проверки, собеседование и решение.",
            "The 2026 pilot: KAZTEST Kazakh A1, questionnaire, automated score, interagency checks, interview and a decision."),
        ["home.stages"] = new("Кезеңдер", "Этапы", "Stages"),

        ["login.title"] = new("Жүйеге кіру", "Вход в систему", "Sign in"),
        ["login.failed"] = new("Электрондық пошта немесе құпиясөз қате.", "Неверный адрес электронной почты или пароль.", "Wrong e-mail or password."),
        ["login.submit"] = new("Кіру", "Войти", "Sign in"),
        ["login.no-account"] = new("Тіркелгіңіз жоқ па?", "Нет учётной записи?", "No account yet?"),

        ["register.title"] = new("Өтініш берушіні тіркеу", "Регистрация заявителя", "Applicant registration"),
        ["register.intro"] = new("Тіркелу үшін ЖСН қажет; шетелде тұратын және ЖСН-ы жоқ өтініш берушілер паспорт бойынша тіркеледі.", "Для регистрации нужен ИИН; заявители за рубежом без ИИН регистрируются по паспорту.", "You need an IIN to register; applicants abroad without an IIN register by passport."),
        ["register.password-rule"] = new("Кемінде 10 таңба: бас әріп, кіші әріп және сан.", "Не менее 10 символов: заглавная, строчная буква и цифра.", "At least 10 characters: an upper-case letter, a lower-case letter and a digit."),
        ["register.submit"] = new("Тіркелу", "Зарегистрироваться", "Register"),

        ["denied.title"] = new("Қолжетімсіз", "Доступ запрещён", "Access denied"),
        ["denied.text"] = new("Бұл бет сіздің рөліңізге арналмаған.", "Эта страница не предназначена для вашей роли.", "This page is not for your role."),

        ["field.email"] = new("Электрондық пошта", "Электронная почта", "E-mail"),
        ["field.password"] = new("Құпиясөз", "Пароль", "Password"),
        ["field.fullName"] = new("Толық аты-жөні", "Полное имя", "Full name"),
        ["field.iin"] = new("ЖСН", "ИИН", "IIN"),
        ["field.kind"] = new("Қызмет", "Услуга", "Service"),
        ["field.region"] = new("Өңір", "Регион", "Region"),
        ["field.stage"] = new("Кезең", "Этап", "Stage"),
        ["field.applicant"] = new("Өтініш беруші", "Заявитель", "Applicant"),
        ["field.lodgedOn"] = new("Берілген күні", "Дата подачи", "Lodged on"),
        ["field.dueOn"] = new("Шешім мерзімі", "Срок решения", "Decision due"),
        ["field.takenOn"] = new("Тест күні", "Дата теста", "Test date"),
        ["field.listeningPercent"] = new("Тыңдалым, %", "Аудирование, %", "Listening, %"),
        ["field.readingPercent"] = new("Оқылым, %", "Чтение, %", "Reading, %"),
        ["field.certificate"] = new("Сертификат нөмірі", "Номер сертификата", "Certificate number"),

        ["kind.PermanentResidence"] = new("Тұрақты тұруға рұқсат", "Разрешение на постоянное проживание", "Permanent-residence permit"),
        ["kind.KandasStatus"] = new("Қандас мәртебесі", "Статус кандаса", "Kandas status"),

        ["stage.LanguageTest"] = new("KAZTEST қазақ тілі A1", "KAZTEST по казахскому языку A1", "KAZTEST Kazakh A1"),
        ["stage.Questionnaire"] = new("Сауалнама және балл", "Анкета и балл", "Questionnaire and score"),
        ["stage.Checks"] = new("Ведомствоаралық тексерулер", "Межведомственные проверки", "Interagency checks"),
        ["stage.Interview"] = new("Сұхбат", "Собеседование", "Interview"),
        ["stage.Decision"] = new("Шешім", "Решение", "Decision"),
        ["stage.Approved"] = new("Мақұлданды", "Одобрено", "Approved"),
        ["stage.Refused"] = new("Бас тартылды", "Отказано", "Refused"),
        ["stage.Withdrawn"] = new("Кері қайтарылды", "Отозвано", "Withdrawn"),

        ["my.title"] = new("Менің өтініштерім", "Мои заявления", "My applications"),
        ["my.none"] = new("Әзірге өтініш жоқ.", "Заявлений пока нет.", "No applications yet."),
        ["my.new"] = new("Жаңа өтініш", "Новое заявление", "New application"),
        ["my.lodge"] = new("Өтініш беру", "Подать заявление", "Lodge the application"),

        ["case.title"] = new("Өтініш", "Заявление", "Application"),
        ["clock.days-left"] = new("{0} күн қалды", "осталось дней: {0}", "{0} days left"),
        ["clock.overdue"] = new("{0} күнге кешіктірілді", "просрочено на {0} дн.", "{0} days overdue"),

        ["kaztest.rule"] = new(
            "Әр бөлімнен (тыңдалым және оқылым) кемінде {0} %; ең көбі {1} әрекет.",
            "Не менее {0} % в каждом разделе (аудирование и чтение); попыток не более: {1}.",
            "At least {0} % in each section (listening and reading); at most {1} attempts."),
        ["kaztest.passed"] = new("Тапсырылды", "Сдан", "Passed"),
        ["kaztest.failed"] = new("Тапсырылмады", "Не сдан", "Not passed"),
        ["kaztest.submit"] = new("Нәтижені енгізу", "Внести результат", "Record the result"),
        ["kaztest.attempts"] = new("KAZTEST әрекеттері", "Попытки KAZTEST", "KAZTEST attempts"),

        ["questionnaire.open"] = new("Сауалнаманы толтыру", "Заполнить анкету", "Fill in the questionnaire"),
        ["questionnaire.intro"] = new(
            "Сұрақтар саясат пакетінен алынады. Жібермес бұрын балды алдын ала көре аласыз.",
            "Вопросы берутся из пакета политики. Перед отправкой можно посмотреть балл.",
            "The questions come from the policy pack. You can preview your score before submitting."),
        ["questionnaire.preview"] = new("Балды алдын ала көру", "Предварительный балл", "Preview the score"),
        ["questionnaire.preview-title"] = new("Алдын ала балл (сақталмайды)", "Предварительный балл (не сохраняется)", "Preview score (not saved)"),
        ["questionnaire.submit"] = new("Сауалнаманы жіберу", "Отправить анкету", "Submit the questionnaire"),
        ["answer.yes"] = new("Иә", "Да", "Yes"),
        ["answer.no"] = new("Жоқ", "Нет", "No"),

        ["score.title"] = new("Автоматты балл", "Автоматический балл", "Automated score"),
        ["score.pass-mark"] = new("өту балы", "проходной балл", "pass mark"),
        ["score.decision.pass"] = new("Өту балына жетті", "Проходной балл набран", "Pass mark reached"),
        ["score.decision.fail-gate"] = new("Міндетті шарт орындалмады", "Не выполнено обязательное условие", "A required condition is not met"),
        ["score.decision.fail-score"] = new("Өту балына жетпеді", "Проходной балл не набран", "Below the pass mark"),
        ["score.shortfall"] = new("Өту балына {0} балл жетпейді", "До проходного балла не хватает {0}", "{0} points short of the pass mark"),
        ["score.gates"] = new("Міндетті шарттар", "Обязательные условия", "Required conditions"),
        ["score.gate-met"] = new("орындалды", "выполнено", "met"),
        ["score.gate-not-met"] = new("орындалмады", "не выполнено", "not met"),
        ["score.criteria"] = new("Әр критерий бойынша балл", "Баллы по каждому критерию", "Points for each criterion"),
        ["score.criterion"] = new("Критерий", "Критерий", "Criterion"),
        ["score.points"] = new("Балл", "Баллы", "Points"),
        ["score.why"] = new("Негіздеме", "Обоснование", "Why"),
        ["score.paths"] = new("Өту балына не жеткізеді", "Что позволит набрать проходной балл", "What would reach the pass mark"),
        ["score.total-after"] = new("жаңа балл", "новый балл", "new total"),
        ["score.not-applicable"] = new("қолданылмайды", "не применяется", "not applicable"),
        ["score.matched"] = new("сәйкес жол", "совпавшая строка", "matched row"),
        ["score.capped"] = new("топтың жоғарғы шегімен шектелген", "ограничено верхним пределом группы", "limited by its group's cap"),
        ["score.provisional"] = new(
            "Бұл бағадағы баллдар уақытша: заң өлшемдер бойынша баллдарды жарияламаған, сондықтан платформа ең жақын түсіндіруді қолданады.",
            "Баллы в этой оценке предварительные: закон не опубликовал баллы по критериям, и платформа применяет наиболее близкое прочтение.",
            "The points in this score are provisional: the law has not published the points per criterion, and the platform applies its closest reading."),
        ["ground.kaztest"] = new("KAZTEST A1 рұқсат етілген әрекеттерде тапсырылмады", "KAZTEST A1 не сдан за разрешённые попытки", "KAZTEST A1 not passed in the attempts allowed"),
        ["ground.score"] = new("{0} балл: өту балына ({2}) {1} балл жетпейді", "{0} баллов: до проходного балла ({2}) не хватает {1}", "{0} points: {1} short of the pass mark ({2})"),
        ["ground.gate"] = new("Міндетті шарт орындалмады: {0}", "Не выполнено обязательное условие: {0}", "Required condition not met: {0}"),
        ["ground.check"] = new("Ведомствоаралық тексеру кедергі тапты: {0}", "Межведомственная проверка выявила препятствие: {0}", "Interagency check found a ground for refusal: {0}"),
        ["ground.interview"] = new("Сұхбаттан өтпеді", "Собеседование не пройдено", "Interview not passed"),
        ["check-answer.PopulationRegister.Clear"] = new("Тұлға расталды", "Личность подтверждена", "Identity confirmed"),
        ["check-answer.PopulationRegister.Hit"] = new("Бұл ЖСН бойынша жазба жоқ", "Записи с этим ИИН нет", "No record with this IIN"),
        ["check-answer.PopulationRegister.Error"] = new("Тізілім жауап бермеді, қайталаңыз", "Регистр не ответил, повторите", "The register timed out; try again"),
        ["check-answer.MigrationPolice.Clear"] = new("Тыйым салу мен депортация жоқ", "Запретов и депортаций нет", "No bans or deportations"),
        ["check-answer.MigrationPolice.Hit"] = new("Елге кіруге тыйым салынған", "Действует запрет на въезд", "Entry ban on record"),
        ["check-answer.MigrationPolice.Pending"] = new("Сұрау кезекте, жауап 2 сағат ішінде", "Запрос в очереди, ответ в течение 2 часов", "Request queued; answer within 2 hours"),
        ["check-answer.CriminalRecord.Clear"] = new("Соттылық жоқ", "Судимости нет", "No criminal record"),
        ["check-answer.CriminalRecord.Hit"] = new("Соттылық бар", "Есть судимость", "Conviction on record"),
        ["check-answer.CriminalRecord.Error"] = new("Сервис қатесі, қайталаңыз", "Ошибка сервиса, повторите", "Service error; try again"),
        ["value.none"] = new("жоқ", "нет", "none"),
        ["value.secondary"] = new("орта", "среднее", "secondary"),
        ["value.vocational"] = new("техникалық және кәсіптік", "техническое и профессиональное", "vocational"),
        ["value.bachelor"] = new("бакалавр", "бакалавриат", "bachelor's"),
        ["value.master"] = new("магистр", "магистратура", "master's"),
        ["value.doctorate"] = new("докторантура", "докторантура", "doctorate"),
        ["value.a1"] = new("A1", "A1", "A1"),
        ["value.a2"] = new("A2", "A2", "A2"),
        ["value.b1"] = new("B1", "B1", "B1"),
        ["value.b2"] = new("B2", "B2", "B2"),
        ["value.c1"] = new("C1", "C1", "C1"),
        ["value.c2"] = new("C2", "C2", "C2"),
        ["value.ielts"] = new("IELTS", "IELTS", "IELTS"),
        ["value.toefl"] = new("TOEFL", "TOEFL", "TOEFL"),
        ["value.kaztest_b1"] = new("ҚАЗТЕСТ B1", "КАЗТЕСТ B1", "KAZTEST B1"),
        ["value.kaztest_b2"] = new("ҚАЗТЕСТ B2", "КАЗТЕСТ B2", "KAZTEST B2"),
        ["value.kaztest_c1"] = new("ҚАЗТЕСТ C1", "КАЗТЕСТ C1", "KAZTEST C1"),
        ["score.as-of"] = new("Күні бойынша", "По состоянию на", "As of"),
        ["score.law-date"] = new("заң күні", "дата закона", "law date"),
        ["score.pack"] = new("пакет нұсқасы", "версия пакета", "pack version"),

        ["rescore.title"] = new("Ағымдағы пакет бойынша қайта есептеу", "Пересчёт по текущему пакету", "Re-scored under the current pack"),
        ["rescore.current-total"] = new("Ағымдағы пакет бойынша балл", "Балл по текущему пакету", "Total under the current pack"),
        ["rescore.changed"] = new("өзгерді (шешім өзгермейді)", "изменился (решение не меняется)", "changed (the decision is not altered)"),
        ["rescore.unchanged"] = new("өзгерген жоқ", "не изменился", "unchanged"),

        ["check.PopulationRegister"] = new("Халық тізілімі", "Регистр населения", "Population register"),
        ["check.MigrationPolice"] = new("Көші-қон полициясы", "Миграционная полиция", "Migration Police"),
        ["check.CriminalRecord"] = new("Соттылық", "Судимость", "Criminal record"),
        ["check-status.NotStarted"] = new("сұралмаған", "не запрошено", "not asked yet"),
        ["check-status.Pending"] = new("жауап күтілуде", "ожидается ответ", "awaiting answer"),
        ["check-status.Error"] = new("қате, қайталаңыз", "ошибка, повторите", "error, try again"),
        ["check-status.Clear"] = new("кедергі жоқ", "препятствий нет", "clear"),
        ["check-status.Hit"] = new("кедергі табылды", "найдено препятствие", "ground for refusal found"),
        ["check.register"] = new("Тізілім", "Реестр", "Register"),
        ["check.status"] = new("Күйі", "Статус", "Status"),
        ["check.detail"] = new("Жауап", "Ответ", "Answer"),
        ["check.attempts"] = new("Сұраулар", "Запросы", "Requests"),
        ["check.retry-after"] = new("Қайта сұрау уақыты:", "Повторить после:", "Ask again after:"),
        ["check.run"] = new("Тексерулерді іске қосу", "Запустить проверки", "Run the checks"),

        ["interview.at"] = new("Күні мен уақыты (Астана уақыты)", "Дата и время (время Астаны)", "Date and time (Astana time)"),
        ["interview.place"] = new("Орны", "Место", "Place"),
        ["interview.schedule"] = new("Сұхбатты тағайындау", "Назначить собеседование", "Schedule the interview"),
        ["interview.outcome"] = new("Нәтижесі", "Результат", "Outcome"),
        ["interview.notes"] = new("Ескертпелер", "Заметки", "Notes"),
        ["interview.record"] = new("Нәтижені енгізу", "Внести результат", "Record the outcome"),
        ["interview.Passed"] = new("Сұхбаттан өтті", "Собеседование пройдено", "Interview passed"),
        ["interview.Failed"] = new("Сұхбаттан өтпеді", "Собеседование не пройдено", "Interview not passed"),

        ["decision.outcome"] = new("Шешім", "Решение", "Decision"),
        ["decision.approve"] = new("Мақұлдау", "Одобрить", "Approve"),
        ["decision.refuse"] = new("Бас тарту", "Отказать", "Refuse"),
        ["decision.Approved"] = new("Өтініш мақұлданды", "Заявление одобрено", "Application approved"),
        ["decision.Refused"] = new("Өтініш бойынша бас тартылды", "В заявлении отказано", "Application refused"),
        ["decision.ground"] = new("Бас тарту негізі", "Основание отказа", "Ground for refusal"),
        ["decision.reasons"] = new("Шешімнің себептері", "Мотивировка решения", "Reasons for the decision"),
        ["decision.submit"] = new("Шешім шығару", "Вынести решение", "Decide"),

        ["notifications.title"] = new("Хабарламалар", "Уведомления", "Notifications"),
        ["notify.Lodged"] = new("Өтініш қабылданды; шешім мерзімі басталды.", "Заявление принято; начался срок рассмотрения.", "Application lodged; the clock to the decision has started."),
        ["notify.KaztestPassed"] = new("KAZTEST тапсырылды: сауалнаманы толтырыңыз.", "KAZTEST сдан: заполните анкету.", "KAZTEST passed: please fill in the questionnaire."),
        ["notify.KaztestFailed"] = new("KAZTEST барлық әрекетте тапсырылмады; өтініш шешімге жіберілді.", "KAZTEST не сдан за все попытки; заявление передано на решение.", "KAZTEST not passed in the attempts allowed; the application goes to a decision."),
        ["notify.ScorePassed"] = new("Өту балына жеттіңіз; ведомствоаралық тексерулер басталды.", "Проходной балл набран; начались межведомственные проверки.", "Pass mark reached; the interagency checks have started."),
        ["notify.ScoreBelowPassMark"] = new("Балл өту балынан төмен; өтініш шешімге жіберілді.", "Балл ниже проходного; заявление передано на решение.", "Score below the pass mark; the application goes to a decision."),
        ["notify.InterviewScheduled"] = new("Сұхбат тағайындалды.", "Назначено собеседование.", "Your interview has been scheduled."),
        ["notify.Approved"] = new("Өтініш мақұлданды.", "Заявление одобрено.", "Your application has been approved."),
        ["notify.Refused"] = new("Өтініш бойынша бас тартылды.", "По заявлению принят отказ.", "Your application has been refused."),
        ["notify.Withdrawn"] = new("Өтініш кері қайтарылды.", "Заявление отозвано.", "The application has been withdrawn."),

        ["withdraw.reason"] = new("Кері қайтару себебі (міндетті емес)", "Причина отзыва (необязательно)", "Reason for withdrawing (optional)"),
        ["withdraw.submit"] = new("Өтінішті кері қайтару", "Отозвать заявление", "Withdraw the application"),

        ["queue.title"] = new("Өтініштер кезегі", "Очередь заявлений", "Application queue"),
        ["queue.rule"] = new("Мерзімі өткендер алдымен; әр өтінішке заң белгілеген мерзім.", "Сначала просроченные; на каждое заявление — срок по закону.", "Overdue first; each application has the time the law gives it."),
        ["queue.empty"] = new("Ашық өтініштер жоқ.", "Открытых заявлений нет.", "No open applications."),
        ["queue.clock"] = new("Қалған уақыт", "Оставшийся срок", "Time left"),

        ["error.invalid-choice"] = new("Тізімнен таңдаңыз.", "Выберите из списка.", "Please choose from the list."),
        ["error.fill-all"] = new("Барлық міндетті өрістерді толтырыңыз.", "Заполните все обязательные поля.", "Please fill in every required field."),
        ["error.check-fields"] = new("Белгіленген өрістерді тексеріңіз.", "Проверьте отмеченные поля.", "Please check the marked fields."),
        ["error.wrong-format"] = new("Пішімі қате.", "Неверный формат.", "Wrong format."),
        ["error.scoring-unavailable"] = new("Балл есептеу уақытша қолжетімсіз.", "Подсчёт баллов временно недоступен.", "Scoring is temporarily unavailable."),

        ["refusal.wrong-stage"] = new("Өтініштің қазіргі кезеңінде бұл әрекет мүмкін емес.", "На текущем этапе заявления это действие невозможно.", "This cannot be done at the application's current stage."),
        ["refusal.already-open"] = new("Сізде осы қызмет бойынша ашық өтініш бар.", "У вас уже есть открытое заявление на эту услугу.", "You already have an open application for this service."),
        ["refusal.kaztest-attempts-used"] = new("KAZTEST-тің барлық әрекеті пайдаланылды.", "Все попытки KAZTEST использованы.", "All KAZTEST attempts have been used."),
        ["refusal.out-of-range"] = new("Нәтиже 0-ден 100-ге дейінгі пайыз.", "Результат — процент от 0 до 100.", "A result is a percentage from 0 to 100."),
        ["refusal.future-date"] = new("Тест күні болашақта бола алмайды.", "Дата теста не может быть в будущем.", "The test date cannot be in the future."),
        ["refusal.past-date"] = new("Сұхбатты өткен күнге тағайындау мүмкін емес.", "Нельзя назначить собеседование на прошедший день.", "An interview cannot be scheduled on a past day."),
        ["refusal.interview-not-held"] = new("Сұхбат уақыты әлі келген жоқ.", "Время собеседования ещё не наступило.", "The interview's time has not come yet."),
        ["refusal.checks-waiting"] = new("Тізілімдердің жауабы күтілуде; кейінірек қайталаңыз.", "Ожидаются ответы реестров; повторите позже.", "Waiting for the registers' answers; try again later."),
        ["refusal.ground-not-failed"] = new("Бас тарту орындалмаған шартты немесе балл тапшылығын атауы керек.", "Отказ должен называть невыполненное условие или нехватку баллов.", "A refusal must name a failed condition or the shortfall."),
        ["refusal.grounds-failed"] = new("Орындалмаған шарттар болғанда мақұлдау мүмкін емес.", "Нельзя одобрить при невыполненных условиях.", "Cannot approve while conditions are failed."),
        ["refusal.closed"] = new("Өтініш жабылған.", "Заявление закрыто.", "The application is closed."),
        ["refusal.required"] = new("Барлық міндетті өрістерді толтырыңыз.", "Заполните все обязательные поля.", "Please fill in every required field."),
        ["refusal.interview-held"] = new("Сұхбат өтіп қойған.", "Собеседование уже проведено.", "The interview has already been held."),
        ["refusal.interview-not-scheduled"] = new("Сұхбат әлі тағайындалған жоқ.", "Собеседование ещё не назначено.", "The interview has not been scheduled."),
        ["refusal.check-complete"] = new("Бұл тексерудің түпкілікті жауабы бар.", "По этой проверке уже есть окончательный ответ.", "This check already has its final answer."),
        ["refusal.stage-incomplete"] = new("Тест, балл, тексерулер және сұхбат өтпейінше мақұлдау мүмкін емес.", "Нельзя одобрить, пока тест, балл, проверки и собеседование не пройдены.", "Cannot approve before the test, score, checks and interview are all passed."),
        ["refusal.not-scored"] = new("Өтінішке әлі балл есептелмеген.", "Заявление ещё не оценено.", "The application has not been scored yet."),
        ["refusal.idempotency-key-reused"] = new("Бұл Idempotency-Key басқа сұрауда пайдаланылған.", "Этот Idempotency-Key уже использован с другим запросом.", "This Idempotency-Key was already used with a different request."),
        ["refusal.no-iin"] = new("Тіркелгіңізде жарамды ЖСН жоқ.", "В вашей учётной записи нет действительного ИИН.", "Your account has no valid IIN."),
    }
        .Concat(Koshi.Web.ForeignLabour.Pages.LabourTexts.All)
        .Concat(Koshi.Web.Resettlement.Pages.ResettlementTexts.All)
        .Concat(Koshi.Web.Agencies.Pages.AgencyTexts.All)
        .Concat(Koshi.Web.Analytics.Pages.AnalyticsTexts.All)
        .Concat(Koshi.Web.Residence.Pages.QueueTexts.All)
        .Concat(Koshi.Web.Platform.Ui.Forms.FormTexts.All)
        .Concat(Koshi.Web.Residence.Pages.ResidenceFormTexts.All)
        .Concat(Koshi.Web.Identity.Pages.RegisterTexts.All)
        .Concat(LawTexts.All)
        .Concat(Koshi.Web.Platform.Ui.UiTexts.All)
        .Concat(Koshi.Web.ForeignLabour.Pages.SkillsTexts.All)
        .Concat(Koshi.Web.Residence.Letters.LetterTexts.All)
        .Concat(Koshi.Web.Audit.Pages.VerifyTexts.All)
        .Concat(Koshi.Web.Administration.Pages.AdminTexts.All)
        .Concat(Koshi.Web.ForeignLabour.Pages.QuotaTexts.All)
        .ToFrozenDictionary(StringComparer.Ordinal);
}
