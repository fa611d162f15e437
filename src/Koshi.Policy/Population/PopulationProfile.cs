using System.Globalization;
using System.Text.Json;
using Koshi.Policy.Yaml;

namespace Koshi.Policy.Population;

/// <summary>How to draw one field of a synthetic applicant.</summary>
internal abstract record Distribution
{
    public abstract object Draw(Random random, DateOnly asOf, Func<string, object> earlier);
}

internal sealed record Weighted(IReadOnlyList<(object Value, double Weight)> Choices) : Distribution
{
    private readonly double _total = Choices.Sum(c => c.Weight);

    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
    {
        var x = random.NextDouble() * _total;
        foreach (var (value, weight) in Choices)
        {
            x -= weight;
            if (x < 0)
            {
                return value;
            }
        }

        return Choices[^1].Value;
    }
}

internal sealed record UniformRange(long Min, long Max) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier) => random.NextInt64(Min, Max + 1);
}

internal sealed record Normal(double Mean, double Sd, double Min, double Max, bool Whole) : Distribution
{
    public static double Sample(Random random, double mean, double sd, double min, double max)
    {
        // Box–Muller; clamped to the declared range.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp(mean + (sd * z), min, max);
    }

    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
    {
        var x = Sample(random, Mean, Sd, Min, Max);
        return Whole ? (object)(long)Math.Round(x) : Math.Round((decimal)x, 2);
    }
}

/// <summary>A birth date such that the age on the population's date follows a clamped normal distribution.</summary>
internal sealed record AgeDistribution(double Min, double Max, double Mean, double Sd) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
    {
        var age = (int)Math.Floor(Normal.Sample(random, Mean, Sd, Min, Max + 0.999));
        return asOf.AddYears(-age).AddDays(-random.Next(0, 365));
    }
}

internal sealed record Chance(double P) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier) => random.NextDouble() < P;
}

internal sealed record Members(IReadOnlyList<(string Member, double P)> Chances) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
        => Chances.Where(c => random.NextDouble() < c.P).Select(c => c.Member).ToArray();
}

internal sealed record Constant(object Value) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier) => Value;
}

internal sealed record DatesBetween(DateOnly From, DateOnly To) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
        => DateOnly.FromDayNumber(random.Next(From.DayNumber, To.DayNumber + 1));
}

/// <summary>Dates from <see cref="From"/> to <see cref="To"/>, each day as likely as its weekday's weight (Monday first):
/// offices receive applications on working days, fewer on Fridays and Saturdays, none on Sundays.</summary>
internal sealed record WeekdayDates(DateOnly From, DateOnly To, IReadOnlyList<double> Weekdays) : Distribution
{
    private readonly double[] _cumulative = Cumulative(From, To, Weekdays);

    private static double[] Cumulative(DateOnly from, DateOnly to, IReadOnlyList<double> weekdays)
    {
        var cumulative = new double[to.DayNumber - from.DayNumber + 1];
        var sum = 0.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            // DayOfWeek counts from Sunday; the weights from Monday.
            sum += weekdays[((int)from.AddDays(i).DayOfWeek + 6) % 7];
            cumulative[i] = sum;
        }

        return cumulative;
    }

    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var at = Array.BinarySearch(_cumulative, x);
        at = at >= 0 ? at + 1 : ~at;
        return From.AddDays(Math.Min(at, _cumulative.Length - 1));
    }
}

internal sealed record Conditional(string By, IReadOnlyDictionary<string, Distribution> Cases, Distribution? Otherwise) : Distribution
{
    public override object Draw(Random random, DateOnly asOf, Func<string, object> earlier)
    {
        var key = Format.Value(earlier(By));
        return Cases.TryGetValue(key, out var d) ? d.Draw(random, asOf, earlier)
            : Otherwise?.Draw(random, asOf, earlier) ?? throw new PolicyEvaluationException($"no distribution for {By} = {key}");
    }
}

/// <summary>A synthetic population for a scheme: one distribution per input, drawn in order, reproducible by seed.</summary>
public sealed class PopulationProfile
{
    private readonly List<(InputDefinition Input, Distribution Distribution)> _fields;

