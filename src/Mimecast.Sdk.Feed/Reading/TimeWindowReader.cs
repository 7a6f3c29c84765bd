namespace Mimecast.Sdk.Feed;

/// <summary>
/// The time + identity read of a time-ordered source (TTP logs, audit events): delivers every record from the
/// window start on whose identity is not in the checkpoint, counts and logs records that came later than the
/// overlap window covers, and moves the window to <see cref="MimecastIncidentFeedOptions.OverlapWindow"/> behind the
/// newest delivered event. The records must come oldest first.
/// </summary>
internal sealed class TimeWindowReader(FeedKindContext context)
{
    internal async Task<FeedKindResult> ReadAsync<T>(
        MimecastFeedKind kind,
        DateTimeOffset windowStart,
        DateTimeOffset from,
        MimecastFeedCheckpoint? checkpoint,
        IAsyncEnumerable<T?> records,
        Func<T, DateTimeOffset?> timeOf,
        Func<T, string?> naturalIdOf,
        Func<T, string> contentKeyOf,
        Func<T, string, DateTimeOffset, bool, MimecastFeedEvent> createEvent,
        CancellationToken cancellationToken)
        where T : class
    {
        var options = context.Options;
        var customer = context.Customer;
        // Every record from windowStart on that is not in `delivered` is new, however late Mimecast published it.
        // Records in the detection zone [from, windowStart) not in `delivered` came later than the window covers:
        // counted and logged (not delivered), and remembered so they are reported once. `newest` is the second of
        // the newest event delivered so far; below `oldestKnown` the feed remembers nothing and cannot tell.
        var delivered = new Dictionary<string, DateTimeOffset>(checkpoint?.Delivered ?? new Dictionary<string, DateTimeOffset>(), StringComparer.Ordinal);
        var newest = delivered.Count == 0 ? windowStart : delivered.Values.Max();
        var oldestKnown = delivered.Count == 0 ? windowStart : delivered.Values.Min();
        var position = from;
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<MimecastFeedEvent>();
        var limitReached = false;
        var late = 0;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record is null)
            {
                continue;
            }

            var reported = timeOf(record);
            var estimated = reported is null;
            var second = reported is { } t ? MimecastFeedCheckpoint.TruncateToSecond(t) : position;
            if (second < from)
            {
                // Behind what was asked for: nothing is remembered there, so it cannot be told apart from an event
                // delivered long ago. Counted and logged, never silently dropped.
                context.Telemetry.RecordBeyondWindow(customer, kind);
                FeedLog.RecordBeyondWindow(context.Logger, customer, kind, second, windowStart);
                continue;
            }

            position = second > position ? second : position;
            var id = naturalIdOf(record);
            if (id is null)
            {
                // The content key includes the record's full time, so equal keys are records identical within one second.
                var key = contentKeyOf(record);
                var n = occurrences.GetValueOrDefault(key) + 1;
                occurrences[key] = n;
                id = string.Concat(key, "#", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (delivered.ContainsKey(id))
            {
                continue;
            }

            if (second < windowStart)
            {
                if (second >= oldestKnown)
                {
                    delivered[id] = second;
                    context.Telemetry.RecordBeyondWindow(customer, kind);
                    FeedLog.RecordBeyondWindow(context.Logger, customer, kind, second, windowStart);
                }

                continue;
            }

            if (events.Count >= options.MaxEventsPerPoll)
            {
                limitReached = true;
                break;
            }

            if (estimated)
            {
                FeedLog.RecordWithoutTime(context.Logger, customer, kind, position);
            }

            if (second < newest)
            {
                late++;
            }

            delivered[id] = second;
            newest = second > newest ? second : newest;
            events.Add(createEvent(record, id, reported ?? position, estimated));
        }

        // The window moves to OverlapWindow behind the newest delivered event (never backwards). Identities are kept
        // one more OverlapWindow behind it (the detection zone) and pruned beyond.
        var nextStart = newest - options.OverlapWindow;
        nextStart = MimecastFeedCheckpoint.TruncateToSecond(nextStart > windowStart ? nextStart : windowStart);
        var keepFrom = nextStart - options.OverlapWindow;
        foreach (var (id, second) in delivered)
        {
            if (second < keepFrom)
            {
                delivered.Remove(id);
            }
        }

        if (late > 0)
        {
            context.Telemetry.RecordLateDelivered(customer, kind, late);
        }

        FeedLog.KindPolled(context.Logger, customer, kind, events.Count, from, limitReached);
        return new FeedKindResult(events, new MimecastFeedCheckpoint(nextStart, delivered), limitReached);
    }
}
