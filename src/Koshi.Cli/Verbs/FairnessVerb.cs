using System.Text.Json;
using System.Text.Json.Serialization;
using Koshi.Cli.Infrastructure;
using Koshi.Policy.Population;

namespace Koshi.Cli.Verbs;

/// <summary><c>koshi fairness</c>: outcome rates of a scheme by citizenship, sex and age band, within bands of equal merit, and each gate by group.</summary>
internal static class FairnessVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly Verb Definition = new(
        "fairness",
        "Report a scheme's outcome rates by citizenship, sex and age band, within bands of equal merit, and each gate's pass rate by group.",
        [],
        [
            new OptionSpec("scheme", "ID", "the scheme to score", Required: true),
            new OptionSpec("population", "FILE", "the cases: JSON Lines (.jsonl), CSV (.csv) or Parquet (.parquet)", Required: true),
            new OptionSpec("as-of", "DATE", "the date to apply the law as of (default: today, UTC)"),
            new OptionSpec("band", "N", $"the width of a merit band in points (default: {Fairness.DefaultBandWidth})"),
            new OptionSpec("json", null, "print the report as JSON (with each group's rate per merit band) instead of tables"),
            new OptionSpec("pack", "DIR", "the policy pack (default: policy/kz, found from the current folder upwards)"),
        ],
        Fairness.Method,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var asOf = args.Value("as-of") is null ? context.Today : Inputs.Date(args, "as-of");
        var band = args.Value("band") is null ? Fairness.DefaultBandWidth : Inputs.Integer(args, "band", min: 1);
        var populationPath = args.Value("population")!;
        Inputs.RequireFile(populationPath, context.CurrentDirectory);
        var location = Packs.Locate(args.Value("pack"), context.CurrentDirectory);
        var scheme = Packs.Scheme(Packs.Load(location), location, args.Value("scheme")!);
        var full = Path.GetFullPath(populationPath, context.CurrentDirectory);
        var population = SimulateVerb.ReadPopulation(context, populationPath, $"scheme '{scheme.Id}'", bar => PopulationData.Read(scheme, full, bar));
        var report = Fairness.Run(population, asOf, band) with { Population = populationPath };
        if (args.Flag("json"))
        {
            context.Out.WriteLine(JsonSerializer.Serialize(report, Json));
            return Dispatcher.Ok;
        }

        Write(context.Out, report, location);
        return Dispatcher.Ok;
    }

    private static void Write(TextWriter w, FairnessReport report, Packs.Location pack)
    {
        w.WriteLine($"Fairness of {report.Scheme} as of {Fmt.Date(report.AsOf)}: {Fmt.N(report.Count)} cases from {report.Population}");
        w.WriteLine($"pack {pack.Display} ({report.PackHash}); {Fmt.N(report.Passed)} of {Fmt.N(report.Scored)} pass ({Fmt.Pct(report.Passed, report.Scored)})");
        w.WriteLine();
        w.WriteLine("Method: " + report.Method + Fmt.Inv($" Merit bands here are {report.BandWidth} points wide."));
        w.WriteLine();
        foreach (var attribute in report.Attributes)
        {
            w.WriteLine($"By {attribute.Attribute}");
            var headers = new List<string> { attribute.Attribute, "cases", "pass rate", "at equal merit", "gap" };
            headers.AddRange(report.Gates.Select(g => "gate " + g));
            var table = new TextTable([.. headers]).Right([.. Enumerable.Range(1, headers.Count - 1)]);
            foreach (var group in attribute.Groups)
            {
                var row = new List<string>
                {
                    group.Value + (group.Small ? " (small)" : string.Empty),
                    Fmt.N(group.Count),
                    Pct(group.PassRate),
                    Pct(group.StandardisedRate),
                    Fmt.Signed(group.Gap * 100) + " pt",
                };
                row.AddRange(group.Gates.Select(g => g.Rate is { } rate ? Pct(rate) : "-"));
                table.Add([.. row]);
            }

            table.Write(w);
            w.WriteLine();
        }

        foreach (var missing in report.NotAvailable)
        {
            w.WriteLine("Not reported: " + missing);
        }
    }

    private static string Pct(decimal share) => Fmt.Inv($"{share * 100:0.0}%");
}
