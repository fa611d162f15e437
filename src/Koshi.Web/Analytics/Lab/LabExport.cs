using Koshi.Web.Platform;

namespace Koshi.Web.Analytics.Lab;

/// <summary>A run's result as one long CSV table: section, measure, group, baseline, reform (one figure a row, any tool pivots it).</summary>
public static class LabExport
{
    private static readonly Dataset Table = new("lab-run", "A policy lab run: one figure a row, baseline and reform side by side.", "run",
        [new("section", ColumnKind.Text, "What the row belongs to: run, change, totals, flips, by_<input>, output, fairness_<attribute>, fees, fees_by_sector_group, fees_by_category, fees_employers"),
         new("measure", ColumnKind.Text, "The figure"), new("group", ColumnKind.Text, "The group or value the figure is for, if any"),
         new("baseline", ColumnKind.Text, "Under the pack in force"), new("reform", ColumnKind.Text, "Under the reform")], []);

    public static byte[] Csv(LabRun run) => CsvExport.Utf8([Table.Columns.Select(c => (object?)c.Name), .. Rows(run)]);

    /// <summary>The same rows as the CSV, as Parquet with text columns (figures in invariant form).</summary>
    public static byte[] Parquet(LabRun run) => Exports.Parquet(Table.With([.. Rows(run).Select(r => r.Select(Text).ToArray())]));

    private static object? Text(object? cell) => cell switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    private static List<object?[]> Rows(LabRun run)
    {
        var rows = new List<object?[]>();
        void Row(string section, string measure, string? group, object? baseline, object? reform) => rows.Add([section, measure, group, baseline, reform]);
        Row("run", "target", null, run.Target.Key, run.Target.Key);
        Row("run", "pack_hash", null, run.BaselineHash, run.ReformHash);
        Row("run", "population", run.Population.Description, run.Population.Hash, run.Population.Hash);
        Row("run", "as_of", null, run.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null);
        foreach (var change in run.Changes)
        {
            Row("change", change.Name, change.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, change.Value);
        }

