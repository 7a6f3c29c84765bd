using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// Makes the scheduled jobs match the customer source: schedules new customers, unschedules removed ones and updates
/// changed intervals. Runs in every worker; idempotent and safe when several run at once (job writes replace the
/// same row, and a trigger is only added with <see cref="TriggerConflict.Keep"/> or <see cref="TriggerConflict.KeepEarlier"/>).
/// </summary>
internal sealed class ScheduleReconciler(
    IMimecastCustomerSource source,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time,
    ILogger<ScheduleReconciler> logger)
{
    public async Task<ReconcileResult> ReconcileAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var wanted = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var customer in await source.GetCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(customer?.Name))
            {
                throw new InvalidOperationException("The customer source listed a customer without a name.");
            }

            var interval = customer.PollInterval ?? settings.DefaultPollInterval;
            if (interval < TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Customer '{customer.Name}' has a negative poll interval.");
            }

            if (!wanted.TryAdd(customer.Name, interval))
            {
                throw new InvalidOperationException($"The customer source listed customer '{customer.Name}' twice.");
            }
        }

        var existing = new Dictionary<string, IJobDetail>(StringComparer.Ordinal);
        var keys = await ListJobKeysAsync(scheduler, cancellationToken).ConfigureAwait(false);
        if (keys.Count > 0)
        {
            foreach (var job in await scheduler.GetJobDetails(keys, cancellationToken).ConfigureAwait(false))
            {
                if (job is not null)
                {
                    existing[job.Key.Name] = job;
                }
            }
        }

        int added = 0, removed = 0, changed = 0, rearmed = 0;
        foreach (var name in existing.Keys.Where(n => !wanted.ContainsKey(n)).ToList())
        {
            if (await scheduler.DeleteJob(CustomerSchedule.JobKeyOf(name), cancellationToken).ConfigureAwait(false))
            {
                removed++;
                ClusterLog.CustomerRemoved(logger, name);
            }
        }

        var now = time.GetUtcNow();
        // One query for every trigger of the group, not one per customer (thousands of customers, every pass).
        var triggered = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(CustomerSchedule.Group), cancellationToken).ConfigureAwait(false))
            .Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var newNames = wanted.Keys.Where(n => !existing.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        var fresh = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        for (var i = 0; i < newNames.Count; i++)
        {
            // The first polls of customers added together are spread evenly over one interval (a first start with
            // thousands of customers polls them at the steady rate, not all at once); a single new customer polls now.
            var name = newNames[i];
            var interval = wanted[name];
            fresh[CustomerSchedule.BuildJob(name, interval)] = [CustomerSchedule.BuildTrigger(name, now + (interval * i / newNames.Count))];
            ClusterLog.CustomerAdded(logger, name, interval, "new");
        }

        foreach (var (name, interval) in wanted)
        {
            if (!existing.TryGetValue(name, out var job))
            {
                continue;
            }

            if (CustomerSchedule.IntervalOf(job) != interval)
            {
                await scheduler.AddJob(CustomerSchedule.BuildJob(name, interval), AddJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
                await scheduler.ScheduleTrigger(CustomerSchedule.BuildTrigger(name, now + interval), TriggerConflict.KeepEarlier, cancellationToken).ConfigureAwait(false);
                changed++;
                ClusterLog.CustomerChanged(logger, name, interval);
            }

            if (!triggered.Contains(name) && !await scheduler.Exists(CustomerSchedule.TriggerKeyOf(name), cancellationToken).ConfigureAwait(false)
                && !await HasAnyTriggerAsync(scheduler, name, cancellationToken).ConfigureAwait(false))
            {
                // A job without a trigger: its last re-arm failed (database unreachable). Poll it now.
                await scheduler.ScheduleTrigger(CustomerSchedule.BuildTrigger(name, now), TriggerConflict.Keep, cancellationToken).ConfigureAwait(false);
                rearmed++;
                ClusterLog.CustomerRearmed(logger, name);
            }
        }

        if (fresh.Count > 0)
        {
            // One call for every new customer (thousands at a first start). Replacing is safe: passes run one at a
            // time across the cluster and these jobs did not exist when this pass listed them.
            await scheduler.ScheduleJobs(fresh, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
            added = fresh.Count;
        }

        return new ReconcileResult(wanted.Count, added, removed, changed, rearmed);
    }

    private static async Task<IReadOnlyCollection<JobKey>> ListJobKeysAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var jobs = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(CustomerSchedule.Group), Take = PagedQuery.All }, cancellationToken).ConfigureAwait(false);
        return [.. jobs.Items.Select(j => j.Key)];
    }

    private static async Task<bool> HasAnyTriggerAsync(IScheduler scheduler, string name, CancellationToken cancellationToken)
    {
        var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = CustomerSchedule.JobKeyOf(name), Take = 1 }, cancellationToken).ConfigureAwait(false);
        return triggers.Items.Count > 0;
    }
}

/// <summary>What one reconciliation did.</summary>
internal readonly record struct ReconcileResult(int Customers, int Added, int Removed, int Changed, int Rearmed);
