using System.Diagnostics;

namespace Koshi.Cli.Infrastructure;

/// <summary>A one-line progress bar on stderr, redrawn at most ten times a second and erased when done.
/// Only created when stderr is a terminal, so logs and pipes never see it.</summary>
internal sealed class ProgressBar : IProgress<long>, IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly long _total;
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _latest;
    private int _drawnLength;

    private ProgressBar(TextWriter error, string label, long total)
    {
        _error = error;
        _label = label;
        _total = total;
    }

    /// <summary>A bar when stderr is a terminal, otherwise nothing; <paramref name="total"/> is 0 when unknown.</summary>
    public static ProgressBar? Start(CliContext context, string label, long total = 0)
        => context.ErrorIsTerminal ? new ProgressBar(context.Error, label, total) : null;

    public void Report(long value)
    {
        lock (_lock)
        {
            // Parallel workers report out of order: keep the furthest count.
            _latest = Math.Max(_latest, value);
            if (_sinceDrawn.ElapsedMilliseconds < 100 && _drawnLength > 0)
            {
                return;
            }

            _sinceDrawn.Restart();
            Draw();
        }
    }

    private void Draw()
    {
        string line;
        if (_total > 0)
        {
            var fraction = Math.Clamp((double)_latest / _total, 0, 1);
            var filled = (int)Math.Round(fraction * Width);
            line = $"{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {Fmt.Pct((long)(fraction * 1000), 1000),6} {Fmt.N(_latest)}/{Fmt.N(_total)} rows";
        }
        else
        {
            line = $"{_label} {Fmt.N(_latest)} rows";
        }

        _error.Write("\r" + line.PadRight(_drawnLength));
        _error.Flush();
        _drawnLength = line.Length;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_drawnLength > 0)
            {
                _error.Write("\r" + new string(' ', _drawnLength) + "\r");
                _error.Flush();
                _drawnLength = 0;
            }
        }
    }
}
