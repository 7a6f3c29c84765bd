using Microsoft.Extensions.Logging;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The job of one customer: polls it (again right away while more events wait, at most <see cref="MaxRoundsPerRun"/>
/// times), then re-arms its own trigger one poll interval after the end. Never two at once for one customer in the
/// cluster (<see cref="DisallowConcurrentExecutionAttribute"/>), except in Quartz's rare double runs, which the
/// poller's version fencing makes harmless.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class CustomerPollJob(IMimecastCustomerPoller poller, FeedClusterMetrics metrics, TimeProvider time, ILogger<CustomerPollJob> logger) : IJob
{
    internal const int MaxRoundsPerRun = 10;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var customerName = CustomerSchedule.CustomerOf(context.JobDetail);
        var interval = CustomerSchedule.IntervalOf(context.JobDetail);
        var customer = new MimecastFeedCustomer { Name = customerName, PollInterval = interval };
        var lag = time.GetUtcNow() - context.ScheduledFireTimeUtc.GetValueOrDefault(context.FireTimeUtc);
        metrics.RecordStart(lag);
        using var activity = metrics.StartPoll(customerName, lag, context.Recovering);
        using var scope = ClusterLog.CustomerScope(logger, customerName);
        var events = 0;
        var outcome = "committed";
        if (context.Recovering)
        {
            ClusterLog.Recovering(logger, customerName);
        }

        var delay = interval;
        try
        {
            for (var round = 1; round <= MaxRoundsPerRun; round++)
            {
                var started = time.GetTimestamp();
                var result = await poller.PollAsync(customer, cancellationToken).ConfigureAwait(false);
                metrics.RecordPoll(result, time.GetElapsedTime(started));
                events += result.Events;
                if (result.Fenced)
                {
                    outcome = "fenced";
                    ClusterLog.Fenced(logger, customerName);
                    break;
                }

                ClusterLog.Polled(logger, customerName, result.Events, result.HasMore);
                if (!result.HasMore)
                {
                    break;
                }

                if (round == MaxRoundsPerRun)
                {
                    delay = TimeSpan.Zero; // more waiting: let other customers run first, then come back at once
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            delay = TimeSpan.Zero; // the worker is stopping: the next worker polls right away
            outcome = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            metrics.RecordFailure();
            outcome = "failed";
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            ClusterLog.PollFailed(logger, customerName, ex.GetType().Name, ex);
        }
        finally
        {
            activity?.SetTag("mimecast.feed.cluster.events", events);
            activity?.SetTag("mimecast.feed.cluster.outcome", outcome);
            await RearmAsync(context.Scheduler, customerName, delay).ConfigureAwait(false);
        }
    }

    private async Task RearmAsync(IScheduler scheduler, string customer, TimeSpan delay)
    {
        try
        {
            // Not the job's token: a stopping worker still hands the customer on.
            await scheduler.ScheduleTrigger(CustomerSchedule.BuildTrigger(customer, time.GetUtcNow() + delay), TriggerConflict.Replace, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (SchedulerException ex)
        {
            // The customer was removed while it was being polled (its job is gone), or the store is unreachable:
            // the reconciler re-arms a customer that is still listed and has no trigger.
            ClusterLog.RearmFailed(logger, customer, ex.GetType().Name);
        }
    }
}
