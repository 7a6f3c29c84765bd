using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Reads the held queue as XSOAR fetches it (<c>get-hold-message-list</c>, admin view), exactly once per held message
/// id. The held queue is a current state, not a log: a message can join it with a <c>dateReceived</c> long past (held
/// after processing), so a time window would miss it. Each poll lists the whole queue from the feed's floor (the
/// fresh start's <c>now − InitialLookback</c>, kept as the checkpoint's time), delivers, oldest first, every id not yet
/// delivered however late it arrived, and keeps in the checkpoint the delivered ids still held (an id that left the
/// queue, released or rejected, is forgotten: the checkpoint is as large as the queue). Ids are opaque: an id Mimecast
/// re-mints for the same message is a new id and is delivered again.
/// </summary>
internal sealed class HeldKindReader(FeedKindContext context) : IFeedKindReader
{
    // Bounds the listing held in memory for one read (a held queue of a million messages is far beyond any seen).
    private const int MaxListed = 1_000_000;

    // The held list's page size maximum (PSMimecast pages 1–500); the engine clamps to it as well.
    private const int PageSize = 500;

    public async Task<FeedKindResult> ReadAsync(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var floor = context.WindowStart(kind, checkpoint);
        var now = context.Time.GetUtcNow();
        var customer = context.Customer;
        var query = new HeldMessageQuery { Admin = true, Start = floor, End = now > floor ? now : floor, PageSize = Math.Min(context.Options.PageSize, PageSize) };
        var listed = new List<(HeldMessage Message, string Id, DateTimeOffset Time, bool Estimated)>();
        var client = context.Client;
        await foreach (var message in client.Held.GetHeldMessagesAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (message is { Id: { Length: > 0 } id })
            {
                listed.Add((message, "held:" + id, message.DateReceived ?? now, message.DateReceived is null));
            }

            if (listed.Count > MaxListed)
            {
                throw new MimecastInvalidResponseException($"The held queue from {floor:O} holds more than {MaxListed} messages; lower InitialLookback.");
            }
        }

        var previously = checkpoint?.Delivered ?? new Dictionary<string, DateTimeOffset>();
        var newest = previously.Count == 0 ? floor : previously.Values.Max();
        var delivered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var events = new List<MimecastFeedEvent>();
        var limitReached = false;
        var late = 0;
        foreach (var (message, id, time, estimated) in listed.OrderBy(static m => m.Time).ThenBy(static m => m.Id, StringComparer.Ordinal))
        {
            if (previously.TryGetValue(id, out var second) || delivered.ContainsKey(id))
            {
                delivered[id] = previously.GetValueOrDefault(id, second);
                continue;
            }

            if (time < floor)
            {
                continue; // held before the feed started (Mimecast's start filter should have left it out)
            }

            if (events.Count >= context.Options.MaxEventsPerPoll)
            {
                limitReached = true;
                continue; // keep walking: the ids still held must stay in the checkpoint
            }

            late += time < newest ? 1 : 0;
            delivered[id] = time;
            events.Add(MimecastFeedEvent.ForHeld(customer, id, time, message, estimated));
        }

        if (late > 0)
        {
            context.Telemetry.RecordLateDelivered(customer, kind, late);
        }

        FeedLog.KindPolled(context.Logger, customer, kind, events.Count, floor, limitReached);
        return new FeedKindResult(events, new MimecastFeedCheckpoint(floor, delivered), limitReached);
    }
}
