using System.Globalization;

namespace Koshi.Cli.Infrastructure;

/// <summary>Numbers and dates as the command prints them, the same on every machine (invariant culture).</summary>
internal static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string N(long value) => value.ToString("N0", C);

    public static string D(decimal value, int decimals = 1) => value.ToString("N" + decimals, C);

    public static string Signed(decimal value, int decimals = 1) => (value > 0 ? "+" : string.Empty) + value.ToString("N" + decimals, C);

    public static string Signed(long value) => (value > 0 ? "+" : string.Empty) + value.ToString("N0", C);

    /// <summary>A share as a percentage with one decimal ("45.2%"); an empty whole shows as "-".</summary>
    public static string Pct(long part, long whole) => whole == 0 ? "-" : ((decimal)part * 100 / whole).ToString("0.0", C) + "%";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", C);

    public static string Inv(FormattableString text) => text.ToString(C);
}
