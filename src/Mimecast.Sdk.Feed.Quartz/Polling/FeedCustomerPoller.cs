using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The default <see cref="IMimecastCustomerPoller"/>: one <see cref="MimecastIncidentFeed"/> per customer over the
/// registered <see cref="IMimecastCheckpointStore"/>, kept while this worker runs the customer's shard. The feed holds
/// the last committed checkpoint and its version, so a poll that finds nothing new reads and writes nothing in the
/// store; a poll with events commits them fenced on that version. A <see cref="MimecastCheckpointConflictException"/>
/// from the commit is the fencing at work (another execution moved the checkpoint): it is reported as
/// <see cref="MimecastCustomerPollResult.Fenced"/> and the feed reloads the checkpoint at its next poll. When a shard
/// comes from another worker the shard run calls <see cref="Forget"/>, so its customers' checkpoints are read again.
/// </summary>
internal sealed class FeedCustomerPoller(
    IMimecastClientFactory clients,
    IMimecastCheckpointStore store,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time,
    ILoggerFactory loggers,
    IMeterFactory meters) : IMimecastCustomerPoller
{
    private readonly ConcurrentDictionary<string, MimecastIncidentFeed> _feeds = new(StringComparer.Ordinal);

    public async Task<MimecastCustomerPollResult> PollAsync(MimecastFeedCustomer customer, CancellationToken cancellationToken)
    {
        // Taken out while in use: a second poll of the customer at once (a double run) gets a feed of its own.
        var feed = _feeds.TryRemove(customer.Name, out var cached) ? cached : Create(customer.Name);
        var batch = await feed.PollAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MimecastCheckpointConflictException)
        {
            _feeds[customer.Name] = feed; // it has forgotten its checkpoint: the next poll reloads it
            return new MimecastCustomerPollResult { Fenced = true };
        }

        _feeds[customer.Name] = feed;
        return new MimecastCustomerPollResult { Events = batch.Events.Count, HasMore = batch.HasMore };
    }

    /// <summary>Drops the cached feeds (and so the cached checkpoints) of the customers <paramref name="which"/> selects.</summary>
    public void Forget(Func<string, bool> which)
    {
        foreach (var name in _feeds.Keys)
        {
            if (which(name))
            {
                _feeds.TryRemove(name, out _);
            }
        }
    }

    private MimecastIncidentFeed Create(string customer)
    {
        var settings = options.CurrentValue.Feed.Clone();
        settings.CustomerName = customer;
        return new MimecastIncidentFeed(clients.CreateClient(customer), store, settings, time, loggers.CreateLogger("Mimecast.Sdk.Feed"), meters);
    }
}
