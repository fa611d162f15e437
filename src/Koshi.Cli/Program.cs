using System.Text;
using Koshi.Cli.Infrastructure;
using Koshi.Cli.Verbs;

namespace Koshi.Cli;

/// <summary>The <c>koshi</c> command: one verb per file under Verbs/, listed here in the order <c>koshi --help</c> shows them.</summary>
public static class Program
{
    internal static readonly IReadOnlyList<Verb> Verbs =
    [
        PolicyCheckVerb.Definition,         // koshi policy check DIR
        PolicyTestVerb.Definition,          // koshi policy test DIR
        ScoreVerb.Definition,               // koshi score --scheme ID --as-of DATE FILE
        PopulationGenerateVerb.Definition,  // koshi population generate --scheme ID --count N --seed S --out FILE
        SimulateVerb.Definition,            // koshi simulate (--scheme ID | --ruleset ID) --population FILE [--reform DIR]
        FairnessVerb.Definition,            // koshi fairness --scheme ID --population FILE
        RoundSimulateVerb.Definition,       // koshi round simulate --pool FILE [--pack DIR] [--seats N]
        AuditVerifyVerb.Definition,         // koshi audit verify --db CONNECTION --checkpoints FILE --keys PATH [--later FILE]
    ];

    public static int Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Runs one command line; the exit code is 0 (done), 1 (tests failed or an unexpected fault) or 2 (bad input).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        => Run(args, new CliContext(stdout, stderr, TimeProvider.System, Directory.GetCurrentDirectory(),
            ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected));

    internal static int Run(string[] args, CliContext context) => Dispatcher.Run(args, context, Verbs);
}