        if (run.Scheme is { } s)
        {
            Row("totals", "cases", null, s.Count, s.Count);
            Row("totals", "passed", null, s.Baseline.Passed, s.Reform?.Passed);
            Row("totals", "failed_gate", null, s.Baseline.FailedGate, s.Reform?.FailedGate);
            Row("totals", "failed_score", null, s.Baseline.FailedScore, s.Reform?.FailedScore);
            Row("totals", "mean_total", null, s.Baseline.MeanTotal, s.Reform?.MeanTotal);
            Row("flips", "fail_to_pass", null, null, s.ToPass);
            Row("flips", "pass_to_fail", null, null, s.ToFail);
            foreach (var flip in s.Flips)
            {
                Row("flip", "row", flip.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{flip.BaselineTotal} {flip.BaselineDecision}", $"{flip.ReformTotal} {flip.ReformDecision}");
            }

            foreach (var breakdown in s.Breakdowns)
            {
                foreach (var row in breakdown.Rows)
                {
                    Row("by_" + breakdown.Input, "passed", row.Value, row.BaselinePassed, row.ReformPassed);
                }
            }
        }

        if (run.Fees is { } fees)
        {
            Row("fees", "year", null, fees.Year, fees.Year);
            Row("fees", "mrp_of_year", null, fees.MrpOfYear, fees.ReformMrpOfYear);
            Row("fees", "invoices", null, fees.Invoices, fees.Invoices);
            Row("fees", "permits", null, fees.Permits, fees.Permits);
            Row("fees", "invoiced_mrp", null, fees.InvoicedMrp, null);
            Row("fees", "invoiced_kzt", null, fees.InvoicedKzt, null);
            Row("fees", "baseline_differs", null, fees.BaselineDiffers, null);
            Row("fees", "revenue_mrp", null, fees.BaselineMrp, fees.ReformMrp);
            Row("fees", "revenue_kzt", null, fees.BaselineKzt, fees.ReformKzt);
            foreach (var (section, groups) in new[] { ("fees_by_sector_group", fees.BySectorGroup), ("fees_by_category", fees.ByCategory) })
            {
                foreach (var g in groups)
                {
                    Row(section, "invoices", g.Group, g.Invoices, g.Invoices);
                    Row(section, "revenue_mrp", g.Group, g.BaselineMrp, g.ReformMrp);
                    Row(section, "revenue_kzt", g.Group, g.BaselineKzt, g.ReformKzt);
                }
            }

            Row("fees_employers", "employers", null, fees.Employers, fees.Employers);
            Row("fees_employers", "pay_more", null, null, fees.EmployersPayMore);
            Row("fees_employers", "pay_less", null, null, fees.EmployersPayLess);
            Row("fees_employers", "pay_same", null, null, fees.EmployersPaySame);
        }

        if (run.Round is { } round)
        {
            Row("round", "source", round.Source, round.Region + " " + round.Pool, null);
            Row("round", "published_cut_off", round.PublishedRound?.ToString(System.Globalization.CultureInfo.InvariantCulture), round.PublishedCutOff, null);
            foreach (var (measure, b, f) in new (string, object?, object?)[]
            {
                ("seats", round.Baseline.Seats, round.Reform.Seats), ("applicants", round.Baseline.Applicants, round.Reform.Applicants),
                ("admitted", round.Baseline.Admitted, round.Reform.Admitted), ("cut_off", round.Baseline.CutOff, round.Reform.CutOff),
                ("skilled_admitted", round.Baseline.SkilledAdmitted, round.Reform.SkilledAdmitted), ("skilled_share", round.Baseline.SkilledShare, round.Reform.SkilledShare),
                ("skilled_share_first_come", round.Baseline.SkilledShareFirstCome, round.Reform.SkilledShareFirstCome),
                ("in_demand_admitted", round.Baseline.InDemandAdmitted, round.Reform.InDemandAdmitted), ("qualified_admitted", round.Baseline.QualifiedAdmitted, round.Reform.QualifiedAdmitted),
            })
            {
                Row("round", measure, null, b, f);
            }

            Row("round", "admitted_changed", null, null, round.AdmittedChanged);
        }

        if (run.RuleSet is { } r)
        {
            Row("totals", "rows_changed", null, null, r.RowsChanged);
            foreach (var output in r.Outputs)
            {
                if (output.BaselineSum is not null || output.ReformSum is not null)
                {
                    Row("output", output.Output + ".sum", null, output.BaselineSum, output.ReformSum);
                }

                foreach (var value in output.Values)
                {
                    Row("output", output.Output, value.Value, value.Baseline, value.Reform);
                }
            }

            foreach (var change in r.Changes)
            {
                foreach (var moved in change.Outputs)
                {
                    Row("changed_row", moved.Output, change.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), moved.Baseline, moved.Reform);
                }
            }
        }

        if (run.FairnessBaseline is { } fb && run.FairnessReform is { } fr)
        {
            foreach (var attribute in fb.Attributes)
            {
                var after = fr.Attributes.First(a => a.Attribute == attribute.Attribute).Groups.ToDictionary(g => g.Value);
                foreach (var group in attribute.Groups)
                {
                    var reform = after.GetValueOrDefault(group.Value);
                    Row("fairness_" + attribute.Attribute, "pass_rate", group.Value, group.PassRate, reform?.PassRate);
                    Row("fairness_" + attribute.Attribute, "pass_rate_at_equal_merit", group.Value, group.StandardisedRate, reform?.StandardisedRate);
                    foreach (var gate in group.Gates)
                    {
                        Row("fairness_" + attribute.Attribute, "gate_" + gate.Gate, group.Value, gate.Rate, reform?.Gates.FirstOrDefault(g => g.Gate == gate.Gate)?.Rate);
                    }
                }
            }
        }

        return rows;
    }
}