    private PopulationProfile(Scheme scheme, DateOnly asOf, string? source, List<(InputDefinition, Distribution)> fields)
    {
        Scheme = scheme;
        AsOf = asOf;
        Source = source;
        _fields = fields;
    }

    public Scheme Scheme { get; }
    public DateOnly AsOf { get; }
    public string? Source { get; }

    /// <summary>Writes <paramref name="count"/> cases as JSON Lines; the same seed writes the same file.</summary>
    public void Generate(int count, int seed, Stream output)
    {
        var random = new Random(seed);
        var batch = new CaseBatch(Scheme.Layout, 1) { Count = 1 };
        var drawn = new Dictionary<string, object>(StringComparer.Ordinal);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = "\n"u8.ToArray();
        foreach (var leaf in Scheme.Layout.Leaves.Where(l => l.Default is not null))
        {
            batch.Set(0, leaf, leaf.Default!);
        }

        for (var i = 0; i < count; i++)
        {
            drawn.Clear();
            foreach (var (input, distribution) in _fields)
            {
                var value = distribution.Draw(random, AsOf, name => drawn[name]);
                drawn[input.Name] = value;
                batch.Set(0, input, value);
            }

            batch.WriteJson(writer, 0);
            writer.Flush();
            output.Write(newline);
            writer.Reset();
        }
    }

    /// <summary>Draws <paramref name="count"/> cases into memory: the same people, in the same order, as <see cref="Generate(int, int, Stream)"/> writes for the seed.</summary>
    public PopulationData Generate(int count, int seed, string name)
    {
        var random = new Random(seed);
        var batch = new CaseBatch(Scheme.Layout, count) { Count = count };
        var drawn = new Dictionary<string, object>(StringComparer.Ordinal);
        var defaults = Scheme.Layout.Leaves.Where(l => l.Default is not null).ToList();
        for (var i = 0; i < count; i++)
        {
            foreach (var leaf in defaults)
            {
                batch.Set(i, leaf, leaf.Default!);
            }

            drawn.Clear();
            foreach (var (input, distribution) in _fields)
            {
                var value = distribution.Draw(random, AsOf, name => drawn[name]);
                drawn[input.Name] = value;
                batch.Set(i, input, value);
            }
        }

        return PopulationData.InMemory(Scheme, batch, name);
    }

