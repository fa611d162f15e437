using Koshi.Cli.Infrastructure;
using Koshi.Policy;

namespace Koshi.Cli.Verbs;

/// <summary><c>koshi score</c>: scores one case and explains every point, or prints the explanation JSON.</summary>
internal static class ScoreVerb
{
    private static readonly string[] Languages = ["en", "ru", "kk"];

    public static readonly Verb Definition = new(
        "score",
        "Score one case (a JSON object of the scheme's inputs) and explain every point.",
        ["FILE"],
        [
            new OptionSpec("scheme", "ID", "the scheme to score against, e.g. permanent-residence", Required: true),
            new OptionSpec("as-of", "DATE", "the date to apply the law as of (YYYY-MM-DD)", Required: true),
            new OptionSpec("json", null, "print the explanation JSON (schema koshi.explanation/1) instead of tables"),
            new OptionSpec("pack", "DIR", "the policy pack (default: policy/kz, found from the current folder upwards)"),
            new OptionSpec("lang", "en|ru|kk", "the language of titles and reasons (default: en)"),
        ],
        """
        Prints the total, pass or fail and the decision, the gates, each criterion's points with the table
        row or indicator that matched and any cap, the law values used with their sources (* = provisional),
        and, for a failing case, the smallest changes that would reach the pass mark.
        Any line of a file written by 'koshi population generate' is a valid case file.
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var asOf = Inputs.Date(args, "as-of");
        var lang = args.Value("lang") ?? "en";
        if (!Languages.Contains(lang))
        {
            throw new UsageException($"--lang '{lang}' is not known (expected en, ru or kk)", args.Verb);
        }

        var file = args.Positionals[0];
        var json = Inputs.ReadText(file, context.CurrentDirectory);
        var location = Packs.Locate(args.Value("pack"), context.CurrentDirectory);
        var pack = Packs.Load(location);
        var scheme = Packs.Scheme(pack, location, args.Value("scheme")!);

        CaseInput input;
        try
        {
            input = scheme.ReadCase(json);
        }
        catch (CaseInputException ex)
        {
            var lines = ex.Errors.Select(e => $"{file}: {e.Field}: {e.Message}").ToList();
            lines.Add($"koshi: {file} is not a valid case for scheme '{scheme.Id}' ({Packs.Plural(ex.Errors.Count, "bad field")})");
            throw new CliException(string.Join(Environment.NewLine, lines));
        }

        SchemeResult result;
        try
        {
            result = scheme.Evaluate(input, asOf);
        }
        catch (PolicyEvaluationException ex)
        {
            throw new CliException($"koshi: {file}: the law cannot be applied to this case as of {Fmt.Date(asOf)}: {ex.Message}");
        }

        if (args.Flag("json"))
        {
            context.Out.WriteLine(result.ToJson(indented: true));
        }
        else
        {
            ExplanationWriter.Write(context.Out, result, scheme, location, lang);
        }

        return Dispatcher.Ok;
    }
}
