using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// The default <see cref="IMimecastCustomerPoller"/>: one <see cref="MimecastIncidentFeed"/> per execution (so the
/// checkpoint and its version are read fresh from the shared store, whichever worker ran the customer last), over the
/// registered <see cref="IMimecastCheckpointStore"/>; polls once and commits. A
/// <see cref="MimecastCheckpointConflictException"/> from the commit is the fencing at work and is reported as
/// <see cref="MimecastCustomerPollResult.Fenced"/>.
/// </summary>
internal sealed class FeedCustomerPoller(
    IMimecastClientFactory clients,
    IMimecastCheckpointStore store,
    IOptionsMonitor<MimecastFeedClusterOptions> options,
    TimeProvider time,
    ILoggerFactory loggers,
    IMeterFactory meters) : IMimecastCustomerPoller
{
    public async Task<MimecastCustomerPollResult> PollAsync(MimecastFeedCustomer customer, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Feed.Clone();
        settings.CustomerName = customer.Name;
        var feed = new MimecastIncidentFeed(clients.CreateClient(settings.CustomerName), store, settings, time, loggers.CreateLogger("Mimecast.Sdk.Feed"), meters);
        var batch = await feed.PollAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MimecastCheckpointConflictException)
        {
            return new MimecastCustomerPollResult { Fenced = true };
        }

        return new MimecastCustomerPollResult { Events = batch.Events.Count, HasMore = batch.HasMore };
    }
}
