using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// Keeps the schedule in shape. Every worker reads the customer source into its <see cref="CustomerDirectory"/> (no
/// Quartz write: a customer added or removed only changes which customers its shard's runs poll). One worker at a
/// time (the worker's reconcile lock) then makes the shard jobs match <see cref="MimecastFeedClusterOptions.ShardCount"/>:
/// adds a missing shard job with a trigger due now, deletes shard jobs beyond the count and the per-customer jobs of
/// earlier versions, and re-arms a shard job whose trigger was lost (its last re-arm failed while the database was away).
/// </summary>
internal sealed class ScheduleReconciler(
    IMimecastCustomerSource source,
    CustomerDirectory directory,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time,
    ILogger<ScheduleReconciler> logger)
{
    /// <summary>Reads the customer source into this worker's directory; returns the number of customers.</summary>
    public async Task<int> RefreshCustomersAsync(CancellationToken cancellationToken)
    {
        var customers = await source.GetCustomersAsync(cancellationToken).ConfigureAwait(false);
        return directory.Replace(customers, options.CurrentValue.ShardCount);
    }

    /// <summary>Makes the shard jobs match the shard count (run by one worker at a time).</summary>
    public async Task<ReconcileResult> EnsureShardsAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var count = options.CurrentValue.ShardCount;
        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ShardSchedule.Group), cancellationToken).ConfigureAwait(false);
        var existing = jobs.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var wanted = Enumerable.Range(0, count).ToDictionary(ShardSchedule.NameOf, s => s, StringComparer.Ordinal);

        var surplus = jobs.Where(k => !wanted.ContainsKey(k.Name)).ToList();
        if (surplus.Count > 0)
        {
            await scheduler.DeleteJobs(surplus, cancellationToken).ConfigureAwait(false);
        }

        var legacy = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ShardSchedule.LegacyCustomerGroup), cancellationToken).ConfigureAwait(false);
        if (legacy.Count > 0)
        {
            await scheduler.DeleteJobs([.. legacy], cancellationToken).ConfigureAwait(false);
            ClusterLog.LegacyJobsRemoved(logger, legacy.Count);
        }

        var now = time.GetUtcNow();
        var fresh = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        foreach (var (name, shard) in wanted.Where(w => !existing.Contains(w.Key)))
        {
            fresh[ShardSchedule.BuildJob(shard)] = [ShardSchedule.BuildTrigger(shard, now)];
        }

        if (fresh.Count > 0)
        {
            // Replacing is safe: passes run one at a time across the cluster and these jobs did not exist when listed.
            await scheduler.ScheduleJobs(fresh, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }

        // One query for every trigger of the group. A running shard keeps its fired trigger row until the run
        // re-arms it, so a shard job without any trigger lost its re-arm.
        var triggered = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(ShardSchedule.Group), cancellationToken).ConfigureAwait(false))
            .Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var rearmed = 0;
        foreach (var (name, shard) in wanted.Where(w => existing.Contains(w.Key) && !triggered.Contains(w.Key)))
        {
            await scheduler.ScheduleTrigger(ShardSchedule.BuildTrigger(shard, now), TriggerConflict.Keep, cancellationToken).ConfigureAwait(false);
            rearmed++;
            ClusterLog.ShardRearmed(logger, shard);
        }

        return new ReconcileResult(directory.Count, fresh.Count, surplus.Count, rearmed);
    }
}

/// <summary>What one pass did.</summary>
internal readonly record struct ReconcileResult(int Customers, int Added, int Removed, int Rearmed);
