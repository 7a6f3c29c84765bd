using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// One poll of one customer inside a shard run: the <see cref="IMimecastCustomerPoller"/> call with its span, metrics
/// and log lines. A failure is logged and the customer is polled again after its interval; a fenced commit is logged
/// and counted (the poller's next poll reloads the checkpoint).
/// </summary>
internal sealed class CustomerPollRunner(IMimecastCustomerPoller poller, FeedClusterMetrics metrics, TimeProvider time, ILogger<CustomerPollRunner> logger)
{
    /// <summary>Polls <paramref name="customer"/>, due at <paramref name="due"/>; returns when it ended and whether more events wait.</summary>
    public async Task<(DateTimeOffset End, bool MoreWaiting)> PollAsync(MimecastFeedCustomer customer, DateTimeOffset due, bool recovering, CancellationToken cancellationToken)
    {
        var lag = time.GetUtcNow() - due;
        metrics.RecordStart(lag);
        using var activity = metrics.StartPoll(customer.Name, lag, recovering);
        using var scope = ClusterLog.CustomerScope(logger, customer.Name);
        var outcome = "committed";
        var events = 0;
        var more = false;
        var started = time.GetTimestamp();
        try
        {
            var result = await poller.PollAsync(customer, cancellationToken).ConfigureAwait(false);
            metrics.RecordPoll(result, time.GetElapsedTime(started));
            events = result.Events;
            if (result.Fenced)
            {
                outcome = "fenced";
                ClusterLog.Fenced(logger, customer.Name);
            }
            else
            {
                more = result.HasMore;
                ClusterLog.Polled(logger, customer.Name, result.Events, result.HasMore);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled"; // the worker is stopping: nothing uncommitted was stored; the next owner polls it
            more = true;
        }
        catch (Exception ex)
        {
            metrics.RecordFailure();
            outcome = "failed";
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            ClusterLog.PollFailed(logger, customer.Name, ex.GetType().Name, ex);
        }
        finally
        {
            activity?.SetTag("mimecast.feed.cluster.events", events);
            activity?.SetTag("mimecast.feed.cluster.outcome", outcome);
        }

        return (time.GetUtcNow(), more);
    }
}
