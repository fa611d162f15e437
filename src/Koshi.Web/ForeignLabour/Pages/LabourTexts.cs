using Koshi.Web.Platform.Localisation;

namespace Koshi.Web.ForeignLabour.Pages;

/// <summary>The foreign-labour pages' texts in Kazakh, Russian and English (in that order).</summary>
public static class LabourTexts
{
    public static readonly IReadOnlyDictionary<string, LocalizedString> All = new Dictionary<string, LocalizedString>(StringComparer.Ordinal)
    {
        ["nav.labour"] = new("Шетелдік жұмыс күші", "Иностранная рабочая сила", "Foreign labour"),
    };
}
