using Koshi.Policy;

namespace Koshi.Web.Platform;

/// <summary>Where a rule set's answer comes from, as shown beside a decision or a refusal.</summary>
public static class PackSources
{
    /// <summary>
    /// The sources of the named outputs and of every parameter they used, each once; a provisional parameter is marked
    /// so, and one without a source is named with the pack's note on why its value is provisional.
    /// </summary>
    public static string Cite(this RuleSetResult result, params string[] outputs)
    {
        var parts = new List<string>();
        foreach (var output in result.Outputs.Where(o => outputs.Contains(o.Name)))
        {
            if (output.Source is { Length: > 0 } source)
            {
                parts.Add(source);
            }

            foreach (var parameter in output.Parameters)
            {
                if (parameter.Source is { } cited)
                {
                    parts.Add(parameter.Provisional ? cited + " (provisional)" : cited);
                }
                else if (parameter.Provisional)
                {
                    parts.Add($"{parameter.Name} (provisional: {parameter.Note})");
                }
            }
        }

        return string.Join("; ", parts.Distinct());
    }
}
