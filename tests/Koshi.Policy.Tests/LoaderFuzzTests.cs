namespace Koshi.Policy.Tests;

/// <summary>Random and mutated packs: the loader answers with diagnostics, never an exception or a hang.</summary>
public sealed class LoaderFuzzTests
{
    private static readonly string[] Files = Directory.EnumerateFiles(Repository.KazakhstanPack, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<int> Seeds()
    {
        // KOSHI_FUZZ_SEEDS raises the count for a longer local run.
        var count = int.TryParse(Environment.GetEnvironmentVariable("KOSHI_FUZZ_SEEDS"), out var n) ? n : 40;
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= count; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_mutated_pack_is_checked_without_crashing(int seed)
    {
        var random = new Random(seed);
        using var pack = TempPack.CopyOf(Repository.KazakhstanPack);
        var file = Files[random.Next(Files.Length)];
        var relative = Path.GetRelativePath(Repository.KazakhstanPack, file);
        var text = File.ReadAllText(file);
        for (var i = 0; i < 1 + random.Next(4); i++)
        {
            text = Mutate(text, random);
        }

        pack.Write(relative, text);

        CheckCompletes(pack, $"seed {seed}, {relative}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_pack_is_checked_without_crashing(int seed)
    {
        var random = new Random(seed * 7919);
        using var pack = TempPack.Create(("random.yaml", RandomYaml(random, 0)));

        CheckCompletes(pack, $"seed {seed}");
    }

    [Fact]
    public void Deep_nesting_and_huge_expressions_are_refused_cleanly()
    {
        var deep = "parameters:\n" + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', 2 * (i + 1)) + $"k{i}:\n"));
        var expression = string.Concat(Enumerable.Repeat("(", 5000)) + "1" + string.Concat(Enumerable.Repeat(")", 5000));
        using var pack = TempPack.Create(("deep.yaml", deep), ("r.yaml", $"ruleset:\n  id: r\n  title: R\n  inputs: {{}}\n  outputs:\n    a: \"{expression}\"\n"));

        var errors = pack.Errors();

        Assert.Contains(errors, e => e.Contains("nesting deeper than", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("nested deeper than", StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_and_non_utf8_files_are_refused_with_their_name()
    {
        using var pack = TempPack.Create();
        File.WriteAllBytes(Path.Combine(pack.Directory, "blob.yaml"), [0xff, 0xfe, 0x00, 0x80, 0x81]);

        Assert.Contains(pack.Errors(), e => e.StartsWith("blob.yaml:1:1:", StringComparison.Ordinal));
    }

    private static void CheckCompletes(TempPack pack, string what)
    {
        // A hang is a failure too: the check must come back well within a minute.
        var check = Task.Run(() => pack.Check());
        Assert.True(check.Wait(TimeSpan.FromSeconds(60)), $"the check of {what} did not finish");
        var (loaded, diagnostics) = check.Result;
        Assert.True(loaded is not null || diagnostics.Any(d => !d.IsWarning), $"{what}: refused without an error");
        Assert.All(diagnostics, d => Assert.True(d.Position.Line >= 1 && d.Position.Column >= 1, d.ToString()));
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return "x";
        }

        var at = random.Next(text.Length);
        var lines = text.Split('\n');
        var line = random.Next(lines.Length);
        string[] junk = [":", "-", "{", "}", "[", "]", "'", "\"", "#", "&a", "*a", "!!", "\t", " ", "\n", "\u0000", "ä", "@", "..", "param(", "1e400", "2026-02-30", "true", "~"];
        return random.Next(8) switch
        {
            0 => text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(20))),
            1 => text.Insert(at, junk[random.Next(junk.Length)]),
            2 => string.Join('\n', lines.Where((_, i) => i != line)),
            3 => string.Join('\n', lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1))),
            4 => text[..at],
            5 => string.Join('\n', lines.Select((l, i) => i == line ? "  " + l : l)),
            6 => text.Replace(text[at], junk[random.Next(junk.Length)][0]),
            _ => string.Join('\n', lines.OrderBy(_ => random.Next()).Take(lines.Length / 2)),
        };
    }

    private static string RandomYaml(Random random, int depth)
    {
        string[] keys = ["pack", "parameters", "scheme", "ruleset", "tests", "population", "id", "title", "type", "values", "inputs", "outputs", "criteria", "table", "rows", "when", "points", "expr", "hit", "columns"];
        string[] scalars = ["1", "2026-01-01", "money", "enum", "'a'", "\"x + 1\"", "[a, b]", "{ value: 3 }", "true", "-", ">= 3", "param(x)", "first", "unique"];
        var sb = new System.Text.StringBuilder();
        var indent = new string(' ', depth * 2);
        for (var i = 0; i < 1 + random.Next(4); i++)
        {
            var key = keys[random.Next(keys.Length)];
            if (depth < 5 && random.Next(3) == 0)
            {
                sb.Append(indent).Append(key).Append(":\n").Append(RandomYaml(random, depth + 1));
            }
            else if (depth < 5 && random.Next(4) == 0)
            {
                sb.Append(indent).Append(key).Append(":\n").Append(indent).Append("  - ").Append(scalars[random.Next(scalars.Length)]).Append('\n');
            }
            else
            {
                sb.Append(indent).Append(key).Append(": ").Append(scalars[random.Next(scalars.Length)]).Append('\n');
            }
        }

        return sb.ToString();
    }
}
