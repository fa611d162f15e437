using Koshi.Cli.Infrastructure;
using Koshi.Policy;

namespace Koshi.Cli.Verbs;

/// <summary>The readable form of a <see cref="SchemeResult"/>: result, gates, criteria, law values, paths to pass.</summary>
internal static class ExplanationWriter
{
    public static void Write(TextWriter w, SchemeResult result, Scheme scheme, Packs.Location pack, string lang)
    {
        w.WriteLine($"{result.Scheme}: {scheme.Title.For(lang)}");
        w.WriteLine($"pack {result.Pack.Id} {result.Pack.Hash} ({pack.Display})");
        var version = result.SchemeVersion is { } from ? $", scheme version from {Fmt.Date(from)}" : string.Empty;
        w.WriteLine($"as of {Fmt.Date(result.AsOf)}; law applied as of {Fmt.Date(result.LawDate)}{version}");
        w.WriteLine();

        var verdict = result.Passed ? "PASS" : "FAIL";
        var mark = result.PassMark is { } passMark ? $" (pass mark {Fmt.N(passMark)})" : string.Empty;
        var max = result.MaxTotal is { } maxTotal ? $" of at most {Fmt.N(maxTotal)}" : string.Empty;
        w.WriteLine($"Total {Fmt.N(result.Total)}{max}{mark}: {verdict} (decision: {result.Decision})");
        w.WriteLine();

        WriteGates(w, result, lang);
        WriteCriteria(w, result, lang);
        WriteGroups(w, result, lang);
        WriteLawValues(w, result);
        WritePaths(w, result);
    }

    private static void WriteGates(TextWriter w, SchemeResult result, string lang)
    {
        if (result.Gates.Count == 0)
        {
            return;
        }

        w.WriteLine("Gates");
        var table = new TextTable("gate", "result", "title / reason");
        foreach (var gate in result.Gates)
        {
            var why = gate.Passed ? gate.Title.For(lang) : gate.Reason?.For(lang) ?? gate.Title.For(lang);
            table.Add(gate.Id, gate.Passed ? "passed" : "FAILED", why);
        }

        table.Write(w);
        w.WriteLine();
    }

    private static void WriteCriteria(TextWriter w, SchemeResult result, string lang)
    {
        w.WriteLine("Criteria");
        var table = new TextTable("criterion", "points", "why", "notes").Right(1);
        foreach (var c in result.Criteria)
        {
            var why = new List<string>();
            if (c.Indicator is not null)
            {
                why.Add("best of: " + c.Indicator);
            }

            why.AddRange(c.Rows.Select(r => $"row {r.Row}: {r.Label}"));
            if (!c.Applicable)
            {
                why.Add("not applicable");
            }

            var notes = new List<string>();
            if (c.CappedBy is not null)
            {
                notes.Add($"capped by {c.CappedBy} (raw {Fmt.N(c.RawPoints)})");
            }

            if (c.Bonus)
            {
                notes.Add("bonus");
            }

            if (c.Provisional || c.Parameters.Any(p => p.Provisional))
            {
                notes.Add("provisional*");
            }

            table.Add($"{c.Id}: {c.Title.For(lang)}", Fmt.N(c.Points), string.Join("; ", why), string.Join(", ", notes));
        }

        table.Rule();
        table.Add("total", Fmt.N(result.Total), result.MaxTotal is { } max && result.RegularPoints > max
            ? $"regular points {Fmt.N(result.RegularPoints)} limited to {Fmt.N(max)}"
            : string.Empty, string.Empty);
        table.Write(w);
        w.WriteLine();
    }

    private static void WriteGroups(TextWriter w, SchemeResult result, string lang)
    {
        if (result.Groups.Count == 0)
        {
            return;
        }

        w.WriteLine("Groups");
        var table = new TextTable("group", "points", "cap").Right(1, 2);
        foreach (var g in result.Groups)
        {
            table.Add($"{g.Id}: {g.Title.For(lang)}", Fmt.N(g.Points), Fmt.N(g.Cap));
        }

        table.Write(w);
        w.WriteLine();
    }

    /// <summary>Every law value the result used, once, with the criteria and gates that read it.</summary>
    private static void WriteLawValues(TextWriter w, SchemeResult result)
    {
        var uses = result.Criteria.SelectMany(c => c.Parameters.Select(p => (p, c.Id)))
            .Concat(result.Gates.SelectMany(g => g.Parameters.Select(p => (p, "gate " + g.Id))))
            .Concat(result.PassParameters.Select(p => (p, "pass mark")))
            .GroupBy(x => x.p.Name)
            .ToList();
        if (uses.Count == 0)
        {
            return;
        }

        w.WriteLine("Law values used (* provisional)");
        var table = new TextTable("parameter", "value", "from", "used by", "source");
        foreach (var group in uses.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var p = group.First().p;
            var value = p.Value + (p.Unit is null ? string.Empty : " " + p.Unit) + (p.Provisional ? " *" : string.Empty);
            table.Add(p.Name, value, Fmt.Date(p.From), string.Join(", ", group.Select(x => x.Item2).Distinct()), p.Source ?? "(no source)");
        }

        table.Write(w);
        w.WriteLine();
    }

    private static void WritePaths(TextWriter w, SchemeResult result)
    {
        if (result.Passed)
        {
            return;
        }

        var mark = result.PassMark is { } m ? $" ({Fmt.N(m)})" : string.Empty;
        if (result.PathsToPass.Count == 0)
        {
            var failedGates = result.Gates.Where(g => !g.Passed).Select(g => g.Id).ToList();
            w.WriteLine(failedGates.Count > 0
                ? $"No change of the changeable inputs passes: gate(s) {string.Join(", ", failedGates)} failed."
                : $"No change of the changeable inputs reaches the pass mark{mark}.");
            return;
        }

        w.WriteLine($"To reach the pass mark{mark}");
        var table = new TextTable("#", "changes", "total").Right(0, 2);
        var i = 0;
        foreach (var path in result.PathsToPass)
        {
            table.Add(Fmt.N(++i), string.Join("; ", path.Changes.Select(c => $"{c.Input}: {c.From} -> {c.To}")), Fmt.N(path.Total));
        }

        table.Write(w);
    }
}
