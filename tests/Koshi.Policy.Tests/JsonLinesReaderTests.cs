using System.Text.Json.Nodes;
using Koshi.Policy.Population;

namespace Koshi.Policy.Tests;

/// <summary>The JSON Lines reader guesses each property from the line before; lines in another order or shape read the same.</summary>
public sealed class JsonLinesReaderTests
{
    private static PopulationProfile Profile => Shared.Kazakhstan.Populations.Single(p => p.Scheme.Id == "permanent-residence");

    [Fact]
    public void Lines_whose_properties_come_in_another_order_read_as_the_same_cases()
    {
        using var stream = new MemoryStream();
        Profile.Generate(1_000, 5, stream);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shuffled = lines.Select((line, i) => i % 3 == 0 ? line : Reorder(line, i)).ToArray();
        var original = Path.Combine(Path.GetTempPath(), $"koshi-jsonl-{Guid.NewGuid():N}.jsonl");
        var changed = Path.Combine(Path.GetTempPath(), $"koshi-jsonl-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(original, lines);
        File.WriteAllLines(changed, shuffled);
        try
        {
            var a = PopulationData.Read(Profile.Scheme, original);
            var b = PopulationData.Read(Profile.Scheme, changed);

            Assert.Equal(1_000, b.Count);
            Assert.NotEqual(lines[1], shuffled[1]);
            var layout = Profile.Scheme.Layout;
            for (var row = 0; row < 1_000; row++)
            {
                foreach (var leaf in layout.Leaves)
                {
                    Assert.Equal(Show(a.Batch.Get(row, leaf)), Show(b.Batch.Get(row, leaf)));
                }
            }
        }
        finally
        {
            File.Delete(original);
            File.Delete(changed);
        }
    }

    /// <summary>A file of several 8 MB blocks (each read while the one before is parsed), with one line longer than a block:
    /// the same cases as in memory, and a bad line in a later block named by its own number.</summary>
    [Fact]
    public void A_file_of_many_blocks_and_a_line_longer_than_one_reads_every_case_and_names_a_late_bad_line()
    {
        const int Count = 24_000;
        using var stream = new MemoryStream();
        Profile.Generate(Count, 8, stream);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(stream.Length > 2 * (8 << 20), $"{stream.Length} bytes: not several blocks");

        // JSON allows spaces between tokens: line 15,000 grows past a whole block and stays the same case.
        lines[14_999] = "{" + new string(' ', 9 << 20) + lines[14_999][1..];
        var path = Path.Combine(Path.GetTempPath(), $"koshi-jsonl-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(path, lines);
            var read = PopulationData.Read(Profile.Scheme, path);
            var expected = Profile.Generate(Count, 8, "generated");

            Assert.Equal(Count, read.Count);
            var layout = Profile.Scheme.Layout;
            Assert.Equal(expected.Batch.Longs.AsSpan(0, Count * layout.LongCount), read.Batch.Longs.AsSpan(0, Count * layout.LongCount));
            Assert.Equal(expected.Batch.Decimals.AsSpan(0, Count * layout.DecimalCount), read.Batch.Decimals.AsSpan(0, Count * layout.DecimalCount));
            Assert.Equal(expected.Batch.Texts.AsSpan(0, Count * layout.TextCount), read.Batch.Texts.AsSpan(0, Count * layout.TextCount));

            lines[21_000] = lines[21_000].Replace("\"citizenship\":\"", "\"citizenship\":\"zz", StringComparison.Ordinal);
            File.WriteAllLines(path, lines);
            var bad = Assert.Throws<PopulationFormatException>(() => PopulationData.Read(Profile.Scheme, path));
            Assert.Equal(21_001, bad.Line);
            Assert.Equal("citizenship", Assert.Single(bad.Errors).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Lines 1, 4, 7... put the applicant's kazakh_level and education second and third and the spouse last; the
    /// lines after them put the spouse first, so its kazakh_level and education come at the very same places, under the
    /// spouse, and the rest reversed.</summary>
    private static string Reorder(string line, int i)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        var spouse = new JsonObject
        {
            ["kazakh_level"] = json["spouse"]!["kazakh_level"]!.DeepClone(),
            ["education"] = json["spouse"]!["education"]!.DeepClone(),
        };
        var first = new[] { "kazakh_level", "education" };
        var rest = json.Where(p => p.Key != "spouse" && !first.Contains(p.Key)).Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
        var result = new JsonObject();
        if (i % 3 == 1)
        {
            result[rest[0].Key] = rest[0].Value;
            foreach (var key in first)
            {
                result[key] = json[key]!.DeepClone();
            }

            foreach (var (key, value) in rest.Skip(1))
            {
                result[key] = value;
            }

            result["spouse"] = spouse;
        }
        else
        {
            result["spouse"] = spouse;
            foreach (var key in first)
            {
                result[key] = json[key]!.DeepClone();
            }

            foreach (var (key, value) in Enumerable.Reverse(rest))
            {
                result[key] = value;
            }
        }

        return result.ToJsonString();
    }

    private static string Show(object value) => value is string[] set ? string.Join("|", set) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
}
