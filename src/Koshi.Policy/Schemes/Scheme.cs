using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Policy.Packs;
using Koshi.Policy.Schemes;

namespace Koshi.Policy;

/// <summary>A scoring scheme of a pack, compiled: all its versions, one input layout, one delegate.</summary>
public sealed class Scheme
{
    private readonly SchemeKernel _kernel;
    private readonly ScoresKernel _scores;
    private readonly List<CompiledVersion> _versions;
    private readonly PackModel _pack;

    internal Scheme(string packId, string packHash, PackModel pack, CaseLayout layout, SchemeKernel kernel, ScoresKernel scores, ResultLayout result, List<CompiledVersion> versions)
    {
        _scores = scores;
        PackId = packId;
        PackHash = packHash;
        _pack = pack;
        Layout = layout;
        _kernel = kernel;
        ResultLayout = result;
        _versions = versions;
        var newest = versions[^1].Definition;
        Id = newest.Id;
        Title = newest.Title;
        Source = newest.Source;
        ReportBy = newest.ReportBy;
        Criteria = result.Criteria.Select(id => versions.Select(v => v.Definition.Criteria.FirstOrDefault(c => c.Id == id)).Last(c => c is not null)!)
            .Select(c => new CriterionInfo(c.Id, c.Title, c.Bonus, c.Provisional, c.Note, c.Source)).ToList();
        Gates = result.Gates.Select(id => versions.Select(v => v.Definition.Gates.FirstOrDefault(g => g.Id == id)).Last(g => g is not null)!)
            .Select(g => new GateInfo(g.Id, g.Title, g.Reason, g.Source)).ToList();
    }

    public string Id { get; }
    public LocalizedText Title { get; }
    public string? Source { get; }
    public string PackId { get; }
    public string PackHash { get; }
    public IReadOnlyList<InputDefinition> Inputs => Layout.Inputs;

    /// <summary>Inputs by which population runs break their figures down.</summary>
    public IReadOnlyList<string> ReportBy { get; }

    public IReadOnlyList<CriterionInfo> Criteria { get; }
    public IReadOnlyList<GateInfo> Gates { get; }

    /// <summary>A ranking scheme: no pass rule, so the total is a score to rank by and every case its gates admit is "ranked".</summary>
    public bool Ranks => _versions[^1].Definition is { PassRule: null, Criteria.Count: > 0 };

    /// <summary>The dates from which each version applies (null for a version without a start date).</summary>
    public IReadOnlyList<DateOnly?> Versions => _versions.Select(v => v.Definition.EffectiveFrom).ToList();

    internal CaseLayout Layout { get; }

    /// <summary>The parameters of the pack that any version of the scheme reads, in the pack's order.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters => _versions
        .SelectMany(v => v.CriterionParameters.Values.Concat(v.GateParameters.Values).Concat(v.GroupParameters.Values).Append(v.PassParameters))
        .SelectMany(p => p).Distinct().Order().Select(p => _pack.ParameterList[p]).ToList();
    internal ResultLayout ResultLayout { get; }

    /// <summary>Reads a case (a JSON object of this scheme's inputs); every bad field is named in the exception.</summary>
    public CaseInput ReadCase(JsonElement json) => CaseReader.Read(Layout, json);

