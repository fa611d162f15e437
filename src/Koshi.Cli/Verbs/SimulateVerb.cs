using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Koshi.Cli.Infrastructure;
using Koshi.Policy;
using Koshi.Policy.Population;

namespace Koshi.Cli.Verbs;

/// <summary><c>koshi simulate</c>: scores a population under the pack and, optionally, a reform pack, and compares them.</summary>
internal static class SimulateVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly Verb Definition = new(
        "simulate",
        "Score a population under the pack, and under a reform pack if given, and compare the two.",
        [],
        [
            new OptionSpec("scheme", "ID", "the scheme to score", Required: true),
            new OptionSpec("population", "FILE", "the cases: JSON Lines (.jsonl) or CSV (.csv, a header of input names)", Required: true),
            new OptionSpec("reform", "DIR", "a reform pack (a changed copy of the pack) to compare against"),
            new OptionSpec("as-of", "DATE", "the date to apply the law as of (default: today, UTC)"),
            new OptionSpec("json", null, "print the report as JSON instead of tables"),
            new OptionSpec("pack", "DIR", "the baseline policy pack (default: policy/kz, found from the current folder upwards)"),
            new OptionSpec("flips", "N", "how many people whose decision flips to list (default: 20)"),
        ],
        """
        Prints pass counts and rates (baseline and reform), mean totals, a histogram of totals, criterion means,
        the people whose decision flips and which criteria moved, breakdowns by the scheme's report-by inputs,
        the cases the law could not be applied to, and how long the scoring took.
        A progress bar is drawn on stderr only when stderr is a terminal.
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var asOf = args.Value("as-of") is null ? context.Today : Inputs.Date(args, "as-of");
        var keepFlips = args.Value("flips") is null ? 20 : Inputs.Integer(args, "flips", min: 0);
        var populationPath = args.Value("population")!;
        var populationFull = Path.GetFullPath(populationPath, context.CurrentDirectory);
        Inputs.RequireFile(populationPath, context.CurrentDirectory);

        var baseLocation = Packs.Locate(args.Value("pack"), context.CurrentDirectory);
        var basePack = Packs.Load(baseLocation);
        var schemeId = args.Value("scheme")!;
        var baseScheme = Packs.Scheme(basePack, baseLocation, schemeId);

        Packs.Location? reformLocation = null;
        Scheme? reformScheme = null;
        if (args.Value("reform") is { } reformDir)
        {
            reformLocation = Packs.Locate(reformDir, context.CurrentDirectory);
            reformScheme = Packs.Scheme(Packs.Load(reformLocation), reformLocation, schemeId);
        }

        PopulationData baseline;
        PopulationData? reform = null;
        try
        {
            using (var bar = ProgressBar.Start(context, "reading " + populationPath))
            {
                baseline = PopulationData.Read(baseScheme, populationFull, bar);
            }

            if (reformScheme is not null)
            {
                reform = baseline.For(reformScheme);
            }
        }
        catch (PopulationFormatException ex)
        {
            var lines = ex.Errors.Select(e => $"{populationPath}:{ex.Line}: {e.Field}: {e.Message}").ToList();
            lines.Add($"koshi: {populationPath}: line {ex.Line} is not a valid case for scheme '{schemeId}'");
            throw new CliException(string.Join(Environment.NewLine, lines));
        }

        if (baseline.Count == 0)
        {
            throw new CliException($"koshi: {populationPath}: the population has no cases");
        }

        SimulationReport report;
        using (var bar = ProgressBar.Start(context, "scoring", baseline.Count))
        {
            report = Simulation.Run(baseline, reform, asOf, keepFlips, bar);
        }

        var rowsPerSecond = report.Elapsed.TotalSeconds > 0 ? (long)(report.Count * (reform is null ? 1 : 2) / report.Elapsed.TotalSeconds) : 0;
        if (args.Flag("json"))
        {
            var node = JsonSerializer.SerializeToNode(report, Json)!.AsObject();
            node["population"] = populationPath;
            node["elapsedSeconds"] = Math.Round(report.Elapsed.TotalSeconds, 3);
            node["rowsPerSecond"] = rowsPerSecond;
            context.Out.WriteLine(node.ToJsonString(Json));
            return Dispatcher.Ok;
        }

        SimulationWriter.Write(context.Out, report, populationPath, baseLocation, reformLocation, rowsPerSecond);
        return Dispatcher.Ok;
    }
}
