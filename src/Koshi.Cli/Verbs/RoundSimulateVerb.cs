using System.Globalization;
using System.Text.Json;
using Koshi.Cli.Infrastructure;
using Koshi.Policy;
using Koshi.Web.ForeignLabour;

namespace Koshi.Cli.Verbs;

/// <summary>
/// <c>koshi round simulate --pool FILE [--pack DIR] [--seats N]</c>: assesses and ranks a ranked pool exactly as an
/// allocation round does, and prints the cut-off it gives and what ranking did against first come, first served.
/// </summary>
internal static class RoundSimulateVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static readonly Verb Definition = new(
        "round simulate",
        "Run an allocation round on a pool file: the cut-off, who is admitted, and what ranking did against first come, first served.",
        [],
        [
            new OptionSpec("pool", "FILE", "the pool: a saved answer of GET /api/v1/labour/rounds/pool (JSON)", Required: true),
            new OptionSpec("pack", "DIR", "the policy pack to assess under, e.g. a changed assessment (default: policy/kz, found from the current folder upwards)"),
            new OptionSpec("seats", "N", "the seats the round offers (default: the file's free seats)"),
            new OptionSpec("json", null, "print the outcome as JSON"),
        ],
        """
        Each application is assessed under the pack's worker-assessment scheme on its lodgement day, from the
        facts the file gives (those the officer rejected are already left out), and ranked as a round ranks:
        most points first, then the earlier lodgement, then the id. The same pool and pack give the same
        cut-off the round gave. 'First come' is whom the same seats would have gone to in lodgement order.
        Exits 0 when the round was simulated, 2 on bad input (file:line:column for a bad file).
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var path = args.Value("pool")!;
        var text = Inputs.ReadText(path, context.CurrentDirectory);
        var seats = args.Value("seats") is null ? (int?)null : Inputs.Integer(args, "seats", min: 0);
        PoolFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PoolFile>(text, Json);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new CliException($"{path}:{line}:{column}: {ex.Path ?? "$"}: not a pool file ({First(ex.Message)})");
        }

        if (file is null)
        {
            throw new CliException($"{path}:1:1: $: not a pool file (null)");
        }

        var problems = file.Problems();
        if (problems.Count > 0)
        {
            throw new CliException(string.Join(Environment.NewLine, problems.Select(p => $"{path}:{p.Path}: {p.Message}")));
        }

        var location = Packs.Locate(args.Value("pack"), context.CurrentDirectory);
        var pack = Packs.Load(location);
        RoundOutcome outcome;
        try
        {
            outcome = RoundSimulation.Run(new LabourRules(pack), file, seats);
        }
        catch (PolicyEvaluationException ex)
        {
            throw new CliException($"koshi: the pack {location.Display} cannot assess this pool: {ex.Message}");
        }

        if (args.Flag("json"))
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new { file.Region, file.Pool, file.AsOf, pack = pack.ContentHash, outcome }, Json));
            return 0;
        }

        var w = context.Out;
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(inv, $"pool: {file.Region} {file.Pool}, {outcome.Applicants} waiting, as of {file.AsOf:yyyy-MM-dd}"));
        w.WriteLine($"pack: {location.Display} ({pack.ContentHash})");
        w.WriteLine(string.Create(inv, $"seats: {outcome.Seats}"));
        w.WriteLine(string.Create(inv, $"admitted: {outcome.Admitted}"));
        w.WriteLine(outcome.CutOff is { } cut
            ? string.Create(inv, $"cut-off: {cut} (ties at it went to applications lodged by {outcome.CutOffLodgedBefore:yyyy-MM-ddTHH:mm:ssZ})")
            : "cut-off: none (nobody admitted)");
        w.WriteLine();
        w.WriteLine("                      ranked  first come");
        w.WriteLine(string.Create(inv, $"qualified (tier)      {outcome.QualifiedAdmitted,6}  {outcome.QualifiedFirstCome,10}"));
        w.WriteLine(string.Create(inv, $"in-demand occupation  {outcome.InDemandAdmitted,6}  {outcome.InDemandFirstCome,10}"));
        w.WriteLine(string.Create(inv, $"skilled (category)    {outcome.SkilledAdmitted,6}  {outcome.SkilledFirstCome,10}"));
        if (outcome.PointsChanged.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(string.Create(inv, $"assessed differently from the file under this pack: {outcome.PointsChanged.Count} application(s)"));
        }

        return 0;
    }

    private static string First(string message) => message.Split('.', 2)[0];
}
