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
    // The reports' serialisers are generated at build time: made by reflection, they cost more start-up than writing the
    // report itself.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ReportJson.Default,
    };

    public static readonly Verb Definition = new(
        "simulate",
        "Score a population under a scheme or run it through a rule set, under the pack and a reform pack if given, and compare.",
        [],
        [
            new OptionSpec("scheme", "ID", "the scheme to score (or --ruleset)"),
            new OptionSpec("ruleset", "ID", "the rule set to run every case through (or --scheme)"),
            new OptionSpec("population", "FILE", "the cases: JSON Lines (.jsonl), CSV (.csv, a header of input names) or Parquet (.parquet, a column per input)", Required: true),
            new OptionSpec("reform", "DIR", "a reform pack (a changed copy of the pack) to compare against"),
            new OptionSpec("as-of", "DATE", "the date to apply the law as of (default: today, UTC)"),
            new OptionSpec("json", null, "print the report as JSON instead of tables"),
            new OptionSpec("pack", "DIR", "the baseline policy pack (default: policy/kz, found from the current folder upwards)"),
            new OptionSpec("flips", "N", "how many people whose decision flips (or rule set rows whose outputs change) to list (default: 20)"),
        ],
        """
        For a scheme: pass counts and rates (baseline and reform), mean totals, a histogram of totals, criterion means,
        the people whose decision flips and which criteria moved, breakdowns by the scheme's report-by inputs,
        the cases the law could not be applied to, and how long the scoring took.
        For a rule set: each output's total and mean (numbers) or count of each value (decisions, texts), how many
        rows each output changed for, and the first rows whose outcome changes with every output that moved.
        A progress bar is drawn on stderr only when stderr is a terminal.
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var timings = Timings.Start(context);
        var asOf = args.Value("as-of") is null ? context.Today : Inputs.Date(args, "as-of");
        var keepFlips = args.Value("flips") is null ? 20 : Inputs.Integer(args, "flips", min: 0);
        var populationPath = args.Value("population")!;
        var populationFull = Path.GetFullPath(populationPath, context.CurrentDirectory);
        Inputs.RequireFile(populationPath, context.CurrentDirectory);

        var baseLocation = Packs.Locate(args.Value("pack"), context.CurrentDirectory);
        if ((args.Value("scheme") is null) == (args.Value("ruleset") is null))
        {
            throw new UsageException("give either --scheme ID or --ruleset ID", args.Verb);
        }

        var basePack = Packs.Load(baseLocation);
        timings.Phase("load the pack");
        if (args.Value("ruleset") is { } ruleSetId)
        {
            return RuleSet(context, args, asOf, keepFlips, populationPath, populationFull, baseLocation, basePack, ruleSetId);
        }

        var schemeId = args.Value("scheme")!;
        var baseScheme = Packs.Scheme(basePack, baseLocation, schemeId);

        Packs.Location? reformLocation = null;
        Scheme? reformScheme = null;
        if (args.Value("reform") is { } reformDir)
        {
            reformLocation = Packs.Locate(reformDir, context.CurrentDirectory);
            reformScheme = Packs.Scheme(Packs.Load(reformLocation), reformLocation, schemeId);
            timings.Phase("load the reform pack");
        }

        PopulationData baseline;
        PopulationData? reform = null;
        try
        {
            using (var bar = ProgressBar.Start(context, "reading " + populationPath))
            {
                baseline = PopulationData.Read(baseScheme, populationFull, bar);
            }

            timings.Phase("read the population");

            if (reformScheme is not null)
            {
                reform = baseline.For(reformScheme);
            }
        }
        catch (PopulationFormatException ex)
        {
            throw BadPopulation(ex, populationPath, $"scheme '{schemeId}'");
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

        timings.Phase("score baseline and reform");

        var rowsPerSecond = report.Elapsed.TotalSeconds > 0 ? (long)(report.Count * (reform is null ? 1 : 2) / report.Elapsed.TotalSeconds) : 0;
        if (args.Flag("json"))
        {
            var node = JsonSerializer.SerializeToNode(report, Json)!.AsObject();
            node["population"] = populationPath;
            node["elapsedSeconds"] = Math.Round(report.Elapsed.TotalSeconds, 3);
            node["rowsPerSecond"] = rowsPerSecond;
            context.Out.WriteLine(node.ToJsonString(Json));
            timings.Phase("write the report");
            return Dispatcher.Ok;
        }

        SimulationWriter.Write(context.Out, report, populationPath, baseLocation, reformLocation, rowsPerSecond);
        timings.Phase("write the report");
        return Dispatcher.Ok;
    }

    /// <summary>A bad population row as <c>FILE:LINE: field: message</c> lines (Parquet counts rows from 1 instead of lines).</summary>
    internal static CliException BadPopulation(PopulationFormatException ex, string populationPath, string what)
    {
        var unit = populationPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "row" : "line";
        var lines = ex.Errors.Select(e => $"{populationPath}:{ex.Line}: {e.Field}: {e.Message}").ToList();
        lines.Add($"koshi: {populationPath}: {unit} {ex.Line} is not a valid case for {what}");
        return new CliException(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Reads a population with a progress bar, turning a bad row into exit code 2.</summary>
    internal static PopulationData ReadPopulation(CliContext context, string populationPath, string what, Func<IProgress<long>?, PopulationData> read)
    {
        try
        {
            using var bar = ProgressBar.Start(context, "reading " + populationPath);
            var data = read(bar);
            return data.Count == 0 ? throw new CliException($"koshi: {populationPath}: the population has no cases") : data;
        }
        catch (PopulationFormatException ex)
        {
            throw BadPopulation(ex, populationPath, what);
        }
    }

    private static int RuleSet(CliContext context, ParsedArgs args, DateOnly asOf, int keep, string populationPath, string populationFull,
        Packs.Location baseLocation, PolicyPack basePack, string ruleSetId)
    {
        var baseRuleSet = Packs.RuleSet(basePack, baseLocation, ruleSetId);
        Packs.Location? reformLocation = null;
        RuleSet? reformRuleSet = null;
        if (args.Value("reform") is { } reformDir)
        {
            reformLocation = Packs.Locate(reformDir, context.CurrentDirectory);
            reformRuleSet = Packs.RuleSet(Packs.Load(reformLocation), reformLocation, ruleSetId);
        }

        var what = $"rule set '{ruleSetId}'";
        var baseline = ReadPopulation(context, populationPath, what, bar => PopulationData.Read(baseRuleSet, populationFull, bar));
        var reform = reformRuleSet is null ? null : ReadPopulation(context, populationPath, what, _ => baseline.For(reformRuleSet));
        RuleSetSimulationReport report;
        using (var bar = ProgressBar.Start(context, "running", baseline.Count))
        {
            report = RuleSetSimulation.Run(baseline, reform, asOf, keep, bar);
        }

        if (args.Flag("json"))
        {
            var node = JsonSerializer.SerializeToNode(report, Json)!.AsObject();
            node["population"] = populationPath;
            node["elapsedSeconds"] = Math.Round(report.Elapsed.TotalSeconds, 3);
            context.Out.WriteLine(node.ToJsonString(Json));
            return Dispatcher.Ok;
        }

        SimulationWriter.WriteRuleSet(context.Out, report, populationPath, baseLocation, reformLocation);
        return Dispatcher.Ok;
    }
}

[JsonSerializable(typeof(SimulationReport))]
[JsonSerializable(typeof(RuleSetSimulationReport))]
internal sealed partial class ReportJson : JsonSerializerContext;