    internal static PopulationProfile? Read(YNode node, Diagnostics d, IReadOnlyList<Scheme> schemes)
    {
        var map = NodeReader.Mapping(node, d, "population", node.Position);
        if (map is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(map, d, "a population", "scheme", "as-of", "source", "note", "fields");
        var schemeId = NodeReader.Text(map["scheme"], d, "scheme", map.Position);
        var asOf = NodeReader.Date(map["as-of"], d, "as-of", map.Position);
        var scheme = schemes.FirstOrDefault(s => s.Id == schemeId);
        if (scheme is null)
        {
            if (schemeId is not null && !d.HasErrors)
            {
                d.Error(map.Position, $"population for unknown scheme '{schemeId}'");
            }

            return null;
        }

        var fields = new List<(InputDefinition, Distribution)>();
        var fieldMap = NodeReader.Mapping(map["fields"], d, "fields", map.Position);
        foreach (var (key, value) in fieldMap?.Entries ?? [])
        {
            if (!scheme.Layout.ByName.TryGetValue(key.Value, out var input))
            {
                d.Error(key.Position, $"'{key.Value}' is not an input of scheme '{scheme.Id}'");
                continue;
            }

            if (fields.Any(f => f.Item1 == input))
            {
                d.Error(key.Position, $"'{key.Value}' is given twice");
                continue;
            }

            var distribution = ReadDistribution(value, input, d, fields.Select(f => f.Item1.Name).ToHashSet(), scheme);
            if (distribution is not null)
            {
                fields.Add((input, distribution));
            }
        }

        foreach (var leaf in scheme.Layout.Leaves.Where(l => l.Required && fields.All(f => f.Item1 != l)))
        {
            d.Error(map.Position, $"the population does not draw required input '{leaf.Name}'");
        }

        return asOf is null ? null : new PopulationProfile(scheme, asOf.Value, NodeReader.Translatable(map["source"], d, "source", map.Position), fields);
    }

    private static Distribution? ReadDistribution(YNode node, InputDefinition input, Diagnostics d, HashSet<string> earlier, Scheme scheme)
    {
        var map = NodeReader.Mapping(node, d, $"the distribution of '{input.Name}'", node.Position);
        if (map is null)
        {
            return null;
        }

        if (map["by"] is { } byNode)
        {
            var by = NodeReader.Text(byNode, d, "by", map.Position);
            if (by is null || !earlier.Contains(by))
            {
                d.Error(byNode.Position, $"'by: {by}' must name a field drawn earlier in this population");
                return null;
            }

            var casesNode = map["values"] ?? map["cases"];
            var entries = casesNode is YMapping cm ? cm.Entries : map.Entries.Where(e => e.Key.Value is not ("by" or "source" or "note" or "otherwise")).ToList();
            var cases = new Dictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var (key, value) in entries)
            {
                if (ReadDistribution(value, input, d, earlier, scheme) is { } inner)
                {
                    cases[key.Value] = inner;
                }
            }

            var otherwise = map["otherwise"] is { } o ? ReadDistribution(o, input, d, earlier, scheme) : null;
            return new Conditional(by, cases, otherwise);
        }

        var kinds = new[] { "weights", "range", "normal", "age", "chance", "members", "constant", "dates" };
        NodeReader.OnlyKeys(map, d, $"the distribution of '{input.Name}'", [.. kinds, "weekdays", "source", "note"]);
        if (map["weekdays"] is { } weekdaysNode && map["dates"] is null)
        {
            d.Error(weekdaysNode.Position, $"weekdays weighs the days of 'dates: [from, to]' for '{input.Name}'");
            return null;
        }

        var present = kinds.Where(k => map[k] is not null).ToList();
        if (present.Count != 1)
        {
            d.Error(map.Position, $"the distribution of '{input.Name}' needs exactly one of: {string.Join(", ", kinds)}");
            return null;
        }

        var body = map[present[0]]!;
        switch (present[0])
        {
            case "weights":
            {
                var weights = NodeReader.Mapping(body, d, "weights", map.Position);
                var choices = new List<(object, double)>();
                foreach (var (key, value) in weights?.Entries ?? [])
                {
                    var parsed = CaseReader.FromText(input, key.Value, out InputProblem? error);
                    var weight = NodeReader.Number(value, d, "a weight", key.Position);
                    if (parsed is null)
                    {
                        d.Error(key.Position, $"'{key.Value}' for '{input.Name}': {error!.Message}");
                    }
                    else if (weight is { } w && w >= 0)
                    {
                        choices.Add((parsed, (double)w));
                    }
                }

                return choices.Count == 0 || choices.Sum(c => c.Item2) <= 0 ? Refuse(d, map, "weights need at least one positive weight") : new Weighted(choices);
            }

            case "range":
            {
                var list = NodeReader.Sequence(body, d, "range", map.Position);
                if (list?.Items.Count != 2 || input.Kind != InputKind.Integer)
                {
                    return Refuse(d, map, "range: [min, max] draws whole numbers, for an integer input");
                }

                var min = NodeReader.Number(list.Items[0], d, "min", list.Position);
                var max = NodeReader.Number(list.Items[1], d, "max", list.Position);
                return min is null || max is null || min > max ? Refuse(d, map, "range needs min ≤ max") : new UniformRange((long)min, (long)max);
            }

            case "normal" or "age":
            {
                var p = NodeReader.Mapping(body, d, present[0], map.Position);
                if (p is null)
                {
                    return null;
                }

                NodeReader.OnlyKeys(p, d, present[0], "mean", "sd", "min", "max");
                var mean = NodeReader.Number(p["mean"], d, "mean", p.Position);
                var sd = NodeReader.Number(p["sd"], d, "sd", p.Position);
                var min = NodeReader.Number(p["min"], d, "min", p.Position);
                var max = NodeReader.Number(p["max"], d, "max", p.Position);
                if (mean is null || sd is null || min is null || max is null || min > max || sd < 0)
                {
                    return null;
                }

                if (present[0] == "age")
                {
                    return input.Kind == InputKind.Date ? new AgeDistribution((double)min, (double)max, (double)mean, (double)sd) : Refuse(d, map, "age draws a birth date, for a date input");
                }

                return input.Kind is InputKind.Integer or InputKind.Decimal
                    ? new Normal((double)mean, (double)sd, (double)min, (double)max, input.Kind == InputKind.Integer)
                    : Refuse(d, map, "normal draws numbers");
            }

            case "chance":
            {
                var p = NodeReader.Number(body, d, "chance", map.Position);
                return input.Kind != InputKind.Bool || p is null or < 0 or > 1 ? Refuse(d, map, "chance: p (0 to 1) draws a bool") : new Chance((double)p);
            }

            case "members":
            {
                var m = NodeReader.Mapping(body, d, "members", map.Position);
                if (m is null || input.Kind != InputKind.Set)
                {
                    return Refuse(d, map, "members draws a set");
                }

                var chances = new List<(string, double)>();
                foreach (var (key, value) in m.Entries)
                {
                    if (input.Enum!.IndexOf(key.Value) < 0)
                    {
                        d.Error(key.Position, $"'{key.Value}' is not one of: {input.Enum.Describe()}");
                    }
                    else if (NodeReader.Number(value, d, "a chance", key.Position) is { } p)
                    {
                        chances.Add((key.Value, (double)p));
                    }
                }

                return new Members(chances);
            }

            case "dates":
            {
                var list = NodeReader.Sequence(body, d, "dates", map.Position);
                if (list?.Items.Count != 2 || input.Kind != InputKind.Date)
                {
                    return Refuse(d, map, "dates: [from, to] draws a date");
                }

                var from = NodeReader.Date(list.Items[0], d, "from", list.Position);
                var to = NodeReader.Date(list.Items[1], d, "to", list.Position);
                if (from is null || to is null || from > to)
                {
                    return null;
                }

                return map["weekdays"] is { } weekdays ? ReadWeekdays(weekdays, d, map, from.Value, to.Value) : new DatesBetween(from.Value, to.Value);
            }

            default:
            {
                object? value;
                if (input.Kind == InputKind.Set)
                {
                    var list = NodeReader.Sequence(body, d, "constant", map.Position);
                    value = CaseReader.FromText(input, string.Join('|', list?.Items.OfType<YScalar>().Select(s => s.Value) ?? []), out InputProblem? error);
                    if (value is null)
                    {
                        d.Error(body.Position, error!.Message);
                    }
                }
                else
                {
                    var scalar = NodeReader.Scalar(body, d, "constant", map.Position);
                    value = scalar is null ? null : CaseReader.FromText(input, scalar.Value, out _);
                    if (scalar is not null && value is null)
                    {
                        d.Error(scalar.Position, $"constant for '{input.Name}': {CaseReader.Describe(input)}");
                    }
                }

                return value is null ? null : new Constant(value);
            }
        }
    }

