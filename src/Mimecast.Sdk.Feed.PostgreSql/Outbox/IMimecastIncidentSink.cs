namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>
/// Where <see cref="MimecastOutboxRelay"/> hands each outbox event: your SIEM, ticketing system or queue.
/// </summary>
/// <remarks>
/// Delivery is <b>at least once</b>: an event is marked delivered only after this method returns, so a crash or an
/// exception in between hands it over again. Make the write idempotent with the key
/// (<see cref="MimecastFeedEvent.CustomerName"/>, <see cref="MimecastFeedEvent.Id"/>): the same key is the same
/// event. Events of one customer arrive in order, one at a time; different customers may be delivered concurrently
/// by different relays.
/// </remarks>
public interface IMimecastIncidentSink
{
    /// <summary>Delivers one event. Throw to have it (and the customer's later events) delivered again later.</summary>
    /// <param name="incident">The event; (<see cref="MimecastFeedEvent.CustomerName"/>, <see cref="MimecastFeedEvent.Id"/>) is its idempotency key.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes once the event is durably accepted.</returns>
    ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken);
}
