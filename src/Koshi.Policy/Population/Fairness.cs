using Koshi.Policy.Schemes;

namespace Koshi.Policy.Population;

/// <summary>
/// The fairness report of a scheme over a population: pass rates by citizenship, sex and age band, compared within bands
/// of equal merit (the same points total), and each gate's pass rate by group, so that a gate which falls unequally shows.
/// </summary>
public static class Fairness
{
    public const int DefaultBandWidth = 10;

    /// <summary>The attributes looked for, in order: inputs of these names (age is derived from <c>birth_date</c>).</summary>
    public static readonly IReadOnlyList<string> Attributes = ["citizenship", "sex", "age_band"];

    /// <summary>Groups smaller than this are marked: their rates move a lot with a few people.</summary>
    public const int SmallGroup = 30;

    public const string Method =
        "Each person is scored once under the pack as of the date. A person's merit is their points total (every criterion is scored "
        + "even when a gate fails), grouped into bands of equal width. For each attribute and group: the share who pass; the share who "
        + "would pass if the group had the whole population's mix of merit bands (direct standardisation: the group's pass rate in each "
        + "band, weighted by the band's share of the whole population; bands where the group has nobody are left out and the weights "
        + "rescaled); and the gap between that and the whole population's pass rate. Within one band every person has the same total, "
        + "so a gap there comes from the gates, not from the points. Each gate's pass rate is given by group. Rates describe this "
        + "population only; groups under 30 people are marked as small. Age band is the age on the as-of date, from birth_date. "
        + "Sex is the scheme's sex input, which no rule reads: taken from the IIN on a real case, drawn from the pack's profile in a generated population.";

    public static FairnessReport Run(PopulationData population, DateOnly asOf, int bandWidth = DefaultBandWidth, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bandWidth, 1);
        var scheme = population.Scheme;
        var layout = scheme.ResultLayout;
        var batch = population.Batch;
        var attributes = new List<(string Name, Func<int, string> Value)>();
        var missing = new List<string>();
        foreach (var name in Attributes)
        {
            if (name == "age_band" && batch.Layout.ByName.TryGetValue("birth_date", out var birth) && birth.Kind == InputKind.Date)
            {
                attributes.Add((name, row => AgeBand((DateOnly)batch.Get(row, birth), asOf)));
            }
            else if (batch.Layout.ByName.TryGetValue(name, out var input) && input.Kind is InputKind.Text or InputKind.Enum or InputKind.Bool)
            {
                attributes.Add((name, row => Format.Value(batch.Get(row, input))));
            }
            else
            {
                missing.Add(name == "age_band" ? "age_band (the scheme has no birth_date input)" : $"{name} (not an input of {scheme.Id}, so not in the population)");
            }
        }

