using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// One run of one shard: holds the shard for <see cref="MimecastFeedClusterOptions.ShardLease"/>, polls each of its
/// customers when due (async, at most <see cref="MimecastFeedClusterOptions.MaxConcurrentPolls"/> in flight in the
/// worker), then ends and re-arms its trigger: at once when this worker keeps the shard, after a short pause when it
/// runs more than its fair share (so another worker takes it). Never two runs of a shard at once in the cluster
/// (<see cref="DisallowConcurrentExecutionAttribute"/>), except in Quartz's rare double runs, which the checkpoint
/// fencing makes harmless. The due times travel with the job's data, so the next owner keeps the schedule.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
internal sealed class ShardPollJob(
    ShardOwnership ownership,
    CustomerDirectory directory,
    CustomerPollRunner runner,
    IMimecastCustomerPoller poller,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time,
    ILogger<ShardPollJob> logger) : IJob
{
    internal const string DuesKey = "dues";
    internal const string OwnerKey = "owner";
    internal const string EpochKey = "epoch";

    /// <summary>How long a shard handed back waits before it fires, so that workers under their share see it first.</summary>
    internal static readonly TimeSpan HandBackDelay = TimeSpan.FromSeconds(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var shard = ShardSchedule.ShardOfJob(context.JobDetail);
        var state = ownership.StateOf(shard);
        if (!state.TryActivate())
        {
            return; // a second run of the shard in this worker (Quartz's rare double fire): the first one re-arms
        }

        var release = true;
        try
        {
            if (ownership.Stopping.IsCancellationRequested || !await ownership.TryEnterAsync(cancellationToken).ConfigureAwait(false))
            {
                ClusterLog.ShardHandedBack(logger, shard, ownership.Running);
                await RearmAsync(context.Scheduler, shard, HandBackDelay).ConfigureAwait(false);
                return;
            }

            try
            {
                Adopt(context, state, shard);
                await RunAsync(context, shard, state.Plan, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                var map = context.JobDetail.JobDataMap;
                state.Epoch = Epoch(map) + 1;
                map[DuesKey] = state.Plan.Save();
                map[OwnerKey] = context.Scheduler.SchedulerInstanceId;
                map[EpochKey] = state.Epoch.ToString(CultureInfo.InvariantCulture);
                release = await ownership.ExitAsync(CancellationToken.None).ConfigureAwait(false) || ownership.Stopping.IsCancellationRequested;
                if (release)
                {
                    ForgetShard(state, shard);
                    ClusterLog.ShardReleased(logger, shard, ownership.Running);
                }

                // Not the job's token: a stopping worker still hands the shard on.
                await RearmAsync(context.Scheduler, shard, release && !ownership.Stopping.IsCancellationRequested ? HandBackDelay : TimeSpan.Zero).ConfigureAwait(false);
            }
        }
        finally
        {
            state.Deactivate();
        }
    }

    /// <summary>
    /// Takes the shard's plan from the job data unless this worker wrote the job data last (it ran the previous run
    /// and its in-memory plan and checkpoints are current); a shard that comes from elsewhere also drops the
    /// poller's cached checkpoints of its customers, so they are read again.
    /// </summary>
    private void Adopt(IJobExecutionContext context, ShardState state, int shard)
    {
        var map = context.JobDetail.JobDataMap;
        var mine = string.Equals(map.GetString(OwnerKey), context.Scheduler.SchedulerInstanceId, StringComparison.Ordinal)
            && state.Epoch != 0 && Epoch(map) == state.Epoch;
        if (!mine)
        {
            ForgetShard(state, shard);
            state.Plan.Load(map.GetString(DuesKey), options.CurrentValue.DefaultPollInterval);
            ClusterLog.ShardTaken(logger, shard, context.Recovering, state.Plan.Count);
        }
    }

    private void ForgetShard(ShardState state, int shard)
    {
        state.Epoch = 0;
        if (poller is FeedCustomerPoller cached)
        {
            cached.Forget(name => ShardSchedule.ShardOf(name, options.CurrentValue.ShardCount) == shard);
        }
    }

    private async Task RunAsync(IJobExecutionContext context, int shard, ShardPlan plan, CancellationToken jobToken)
    {
        var settings = options.CurrentValue;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(jobToken, ownership.Stopping);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(jobToken, ownership.Abort);
        var leaseEnd = time.GetUtcNow() + settings.ShardLease;
        var running = new Dictionary<string, Task<(DateTimeOffset End, bool MoreWaiting)>>(StringComparer.Ordinal);
        var busy = new HashSet<string>(StringComparer.Ordinal);
        var recovering = context.Recovering;
        long seenVersion = -1;
        try
        {
            await directory.Loaded.WaitAsync(settings.ShardLease, time, stop.Token).ConfigureAwait(false);
            // Bounded: every pass either starts a poll, waits for a due time or a poll's end, or ends at the lease.
            for (var pass = 0; pass < 10_000_000 && !stop.IsCancellationRequested; pass++)
            {
                var now = time.GetUtcNow();
                if (now >= leaseEnd)
                {
                    break;
                }

                if (directory.Version != seenVersion)
                {
                    seenVersion = directory.Version;
                    plan.Sync(directory.CustomersOf(shard), settings.DefaultPollInterval, now);
                }

                Collect(plan, running, busy);
                foreach (var (name, due) in plan.Due(now, busy))
                {
                    if (!ownership.Polls.Wait(0, CancellationToken.None))
                    {
                        await ownership.Polls.WaitAsync(stop.Token).ConfigureAwait(false);
                    }

                    busy.Add(name);
                    running[name] = PollAsync(name, due, recovering, abort.Token);
                }

                var next = plan.NextDue(busy) is { } d && d < leaseEnd ? d : leaseEnd;
                await WaitAsync(next - time.GetUtcNow(), running.Values, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping (or interrupted): finish or cancel what is in flight, then hand the shard on
        }
        catch (TimeoutException)
        {
            ClusterLog.CustomersNotLoaded(logger, shard);
        }
        finally
        {
            // The polls in flight finish (the host's shutdown timeout cancels them through Abort); each releases its slot.
            await Task.WhenAll(running.Values).ConfigureAwait(false);
            Collect(plan, running, busy);
        }

        async Task<(DateTimeOffset, bool)> PollAsync(string name, DateTimeOffset due, bool isRecovery, CancellationToken token)
        {
            try
            {
                await Task.Yield();
                var customer = directory.CustomersOf(shard).FirstOrDefault(c => c.Name == name) ?? new MimecastFeedCustomer { Name = name };
                return await runner.PollAsync(customer, due, isRecovery, token).ConfigureAwait(false);
            }
            finally
            {
                ownership.Polls.Release();
            }
        }
    }

    private static void Collect(ShardPlan plan, Dictionary<string, Task<(DateTimeOffset End, bool MoreWaiting)>> running, HashSet<string> busy)
    {
        foreach (var (name, task) in running.Where(p => p.Value.IsCompleted).ToList())
        {
            running.Remove(name);
            busy.Remove(name);
            var (end, more) = task.GetAwaiter().GetResult(); // the runner never throws
            plan.Completed(name, end, more);
        }
    }

    /// <summary>Waits until <paramref name="delay"/> passes or a poll in flight ends, whichever is first.</summary>
    private async Task WaitAsync(TimeSpan delay, IEnumerable<Task> inFlight, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, time, timer.Token);
        await Task.WhenAny(inFlight.Append(sleep)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task RearmAsync(IScheduler scheduler, int shard, TimeSpan delay)
    {
        try
        {
            await scheduler.ScheduleTrigger(ShardSchedule.BuildTrigger(shard, time.GetUtcNow() + delay), TriggerConflict.Replace, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (SchedulerException ex)
        {
            // The store is unreachable: the reconciler re-arms a shard job left without a trigger.
            ClusterLog.ShardRearmFailed(logger, shard, ex.GetType().Name);
        }
    }

    private static long Epoch(JobDataMap map) =>
        long.TryParse(map.GetString(EpochKey), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : 0;
}
