using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Koshi.Web.Platform.Localisation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// Problem details in the request's language. Titles, details and field messages are written in English where they
/// arise; this translates the known ones into Kazakh and Russian as the problem is written, and a refusal's detail
/// comes from its code's text. A message with no translation here stays English (a test lists the common ones).
/// </summary>
public static partial class ProblemTexts
{
    public static readonly FrozenDictionary<string, LocalizedString> Known = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        // Titles.
        ["The request has invalid fields."] = new("Сұраудың кейбір өрістері қате.", "В запросе есть неверные поля.", "The request has invalid fields."),
        ["Not found."] = new("Табылмады.", "Не найдено.", "Not found."),
        ["The application cannot do that now."] = new("Бұл әрекетті қазір орындау мүмкін емес.", "Сейчас это действие выполнить нельзя.", "The application cannot do that now."),
        ["The request could not be read."] = new("Сұрауды оқу мүмкін болмады.", "Запрос не удалось прочитать.", "The request could not be read."),
        ["The answers do not fit the questionnaire."] = new("Жауаптар сауалнамаға сәйкес емес.", "Ответы не соответствуют анкете.", "The answers do not fit the questionnaire."),
        ["The law could not be applied to this case as of its date."] = new("Заңды осы іске оның күні бойынша қолдану мүмкін болмады.", "Закон не удалось применить к этому делу на его дату.", "The law could not be applied to this case as of its date."),
        ["The law cannot be applied: no policy pack is loaded."] = new("Заңды қолдану мүмкін емес: құқықтық ережелер жинағы жүктелмеген.", "Закон применить нельзя: свод правил не загружен.", "The law cannot be applied: no policy pack is loaded."),
        ["Someone else changed this at the same time; reload and try again."] = new("Мұны басқа біреу бір уақытта өзгертті; жаңартып, қайталаңыз.", "Это одновременно изменил кто-то другой; обновите и повторите.", "Someone else changed this at the same time; reload and try again."),
        ["An unexpected error occurred."] = new("Күтпеген қате орын алды.", "Произошла непредвиденная ошибка.", "An unexpected error occurred."),
        ["The service is busy; try again in a few seconds."] = new("Қызмет қазір бос емес; бірнеше секундтан кейін қайталаңыз.", "Сервис сейчас перегружен; повторите через несколько секунд.", "The service is busy; try again in a few seconds."),
        ["The request body is too large."] = new("Сұрау денесі тым үлкен.", "Тело запроса слишком велико.", "The request body is too large."),
        ["Wrong e-mail or password."] = new("Электрондық пошта немесе құпиясөз қате.", "Неверный адрес электронной почты или пароль.", "Wrong e-mail or password."),
        ["The account no longer exists."] = new("Тіркелгі енді жоқ.", "Учётной записи больше нет.", "The account no longer exists."),
        ["Unauthorized"] = new("Кіру қажет", "Требуется вход", "Unauthorized"),
        ["Forbidden"] = new("Рұқсат жоқ", "Доступ запрещён", "Forbidden"),
        ["Too Many Requests"] = new("Сұраулар тым көп", "Слишком много запросов", "Too Many Requests"),
        ["Too many attempts from this address."] = new("Бұл мекенжайдан әрекеттер тым көп.", "Слишком много попыток с этого адреса.", "Too many attempts from this address."),

