using Koshi.Cli.Infrastructure;
using Koshi.Policy.Population;

namespace Koshi.Cli.Verbs;

/// <summary>The readable form of a <see cref="SimulationReport"/>: plain tables, baseline beside reform.</summary>
internal static class SimulationWriter
{
    private const int BarWidth = 40;

    public static void Write(TextWriter w, SimulationReport report, string population, Packs.Location pack, Packs.Location? reformPack, long rowsPerSecond)
    {
        var b = report.Baseline;
        var r = report.Reform;
        w.WriteLine($"Simulation of {report.Scheme} as of {Fmt.Date(report.AsOf)}: {Fmt.N(report.Count)} cases from {population}");
        w.WriteLine($"baseline  {pack.Display} ({b.PackHash})");
        if (r is not null)
        {
            w.WriteLine($"reform    {reformPack!.Display} ({r.PackHash})");
        }

        w.WriteLine();
        WriteSummary(w, report);
        WriteHistogram(w, report);
        WriteCriterionMeans(w, report);
        WriteFlips(w, report);
        WriteBreakdowns(w, report);
        WriteErrors(w, report);
        var seconds = report.Elapsed.TotalSeconds;
        w.WriteLine(Fmt.Inv($"Scored {Fmt.N(report.Count)} cases {(r is null ? "once" : "twice (baseline and reform)")} in {seconds:0.000} s ({Fmt.N(rowsPerSecond)} rows/s)"));
    }

    private static void WriteSummary(TextWriter w, SimulationReport report)
    {
        var b = report.Baseline;
        var r = report.Reform;
        var whole = (long)report.Count;
        if (r is null)
        {
            var table = new TextTable("", "cases", "share").Right(1, 2);
            table.Add("passed", Fmt.N(b.Passed), Fmt.Pct(b.Passed, whole));
            table.Add("failed a gate", Fmt.N(b.FailedGate), Fmt.Pct(b.FailedGate, whole));
            table.Add("failed on score", Fmt.N(b.FailedScore), Fmt.Pct(b.FailedScore, whole));
            table.Add("not scored (errors)", Fmt.N(whole - b.Scored), Fmt.Pct(whole - b.Scored, whole));
            table.Rule();
            table.Add("mean total", Fmt.D(b.MeanTotal), string.Empty);
            table.Write(w);
        }
        else
        {
            var table = new TextTable("", "baseline", "share", "reform", "share", "change").Right(1, 2, 3, 4, 5);
            void Row(string label, long x, long y) => table.Add(label, Fmt.N(x), Fmt.Pct(x, whole), Fmt.N(y), Fmt.Pct(y, whole), Fmt.Signed(y - x));
            Row("passed", b.Passed, r.Passed);
            Row("failed a gate", b.FailedGate, r.FailedGate);
            Row("failed on score", b.FailedScore, r.FailedScore);
            Row("not scored (errors)", whole - b.Scored, whole - r.Scored);
            table.Rule();
            table.Add("mean total", Fmt.D(b.MeanTotal), string.Empty, Fmt.D(r.MeanTotal), string.Empty, Fmt.Signed(r.MeanTotal - b.MeanTotal));
            table.Write(w);
            w.WriteLine();
            w.WriteLine($"Flips: {Fmt.N(report.ToFail)} pass under the baseline and fail under the reform; {Fmt.N(report.ToPass)} fail and then pass; "
                        + $"{Fmt.N(report.ScoreChanged)} totals changed.");
        }

        w.WriteLine();
    }

    private static void WriteHistogram(TextWriter w, SimulationReport report)
    {
        var b = report.Baseline.Histogram.ToDictionary(h => h.From);
        var r = report.Reform?.Histogram.ToDictionary(h => h.From);
        var bins = b.Keys.Concat(r?.Keys.AsEnumerable() ?? []).Distinct().Order().ToList();
        if (bins.Count == 0)
        {
            return;
        }

        var largest = Math.Max(1, b.Values.Select(h => h.Count).Concat(r?.Values.Select(h => h.Count) ?? []).Max());
        w.WriteLine("Totals (histogram)");
        var table = r is null
            ? new TextTable("points", "baseline", "").Right(1)
            : new TextTable("points", "baseline", "reform", "").Right(1, 2);
        foreach (var from in bins)
        {
            var to = from + Simulation.HistogramBin - 1;
            var x = b.TryGetValue(from, out var hb) ? hb.Count : 0;
            var label = $"{Fmt.N(from)}-{Fmt.N(to)}";
            if (r is null)
            {
                table.Add(label, Fmt.N(x), Bar(x, largest, '#'));
            }
            else
            {
                var y = r.TryGetValue(from, out var hr) ? hr.Count : 0;
                table.Add(label, Fmt.N(x), Fmt.N(y), Bar(x, largest, '#') + " " + Bar(y, largest, '='));
            }
        }

        table.Write(w);
        if (r is not null)
        {
            w.WriteLine("  (# baseline, = reform)");
        }

        w.WriteLine();
    }