        var gates = layout.Gates;
        var count = population.Count;
        var status = new byte[count];
        var totals = new long[count];
        var gatePassed = new sbyte[count * gates.Count];
        Parallel.For(0, (count + 4095) / 4096, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var output = new long[layout.Stride];
            for (var row = chunk * 4096; row < Math.Min(count, (chunk + 1) * 4096); row++)
            {
                try
                {
                    scheme.Run(batch, row, asOf.DayNumber, output, 0);
                }
                catch (PolicyEvaluationException)
                {
                    status[row] = Scheme.ErrorStatus;
                    continue;
                }

                status[row] = (byte)output[ResultLayout.Status];
                totals[row] = output[ResultLayout.Total];
                for (var g = 0; g < gates.Count; g++)
                {
                    gatePassed[(row * gates.Count) + g] = (sbyte)output[ResultLayout.Gate(g)];
                }
            }
        });

        long Band(int row) => (long)Math.Floor((double)totals[row] / bandWidth) * bandWidth;
        var scored = 0L;
        var passed = 0L;
        var bandCounts = new Dictionary<long, long>();
        for (var row = 0; row < count; row++)
        {
            if (status[row] == Scheme.ErrorStatus)
            {
                continue;
            }

            scored++;
            passed += status[row] == ResultLayout.Passed ? 1 : 0;
            var band = Band(row);
            bandCounts[band] = bandCounts.GetValueOrDefault(band) + 1;
        }

        var overall = scored == 0 ? 0 : (decimal)passed / scored;
        var reports = new List<AttributeReport>();
        foreach (var (name, value) in attributes)
        {
            var groups = new Dictionary<string, GroupTally>(StringComparer.Ordinal);
            for (var row = 0; row < count; row++)
            {
                if (status[row] == Scheme.ErrorStatus)
                {
                    continue;
                }

                var key = value(row);
                if (!groups.TryGetValue(key, out var tally))
                {
                    groups[key] = tally = new GroupTally(gates.Count);
                }

                tally.Add(Band(row), status[row] == ResultLayout.Passed, gatePassed.AsSpan(row * gates.Count, gates.Count));
            }

            reports.Add(new AttributeReport(name, groups
                .OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Value.Report(g.Key, bandCounts, scored, overall, gates))
                .ToList()));
        }

        return new FairnessReport
        {
            Scheme = scheme.Id,
            PackHash = scheme.PackHash,
            AsOf = asOf,
            Population = population.Path,
            Count = count,
            Scored = scored,
            Passed = passed,
            PassRate = Math.Round(overall, 4),
            BandWidth = bandWidth,
            Method = Method,
            Gates = [.. gates],
            Attributes = reports,
            NotAvailable = missing,
        };
    }

    /// <summary>Age bands of ten years from 25, the first and last open (ages at the as-of date).</summary>
    public static string AgeBand(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
        return age switch
        {
            < 25 => "under 25",
            < 35 => "25-34",
            < 45 => "35-44",
            < 55 => "45-54",
            _ => "55 and over",
        };
    }

    private sealed class GroupTally(int gates)
    {
        public long Count;
        public long Passed;
        public readonly Dictionary<long, long[]> Bands = [];
        public readonly long[] GateApplied = new long[gates];
        public readonly long[] GatePassed = new long[gates];

        public void Add(long band, bool pass, ReadOnlySpan<sbyte> gateResults)
        {
            Count++;
            Passed += pass ? 1 : 0;
            if (!Bands.TryGetValue(band, out var counts))
            {
                Bands[band] = counts = new long[2];
            }

            counts[0]++;
            counts[1] += pass ? 1 : 0;
            for (var g = 0; g < gateResults.Length; g++)
            {
                if (gateResults[g] >= 0)
                {
                    GateApplied[g]++;
                    GatePassed[g] += gateResults[g];
                }
            }
        }

        public GroupReport Report(string value, Dictionary<long, long> bandCounts, long scored, decimal overall, List<string> gates)
        {
            // Direct standardisation: the group's rate in each band, weighted by the whole population's share of that band.
            decimal weighted = 0, weights = 0;
            foreach (var (band, counts) in Bands)
            {
                var w = (decimal)bandCounts[band] / scored;
                weighted += w * counts[1] / counts[0];
                weights += w;
            }

            var standardised = weights == 0 ? 0 : weighted / weights;
            return new GroupReport(
                value,
                Count,
                Passed,
                Math.Round((decimal)Passed / Count, 4),
                Math.Round(standardised, 4),
                Math.Round(standardised - overall, 4),
                Count < SmallGroup,
                gates.Select((id, g) => new GateRate(id, GateApplied[g], GatePassed[g], GateApplied[g] == 0 ? null : Math.Round((decimal)GatePassed[g] / GateApplied[g], 4))).ToList(),
                Bands.OrderBy(b => b.Key).Select(b => new BandRate(b.Key, b.Value[0], b.Value[1])).ToList());
        }
    }
}

public sealed record FairnessReport
{
    public string Schema { get; init; } = "koshi.fairness/1";
    public required string Scheme { get; init; }
    public required string PackHash { get; init; }
    public required DateOnly AsOf { get; init; }
    public required string Population { get; init; }
    public required int Count { get; init; }
    public required long Scored { get; init; }
    public required long Passed { get; init; }
    public required decimal PassRate { get; init; }
    public required int BandWidth { get; init; }
    public required string Method { get; init; }
    public required IReadOnlyList<string> Gates { get; init; }
    public required IReadOnlyList<AttributeReport> Attributes { get; init; }

    /// <summary>Attributes the report looked for and could not find, with why.</summary>
    public required IReadOnlyList<string> NotAvailable { get; init; }
}

public sealed record AttributeReport(string Attribute, IReadOnlyList<GroupReport> Groups);

/// <summary>One group: its pass rate, the rate at the whole population's merit mix, the gap to the whole population, and each gate's pass rate.</summary>
public sealed record GroupReport(string Value, long Count, long Passed, decimal PassRate, decimal StandardisedRate, decimal Gap, bool Small,
    IReadOnlyList<GateRate> Gates, IReadOnlyList<BandRate> Bands);

public sealed record GateRate(string Gate, long Applied, long Passed, decimal? Rate);

public sealed record BandRate(long From, long Count, long Passed);