    private static readonly string[] WeekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static Distribution? ReadWeekdays(YNode node, Diagnostics d, YMapping map, DateOnly from, DateOnly to)
    {
        var weekdays = NodeReader.Mapping(node, d, "weekdays", map.Position);
        if (weekdays is null)
        {
            return null;
        }

        NodeReader.OnlyKeys(weekdays, d, "weekdays", WeekdayNames);
        var weights = new double[7];
        for (var i = 0; i < 7; i++)
        {
            if (weekdays[WeekdayNames[i]] is not { } value)
            {
                d.Error(weekdays.Position, $"weekdays needs a weight for each of: {string.Join(", ", WeekdayNames)}");
                return null;
            }

            if (NodeReader.Number(value, d, "a weight", value.Position) is not { } w)
            {
                return null;
            }

            if (w < 0)
            {
                d.Error(value.Position, $"the weight of '{WeekdayNames[i]}' must be a number at least 0");
                return null;
            }

            weights[i] = (double)w;
        }

        var anyDay = false;
        for (var day = from; day <= to && !anyDay; day = day.AddDays(1))
        {
            anyDay = weights[((int)day.DayOfWeek + 6) % 7] > 0;
        }

        return anyDay ? new WeekdayDates(from, to, weights) : Refuse(d, map, "weekdays gives no day between from and to a positive weight");
    }

    private static Distribution? Refuse(Diagnostics d, YMapping map, string message)
    {
        d.Error(map.Position, message);
        return null;
    }

    public override string ToString() => $"population of {Scheme.Id} as of {AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
