using Spectre.Console;

namespace Koshi.Cli.Infrastructure;

/// <summary>A progress bar on stderr drawn by Spectre.Console, erased when done. Only created when stderr is a
/// terminal, so logs and pipes never see it. Workers report from many threads; the bar is redrawn from the latest
/// count about ten times a second on its own thread.</summary>
internal sealed class ProgressBar : IProgress<long>, IDisposable
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _drawing;
    private long _latest;

    private ProgressBar(TextWriter error, string label, long total)
    {
        // Only made when stderr is a terminal: say so, or Spectre would judge by stdout (often a file of results) and
        // fall back to printing lines.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error), Interactive = InteractionSupport.Yes });
        ProgressColumn[] columns = total > 0
            ? [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn()]
            : [new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn()];
        var progress = console.Progress().AutoClear(true).AutoRefresh(true).Columns(columns);
        _drawing = Task.Run(() => progress.StartAsync(async ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1));
            task.IsIndeterminate = total <= 0;
            while (true)
            {
                var latest = Interlocked.Read(ref _latest);
                task.Value = total > 0 ? Math.Min(latest, total) : 0;
                task.Description = Markup.Escape(total > 0 ? $"{label} {Fmt.N(latest)}/{Fmt.N(total)} rows" : $"{label} {Fmt.N(latest)} rows");
                if (_done.Task.IsCompleted)
                {
                    break;
                }

                await Task.WhenAny(_done.Task, Task.Delay(100));
            }
        }));
    }

    /// <summary>A bar when stderr is a terminal, otherwise nothing; <paramref name="total"/> is 0 when unknown.</summary>
    public static ProgressBar? Start(CliContext context, string label, long total = 0)
        => context.ErrorIsTerminal ? new ProgressBar(context.Error, label, total) : null;

    public void Report(long value)
    {
        // Parallel workers report out of order: keep the furthest count.
        var seen = Interlocked.Read(ref _latest);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref _latest, value, seen);
            if (was == seen)
            {
                break;
            }

            seen = was;
        }
    }

    public void Dispose()
    {
        _done.TrySetResult();
        _drawing.GetAwaiter().GetResult();
    }
}
