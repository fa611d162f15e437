using System.Text.RegularExpressions;
using Koshi.Cli.Infrastructure;
using Koshi.Policy.Testing;

namespace Koshi.Cli.Verbs;

/// <summary><c>koshi policy test DIR</c>: runs the pack's own tests and lists the failures with their positions.</summary>
internal static partial class PolicyTestVerb
{
    public static readonly Verb Definition = new(
        "policy test",
        "Run a policy pack's own tests; print each failure with its position and what differed.",
        ["DIR"],
        [new OptionSpec("verbose", null, "also list the tests that pass")],
        """
        Ends with the line 'N passed, M failed'. Exits 1 when a test fails, 2 when the pack does not load.
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var location = Packs.Locate(args.Positionals[0], context.CurrentDirectory);
        var pack = Packs.Load(location);
        var report = pack.RunTests();
        var verbose = args.Flag("verbose");
        foreach (var outcome in report.Outcomes)
        {
            var position = Packs.Format(new Policy.Diagnostic(outcome.Case.Position, outcome.Case.Name), location);
            if (!outcome.Passed)
            {
                context.Out.WriteLine($"FAIL {position}");
                foreach (var failure in outcome.Failures)
                {
                    context.Out.WriteLine("     " + ShowPositions(failure, location));
                }
            }
            else if (verbose)
            {
                context.Out.WriteLine($"ok   {position}");
            }
        }

        context.Out.WriteLine($"{report.Passed} passed, {report.Failed} failed");
        return report.Failed > 0 ? Dispatcher.Failed : Dispatcher.Ok;
    }

    /// <summary>The engine names a test's expected value by its place in the pack ("(tests/x.yaml:12:9)"); show it under DIR.</summary>
    private static string ShowPositions(string failure, Packs.Location location)
        => PackPosition().Replace(failure, m => "(" + location.Display.TrimEnd('/') + "/" + m.Groups[1].Value + ")");

    [GeneratedRegex(@"\(([^()\s]+\.ya?ml:\d+:\d+)\)")]
    private static partial Regex PackPosition();
}