        // Field messages.
        ["Required."] = new("Міндетті өріс.", "Обязательное поле.", "Required."),
        ["Required: a valid e-mail address."] = new("Міндетті: жарамды электрондық пошта мекенжайы.", "Обязательно: действительный адрес электронной почты.", "Required: a valid e-mail address."),
        ["Required: your full name (at most 200 characters)."] = new("Міндетті: толық аты-жөніңіз (200 таңбадан аспайды).", "Обязательно: ваше полное имя (не более 200 символов).", "Required: your full name (at most 200 characters)."),
        ["These details cannot be registered: there may already be an account for this e-mail or IIN. Sign in instead."] = new(
            "Бұл деректермен тіркелу мүмкін емес: осы электрондық поштаға немесе ЖСН-ға тіркелгі бар болуы мүмкін. Оның орнына жүйеге кіріңіз.",
            "Зарегистрироваться с этими данными нельзя: возможно, учётная запись с этим адресом или ИИН уже есть. Войдите в систему.",
            "These details cannot be registered: there may already be an account for this e-mail or IIN. Sign in instead."),
        ["An IIN is exactly 12 digits."] = new("ЖСН дәл 12 саннан тұрады.", "ИИН состоит ровно из 12 цифр.", "An IIN is exactly 12 digits."),
        ["The 7th digit of an IIN (century and sex) must be 1–6."] = new("ЖСН-ның 7-ші саны (ғасыр мен жынысы) 1–6 болуы керек.", "7-я цифра ИИН (век и пол) должна быть от 1 до 6.", "The 7th digit of an IIN (century and sex) must be 1–6."),
        ["The first six digits of an IIN must be a real birth date (YYMMDD)."] = new("ЖСН-ның алғашқы алты саны нақты туған күн болуы керек (ЖЖААКК).", "Первые шесть цифр ИИН должны быть настоящей датой рождения (ГГММДД).", "The first six digits of an IIN must be a real birth date (YYMMDD)."),
        ["The IIN control digit does not match."] = new("ЖСН-ның бақылау саны сәйкес келмейді.", "Контрольная цифра ИИН не совпадает.", "The IIN control digit does not match."),
        // Registration by passport (applicants abroad without an IIN).
        ["Required: your IIN, or, if you live abroad and have none, your passport number, citizenship and date of birth."] = new("Міндетті: ЖСН, ал шетелде тұрып, ЖСН-іңіз болмаса — паспорт нөмірі, азаматтығыңыз және туған күніңіз.", "Обязательно: ИИН, а если вы живёте за рубежом и ИИН у вас нет — номер паспорта, гражданство и дата рождения.", "Required: your IIN, or, if you live abroad and have none, your passport number, citizenship and date of birth."),
        ["Give either your IIN or your passport details, not both: whoever has an IIN registers with it."] = new("ЖСН-ды немесе паспорт деректерін көрсетіңіз, екеуін бірдей емес: ЖСН-ы барлар онымен тіркеледі.", "Укажите либо ИИН, либо паспортные данные, но не то и другое: у кого есть ИИН, регистрируется с ним.", "Give either your IIN or your passport details, not both: whoever has an IIN registers with it."),
        ["These details cannot be registered: there may already be an account for this e-mail or passport. Sign in instead."] = new("Бұл деректерді тіркеу мүмкін емес: осы электрондық пошта немесе паспорт үшін тіркелгі бар болуы мүмкін. Оның орнына кіріңіз.", "Эти данные нельзя зарегистрировать: возможно, учётная запись с этим адресом электронной почты или паспортом уже есть. Войдите в неё.", "These details cannot be registered: there may already be an account for this e-mail or passport. Sign in instead."),
        ["Required: the passport number, 5 to 20 Latin letters and digits, as printed in the passport."] = new("Міндетті: паспорт нөмірі, паспортта басылғандай 5–20 латын әрпі мен цифр.", "Обязательно: номер паспорта — от 5 до 20 латинских букв и цифр, как в паспорте.", "Required: the passport number, 5 to 20 Latin letters and digits, as printed in the passport."),
        ["Required: the country that issued your passport, chosen from the list."] = new("Міндетті: паспортыңызды берген ел, тізімнен таңдалады.", "Обязательно: страна, выдавшая ваш паспорт, — выберите из списка.", "Required: the country that issued your passport, chosen from the list."),
        ["A citizen of Kazakhstan has an IIN: register with the IIN instead."] = new("Қазақстан азаматының ЖСН-ы бар: ЖСН-мен тіркеліңіз.", "У гражданина Казахстана есть ИИН: зарегистрируйтесь с ИИН.", "A citizen of Kazakhstan has an IIN: register with the IIN instead."),
        ["Required: your date of birth as YYYY-MM-DD."] = new("Міндетті: туған күніңіз ЖЖЖЖ-АА-КК түрінде.", "Обязательно: дата рождения в виде ГГГГ-ММ-ДД.", "Required: your date of birth as YYYY-MM-DD."),
        ["The date of birth cannot be in the future or more than 120 years ago."] = new("Туған күн болашақта немесе 120 жылдан бұрын бола алмайды.", "Дата рождения не может быть в будущем или более 120 лет назад.", "The date of birth cannot be in the future or more than 120 years ago."),
        ["The birth date in the IIN is in the future."] = new("ЖСН-дағы туған күн болашақта.", "Дата рождения в ИИН — в будущем.", "The birth date in the IIN is in the future."),
        ["A BIN is exactly 12 digits."] = new("БСН дәл 12 саннан тұрады.", "БИН состоит ровно из 12 цифр.", "A BIN is exactly 12 digits."),
        ["Digits 3–4 of a BIN are the registration month (01–12)."] = new("БСН-ның 3–4 сандары — тіркелген ай (01–12).", "Цифры 3–4 БИН — месяц регистрации (01–12).", "Digits 3–4 of a BIN are the registration month (01–12)."),
        ["The 5th digit of a BIN (legal entity type) must be 4, 5 or 6."] = new("БСН-ның 5-ші саны (заңды тұлға түрі) 4, 5 немесе 6 болуы керек.", "5-я цифра БИН (тип юридического лица) должна быть 4, 5 или 6.", "The 5th digit of a BIN (legal entity type) must be 4, 5 or 6."),
        ["The BIN control digit does not match."] = new("БСН-ның бақылау саны сәйкес келмейді.", "Контрольная цифра БИН не совпадает.", "The BIN control digit does not match."),
        ["This field is not part of the request."] = new("Бұл өріс сұрауға жатпайды.", "Это поле не входит в запрос.", "This field is not part of the request."),
        ["The value has the wrong type or is not one of the allowed values."] = new("Мәннің түрі қате немесе ол рұқсат етілген мәндердің бірі емес.", "Значение неверного типа или не входит в допустимые.", "The value has the wrong type or is not one of the allowed values."),
        ["The value could not be read."] = new("Мәнді оқу мүмкін болмады.", "Значение не удалось прочитать.", "The value could not be read."),
        ["This field is given more than once."] = new("Бұл өріс бірнеше рет берілген.", "Это поле указано больше одного раза.", "This field is given more than once."),
        ["The text contains a NUL character."] = new("Мәтінде NUL таңбасы бар.", "Текст содержит символ NUL.", "The text contains a NUL character."),
        ["The text contains an unpaired UTF-16 surrogate."] = new("Мәтінде жұбы жоқ UTF-16 таңбасы бар.", "Текст содержит непарный суррогат UTF-16.", "The text contains an unpaired UTF-16 surrogate."),
        ["The questionnaire has no such question."] = new("Сауалнамада мұндай сұрақ жоқ.", "В анкете нет такого вопроса.", "The questionnaire has no such question."),
        ["This is filled in by the platform from the application, not by the applicant."] = new("Мұны өтініш беруші емес, платформа өтініштен толтырады.", "Это заполняет платформа по заявлению, а не заявитель.", "This is filled in by the platform from the application, not by the applicant."),
        ["A year from 2020 to 2100."] = new("2020 жылдан 2100 жылға дейінгі жыл.", "Год от 2020 до 2100.", "A year from 2020 to 2100."),
        ["At most 200 characters."] = new("200 таңбадан аспайды.", "Не более 200 символов.", "At most 200 characters."),
        ["At most 30 characters."] = new("30 таңбадан аспайды.", "Не более 30 символов.", "At most 30 characters."),
        ["Required: the test date (YYYY-MM-DD)."] = new("Міндетті: тест күні (ЖЖЖЖ-АА-КК).", "Обязательно: дата теста (ГГГГ-ММ-ДД).", "Required: the test date (YYYY-MM-DD)."),
        ["Required: the KAZTEST certificate number (at most 50 characters)."] = new("Міндетті: KAZTEST сертификатының нөмірі (50 таңбадан аспайды).", "Обязательно: номер сертификата KAZTEST (не более 50 символов).", "Required: the KAZTEST certificate number (at most 50 characters)."),
        ["Required: permanent-residence or kandas-status."] = new("Міндетті: permanent-residence (тұруға ықтиярхат) немесе kandas-status (қандас мәртебесі).", "Обязательно: permanent-residence (вид на жительство) или kandas-status (статус кандаса).", "Required: permanent-residence or kandas-status."),
        ["Required: approve or refuse."] = new("Міндетті: approve (мақұлдау) немесе refuse (бас тарту).", "Обязательно: approve (одобрить) или refuse (отказать).", "Required: approve or refuse."),
        ["Required: date and time of the interview (ISO 8601 with offset)."] = new("Міндетті: сұхбат күні мен уақыты (ISO 8601, уақыт белдеуімен).", "Обязательно: дата и время собеседования (ISO 8601 со смещением).", "Required: date and time of the interview (ISO 8601 with offset)."),
        ["Required: where the interview takes place (at most 300 characters)."] = new("Міндетті: сұхбат өтетін орын (300 таңбадан аспайды).", "Обязательно: место собеседования (не более 300 символов).", "Required: where the interview takes place (at most 300 characters)."),
        ["Citizens of Kazakhstan need no permit."] = new("Қазақстан азаматтарына рұқсат қажет емес.", "Гражданам Казахстана разрешение не нужно.", "Citizens of Kazakhstan need no permit."),
        ["The JSON could not be read."] = new("JSON оқылмады.", "JSON не удалось прочитать.", "The JSON could not be read."),
        ["The form could not be read."] = new("Форма оқылмады.", "Форму не удалось прочитать.", "The form could not be read."),
        ["Not a valid answer to this question."] = new("Бұл сұраққа жарамды жауап емес.", "Недопустимый ответ на этот вопрос.", "Not a valid answer to this question."),
        ["Choose one of the answers offered."] = new("Ұсынылған жауаптардың бірін таңдаңыз.", "Выберите один из предложенных ответов.", "Choose one of the answers offered."),
        ["The answer has the wrong form."] = new("Жауаптың пішіні қате.", "Ответ неверной формы.", "The answer has the wrong form."),
        ["The answer is out of the allowed range."] = new("Жауап рұқсат етілген шектен тыс.", "Ответ вне допустимого диапазона.", "The answer is out of the allowed range."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Messages with a number or a list in them: the English pattern and its text in each language.</summary>
    private static readonly (Regex English, LocalizedString Text)[] Patterns =
    [
        (AtMostCharacters(), new("{0} таңбадан аспайды.", "Не более {0} символов.", "At most {0} characters.")),
        (AtMostBytes(), new("{0} байттан аспайды.", "Не более {0} байт.", "At most {0} bytes.")),
        (BodiesLimited(), new("Сұрау денесі {0} байтпен шектелген.", "Тело запроса ограничено {0} байтами.", "Request bodies are limited to {0} bytes.")),
        (OneOf(), new("Мыналардың бірі: {0}", "Одно из: {0}", "One of: {0}")),
        (AttemptsAMinute(), new("Бір минутта ең көбі {0} кіру, токен немесе тіркелу сұрауы; бір минуттан кейін қайталаңыз.", "Не более {0} запросов на вход, токен или регистрацию в минуту; повторите через минуту.", "At most {0} sign-in, token or registration requests a minute; try again in a minute.")),
        (NoWhat(), new("Сізге көрінетін осындай идентификаторы бар жазба жоқ.", "Записи с таким идентификатором, доступной вам, нет.", "No {0} with that id is visible to you.")),
    ];

    /// <summary>The language a request's answer is in: the culture the localisation middleware chose for it.</summary>
    public static string Language(HttpContext http) =>
        (http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName switch
        {
            "kk" => "kk",
            "ru" => "ru",
            _ => "en",
        };

    /// <summary>An English message in a language, or the message itself when it has no translation.</summary>
    public static string Translate(string? english, string language)
    {
        if (english is null || language == "en")
        {
            return english ?? string.Empty;
        }

        if (Known.TryGetValue(english, out var text))
        {
            return text.For(language);
        }

        if (TranslateField(english, language) is { } field)
        {
            return field;
        }

        foreach (var (pattern, localized) in Patterns)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                return string.Format(CultureInfo.InvariantCulture, localized.For(language), match.Groups[1].Value);
            }
        }

        return english;
    }