    private static string Bar(long count, long largest, char c)
    {
        var n = (int)Math.Round((double)count / largest * BarWidth / 2);
        return new string(c, count > 0 ? Math.Max(1, n) : 0).PadRight(BarWidth / 2);
    }

    private static void WriteCriterionMeans(TextWriter w, SimulationReport report)
    {
        var b = report.Baseline.CriterionMeans;
        var r = report.Reform?.CriterionMeans.ToDictionary(c => c.Criterion);
        w.WriteLine("Mean points by criterion");
        var table = r is null
            ? new TextTable("criterion", "baseline").Right(1)
            : new TextTable("criterion", "baseline", "reform", "change").Right(1, 2, 3);
        foreach (var mean in b)
        {
            if (r is null)
            {
                table.Add(mean.Criterion, Fmt.D(mean.MeanPoints));
            }
            else
            {
                var after = r.TryGetValue(mean.Criterion, out var m) ? m.MeanPoints : 0;
                table.Add(mean.Criterion, Fmt.D(mean.MeanPoints), r.ContainsKey(mean.Criterion) ? Fmt.D(after) : "(none)", Fmt.Signed(after - mean.MeanPoints));
            }
        }

        foreach (var added in r?.Values.Where(m => b.All(x => x.Criterion != m.Criterion)) ?? [])
        {
            table.Add(added.Criterion, "(none)", Fmt.D(added.MeanPoints), Fmt.Signed(added.MeanPoints));
        }

        table.Write(w);
        w.WriteLine();
    }

    private static void WriteFlips(TextWriter w, SimulationReport report)
    {
        if (report.Reform is null || report.Flips.Count == 0)
        {
            return;
        }

        var all = report.ToPass + report.ToFail;
        w.WriteLine(report.Flips.Count < all ? $"Flips (first {Fmt.N(report.Flips.Count)} of {Fmt.N(all)}, by row)" : "Flips (by row)");
        var table = new TextTable("row", "baseline", "reform", "criteria moved").Right(0);
        foreach (var flip in report.Flips)
        {
            var moved = flip.Criteria.Count == 0
                ? "(no criterion moved: the pass mark or a gate changed)"
                : string.Join(", ", flip.Criteria.Select(c => $"{c.Criterion} {Fmt.N(c.Baseline)}->{Fmt.N(c.Reform)}"));
            table.Add(Fmt.N(flip.Row), $"{Fmt.N(flip.BaselineTotal)} {flip.BaselineDecision}", $"{Fmt.N(flip.ReformTotal)} {flip.ReformDecision}", moved);
        }

        table.Write(w);
        w.WriteLine();
    }

    private static void WriteBreakdowns(TextWriter w, SimulationReport report)
    {
        foreach (var breakdown in report.Breakdowns)
        {
            w.WriteLine($"By {breakdown.Input}");
            var reform = report.Reform is not null;
            var table = reform
                ? new TextTable(breakdown.Input, "cases", "baseline passed", "rate", "reform passed", "rate", "change").Right(1, 2, 3, 4, 5, 6)
                : new TextTable(breakdown.Input, "cases", "passed", "rate").Right(1, 2, 3);
            foreach (var row in breakdown.Rows)
            {
                if (reform)
                {
                    var after = row.ReformPassed ?? 0;
                    table.Add(row.Value, Fmt.N(row.Count), Fmt.N(row.BaselinePassed), Fmt.Pct(row.BaselinePassed, row.Count),
                        Fmt.N(after), Fmt.Pct(after, row.Count), Fmt.Signed(after - row.BaselinePassed));
                }
                else
                {
                    table.Add(row.Value, Fmt.N(row.Count), Fmt.N(row.BaselinePassed), Fmt.Pct(row.BaselinePassed, row.Count));
                }
            }

            table.Write(w);
            w.WriteLine();
        }
    }

