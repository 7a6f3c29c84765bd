using System.Diagnostics.Metrics;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// The feed's meter, <c>Mimecast.Sdk.Feed</c>: <c>mimecast.feed.late_events</c> counts events delivered behind the
/// newest one already delivered (late, but inside the overlap window), <c>mimecast.feed.events_beyond_window</c>
/// counts records seen too late for the window to tell whether they were delivered, <c>mimecast.feed.cursor_fallbacks</c>
/// counts SIEM cursors Mimecast refused (the kind restarted from a time). Tags: <c>mimecast.customer</c>
/// and <c>mimecast.feed.kind</c>; never a record field.
/// </summary>
internal sealed class FeedTelemetry
{
    internal const string MeterName = "Mimecast.Sdk.Feed";

    private readonly Counter<long> _late;
    private readonly Counter<long> _beyondWindow;
    private readonly Counter<long> _cursorFallbacks;

    internal FeedTelemetry(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        _late = meter.CreateCounter<long>("mimecast.feed.late_events", "{event}", "Events delivered late, behind the newest event already delivered, inside the overlap window.");
        _beyondWindow = meter.CreateCounter<long>("mimecast.feed.events_beyond_window", "{event}", "Records that arrived later than the overlap window covers: not delivered by the feed.");
        _cursorFallbacks = meter.CreateCounter<long>("mimecast.feed.cursor_fallbacks", "{fallback}", "SIEM stream cursors Mimecast refused: the kind restarted from the cursor's time minus the overlap window, deduplicated by identity.");
    }

    internal void RecordLateDelivered(string customer, MimecastFeedKind kind, int count) =>
        _late.Add(count, new KeyValuePair<string, object?>("mimecast.customer", customer), new KeyValuePair<string, object?>("mimecast.feed.kind", kind.Name));

    internal void RecordCursorFallback(string customer, MimecastFeedKind kind) =>
        _cursorFallbacks.Add(1, new KeyValuePair<string, object?>("mimecast.customer", customer), new KeyValuePair<string, object?>("mimecast.feed.kind", kind.Name));

    internal void RecordBeyondWindow(string customer, MimecastFeedKind kind, int count = 1) =>
        _beyondWindow.Add(count, new KeyValuePair<string, object?>("mimecast.customer", customer), new KeyValuePair<string, object?>("mimecast.feed.kind", kind.Name));
}
