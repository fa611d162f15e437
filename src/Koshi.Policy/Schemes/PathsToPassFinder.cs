namespace Koshi.Policy.Schemes;

/// <summary>Searches the smallest changes of a failing case's changeable inputs (one input, then two) that make it pass.
/// Inputs only move "up": a higher enum value, a larger number, true instead of false, one more member of a set.</summary>
internal static class PathsToPassFinder
{
    private const int MaxStepsPerInput = 40;
    private const int MaxEvaluations = 20_000;
    private const int MaxPaths = 8;

    /// <summary>One way to move: a single input, or the fields of a record moved together. Each step is a set of
    /// changes, smallest first.</summary>
    private sealed record Mover(string Name, List<(InputDefinition Input, object Value)[]> Steps, bool Refinable);

    public static List<PathToPass> Find(Scheme scheme, CaseInput input, DateOnly asOf)
    {
        var candidates = scheme.Layout.Leaves
            .Where(l => l.Changeable)
            .Select(l => new Mover(l.Name, Candidates(l, input.Batch.Get(0, l)).Select(v => new[] { (l, v) }).ToList(), l.Kind == InputKind.Decimal))
            .Concat(Records(scheme.Layout, input))
            .Where(c => c.Steps.Count > 0)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var probe = new Probe(scheme, input, asOf);
        var paths = new List<(PathToPass Path, int Effort)>();
        var singles = new HashSet<string>();
        foreach (var mover in candidates)
        {
            for (var i = 0; i < mover.Steps.Count && probe.Budget > 0; i++)
            {
                if (probe.Passes(mover.Steps[i], out var total))
                {
                    var step = mover.Steps[i];
                    if (mover.Refinable)
                    {
                        (step, total) = Refine(probe, step[0].Input, i == 0 ? (decimal)input.Batch.Get(0, step[0].Input) : (decimal)mover.Steps[i - 1][0].Value, (decimal)step[0].Value, total);
                    }

                    paths.Add((Path(step, input, total), i));
                    singles.Add(mover.Name);
                    break;
                }
            }
        }

        // Pairs, among movers that cannot reach the mark alone: for each step of the first, the least step of the second.
        var rest = candidates.Where(c => !singles.Contains(c.Name)).ToList();
        for (var a = 0; a < rest.Count; a++)
        {
            for (var b = a + 1; b < rest.Count; b++)
            {
                if (rest[a].Steps[0].Any(x => rest[b].Steps[0].Any(y => y.Input == x.Input)))
                {
                    continue; // a record and one of its own fields
                }

                var least = rest[b].Steps.Count;
                for (var i = 0; i < rest[a].Steps.Count && probe.Budget > 0; i++)
                {
                    for (var j = 0; j < least && probe.Budget > 0; j++)
                    {
                        var changes = rest[a].Steps[i].Concat(rest[b].Steps[j]).ToArray();
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

    /// <summary>A decimal that passes at <paramref name="high"/> but not at <paramref name="low"/>: the least passing value,
    /// to the cent (scores usually step at a threshold, such as a wage at a multiple of the median).</summary>
    private static ((InputDefinition, object)[] Step, long Total) Refine(Probe probe, InputDefinition leaf, decimal low, decimal high, long total)
    {
        while (high - low > 0.01m && probe.Budget > 0)
        {
            var middle = Math.Ceiling((low + high) / 2 * 100) / 100;
            if (middle >= high)
            {
                break;
            }

            if (probe.Passes([(leaf, middle)], out var t))
            {
                (high, total) = (middle, t);
            }
            else
            {
                low = middle;
            }
        }

        return ([(leaf, high)], total);
    }

    /// <summary>A changeable record moves its enum and whole-number fields together, one level up per step (a field at
    /// its top stays): all four language abilities one level up, then two.</summary>
    private static IEnumerable<Mover> Records(CaseLayout layout, CaseInput input)
    {
        foreach (var record in layout.Inputs.Where(i => i is { Kind: InputKind.Record, Changeable: true }))
        {
            var fields = record.Fields
                .Select(f => layout.ByName.GetValueOrDefault(f.Name))
                .OfType<InputDefinition>()
                .Where(l => l.Kind is InputKind.Enum or InputKind.Integer)
                .Select(l => (Leaf: l, Values: Candidates(l, input.Batch.Get(0, l))))
                .Where(f => f.Values.Count > 0)
                .ToList();
            if (fields.Count < 2)
            {
                continue;
            }

            var steps = new List<(InputDefinition, object)[]>();
            for (var k = 0; k < fields.Max(f => f.Values.Count); k++)
            {
                steps.Add(fields.Select(f => (f.Leaf, f.Values[Math.Min(k, f.Values.Count - 1)])).ToArray());
            }

            yield return new Mover(record.Name, steps, Refinable: false);
        }
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

            case InputKind.Decimal:
            {
                // Even steps up to the input's max (or to four times the value, at least 40 more): a passing step is then
                // narrowed to the cent.
                var value = (decimal)current;
                var max = leaf.Max ?? Math.Max(value * 4, value + MaxStepsPerInput);
                if (max <= value)
                {
                    return [];
                }

                var result = new List<object>();
                for (var i = 1; i <= MaxStepsPerInput; i++)
                {
                    var step = Math.Min(max, Math.Ceiling((value + ((max - value) * i / MaxStepsPerInput)) * 100) / 100);
                    if (result.Count == 0 || (decimal)result[^1] < step)
                    {
                        result.Add(step);
                    }
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
