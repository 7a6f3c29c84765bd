using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The worker's life: at start, creates the schema and starts the clustered scheduler under the schema lock; then
/// reads the customers and checks the shard jobs every <see cref="MimecastFeedClusterOptions.ReconcileInterval"/>; at
/// stop, ends its shard runs (no new polls; the polls in flight finish, or are cancelled when the host's shutdown
/// timeout is up), which hand their shards on at once, then shuts the scheduler down.
/// </summary>
internal sealed class FeedClusterWorker(
    ISchedulerFactory schedulerFactory,
    ClusterDatabase database,
    ScheduleReconciler reconciler,
    FeedClusterState state,
    ShardOwnership ownership,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time,
    ILogger<FeedClusterWorker> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await database.RunUnderSchemaLockAsync(async ct =>
        {
            var scheduler = await schedulerFactory.GetScheduler(ct).ConfigureAwait(false);
            await scheduler.Start(ct).ConfigureAwait(false);
            state.Scheduler = scheduler;
        }, cancellationToken).ConfigureAwait(false);
        ClusterLog.Started(logger, state.Scheduler!.SchedulerInstanceId, settings.SchedulerName, settings.Schema);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        ownership.BeginStop();
        using var abort = cancellationToken.Register(ownership.AbortPolls);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (state.Scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReconcileUntilStoppedAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The loop rides through database failures; anything that still ends it stops the host. .NET 10's host would
            // then exit with 0 and a supervisor that restarts failed processes would leave this worker down.
            ClusterLog.WorkerFaulted(logger, ex);
            if (Environment.ExitCode == 0)
            {
                Environment.ExitCode = 1;
            }

            throw;
        }
    }

    private async Task ReconcileUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var scheduler = state.Scheduler!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconciler.RefreshCustomersAsync(stoppingToken).ConfigureAwait(false);
                await database.TryRunUnderReconcileLockAsync(async ct =>
                {
                    var result = await reconciler.EnsureShardsAsync(scheduler, ct).ConfigureAwait(false);
                    state.LastReconcile = time.GetUtcNow();
                    ClusterLog.Reconciled(logger, result.Customers, result.Added, result.Removed, result.Rearmed);
                }, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ClusterLog.ReconcileFailed(logger, ex.GetType().Name, ex);
            }

            try
            {
                await Task.Delay(options.CurrentValue.ReconcileInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>What the health check reads from the worker.</summary>
internal sealed class FeedClusterState
{
    public IScheduler? Scheduler { get; set; }

    public DateTimeOffset? LastReconcile { get; set; }
}
