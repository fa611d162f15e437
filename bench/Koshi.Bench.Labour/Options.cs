using System.Globalization;

namespace Koshi.Bench.Labour;

/// <summary>--name value pairs with defaults; the region and pool are the officer's (Astana) and the largest pool.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public string Db => Get("db");

    public string Url => Get("url").TrimEnd('/');

    public string Ids => Get("ids");

    public string? Out => values.GetValueOrDefault("out");

    public int Permits => Int("permits", 20_000);

    public int Seats => Int("seats", 10_000);

    public int Clients => Int("clients", 64);

    public string Region => values.GetValueOrDefault("region", "KZ-71");

    public string Pool => values.GetValueOrDefault("pool", "cat4");

    public string Officer => values.GetValueOrDefault("officer", "officer.astana@demo.koshi.kz");

    public string Admin => values.GetValueOrDefault("admin", "admin@demo.koshi.kz");

    public string Password => values.GetValueOrDefault("password", "Koshi-demo-2026");

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new ArgumentException($"Expected '--name value', got '{name}'.");
            }

            options.values[name[2..]] = e.Current;
        }

        return options;
    }

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    private string Get(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    private int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
