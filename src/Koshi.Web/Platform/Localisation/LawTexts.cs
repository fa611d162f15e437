namespace Koshi.Web.Platform.Localisation;

/// <summary>How pages speak of the law's figures and sources, in Kazakh, Russian and English (in that order).</summary>
public static class LawTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["law.provisional-source"] = new("уақытша мән (заңда әлі жарияланбаған)", "предварительное значение (в законе ещё не опубликовано)", "provisional value (not yet published in law)"),
        ["law.provisional-note"] = new(
            "Осы беттегі кейбір мәндер уақытша: заң оларды әлі жарияламаған, сондықтан платформа жарияланғанға дейін ең жақын түсіндіруді қолданады.",
            "Некоторые значения на этой странице предварительные: закон их ещё не опубликовал, и до публикации платформа применяет наиболее близкое прочтение.",
            "Some figures on this page are provisional: the law has not published them yet, and the platform applies its closest reading until it does."),
        ["law.check.quota"] = new("Көшіп-қонушылар квотасындағы орындар", "Места в квоте переселения", "Seats in the resettlement quota"),
        ["law.marked"] = new("* — уақытша мән", "* — предварительное значение", "* — provisional figure"),
    };
}
