using System.Diagnostics;

namespace Koshi.Cli.Infrastructure;

/// <summary>
/// Where a command's time goes, phase by phase, printed on stderr when KOSHI_TIMINGS=1: wall time and the process's CPU time
/// (on a shared machine the CPU time is the steadier figure). Off by default, so output stays the same.
/// </summary>
internal sealed class Timings
{
    private readonly TextWriter? _to;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _lastWall;
    private TimeSpan _lastCpu;

    private Timings(TextWriter? to)
    {
        _to = to;
        if (to is not null)
        {
            // Time since the process started: the runtime's start-up before Main.
            var process = Process.GetCurrentProcess();
            var sinceStart = DateTime.Now - process.StartTime;
            _lastCpu = process.TotalProcessorTime;
            to.WriteLine($"timing: {"start-up (before Main)",-28} wall {sinceStart.TotalMilliseconds,8:F0} ms  cpu {_lastCpu.TotalMilliseconds,8:F0} ms");
        }
    }

    public static Timings Start(CliContext context)
        => new(Environment.GetEnvironmentVariable("KOSHI_TIMINGS") == "1" ? context.Error : null);

    public void Phase(string name)
    {
        if (_to is null)
        {
            return;
        }

        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _to.WriteLine($"timing: {name,-28} wall {(wall - _lastWall).TotalMilliseconds,8:F0} ms  cpu {(cpu - _lastCpu).TotalMilliseconds,8:F0} ms");
        _lastWall = wall;
        _lastCpu = cpu;
    }
}
