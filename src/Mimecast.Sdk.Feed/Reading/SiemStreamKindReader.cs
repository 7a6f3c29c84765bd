using System.Net;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Reads one SIEM event type from the SIEM Cloud Gateway stream, resuming from the saved cursor (<c>@nextPage</c>).
/// </summary>
/// <remarks>
/// The stream is in the order Mimecast received the events, so a late event comes after the cursor that was already
/// past its time: the cursor handles lateness and no overlap window is re-read while it is accepted. Pages can repeat
/// events of the page before, so every identity delivered within the overlap window is remembered (with the second it
/// was delivered at) and skipped. When Mimecast refuses the cursor (<see cref="MimecastInvalidCursorException"/>: stale
/// or invalid) the read restarts from the checkpoint's time minus <see cref="MimecastIncidentFeedOptions.OverlapWindow"/>
/// and skips the identities delivered: counted (<c>mimecast.feed.cursor_fallbacks</c>) and logged as a warning, never
/// silent. The checkpoint's time only moves to "now" when the read caught up, so that restart point always lies before
/// every event not yet delivered.
/// </remarks>
internal sealed class SiemStreamKindReader(FeedKindContext context) : IFeedKindReader
{
    // Bounds the page loop of one read (MaxEventsPerPoll stops it far earlier unless pages are empty).
    private const int MaxPages = 100_000;

    // Mimecast restarts the stream only from a time within the last 24 hours (../shared wire facts, "API 2.0 log
    // sources"); a margin keeps a restart point computed a moment ago inside it.
    private static readonly TimeSpan StreamLookbackLimit = MimecastLimits.SiemStreamLookback - TimeSpan.FromMinutes(1);

    public async Task<FeedKindResult> ReadAsync(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var type = kind.SiemType ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a SIEM stream kind.");
        var now = MimecastFeedCheckpoint.TruncateToSecond(context.Time.GetUtcNow());

        // Time-restart point: the checkpoint's time minus the overlap window, or the fresh window start.
        var restartFrom = checkpoint is null ? context.WindowStart(kind, checkpoint) : checkpoint.Time - options.OverlapWindow;
        var oldestAllowed = now - StreamLookbackLimit;
        restartFrom = restartFrom < oldestAllowed ? MimecastFeedCheckpoint.TruncateToSecond(oldestAllowed) : restartFrom;

        var delivered = new Dictionary<string, DateTimeOffset>(checkpoint?.Delivered ?? new Dictionary<string, DateTimeOffset>(), StringComparer.Ordinal);
        var events = new List<MimecastFeedEvent>();
        var cursor = checkpoint?.Cursor;
        var fellBack = false;
        var caughtUp = false;
        var limitReached = false;
        for (var pageNumber = 0; pageNumber < MaxPages; pageNumber++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var requestCursor = cursor;
            SiemEventPage page;
            try
            {
                var query = new SiemEventQuery { Types = [type], Start = requestCursor is null ? restartFrom : null, PageSize = Math.Min(options.PageSize, MimecastLimits.SiemMaxPageSize) };
                page = await context.Client.Siem.GetEventsPageAsync(query, requestCursor, cancellationToken).ConfigureAwait(false);
            }
            catch (MimecastInvalidCursorException ex) when (requestCursor is not null && !fellBack)
            {
                fellBack = true;
                cursor = null;
                context.Telemetry.RecordCursorFallback(context.Customer, kind);
                FeedLog.CursorRefused(context.Logger, ex, context.Customer, kind, ex.RequestId, restartFrom);
                continue;
            }

            foreach (var record in page.Events)
            {
                if (record is null)
                {
                    continue;
                }

                var id = string.Concat(kind.Name, ":", FeedEventIdentity.SiemKey(record));
                if (delivered.ContainsKey(id))
                {
                    continue;
                }

                if (events.Count >= options.MaxEventsPerPoll)
                {
                    // Resume by re-reading this page: what was delivered from it is remembered and skipped.
                    limitReached = true;
                    break;
                }

                if (record.Timestamp is null)
                {
                    FeedLog.RecordWithoutTime(context.Logger, context.Customer, kind, now);
                }

                delivered[id] = now;
                events.Add(MimecastFeedEvent.ForSiem(kind, context.Customer, id, record.Timestamp ?? now, record, record.Timestamp is null));
            }

            if (limitReached)
            {
                cursor = requestCursor;
                break;
            }

            if (page.NextPage is null || page.IsCaughtUp || page.Events.Count == 0)
            {
                // The stream answers a cursor also when caught up; without one, this page is re-read next time.
                cursor = page.NextPage ?? requestCursor;
                caughtUp = true;
                break;
            }

            if (string.Equals(page.NextPage, requestCursor, StringComparison.Ordinal))
            {
                throw new MimecastInvalidResponseException("Mimecast returned the same SIEM cursor twice; stopping rather than reading the same page again.",
                    HttpStatusCode.OK, page.RequestId, null);
            }

            cursor = page.NextPage;
        }

        // The time-restart point only moves forward once everything received until now was read; without a cursor
        // the next read restarts from the same point.
        var time = caughtUp && cursor is not null ? now : restartFrom + options.OverlapWindow;
        time = checkpoint is not null && checkpoint.Time > time ? checkpoint.Time : time;
        var keepFrom = MimecastFeedCheckpoint.TruncateToSecond(time - options.OverlapWindow);
        foreach (var (id, second) in delivered)
        {
            if (second < keepFrom)
            {
                delivered.Remove(id);
            }
        }

        FeedLog.KindPolled(context.Logger, context.Customer, kind, events.Count, restartFrom, limitReached);
        return new FeedKindResult(events, new MimecastFeedCheckpoint(time, delivered, cursor), limitReached);
    }
}
