using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Residence.Pages;

/// <summary>The residence forms' texts (questionnaire steps, KAZTEST, confirmations) in Kazakh, Russian and English.</summary>
public static class ResidenceFormTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["qs.steps"] = new("Сауалнама бөлімдері", "Разделы анкеты", "Sections of the questionnaire"),
        ["qs.step"] = new("{0}-бөлім, барлығы {1}", "Раздел {0} из {1}", "Section {0} of {1}"),
        ["qs.section.about"] = new("Өзіңіз және отбасыңыз туралы", "О вас и вашей семье", "About you and your family"),
        ["qs.section.languages"] = new("Тілдер", "Языки", "Languages"),
        ["qs.section.work"] = new("Білім және жұмыс", "Образование и работа", "Education and work"),
        ["qs.section.money"] = new("Қаражат және тұрғын үй", "Деньги и жильё", "Money and housing"),
        ["qs.section.declarations"] = new("Мәлімдемелер", "Заявления о себе", "Declarations"),
        ["qs.section.other"] = new("Басқа сұрақтар", "Другие вопросы", "Other questions"),
        ["qs.status.todo"] = new("Толтырылмаған", "Не заполнено", "Not started"),
        ["qs.status.done"] = new("Толтырылды", "Заполнено", "Completed"),
        ["qs.status.errors"] = new("Түзету керек", "Нужно исправить", "Needs correcting"),
        ["qs.known-title"] = new("Бізге белгілі деректер", "Что нам уже известно", "What we already know"),
        ["qs.known-hint"] = new(
            "Бұл деректер тіркелгенде көрсетілген паспорттан алынды, сондықтан қайта сұралмайды. Қате болса, көші-қон қызметіне хабарласыңыз.",
            "Эти сведения взяты из паспорта, указанного при регистрации, поэтому повторно не запрашиваются. Если они неверны, обратитесь в миграционную службу.",
            "These details come from the passport you registered with, so they are not asked again. If they are wrong, contact the migration service."),
        ["qs.spouse-hint"] = new(
            "Жұбайыңызбен бірге көшсеңіз ғана толтырыңыз.", "Заполните, только если переезжаете с супругом (супругой).", "Only if your spouse moves with you."),
        ["qs.housing-price-hint"] = new(
            "Тұрғын үй берілмесе ғана толтырыңыз.", "Заполните, только если жильё не предоставлено.", "Only if nobody provides housing."),
        ["qs.error.required"] = new("{0}: жауап беріңіз.", "{0}: ответьте на вопрос.", "{0}: answer this question."),
        ["qs.error.format"] = new("{0}: пішімі қате.", "{0}: неверный формат.", "{0}: the answer is not in the right format."),
        ["qs.error.range"] = new("{0}: {1} мен {2} аралығындағы сан енгізіңіз.", "{0}: введите число от {1} до {2}.", "{0}: enter a number from {1} to {2}."),
        ["qs.error.minimum"] = new("{0}: кемінде {1} енгізіңіз.", "{0}: введите не меньше {1}.", "{0}: enter at least {1}."),
        ["qs.error.country"] = new("{0}: тізімнен елді таңдаңыз.", "{0}: выберите страну из списка.", "{0}: choose a country from the list."),
        ["qs.error.family"] = new(
            "{0}: көшетін отбасы мүшелерінен көп болмауы керек.", "{0}: не может быть больше числа переезжающих членов семьи.", "{0}: cannot be more than the family members moving."),
        ["qs.submitted"] = new("Сауалнама жіберілді", "Анкета отправлена", "Questionnaire submitted"),
        ["qs.submitted-body"] = new(
            "Балыңыз төменде. Ведомствоаралық тексерулер басталады; нәтижесі осы бетте көрсетіледі.",
            "Ваш балл ниже. Начинаются межведомственные проверки; их результат появится на этой странице.",
            "Your score is below. The interagency checks come next; their result will appear on this page."),

        ["kaztest.attempts-left"] = new("Қалған әрекеттер: {0} ({1} ішінен).", "Осталось попыток: {0} из {1}.", "Attempts left: {0} of {1}."),
        ["kaztest.no-attempts-left"] = new("KAZTEST әрекеттері қалмады.", "Попыток KAZTEST не осталось.", "No KAZTEST attempts are left."),
        ["kaztest.recorded-passed"] = new("KAZTEST нәтижесі енгізілді: тапсырылды", "Результат KAZTEST внесён: сдан", "KAZTEST result recorded: passed"),
        ["kaztest.recorded-passed-body"] = new(
            "Келесі қадам — сауалнама.", "Следующий шаг — анкета.", "The next step is the questionnaire."),
        ["kaztest.recorded-failed"] = new("KAZTEST нәтижесі енгізілді: тапсырылмады", "Результат KAZTEST внесён: не сдан", "KAZTEST result recorded: not passed"),
        ["kaztest.recorded-failed-body"] = new(
            "Қалған әрекеттер: {0}. Тестті қайта тапсырып, жаңа нәтижені енгізіңіз.",
            "Осталось попыток: {0}. Пересдайте тест и внесите новый результат.",
            "Attempts left: {0}. Take the test again and record the new result."),

        ["withdraw.confirm"] = new(
            "Өтінішті кері қайтаратынымды растаймын.", "Подтверждаю, что отзываю заявление.", "I confirm that I withdraw this application."),
        ["withdraw.done"] = new("Өтініш кері қайтарылды", "Заявление отозвано", "Application withdrawn"),

        ["register.done"] = new("Тіркелу аяқталды", "Регистрация завершена", "Registration complete"),
        ["register.done-body"] = new(
            "Енді өтініш бере аласыз: қызмет пен өңірді таңдаңыз.", "Теперь можно подать заявление: выберите услугу и регион.", "You can now apply: choose the service and the region."),
    };
}