    private static void WriteErrors(TextWriter w, SimulationReport report)
    {
        if (report.Errors == 0)
        {
            w.WriteLine("Errors: none (the law applied to every case)");
            return;
        }

        w.WriteLine($"Errors: the law could not be applied {Packs.Plural(report.Errors, "time")}" + (report.FirstErrors.Count < report.Errors ? $" (first {report.FirstErrors.Count})" : string.Empty));
        foreach (var error in report.FirstErrors)
        {
            w.WriteLine("  " + error);
        }

        w.WriteLine();
    }

    /// <summary>A rule set run: each output baseline beside reform, then the rows whose outcome changes.</summary>
    public static void WriteRuleSet(TextWriter w, RuleSetSimulationReport report, string population, Packs.Location pack, Packs.Location? reformPack)
    {
        var reform = report.ReformPackHash is not null;
        w.WriteLine($"Simulation of rule set {report.RuleSet} as of {Fmt.Date(report.AsOf)}: {Fmt.N(report.Count)} cases from {population}");
        w.WriteLine($"baseline  {pack.Display} ({report.BaselinePackHash})");
        if (reform)
        {
            w.WriteLine($"reform    {reformPack!.Display} ({report.ReformPackHash})");
        }

        w.WriteLine();
        w.WriteLine("Totals by output");
        var table = reform
            ? new TextTable("output", "baseline total", "mean", "reform total", "mean", "change", "rows changed").Right(1, 2, 3, 4, 5, 6)
            : new TextTable("output", "total", "mean").Right(1, 2);
        foreach (var o in report.Outputs.Where(o => o.BaselineSum is not null || o.ReformSum is not null))
        {
            if (reform)
            {
                table.Add(o.Output, Fmt.D(o.BaselineSum ?? 0), Fmt.D(o.BaselineMean ?? 0), Fmt.D(o.ReformSum ?? 0), Fmt.D(o.ReformMean ?? 0),
                    Fmt.Signed((o.ReformSum ?? 0) - (o.BaselineSum ?? 0)), Fmt.N(o.Changed ?? 0));
            }
            else
            {
                table.Add(o.Output, Fmt.D(o.BaselineSum ?? 0), Fmt.D(o.BaselineMean ?? 0));
            }
        }

        table.Write(w);
        w.WriteLine();
        foreach (var o in report.Outputs.Where(o => o.Values.Count > 0))
        {
            w.WriteLine($"By value of {o.Output}" + (reform ? $" ({Fmt.N(o.Changed ?? 0)} rows changed)" : string.Empty));
            var values = reform
                ? new TextTable("value", "baseline", "reform", "change").Right(1, 2, 3)
                : new TextTable("value", "rows").Right(1);
            foreach (var v in o.Values)
            {
                if (reform)
                {
                    values.Add(v.Value, Fmt.N(v.Baseline), Fmt.N(v.Reform ?? 0), Fmt.Signed((v.Reform ?? 0) - v.Baseline));
                }
                else
                {
                    values.Add(v.Value, Fmt.N(v.Baseline));
                }
            }

            values.Write(w);
            w.WriteLine();
        }

        if (reform)
        {
            w.WriteLine($"Rows whose outcome changes: {Fmt.N(report.RowsChanged)} of {Fmt.N(report.Count)}");
            if (report.Changes.Count > 0)
            {
                var changes = new TextTable("row", "outputs that moved").Right(0);
                foreach (var change in report.Changes)
                {
                    changes.Add(Fmt.N(change.Row), string.Join(", ", change.Outputs.Select(c => $"{c.Output} {c.Baseline}->{c.Reform}")));
                }

                changes.Write(w);
            }

            w.WriteLine();
        }

        if (report.Errors == 0)
        {
            w.WriteLine("Errors: none (the law applied to every case)");
        }
        else
        {
            w.WriteLine($"Errors: the law could not be applied {Packs.Plural(report.Errors, "time")}");
            foreach (var error in report.FirstErrors)
            {
                w.WriteLine("  " + error);
            }
        }

        w.WriteLine(Fmt.Inv($"Ran {Fmt.N(report.Count)} cases {(reform ? "twice (baseline and reform)" : "once")} in {report.Elapsed.TotalSeconds:0.000} s"));
    }
}
