using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Audit.Pages;

/// <summary>The public verification page's texts in Kazakh, Russian and English (in that order).</summary>
public static class VerifyTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["verify.title"] = new("Құжатты тексеру", "Проверка документа", "Check a document"),
        ["verify.intro"] = new(
            "Шешім туралы хаттағы тексеру кодын енгізіңіз. Код қызметтің жария аудит журналындағы жазбаның нөмірі мен оның хэшінің басы: тексеру жазбаның журналда өзгеріссіз тұрғанын соңғы қол қойылған бақылау нүктесі бойынша растайды.",
            "Введите код проверки из письма о решении. Код — это номер записи в публичном журнале аудита службы и начало её хэша: проверка подтверждает по последней подписанной контрольной точке, что запись есть в журнале и не изменена.",
            "Enter the verification code from a decision letter. The code is the number of an entry in the service's public audit log and the start of its hash: the check confirms, against the latest signed checkpoint, that the entry is in the log unchanged."),
        ["verify.code"] = new("Тексеру коды", "Код проверки", "Verification code"),
        ["verify.code-hint"] = new("Мысалы: 1234-9F3A6C2B1D07", "Например: 1234-9F3A6C2B1D07", "For example: 1234-9F3A6C2B1D07"),
        ["verify.submit"] = new("Тексеру", "Проверить", "Check"),
        ["verify.malformed"] = new(
            "Код дұрыс жазылмаған: жазба нөмірі, дефис және 12 оналтылық таңба (0–9, A–F).",
            "Код записан неверно: номер записи, дефис и 12 шестнадцатеричных знаков (0–9, A–F).",
            "The code is not written right: the entry number, a hyphen and 12 hexadecimal characters (0–9, A–F)."),
        ["verify.valid"] = new("Расталды: құжат журналдағы жазбаға сәйкес келеді.", "Подтверждено: документ соответствует записи в журнале.", "Confirmed: the document matches an entry in the log."),
        ["verify.invalid"] = new("Расталмады.", "Не подтверждено.", "Not confirmed."),
        ["verify.failure.unknown"] = new("Журналда мұндай нөмірлі жазба жоқ.", "В журнале нет записи с таким номером.", "The log has no entry with this number."),
        ["verify.failure.mismatch"] = new(
            "Код журналдағы жазбаға сәйкес келмейді: код қате немесе жазба өзгертілген.",
            "Код не соответствует записи в журнале: код неверен, либо запись изменена.",
            "The code does not match the entry in the log: the code is wrong, or the entry was changed."),
        ["verify.failure.not-yet-checkpointed"] = new(
            "Жазба әлі қол қойылған бақылау нүктесіне енбеген; бір минуттан кейін қайталаңыз.",
            "Запись ещё не вошла в подписанную контрольную точку; повторите через минуту.",
            "The entry is not yet covered by a signed checkpoint; try again in a minute."),
        ["verify.failure.proof-failed"] = new(
            "Жазбаның дәлелі қол қойылған түбірге апармайды: журнал өзгертілген.",
            "Доказательство включения записи не сходится с подписанным корнем: журнал изменён.",
            "The entry's inclusion proof does not lead to the signed root: the log was altered."),
        ["verify.entry"] = new("Жазба", "Запись", "Entry"),
        ["verify.action"] = new("Не жазылған", "Что записано", "What it records"),
        ["verify.recorded"] = new("Жазылған уақыты", "Время записи", "Recorded at"),
        ["verify.checkpoint"] = new("Бақылау нүктесі", "Контрольная точка", "Checkpoint"),
        ["verify.checkpoint-value"] = new(
            "{0} жазба, қол қойылған уақыты {1}",
            "{0} записей, подписана {1}",
            "{0} entries, signed at {1}"),
        ["verify.action.residence.approve"] = new("Өтініш бойынша шешім: мақұлданды", "Решение по заявлению: одобрено", "Decision on an application: approved"),
        ["verify.action.residence.refuse"] = new("Өтініш бойынша шешім: бас тартылды", "Решение по заявлению: отказано", "Decision on an application: refused"),
        ["verify.action.other"] = new("Қызметтегі өзгеріс", "Изменение в службе", "A change in the service"),
    };
}
