namespace Koshi.Policy.Schemes;

/// <summary>Searches the smallest changes of a failing case's changeable inputs (one input, then two) that make it pass.
/// Inputs only move "up": a higher enum value, a larger number, true instead of false, one more member of a set.</summary>
internal static class PathsToPassFinder
{
    private const int MaxStepsPerInput = 40;
    private const int MaxEvaluations = 20_000;
    private const int MaxPaths = 8;

    public static List<PathToPass> Find(Scheme scheme, CaseInput input, DateOnly asOf)
    {
        var candidates = scheme.Layout.Leaves
            .Where(l => l.Changeable)
            .Select(l => (Input: l, Values: Candidates(l, input.Batch.Get(0, l))))
            .Where(c => c.Values.Count > 0)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var probe = new Probe(scheme, input, asOf);
        var paths = new List<(PathToPass Path, int Effort)>();
        var singles = new HashSet<string>();
        foreach (var (leaf, values) in candidates)
        {
            for (var i = 0; i < values.Count && probe.Budget > 0; i++)
            {
                if (probe.Passes([(leaf, values[i])], out var total))
                {
                    paths.Add((Path([(leaf, values[i])], input, total), i));
                    singles.Add(leaf.Name);
                    break;
                }
            }
        }

        // Pairs, among inputs that cannot reach the mark alone: for each step of the first, the least step of the second.
        var rest = candidates.Where(c => !singles.Contains(c.Input.Name)).ToList();
        for (var a = 0; a < rest.Count; a++)
        {
            for (var b = a + 1; b < rest.Count; b++)
            {
                var least = rest[b].Values.Count;
                for (var i = 0; i < rest[a].Values.Count && probe.Budget > 0; i++)
                {
                    for (var j = 0; j < least && probe.Budget > 0; j++)
                    {
                        var changes = new[] { (rest[a].Input, rest[a].Values[i]), (rest[b].Input, rest[b].Values[j]) };
                        if (probe.Passes(changes, out var total))
                        {
                            paths.Add((Path(changes, input, total), i + j + 1));
                            least = j;
                            break;
                        }
                    }
                }
            }
        }

        return paths.OrderBy(p => p.Path.Changes.Count).ThenBy(p => p.Effort).ThenByDescending(p => p.Path.Total)
            .Take(MaxPaths).Select(p => p.Path).ToList();
    }

    private static PathToPass Path(IEnumerable<(InputDefinition Input, object Value)> changes, CaseInput input, long total)
        => new(changes.Select(c => new InputChange(c.Input.Name, Format.Value(input.Batch.Get(0, c.Input)), Format.Value(c.Value))).ToList(), total);

    private static List<object> Candidates(InputDefinition leaf, object current)
    {
        switch (leaf.Kind)
        {
            case InputKind.Enum:
            {
                var index = leaf.Enum!.IndexOf((string)current);
                return leaf.Enum.Values.Skip(index + 1).Select(v => (object)v.Id).ToList();
            }

            case InputKind.Bool:
                return (bool)current ? [] : [true];
            case InputKind.Integer:
            {
                var value = (long)current;
                var max = leaf.Max is { } m ? (long)m : value + MaxStepsPerInput;
                var result = new List<object>();
                for (var v = value + 1; v <= max && result.Count < MaxStepsPerInput; v++)
                {
                    result.Add(v);
                }

                return result;
            }

            case InputKind.Set:
            {
                var members = (string[])current;
                return leaf.Enum!.Values.Where(v => !members.Contains(v.Id)).Select(v => (object)members.Append(v.Id).ToArray()).ToList();
            }

            default:
                return [];
        }
    }

    /// <summary>Re-runs the compiled scheme on a scratch copy of the case.</summary>
    private sealed class Probe(Scheme scheme, CaseInput input, DateOnly asOf)
    {
        private readonly CaseBatch _scratch = new(input.Batch.Layout, 1) { Count = 1 };
        private readonly long[] _output = new long[scheme.ResultLayout.Stride];

        public int Budget { get; private set; } = MaxEvaluations;

        public bool Passes(IEnumerable<(InputDefinition Input, object Value)> changes, out long total)
        {
            Budget--;
            input.Batch.CopyRow(0, _scratch, 0);
            foreach (var (leaf, value) in changes)
            {
                _scratch.Set(0, leaf, value);
            }

            try
            {
                scheme.Run(_scratch, 0, asOf.DayNumber, _output, 0);
            }
            catch (PolicyEvaluationException)
            {
                total = 0;
                return false;
            }

            total = _output[ResultLayout.Total];
            return _output[ResultLayout.Status] == ResultLayout.Passed;
        }
    }
}
