using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>Reads the TTP logs (URL, attachment, impersonation) by time + identity, oldest first from the window.</summary>
internal sealed class TtpKindReader(FeedKindContext context) : IFeedKindReader
{
    private readonly TimeWindowReader _window = new(context);

    public Task<FeedKindResult> ReadAsync(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        // The pages are read aligned on seconds: a page boundary never splits a second, whatever a page token means
        // (SecondAlignedListing: an empty page ends it even with a token, a repeated token fails, every loop bounded).
        // The delivery window starts at the checkpoint's Time; the query also reads one more OverlapWindow behind it
        // (the detection zone), where records not delivered before are counted as later than the window covers.
        var windowStart = context.WindowStart(kind, checkpoint);
        var from = checkpoint is null ? windowStart : windowStart - context.Options.OverlapWindow;
        var customer = context.Customer;
        var pageSize = context.Options.PageSize;
        var client = context.Client;
        return kind.TtpKind switch
        {
            TtpEventKind.Url => _window.ReadAsync(
                kind, windowStart, from, checkpoint,
                SecondAlignedListing.ReadAsync(from, pageSize, (start, size, token) => client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { From = start, OldestFirst = true, PageSize = size }, token, cancellationToken), static log => log.Date, cancellationToken),
                static log => log.Date,
                static _ => null,
                FeedEventIdentity.UrlKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForUrl(customer, id, time, log, estimated),
                cancellationToken),
            TtpEventKind.Attachment => _window.ReadAsync(
                kind, windowStart, from, checkpoint,
                SecondAlignedListing.ReadAsync(from, pageSize, (start, size, token) => client.Ttp.GetAttachmentLogsPageAsync(new TtpAttachmentLogQuery { From = start, OldestFirst = true, PageSize = size }, token, cancellationToken), static log => log.Date, cancellationToken),
                static log => log.Date,
                static _ => null,
                FeedEventIdentity.AttachmentKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForAttachment(customer, id, time, log, estimated),
                cancellationToken),
            TtpEventKind.Impersonation => _window.ReadAsync(
                kind, windowStart, from, checkpoint,
                SecondAlignedListing.ReadAsync(from, pageSize, (start, size, token) => client.Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { From = start, OldestFirst = true, PageSize = size }, token, cancellationToken), static log => log.EventTime, cancellationToken),
                static log => log.EventTime,
                static log => string.IsNullOrEmpty(log.Id) ? null : log.Id,
                FeedEventIdentity.ImpersonationKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForImpersonation(customer, id, time, log, estimated),
                cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a TTP kind."),
        };
    }
}
