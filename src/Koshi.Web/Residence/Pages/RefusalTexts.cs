using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Problems;

namespace Koshi.Web.Residence.Pages;

/// <summary>What the residence pages say when the case refuses a step.</summary>
public static class RefusalTexts
{
    /// <summary>
    /// A refusal in the reader's language: in its own words when they are translated (a length limit names its figure,
    /// which the code's general text cannot), otherwise by its code.
    /// </summary>
    public static string Describe(Text text, Refusal refusal) =>
        ProblemTexts.Translate(refusal.Message, "ru") != refusal.Message ? ProblemTexts.Translate(refusal.Message) : text.Refusal(refusal);
}
