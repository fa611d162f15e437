using Koshi.Cli.Infrastructure;
using Koshi.Policy;

namespace Koshi.Cli.Verbs;

/// <summary><c>koshi policy check DIR</c>: loads a pack and lists every error and warning, or summarises the pack.</summary>
internal static class PolicyCheckVerb
{
    public static readonly Verb Definition = new(
        "policy check",
        "Load and type-check a policy pack; list every error and warning as file:line:column: message.",
        ["DIR"],
        [],
        """
        Prints each problem on stdout, its file shown under DIR. Exits 2 when the pack has any error,
        otherwise 0 with a one-line summary: pack id, content hash, and counts of parameters, schemes,
        rule sets and tests.
        """,
        Execute);

    private static int Execute(CliContext context, ParsedArgs args)
    {
        var location = Packs.Locate(args.Positionals[0], context.CurrentDirectory);
        var (pack, diagnostics) = PolicyPack.Check(location.FullPath);
        foreach (var diagnostic in diagnostics)
        {
            context.Out.WriteLine(Packs.Format(diagnostic, location));
        }

        var errors = diagnostics.Count(d => !d.IsWarning);
        var warnings = diagnostics.Count(d => d.IsWarning);
        if (pack is null)
        {
            context.Out.WriteLine($"{location.Display}: {Packs.Plural(errors, "error")}, {Packs.Plural(warnings, "warning")}");
            return Dispatcher.BadInput;
        }

        context.Out.WriteLine($"{location.Display}: pack {pack.Id} {pack.ContentHash}: {Packs.Plural(pack.Parameters.Count, "parameter")}, "
                              + $"{Packs.Plural(pack.Schemes.Count, "scheme")}, {Packs.Plural(pack.RuleSets.Count, "rule set")}, "
                              + $"{Packs.Plural(pack.Tests.Count, "test")}, {Packs.Plural(warnings, "warning")}");
        return Dispatcher.Ok;
    }
}