    public CaseInput ReadCase(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new CaseInputException([new FieldError("$", $"not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            return ReadCase(document.RootElement);
        }
    }

    /// <summary>Scores a case as of <paramref name="asOf"/>, with the full explanation and, when it fails, the paths to pass.</summary>
    public SchemeResult Evaluate(CaseInput input, DateOnly asOf) => Evaluate(input, asOf, withPaths: true);

    internal SchemeResult Evaluate(CaseInput input, DateOnly asOf, bool withPaths)
    {
        if (input.Batch.Layout != Layout)
        {
            throw new ArgumentException($"the case was read for another scheme than '{Id}'", nameof(input));
        }

        var output = new long[ResultLayout.Stride];
        Run(input.Batch, 0, asOf.DayNumber, output, 0);
        var result = Explain(output, input, asOf);
        if (_versions[(int)output[ResultLayout.Version]] is { Derived: { } derived } version)
        {
            var values = derived.Value(input.Batch, 0, asOf.DayNumber, output[ResultLayout.LawDay]);
            var snapshot = _pack.Snapshots.For((int)output[ResultLayout.LawDay]);
            result = result with
            {
                Derived = version.Definition.Derived.Select((x, i) => new DerivedResult(x.Name, Display(values[i], x.Bound!.Type), Uses(snapshot, [.. x.Parameters]))).ToList(),
            };
        }

        return withPaths && !result.Passed ? result with { PathsToPass = PathsToPassFinder.Find(this, input, asOf) } : result;
    }

    /// <summary>Runs the compiled rules; an arithmetic fault in the law's formulas becomes an evaluation error.</summary>
    internal void Run(CaseBatch batch, int row, long asOfDay, long[] output, int offset)
    {
        try
        {
            _kernel(batch, row, asOfDay, output, offset);
        }
        catch (OverflowException)
        {
            throw new PolicyEvaluationException($"scheme '{Id}': a number grew too large");
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new PolicyEvaluationException($"scheme '{Id}': a date fell out of range ({ex.ParamName})");
        }
    }

    /// <summary>Scores rows <paramref name="start"/> to <paramref name="end"/> of a batch into points per criterion, totals
    /// and statuses at index <c>row - rowBase</c>; a row the law cannot be applied to gets status 255 and is reported.</summary>
    internal void ScoreRange(CaseBatch batch, int start, int end, long asOfDay, int rowBase, int[] points, int[] totals, byte[] status,
        Action<int, string> onError)
    {
        var cursor = new int[1];
        while (start < end)
        {
            try
            {
                _scores(batch, start, end, asOfDay, rowBase, points, totals, status, cursor);
                return;
            }
            catch (Exception ex) when (ex is PolicyEvaluationException or OverflowException or ArgumentOutOfRangeException)
            {
                var row = cursor[0];
                status[row - rowBase] = ErrorStatus;
                onError(row, ex is PolicyEvaluationException ? RowMessage(batch, row, asOfDay) ?? ex.Message
                    : $"scheme '{Id}': {(ex is OverflowException ? "a number grew too large" : "a date fell out of range")}");
                start = row + 1;
            }
        }
    }

    internal const byte ErrorStatus = 255;

    /// <summary>The message the row's own evaluation gives: the population loop shares one parameter snapshot over a period
    /// of law dates, so a message naming the date is taken from the row scored alone.</summary>
    private string? RowMessage(CaseBatch batch, int row, long asOfDay)
    {
        try
        {
            _kernel(batch, row, asOfDay, new long[ResultLayout.Stride], 0);
            return null;
        }
        catch (PolicyEvaluationException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private SchemeResult Explain(long[] output, CaseInput input, DateOnly asOf)
    {
        var layout = ResultLayout;
        var version = _versions[(int)output[ResultLayout.Version]];
        var definition = version.Definition;
        var lawDate = DateOnly.FromDayNumber((int)output[ResultLayout.LawDay]);
        var snapshot = _pack.Snapshots.For(lawDate.DayNumber);
        var status = output[ResultLayout.Status];
        var passMark = output[ResultLayout.PassMark];

        var gates = definition.Gates.Select(g =>
        {
            var passed = output[ResultLayout.Gate(layout.Gates.IndexOf(g.Id))] == 1;
            return new GateResult(g.Id, g.Title, passed, passed ? null : g.Reason, g.Source, Uses(snapshot, version.GateParameters[g.Id])) { SourceText = _pack.Translate(g.Source) };
        }).ToList();

        var cutBy = GroupCuts(definition, layout, output);
        var criteria = definition.Criteria.Select(c =>
        {
            var i = layout.Criteria.IndexOf(c.Id);
            var points = output[layout.Points(i)];
            var raw = output[layout.Raw(i)];
            var indicator = (int)output[layout.Indicator(i)];
            var row = output[layout.Row(i)];
            var table = c.BestOf is { } items ? (indicator >= 0 ? items[indicator].Table : null) : c.Table;
            var capped = raw > points ? (cutBy.TryGetValue(c.Id, out var g) ? "group:" + g : "cap") : null;
            return new CriterionResult
            {
                Id = c.Id,
                Title = c.Title,
                Points = points,
                RawPoints = raw,
                Bonus = c.Bonus,
                Applicable = row != ResultLayout.NotApplicable,
                CappedBy = capped,
                Indicator = indicator >= 0 ? c.BestOf![indicator].Id : null,
                Rows = c.ForEach is { } each && c.Table is { } applied
                    ? each.Inputs.SelectMany((input, k) => output[layout.Application(c.Id, k)] is var r and >= 0
                        ? RawRows(applied, r).Select(m => m with { Label = $"{input}: {m.Label}" }).Select(m => m with { Text = _pack.Translate(m.Label) })
                        : []).ToList()
                    : table is null || row < 0 ? [] : Rows(table, row),
                Provisional = c.Provisional,
                Note = c.Note,
                Source = c.Source,
                SourceText = _pack.Translate(c.Source),
                Parameters = Uses(snapshot, Reached(version, c.Id, output[layout.Used(i)])),
            };
        }).ToList();

        var groups = definition.Groups.Select(g => new GroupResult(g.Id, g.Title, output[layout.GroupCap(layout.Groups.IndexOf(g.Id))],
            definition.Members(g).Sum(c => output[layout.Points(layout.Criteria.IndexOf(c.Id))]))
        {
            Group = g.Parent,
            Parameters = Uses(snapshot, version.GroupParameters.GetValueOrDefault(g.Id, [])),
        }).ToList();

        return new SchemeResult
        {
            Scheme = Id,
            SchemeVersion = definition.EffectiveFrom,
            Pack = new PackReference(PackId, PackHash),
            AsOf = asOf,
            LawDate = lawDate,
            LawDateSource = _versions[^1].Definition.LawDateSource,
            Decision = status switch
            {
                ResultLayout.Passed when definition.PassRule is null && definition.Criteria.Count > 0 => "ranked",
                ResultLayout.Passed => "pass",
                ResultLayout.FailedGate => "fail-gate",
                _ => "fail-score",
            },
            Passed = status == ResultLayout.Passed,
            Total = output[ResultLayout.Total],
            PassMark = passMark == long.MinValue ? null : passMark,
            MaxTotal = definition.MaxTotal,
            RegularPoints = output[ResultLayout.BeforeMaxTotal],
            Gates = gates,
            Criteria = criteria,
            Groups = groups,
            PassParameters = Uses(snapshot, version.PassParameters),
            Inputs = JsonNode.Parse(input.ToJson())?.AsObject(),
        };
    }

    /// <summary>Which group, if any, cut each criterion: the caps are replayed on the points after each criterion's own
    /// cap, inner groups first, so the explanation names the outermost group that took points away.</summary>
    private static Dictionary<string, string> GroupCuts(SchemeDefinition definition, ResultLayout layout, long[] output)
    {
        var cuts = new Dictionary<string, string>();
        if (definition.Groups.Count == 0)
        {
            return cuts;
        }

        var kept = definition.Criteria.ToDictionary(c => c.Id, c => output[layout.OwnCapped(layout.Criteria.IndexOf(c.Id))]);
        foreach (var group in definition.GroupsInnerFirst())
        {
            var allowance = output[layout.GroupCap(layout.Groups.IndexOf(group.Id))];
            foreach (var member in definition.Members(group))
            {
                var points = Math.Min(kept[member.Id], Math.Max(allowance, 0));
                if (points < kept[member.Id])
                {
                    cuts[member.Id] = group.Id;
                }

                kept[member.Id] = points;
                allowance -= points;
            }
        }

        return cuts;
    }

    /// <summary>The criterion's parameters without those of its own reads that the case's branches did not reach; a
    /// parameter read through a derived value is always listed (derived values are computed for every case).</summary>
    private static int[] Reached(CompiledVersion version, string criterion, long used)
    {
        var direct = version.DirectParameters.GetValueOrDefault(criterion, []);
        return version.CriterionParameters[criterion]
            .Where(p => Array.IndexOf(direct, p) is var bit && (bit < 0 || bit >= 63 || (used & (1L << bit)) != 0))
            .ToArray();
    }

    /// <summary>A computed value as people read it: dates as dates, enum ordinals as their names.</summary>
    private static string Display(object value, PolicyType type) => (type.Kind, value) switch
    {
        (ValueKind.Date, long day) => Format.Value(DateOnly.FromDayNumber((int)day)),
        (ValueKind.Enum, long ordinal) => type.Enum!.Name(ordinal),
        (ValueKind.Set, long mask) => Format.Value(CaseBatch.SetMembers(type.Enum!, mask)),
        _ => Format.Value(value),
    };

    private List<MatchedRow> Rows(Tables.DecisionTable table, long row) => RawRows(table, row).Select(m => m with { Text = _pack.Translate(m.Label) }).ToList();

    private static List<MatchedRow> RawRows(Tables.DecisionTable table, long row)
    {
        var labels = table.RowLabels;
        if (table.Hit is Tables.HitPolicy.First or Tables.HitPolicy.Unique)
        {
            return [table.Matched((int)row)];
        }

        return Enumerable.Range(0, labels.Count).Where(i => (row & (1L << i)) != 0).Select(table.Matched).ToList();
    }

    private List<ParameterUse> Uses(ParameterSnapshot snapshot, int[] indexes)
        => indexes.Order().Select(i =>
        {
            var definition = _pack.ParameterList[i];
            var value = snapshot.Value(i);
            return value is null
                ? new ParameterUse(definition.Name, "(no value)", definition.Unit, snapshot.Date, null, false, null)
                : new ParameterUse(definition.Name, value.Display, definition.Unit, value.From, value.Source, value.Provisional, value.Note) { SourceText = _pack.Translate(value.Source) };
        }).ToList();

    public override string ToString() => Id;
}

public sealed record CriterionInfo(string Id, LocalizedText Title, bool Bonus, bool Provisional, string? Note, string? Source);

public sealed record GateInfo(string Id, LocalizedText Title, LocalizedText Reason, string? Source);

internal static class Format
{
    public static string Value(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string[] members => "[" + string.Join(", ", members) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
