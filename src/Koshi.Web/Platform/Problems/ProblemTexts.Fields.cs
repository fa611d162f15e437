using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// The field messages of the API's request checks (labour, agencies, resettlement, administration) in Kazakh and
/// Russian. A message that quotes the value sent is translated without the value: the field it names is the key of
/// the problem's errors, and repeating what was sent adds nothing a caller does not have.
/// </summary>
public static partial class ProblemTexts
{
    private static readonly FrozenDictionary<string, LocalizedString> FieldMessages = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["Does not match the citizenship of the passport the account was registered with; it is filled in from that passport."] = new(
            "Тіркелгі тіркелген паспорттағы азаматтыққа сәйкес келмейді; бұл дерек сол паспорттан толтырылады.",
            "Не совпадает с гражданством паспорта, по которому зарегистрирована учётная запись; оно заполняется из этого паспорта.",
            "Does not match the citizenship of the passport the account was registered with; it is filled in from that passport."),
        ["Required: true or false."] = new("Міндетті: true (иә) немесе false (жоқ).", "Обязательно: true (да) или false (нет).", "Required: true or false."),
        ["Required: true to accept the evidence, false to reject it."] = new(
            "Міндетті: дәлелді қабылдау үшін true, қабылдамау үшін false.", "Обязательно: true — принять подтверждение, false — отклонить.", "Required: true to accept the evidence, false to reject it."),
        ["Required: a percentage from 0 to 100."] = new("Міндетті: 0-ден 100-ге дейінгі пайыз.", "Обязательно: процент от 0 до 100.", "Required: a percentage from 0 to 100."),
        ["Out of range: a percentage is from 0 to 100."] = new("Шектен тыс: пайыз 0-ден 100-ге дейін.", "Вне диапазона: процент — от 0 до 100.", "Out of range: a percentage is from 0 to 100."),
        ["A result is a percentage from 0 to 100."] = new("Нәтиже — 0-ден 100-ге дейінгі пайыз.", "Результат — процент от 0 до 100.", "A result is a percentage from 0 to 100."),
        ["A section result is a percentage from 0 to 100."] = new("Бөлім нәтижесі — 0-ден 100-ге дейінгі пайыз.", "Результат раздела — процент от 0 до 100.", "A section result is a percentage from 0 to 100."),
        ["Required: the payer's IBAN, KZ followed by 18 digits and letters."] = new(
            "Міндетті: төлеушінің IBAN шоты, KZ және 18 сан мен әріп.", "Обязательно: IBAN плательщика, KZ и ещё 18 цифр и букв.", "Required: the payer's IBAN, KZ followed by 18 digits and letters."),
        ["Required: a Kazakh IBAN, KZ and 18 letters or digits."] = new(
            "Міндетті: қазақстандық IBAN шоты, KZ және 18 әріп не сан.", "Обязательно: казахстанский IBAN, KZ и ещё 18 букв или цифр.", "Required: a Kazakh IBAN, KZ and 18 letters or digits."),
        ["Only employers and agencies have a BIN."] = new("БСН тек жұмыс берушілер мен агенттіктерде болады.", "БИН есть только у работодателей и агентств.", "Only employers and agencies have a BIN."),
        ["Only officers are bound to a region."] = new("Өңірге тек қызметкерлер бекітіледі.", "К региону привязаны только сотрудники.", "Only officers are bound to a region."),
        ["An officer works for one region: an ISO 3166-2 code such as KZ-71."] = new(
            "Қызметкер бір өңірде жұмыс істейді: ISO 3166-2 коды, мысалы KZ-71.", "Сотрудник работает в одном регионе: код ISO 3166-2, например KZ-71.", "An officer works for one region: an ISO 3166-2 code such as KZ-71."),
        ["Required: the person's or organisation's name (at most 200 characters)."] = new(
            "Міндетті: адамның немесе ұйымның атауы (200 таңбадан аспайды).", "Обязательно: имя человека или название организации (не более 200 символов).", "Required: the person's or organisation's name (at most 200 characters)."),
        ["Required: the standards found not met (an empty list when all were met)."] = new(
            "Міндетті: орындалмаған стандарттар (барлығы орындалса, бос тізім).", "Обязательно: невыполненные стандарты (пустой список, если выполнены все).", "Required: the standards found not met (an empty list when all were met)."),
        ["Required: how many inspections the quarter can take (1 to 10,000)."] = new(
            "Міндетті: тоқсанда қанша тексеру жүргізуге болады (1-ден 10 000-ға дейін).", "Обязательно: сколько проверок можно провести за квартал (от 1 до 10 000).", "Required: how many inspections the quarter can take (1 to 10,000)."),
        ["The quarter, 1 to 4."] = new("Тоқсан: 1-ден 4-ке дейін.", "Квартал: от 1 до 4.", "The quarter, 1 to 4."),
        ["Required: the quarter, 1 to 4."] = new("Міндетті: тоқсан, 1-ден 4-ке дейін.", "Обязательно: квартал, от 1 до 4.", "Required: the quarter, 1 to 4."),
        ["From 0 to the capacity."] = new("0-ден тексеру мүмкіндігінің санына дейін.", "От 0 до числа возможных проверок.", "From 0 to the capacity."),
        ["This year or the next."] = new("Осы жыл немесе келесі жыл.", "Этот или следующий год.", "This year or the next."),
        ["Required: the year of the quarter, 2023 or later."] = new("Міндетті: тоқсанның жылы, 2023 немесе одан кейін.", "Обязательно: год квартала, 2023 или позже.", "Required: the year of the quarter, 2023 or later."),
        ["Required: the participant's case reference, such as RS-2026-0123456789."] = new(
            "Міндетті: қатысушы ісінің нөмірі, мысалы RS-2026-0123456789.", "Обязательно: номер дела участника, например RS-2026-0123456789.", "Required: the participant's case reference, such as RS-2026-0123456789."),
        ["Required: the participant's IIN."] = new("Міндетті: қатысушының ЖСН-ы.", "Обязательно: ИИН участника.", "Required: the participant's IIN."),
        ["Required: the date the participant was hired, from 2000."] = new(
            "Міндетті: қатысушы жұмысқа қабылданған күн, 2000 жылдан бастап.", "Обязательно: дата приёма участника на работу, не ранее 2000 года.", "Required: the date the participant was hired, from 2000."),
        ["Required: the date you began to house the participant, from 2000."] = new(
            "Міндетті: қатысушыны тұрғын үймен қамтамасыз ете бастаған күн, 2000 жылдан бастап.", "Обязательно: дата, с которой вы предоставляете участнику жильё, не ранее 2000 года.", "Required: the date you began to house the participant, from 2000."),
        ["Required: cat1, cat2, cat3 or cat4."] = new("Міндетті: cat1, cat2, cat3 немесе cat4 (санат).", "Обязательно: cat1, cat2, cat3 или cat4 (категория).", "Required: cat1, cat2, cat3 or cat4."),
        ["Required: the days to add (1 to 3,650; the pack sets each permit's maximum)."] = new(
            "Міндетті: қосылатын күндер (1-ден 3 650-ге дейін; әр рұқсаттың ең көп мерзімін ережелер жинағы белгілейді).",
            "Обязательно: сколько дней добавить (от 1 до 3 650; наибольший срок каждого разрешения задаёт свод правил).",
            "Required: the days to add (1 to 3,650; the pack sets each permit's maximum)."),
        ["Required: the term in days (1 to 3,650; the pack sets each permit's maximum)."] = new(
            "Міндетті: мерзім күнмен (1-ден 3 650-ге дейін; әр рұқсаттың ең көп мерзімін ережелер жинағы белгілейді).",
            "Обязательно: срок в днях (от 1 до 3 650; наибольший срок каждого разрешения задаёт свод правил).",
            "Required: the term in days (1 to 3,650; the pack sets each permit's maximum)."),
        ["Required: the term in days (1 to 3,650)."] = new("Міндетті: мерзім күнмен (1-ден 3 650-ге дейін).", "Обязательно: срок в днях (от 1 до 3 650).", "Required: the term in days (1 to 3,650)."),
        ["Required: the last day of employment."] = new("Міндетті: жұмыстың соңғы күні.", "Обязательно: последний день работы.", "Required: the last day of employment."),
        ["Four headcounts, for categories 1 to 4, each 0 to 1,000,000."] = new(
            "Төрт сан, 1–4 санаттар бойынша, әрқайсысы 0-ден 1 000 000-ға дейін.", "Четыре численности, по категориям 1–4, каждая от 0 до 1 000 000.", "Four headcounts, for categories 1 to 4, each 0 to 1,000,000."),
        ["Required: an ISO 3166-2 region code such as KZ-71."] = new("Міндетті: ISO 3166-2 өңір коды, мысалы KZ-71.", "Обязательно: код региона ISO 3166-2, например KZ-71.", "Required: an ISO 3166-2 region code such as KZ-71."),
        ["Required: the receiving region's ISO 3166-2 code, such as KZ-55."] = new(
            "Міндетті: қабылдаушы өңірдің ISO 3166-2 коды, мысалы KZ-55.", "Обязательно: код ISO 3166-2 принимающего региона, например KZ-55.", "Required: the receiving region's ISO 3166-2 code, such as KZ-55."),
        ["Required for a resettler: the region of permanent registration, such as KZ-61."] = new(
            "Қоныс аударушы үшін міндетті: тұрақты тіркелген өңір, мысалы KZ-61.", "Обязательно для переселенца: регион постоянной регистрации, например KZ-61.", "Required for a resettler: the region of permanent registration, such as KZ-61."),
        ["A region code such as KZ-71 (see /api/v1/reference/regions)."] = new(
            "Өңір коды, мысалы KZ-71 (/api/v1/reference/regions қараңыз).", "Код региона, например KZ-71 (см. /api/v1/reference/regions).", "A region code such as KZ-71 (see /api/v1/reference/regions)."),
        ["A region other than the one giving the seats."] = new("Орын беретін өңірден басқа өңір.", "Регион, отличный от того, что отдаёт места.", "A region other than the one giving the seats."),
        ["Required: an ISCO-08 unit group code (4 digits)."] = new("Міндетті: ХСКЖ-08 бастапқы тобының коды (4 сан).", "Обязательно: код начальной группы МСКЗ-08 (4 цифры).", "Required: an ISCO-08 unit group code (4 digits)."),
        ["Required: the OKED section letter, A to U."] = new("Міндетті: ЭҚЖЖ секциясының әрпі, A-дан U-ға дейін.", "Обязательно: буква секции ОКЭД, от A до U.", "Required: the OKED section letter, A to U."),
        ["Required: 1 to 10,000 positions."] = new("Міндетті: 1-ден 10 000-ға дейін орын.", "Обязательно: от 1 до 10 000 мест.", "Required: 1 to 10,000 positions."),
        ["Required: 0 to 1,000,000 seats."] = new("Міндетті: 0-ден 1 000 000-ға дейін орын.", "Обязательно: от 0 до 1 000 000 мест.", "Required: 0 to 1,000,000 seats."),
        ["Required: 1 to 1,000,000 seats."] = new("Міндетті: 1-ден 1 000 000-ға дейін орын.", "Обязательно: от 1 до 1 000 000 мест.", "Required: 1 to 1,000,000 seats."),
        ["From 0 to 1,000,000; leave it out to offer every free seat."] = new(
            "0-ден 1 000 000-ға дейін; барлық бос орынды ұсыну үшін өрісті бермеңіз.", "От 0 до 1 000 000; не указывайте, чтобы предложить все свободные места.", "From 0 to 1,000,000; leave it out to offer every free seat."),
        ["Required: an ISO 3166-1 alpha-2 country code such as CN or UZ."] = new(
            "Міндетті: ISO 3166-1 alpha-2 ел коды, мысалы CN немесе UZ.", "Обязательно: код страны ISO 3166-1 alpha-2, например CN или UZ.", "Required: an ISO 3166-1 alpha-2 country code such as CN or UZ."),
        ["Required: an ISO 3166-1 alpha-2 country code."] = new("Міндетті: ISO 3166-1 alpha-2 ел коды.", "Обязательно: код страны ISO 3166-1 alpha-2.", "Required: an ISO 3166-1 alpha-2 country code."),
        ["Required: the passport number, 5 to 20 letters and digits."] = new(
            "Міндетті: паспорт нөмірі, 5-тен 20-ға дейін әріп пен сан.", "Обязательно: номер паспорта, от 5 до 20 букв и цифр.", "Required: the passport number, 5 to 20 letters and digits."),
        ["Required: the foreign worker's passport number, 5 to 20 letters and digits."] = new(
            "Міндетті: шетелдік жұмысшының паспорт нөмірі, 5-тен 20-ға дейін әріп пен сан.", "Обязательно: номер паспорта иностранного работника, от 5 до 20 букв и цифр.", "Required: the foreign worker's passport number, 5 to 20 letters and digits."),
        ["Required: the reason, up to 2,000 characters."] = new("Міндетті: себебі, 2 000 таңбаға дейін.", "Обязательно: причина, до 2 000 символов.", "Required: the reason, up to 2,000 characters."),
        ["Required: why the refund is waived, up to 2,000 characters."] = new(
            "Міндетті: қаражатты қайтарудан неге босатылғаны, 2 000 таңбаға дейін.", "Обязательно: почему возврат не требуется, до 2 000 символов.", "Required: why the refund is waived, up to 2,000 characters."),
        ["Required: the name, up to 200 characters."] = new("Міндетті: атауы, 200 таңбаға дейін.", "Обязательно: название, до 200 символов.", "Required: the name, up to 200 characters."),
        ["Required: the date of birth."] = new("Міндетті: туған күні.", "Обязательно: дата рождения.", "Required: the date of birth."),
        ["Required: the day the worker was placed."] = new("Міндетті: жұмысшы жұмысқа орналастырылған күн.", "Обязательно: день трудоустройства работника.", "Required: the day the worker was placed."),
        ["Required: the first day of work, from today to a year ahead."] = new(
            "Міндетті: жұмыстың бірінші күні, бүгіннен бастап бір жылға дейін.", "Обязательно: первый день работы, от сегодня до года вперёд.", "Required: the first day of work, from today to a year ahead."),
        ["Required: kandas or resettler."] = new("Міндетті: kandas (қандас) немесе resettler (қоныс аударушы).", "Обязательно: kandas (кандас) или resettler (переселенец).", "Required: kandas or resettler."),
        ["Required: a resettler's family are citizens with IINs."] = new(
            "Міндетті: қоныс аударушының отбасы мүшелері — ЖСН-ы бар азаматтар.", "Обязательно: члены семьи переселенца — граждане с ИИН.", "Required: a resettler's family are citizens with IINs."),
        ["Required: active (reinstate), suspended or excluded."] = new(
            "Міндетті: active (қалпына келтіру), suspended (тоқтата тұру) немесе excluded (шығару).", "Обязательно: active (восстановить), suspended (приостановить) или excluded (исключить).", "Required: active (reinstate), suspended or excluded."),
        ["Required: triaged (kept for the agency's risk), inspection or dismissed."] = new(
            "Міндетті: triaged (агенттік тәуекеліне ескеріледі), inspection (тексеру) немесе dismissed (қабылданбады).",
            "Обязательно: triaged (учтено в риске агентства), inspection (проверка) или dismissed (отклонено).", "Required: triaged (kept for the agency's risk), inspection or dismissed."),
        ["Required: abroad (a citizen placed abroad) or recruited (a foreign worker for an employer in Kazakhstan)."] = new(
            "Міндетті: abroad (шетелге орналастырылған азамат) немесе recruited (Қазақстандағы жұмыс берушіге шетелдік жұмысшы).",
            "Обязательно: abroad (гражданин, трудоустроенный за рубежом) или recruited (иностранный работник для работодателя в Казахстане).",
            "Required: abroad (a citizen placed abroad) or recruited (a foreign worker for an employer in Kazakhstan)."),
        ["Required: employer, seasonal, ict, business-immigrant or household."] = new(
            "Міндетті: employer, seasonal, ict, business-immigrant немесе household (рұқсат түрі).", "Обязательно: employer, seasonal, ict, business-immigrant или household (вид разрешения).", "Required: employer, seasonal, ict, business-immigrant or household."),
        ["Required: the number of job-seekers who applied in the quarter (0 to 10,000,000)."] = new(
            "Міндетті: тоқсанда жүгінген жұмыс іздеушілер саны (0-ден 10 000 000-ға дейін).", "Обязательно: число соискателей, обратившихся за квартал (от 0 до 10 000 000).", "Required: the number of job-seekers who applied in the quarter (0 to 10,000,000)."),
        ["Required when dismissing: why."] = new("Қабылдамағанда міндетті: себебі.", "Обязательно при отклонении: причина.", "Required when dismissing: why."),
        ["Required when the evidence is rejected: what the employer would have to show."] = new(
            "Дәлел қабылданбаса міндетті: жұмыс беруші нені көрсетуі керек.", "Обязательно при отклонении подтверждения: что должен показать работодатель.", "Required when the evidence is rejected: what the employer would have to show."),
        ["Required when not signed in: a phone number or e-mail address to reach you (at most 200 characters)."] = new(
            "Жүйеге кірмеген болсаңыз міндетті: сізбен байланысатын телефон немесе электрондық пошта (200 таңбадан аспайды).",
            "Обязательно без входа в систему: телефон или адрес электронной почты для связи (не более 200 символов).",
            "Required when not signed in: a phone number or e-mail address to reach you (at most 200 characters)."),
        ["Required for a household permit: the full name of the person who will employ you (at most 200 characters)."] = new(
            "Үй қызметіне рұқсат үшін міндетті: сізді жұмысқа алатын адамның толық аты-жөні (200 таңбадан аспайды).",
            "Обязательно для разрешения на работу в домашнем хозяйстве: полное имя нанимателя (не более 200 символов).",
            "Required for a household permit: the full name of the person who will employ you (at most 200 characters)."),
        ["A household labour immigrant applies from a personal account with an IIN."] = new(
            "Үй қызметіндегі еңбек иммигранты ЖСН-ы бар жеке тіркелгіден өтініш береді.", "Трудовой иммигрант в домашнем хозяйстве подаёт заявление из личной учётной записи с ИИН.", "A household labour immigrant applies from a personal account with an IIN."),
        ["A kandas arrives from abroad: leave it out or give 'abroad'."] = new(
            "Қандас шетелден келеді: өрісті бермеңіз немесе abroad деп көрсетіңіз.", "Кандас прибывает из-за рубежа: не указывайте поле или укажите abroad.", "A kandas arrives from abroad: leave it out or give 'abroad'."),
        ["A kandas family member without an IIN gives a passport number, 5 to 20 letters and digits."] = new(
            "ЖСН-ы жоқ қандас отбасы мүшесі паспорт нөмірін береді, 5-тен 20-ға дейін әріп пен сан.", "Член семьи кандаса без ИИН указывает номер паспорта, от 5 до 20 букв и цифр.", "A kandas family member without an IIN gives a passport number, 5 to 20 letters and digits."),
        ["At most 19 family members besides the applicant."] = new("Өтініш берушіден басқа 19 отбасы мүшесінен аспайды.", "Не более 19 членов семьи, кроме заявителя.", "At most 19 family members besides the applicant."),
        ["At most 100 countries."] = new("100 елден аспайды.", "Не более 100 стран.", "At most 100 countries."),
        ["At most a year ago."] = new("Бір жылдан ерте емес.", "Не ранее чем год назад.", "At most a year ago."),
        ["At most five years ago."] = new("Бес жылдан ерте емес.", "Не ранее чем пять лет назад.", "At most five years ago."),
        ["A year from 2022, when the pack's quotas begin."] = new("2022 жылдан бастап жыл (ережелер жинағының квоталары сол жылдан басталады).", "Год начиная с 2022-го, когда начинаются квоты свода правил.", "A year from 2022, when the pack's quotas begin."),
        ["A page number from 1 to 1,000,000."] = new("Бет нөмірі, 1-ден 1 000 000-ға дейін.", "Номер страницы от 1 до 1 000 000.", "A page number from 1 to 1,000,000."),
        ["From 0 to 10,000,000."] = new("0-ден 10 000 000-ға дейін.", "От 0 до 10 000 000.", "From 0 to 10,000,000."),
        ["From 0 to 100,000,000 tenge."] = new("0-ден 100 000 000 теңгеге дейін.", "От 0 до 100 000 000 тенге.", "From 0 to 100,000,000 tenge."),
        ["From 0 to 60 years."] = new("0-ден 60 жылға дейін.", "От 0 до 60 лет.", "From 0 to 60 years."),
        ["The cost of the home bought, 0 to 10,000,000,000 KZT (0 if none)."] = new(
            "Сатып алынған тұрғын үйдің құны, 0-ден 10 000 000 000 теңгеге дейін (болмаса 0).", "Стоимость купленного жилья, от 0 до 10 000 000 000 тенге (0, если нет).", "The cost of the home bought, 0 to 10,000,000,000 KZT (0 if none)."),
        ["Not a valid IIN."] = new("Жарамды ЖСН емес.", "Недействительный ИИН.", "Not a valid IIN."),
        ["The date of birth differs from the one the IIN carries."] = new("Туған күн ЖСН-дағы күнмен сәйкес келмейді.", "Дата рождения не совпадает с датой в ИИН.", "The date of birth differs from the one the IIN carries."),
        ["The date housing began is in the future."] = new("Тұрғын үй берілген күн болашақта.", "Дата начала предоставления жилья — в будущем.", "The date housing began is in the future."),
        ["The date of hiring is in the future."] = new("Жұмысқа қабылданған күн болашақта.", "Дата приёма на работу — в будущем.", "The date of hiring is in the future."),
        ["The test date cannot be in the future."] = new("Тест күні болашақта бола алмайды.", "Дата теста не может быть в будущем.", "The test date cannot be in the future."),
        ["A placement abroad names a country other than Kazakhstan."] = new("Шетелге орналастыруда Қазақстаннан басқа ел көрсетіледі.", "При трудоустройстве за рубежом указывается страна, отличная от Казахстана.", "A placement abroad names a country other than Kazakhstan."),
        ["Choose a country from the list."] = new("Тізімнен елді таңдаңыз.", "Выберите страну из списка.", "Choose a country from the list."),
        ["Choose the countries by name, separated by semicolons."] = new("Елдерді атауымен, нүктелі үтір арқылы таңдаңыз.", "Выберите страны по названию через точку с запятой.", "Choose the countries by name, separated by semicolons."),
        ["Choose an occupation from the list (ISCO-08)."] = new("Тізімнен кәсіпті таңдаңыз (ХСКЖ-08).", "Выберите профессию из списка (МСКЗ-08).", "Choose an occupation from the list (ISCO-08)."),
        ["The OKED section letter, A to U."] = new("ЭҚЖЖ секциясының әрпі, A-дан U-ға дейін.", "Буква секции ОКЭД, от A до U.", "The OKED section letter, A to U."),
        ["The request has no body."] = new("Сұрауда дене жоқ.", "В запросе нет тела.", "The request has no body."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Field messages with a number, a date or the value sent: the English pattern and its text in each language ({0}, {1}: the groups).</summary>
    private static readonly (Regex English, LocalizedString Text)[] FieldPatterns =
    [
        (RegionValue(), new("Бұл Қазақстан өңірінің коды емес (KZ-10 … KZ-79).", "Это не код региона Казахстана (KZ-10 … KZ-79).", "This is not a Kazakhstan region code (KZ-10 … KZ-79).")),
        (CountryValue(), new("Бұл ISO 3166-1 alpha-2 ел коды емес (мысалы, CN немесе UZ).", "Это не код страны ISO 3166-1 alpha-2 (например, CN или UZ).", "This is not an ISO 3166-1 alpha-2 country code such as CN or UZ.")),
        (OccupationValue(), new("Бұл біліктілік деңгейі бар ХСКЖ-08 бастапқы тобының коды емес.", "Это не код начальной группы МСКЗ-08 с уровнем квалификации.", "This is not an ISCO-08 unit group with a skill level.")),
        (RequiredAtMost(), new("Міндетті: {0} таңбадан аспайды.", "Обязательно: не более {0} символов.", "Required: at most {0} characters.")),
        (RequiredReasonFor(), new("Міндетті: {0} себептері ({1} таңбадан аспайды).", "Обязательно: {0} (не более {1} символов).", "Required: the reasons for the {0} (at most {1} characters).")),
        (RequiredRevoking(), new("Міндетті: кері қайтарып алу себебі ({0} таңбадан аспайды).", "Обязательно: причина отзыва (не более {0} символов).", "Required: the reason for revoking (at most {0} characters).")),
        (RequiredOneOf(), new("Міндетті, мыналардың бірі: {0}.", "Обязательно, одно из: {0}.", "Required: one of {0}.")),
        (RequiredOneOrMoreOf(), new("Міндетті, мыналардың бірі немесе бірнешеуі: {0}.", "Обязательно, одно или несколько из: {0}.", "Required: one or more of {0}.")),
        (NoQuotaFor(), new("Құқықтық ережелер жинағында {0} жылға шетелдік жұмыс күшінің квотасы жоқ.", "В своде правил нет квоты на иностранную рабочую силу на {0} год.", "The policy pack has no foreign-labour quota for {0}.")),
        (OutcomeInFuture(), new("Нәтиже тексеру өткеннен кейін жазылады: {0} күні әлі келген жоқ.", "Итог записывается после проверки: {0} ещё не наступило.", "An outcome is recorded once the inspection is done: {0} is in the future.")),
        (WorkerAge(), new("Міндетті: жұмысшының туған күні; жұмысшы {0} мен {1} жас аралығында болуы керек.", "Обязательно: дата рождения работника; работнику должно быть от {0} до {1} лет.", "Required: the worker's birth date; the worker must be {0} to {1} years old.")),
        (YearRange(), new("{0}-ден {1}-ге дейінгі жыл.", "Год от {0} до {1}.", "A year from {0} to {1}.")),
        (PlacedInFuture(), new("Орналастыру болған соң жазылады: {0} болашақта.", "Трудоустройство записывается после того, как оно состоялось: {0} — в будущем.", "A placement is recorded once made: {0} is in the future.")),
        (PageSize(), new("Бетте 1-ден {0}-ге дейін.", "От 1 до {0} на странице.", "From 1 to {0} a page.")),
        (RequiredAtMostPlain(), new("Міндетті: {0} таңбадан аспайды.", "Обязательно: не более {0} символов.", "Required: at most {0} characters.")),
    ];

    /// <summary>The field message in a language from this file's texts, or null when it has none.</summary>
    private static string? TranslateField(string english, string language)
    {
        if (FieldMessages.TryGetValue(english, out var text))
        {
            return text.For(language);
        }

        if (NotValidBin().Match(english) is { Success: true } bin)
        {
            var why = Translate(bin.Groups[1].Value, language);
            return language == "kk" ? "Жарамды БСН емес: " + why : "Недействительный БИН: " + why;
        }

        foreach (var (pattern, localized) in FieldPatterns)
        {
            if (pattern.Match(english) is { Success: true } match)
            {
                var groups = match.Groups.Values.Skip(1).Select(g => (object)Reason(g.Value, language)).ToArray();
                return string.Format(CultureInfo.InvariantCulture, localized.For(language), groups);
            }
        }

        return null;
    }

    /// <summary>What the reasons are for, in a language (the decision, the refusal); other words stay as given.</summary>
    private static string Reason(string value, string language) => (value, language) switch
    {
        ("decision", "kk") => "шешім",
        ("decision", "ru") => "мотивировка решения",
        ("refusal", "kk") => "бас тарту",
        ("refusal", "ru") => "причины отказа",
        _ => value,
    };

    [GeneratedRegex(@"^'.*' is not a Kazakhstan region code \(KZ-10 … KZ-79\)\.$", RegexOptions.Singleline)]
    private static partial Regex RegionValue();

    [GeneratedRegex(@"^'.*' is not an ISO 3166-1 alpha-2 country code such as CN or UZ\.$", RegexOptions.Singleline)]
    private static partial Regex CountryValue();

    [GeneratedRegex(@"^'.*' is not an ISCO-08 unit group with a skill level\.$", RegexOptions.Singleline)]
    private static partial Regex OccupationValue();

    [GeneratedRegex(@"^Required: at most ([\d,]+) characters\.$")]
    private static partial Regex RequiredAtMost();

    [GeneratedRegex(@"^Required: the reasons for the (decision|refusal) \(at most ([\d,]+) characters\)\.$")]
    private static partial Regex RequiredReasonFor();

    [GeneratedRegex(@"^Required: the reason for revoking \(at most ([\d,]+) characters\)\.$")]
    private static partial Regex RequiredRevoking();

    [GeneratedRegex(@"^Required: one of (.+?)\.?$")]
    private static partial Regex RequiredOneOf();

    [GeneratedRegex(@"^Required: one or more of (.+?)\.?$")]
    private static partial Regex RequiredOneOrMoreOf();

    [GeneratedRegex(@"^The policy pack has no foreign-labour quota for (-?\d+)\.$")]
    private static partial Regex NoQuotaFor();

    [GeneratedRegex(@"^An outcome is recorded once the inspection is done: (\S+) is in the future\.$")]
    private static partial Regex OutcomeInFuture();

    [GeneratedRegex(@"^Required: the worker's birth date; the worker must be (\d+) to (\d+) years old\.$")]
    private static partial Regex WorkerAge();

    [GeneratedRegex(@"^A year from (\d+) to (\d+)\.$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"^A placement is recorded once made: (\S+) is in the future\.$")]
    private static partial Regex PlacedInFuture();

    [GeneratedRegex(@"^From 1 to ([\d,]+) a page\.$")]
    private static partial Regex PageSize();

    [GeneratedRegex(@"^Required: at most ([\d,]+) characters$")]
    private static partial Regex RequiredAtMostPlain();

    [GeneratedRegex(@"^Not a valid BIN: (.+)$")]
    private static partial Regex NotValidBin();
}
