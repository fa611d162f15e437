namespace Koshi.Web.ForeignLabour;

/// <summary>
/// Runs ranked pools' scheduled rounds and takes applications that waited too long out of the pools, every
/// <c>Koshi:Rounds:CheckEverySeconds</c> (a minute by default). Every instance may run it: the database holds each
/// slot's round to one, and each exit to one save. <c>Koshi:Rounds:Scheduled</c> false turns it off.
/// </summary>
internal sealed class RoundScheduler(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<RoundScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Koshi:Rounds:Scheduled", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Koshi:Rounds:CheckEverySeconds", 60))));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var rounds = scope.ServiceProvider.GetRequiredService<AllocationRoundService>();
                var lapsed = await rounds.ExpireAsync(stoppingToken);
                var ran = await rounds.RunDueAsync(stoppingToken);
                if (lapsed > 0 || ran.Count > 0)
                {
                    logger.LogInformation("Scheduled rounds: {Lapsed} application(s) left their pools, {Rounds} round(s) of this slot on record", lapsed, ran.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may still be migrating, or briefly away: the next tick tries again.
                logger.LogWarning(e, "Scheduled rounds could not run this time");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
