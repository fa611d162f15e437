using System.Collections.Frozen;
using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.Reference;

/// <summary>
/// Country names in Kazakh and Russian for the countries the platform's people meet most (neighbours, the EAEU, the
/// main source countries of labour migrants and the destinations of workers placed abroad); any other country is named
/// in English until its names are added here.
/// </summary>
public static class CountryNames
{
    private static readonly FrozenDictionary<string, (string Kk, string Ru)> Names = new Dictionary<string, (string Kk, string Ru)>(StringComparer.Ordinal)
    {
        ["KZ"] = ("Қазақстан", "Казахстан"),
        ["RU"] = ("Ресей Федерациясы", "Российская Федерация"),
        ["CN"] = ("Қытай", "Китай"),
        ["UZ"] = ("Өзбекстан", "Узбекистан"),
        ["KG"] = ("Қырғызстан", "Кыргызстан"),
        ["TJ"] = ("Тәжікстан", "Таджикистан"),
        ["TM"] = ("Түрікменстан", "Туркменистан"),
        ["MN"] = ("Моңғолия", "Монголия"),
        ["AF"] = ("Ауғанстан", "Афганистан"),
        ["IR"] = ("Иран", "Иран"),
        ["AZ"] = ("Әзербайжан", "Азербайджан"),
        ["AM"] = ("Армения", "Армения"),
        ["GE"] = ("Грузия", "Грузия"),
        ["BY"] = ("Беларусь", "Беларусь"),
        ["UA"] = ("Украина", "Украина"),
        ["MD"] = ("Молдова", "Молдова"),
        ["TR"] = ("Түркия", "Турция"),
        ["IN"] = ("Үндістан", "Индия"),
        ["PK"] = ("Пәкістан", "Пакистан"),
        ["BD"] = ("Бангладеш", "Бангладеш"),
        ["VN"] = ("Вьетнам", "Вьетнам"),
        ["PH"] = ("Филиппин", "Филиппины"),
        ["KR"] = ("Оңтүстік Корея", "Южная Корея"),
        ["KP"] = ("Солтүстік Корея", "Северная Корея"),
        ["JP"] = ("Жапония", "Япония"),
        ["DE"] = ("Германия", "Германия"),
        ["PL"] = ("Польша", "Польша"),
        ["CZ"] = ("Чехия", "Чехия"),
        ["LT"] = ("Литва", "Литва"),
        ["LV"] = ("Латвия", "Латвия"),
        ["EE"] = ("Эстония", "Эстония"),
        ["FI"] = ("Финляндия", "Финляндия"),
        ["GB"] = ("Ұлыбритания", "Великобритания"),
        ["US"] = ("Америка Құрама Штаттары", "Соединённые Штаты Америки"),
        ["CA"] = ("Канада", "Канада"),
        ["AE"] = ("Біріккен Араб Әмірліктері", "Объединённые Арабские Эмираты"),
        ["SA"] = ("Сауд Арабиясы", "Саудовская Аравия"),
        ["QA"] = ("Катар", "Катар"),
        ["IL"] = ("Израиль", "Израиль"),
        ["IT"] = ("Италия", "Италия"),
        ["FR"] = ("Франция", "Франция"),
        ["ES"] = ("Испания", "Испания"),
        ["NL"] = ("Нидерланд", "Нидерланды"),
        ["AT"] = ("Австрия", "Австрия"),
        ["HU"] = ("Венгрия", "Венгрия"),
        ["SK"] = ("Словакия", "Словакия"),
        ["RO"] = ("Румыния", "Румыния"),
        ["BG"] = ("Болгария", "Болгария"),
        ["SE"] = ("Швеция", "Швеция"),
        ["NO"] = ("Норвегия", "Норвегия"),
        ["CH"] = ("Швейцария", "Швейцария"),
        ["AU"] = ("Аустралия", "Австралия"),
        ["MY"] = ("Малайзия", "Малайзия"),
        ["TH"] = ("Таиланд", "Таиланд"),
        ["ID"] = ("Индонезия", "Индонезия"),
        ["EG"] = ("Мысыр", "Египет"),
        ["NP"] = ("Непал", "Непал"),
        ["LK"] = ("Шри-Ланка", "Шри-Ланка"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The country's name in the request's language (English where no translation is kept), or the code.</summary>
    public static string Name(string code) =>
        Text.Language != "en" && Names.TryGetValue(code, out var names) ? (Text.Language == "kk" ? names.Kk : names.Ru)
        : Countries.ByCode.GetValueOrDefault(code) ?? code;
}
