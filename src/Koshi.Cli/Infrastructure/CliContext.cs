using Koshi.Policy;

namespace Koshi.Cli.Infrastructure;

/// <summary>What a verb may touch of the outside world: its two streams, the clock, the current directory,
/// and whether stderr is a terminal (progress bars are drawn only then).</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time, string CurrentDirectory, bool ErrorIsTerminal)
{
    /// <summary>Today's date in Kazakhstan: the one place the command reads the clock.</summary>
    public DateOnly Today => new LegalClock(Time).Today;
}