    /// <summary>The current request's translation (for pages that show these messages).</summary>
    public static string Translate(string? english) => Translate(english, Text.Language);

    /// <summary>Translates a problem as it is written: title, detail, every field message; a refusal by its code.</summary>
    public static void Localise(ProblemDetailsContext context)
    {
        var language = Language(context.HttpContext);
        if (language == "en")
        {
            return;
        }

        var problem = context.ProblemDetails;
        var code = problem.Extensions.TryGetValue("code", out var value) ? value as string : null;
        var refusal = code is not null && Texts.All.TryGetValue("refusal." + code, out var refusalText) ? refusalText.For(language) : null;
        problem.Title = problem.Title is null ? null : Translate(problem.Title, language);
        problem.Detail = refusal is not null && problem.Detail is not null ? refusal : problem.Detail is null ? null : Translate(problem.Detail, language);
        var errors = problem is HttpValidationProblemDetails validation ? validation.Errors
            : problem.Extensions.TryGetValue("errors", out var extension) ? extension as IDictionary<string, string[]> : null;
        if (errors is not null)
        {
            foreach (var field in errors.Keys.ToList())
            {
                errors[field] = errors[field].Select(m => refusal ?? OrGeneric(m, Translate(m, language), language)).ToArray();
            }
        }
    }

    /// <summary>Said of a field whose English message has no translation yet: the caller still reads their own language.</summary>
    public static readonly LocalizedString Generic = new("Бұл өрістің мәні жарамсыз.", "Недопустимое значение этого поля.", "The value of this field is not valid.");

    private static string OrGeneric(string english, string translated, string language) =>
        translated == english && english.Any(char.IsLetter) && !english.Any(c => c is >= '\u0400' and <= '\u04FF') ? Generic.For(language) : translated;

    [GeneratedRegex(@"^At most ([\d,]+) characters\.$")]
    private static partial Regex AtMostCharacters();

    [GeneratedRegex(@"^At most (\d+) bytes\.$")]
    private static partial Regex AtMostBytes();

    [GeneratedRegex(@"^Request bodies are limited to (\d+) bytes\.$")]
    private static partial Regex BodiesLimited();

    [GeneratedRegex(@"^One of:? (.+)$")]
    private static partial Regex OneOf();

    [GeneratedRegex(@"^At most (\d+) sign-in, token or registration requests a minute; try again in a minute\.$")]
    private static partial Regex AttemptsAMinute();

    [GeneratedRegex(@"^No (.+) with that id is visible to you\.$")]
    private static partial Regex NoWhat();
}
