using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Feed;

/// <summary>Every log line the incident feed writes: customer names, kinds, counts and times; never a record field.</summary>
internal static partial class FeedLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Mimecast feed '{Customer}' {Kind}: {Count} new event(s) from {From:O}; limit reached: {LimitReached}")]
    internal static partial void KindPolled(ILogger logger, string customer, MimecastFeedKind kind, int count, DateTimeOffset from, bool limitReached);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Mimecast feed '{Customer}': accepted a batch of {Count} event(s)")]
    internal static partial void BatchCommitted(ILogger logger, string customer, int count);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Mimecast feed '{Customer}' {Kind}: a record carries no time; delivered with the listing position {Fallback:O} as its time")]
    internal static partial void RecordWithoutTime(ILogger logger, string customer, MimecastFeedKind kind, DateTimeOffset fallback);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Mimecast feed '{Customer}' {Kind}: a record dated {Time:O} arrived later than the overlap window (starting {WindowStart:O}) covers; it is not delivered. Raise OverlapWindow if this repeats")]
    internal static partial void RecordBeyondWindow(ILogger logger, string customer, MimecastFeedKind kind, DateTimeOffset time, DateTimeOffset windowStart);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Mimecast feed '{Customer}' {Kind}: {Count} record(s) dated {Time:O} arrived later than the overlap window covers; they are not delivered. Raise OverlapWindow if this repeats")]
    internal static partial void RecordsBeyondWindow(ILogger logger, string customer, MimecastFeedKind kind, int count, DateTimeOffset time);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Mimecast feed '{Customer}' {Kind}: Mimecast refused the saved SIEM cursor (request {RequestId}); restarting from {From:O} (the cursor's time minus the overlap window) and skipping the events already delivered")]
    internal static partial void CursorRefused(ILogger logger, Exception exception, string customer, MimecastFeedKind kind, string? requestId, DateTimeOffset from);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Mimecast feed '{Customer}': poll or handler failed; nothing was accepted and the next poll resumes from the last checkpoint")]
    internal static partial void CustomerFailed(ILogger logger, Exception exception, string customer);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "Mimecast feed '{Customer}': accepted a batch without events")]
    internal static partial void EmptyBatchCommitted(ILogger logger, string customer);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Mimecast feed '{Customer}' {Kind}: no checkpoint stored, a fresh start: reading events from {From:O} (InitialLookback {Lookback})")]
    internal static partial void FreshStart(ILogger logger, string customer, MimecastFeedKind kind, DateTimeOffset from, TimeSpan lookback);
}
