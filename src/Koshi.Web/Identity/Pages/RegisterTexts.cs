using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Identity.Pages;

/// <summary>The registration page's texts for the two routes: by IIN, or by passport from abroad without an IIN.</summary>
public static class RegisterTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["register.identity"] = new("Жеке басыңыз", "Удостоверение личности", "Your identity"),
        ["register.iin-route"] = new(
            "ЖСН-ыңыз болса, оны көрсетіңіз: Қазақстан азаматтары, ықтиярхат иелері және бұрын ЖСН алған әрбір адам ЖСН-мен тіркеледі.",
            "Если у вас есть ИИН, укажите его: граждане Казахстана, владельцы вида на жительство и все, кому уже выдан ИИН, регистрируются с ИИН.",
            "If you have an IIN, give it: citizens of Kazakhstan, residence-permit holders and anyone who has been issued an IIN register with it."),
        ["register.passport-route"] = new("Шетелдесіз және ЖСН-ыңыз жоқ па?", "Вы за рубежом и у вас нет ИИН?", "Abroad without an IIN?"),
        ["register.passport-intro"] = new(
            "ЖСН өрісін бос қалдырып, паспорт нөмірін, азаматтығыңызды және туған күніңізді көрсетіңіз. Бір паспортқа бір тіркелгі ашылады; жеке басыңыз әңгімелесуде паспорт бойынша тексеріледі.",
            "Оставьте поле ИИН пустым и укажите номер паспорта, гражданство и дату рождения. На один паспорт открывается одна учётная запись; личность проверяется по паспорту на собеседовании.",
            "Leave the IIN empty and give your passport number, citizenship and date of birth. One account is opened per passport; your identity is checked against the passport at the interview."),
        ["field.passportNumber"] = new("Паспорт нөмірі", "Номер паспорта", "Passport number"),
        ["field.citizenship"] = new("Азаматтығы (паспортты берген ел)", "Гражданство (страна, выдавшая паспорт)", "Citizenship (country that issued the passport)"),
        ["field.birthDate"] = new("Туған күні", "Дата рождения", "Date of birth"),
        ["identity.passport"] = new("Паспорт", "Паспорт", "Passport"),
    };
}
