namespace Koshi.Policy;

/// <summary>Text shown to people, in English, Russian and Kazakh. English is always present.</summary>
public sealed record LocalizedText(string En, string? Ru = null, string? Kk = null)
{
    public static readonly LocalizedText Empty = new(string.Empty);

    /// <summary>The text in a two-letter culture (en, ru, kk), falling back to English.</summary>
    public string For(string culture) => culture switch
    {
        "ru" => Ru ?? En,
        "kk" => Kk ?? Ru ?? En,
        _ => En,
    };

    public override string ToString() => En;
}
