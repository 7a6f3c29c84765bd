using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>Reads the TTP logs (URL, attachment, impersonation) by time + identity, oldest first from the window.</summary>
internal sealed class TtpKindReader(FeedKindContext context) : IFeedKindReader
{
    private readonly TimeWindowReader _window = new(context);

    public Task<FeedKindResult> ReadAsync(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        // Each listing runs the SDK's one page loop (MimecastPageable: paging guards, a repeated token fails, an empty
        // page ends it even with a token, nothing is requested once cancelled).
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
                client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { From = from, OldestFirst = true, PageSize = pageSize }, cancellationToken),
                static log => log.Date,
                static _ => null,
                FeedEventIdentity.UrlKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForUrl(customer, id, time, log, estimated),
                cancellationToken),
            TtpEventKind.Attachment => _window.ReadAsync(
                kind, windowStart, from, checkpoint,
                client.Ttp.GetAttachmentLogsAsync(new TtpAttachmentLogQuery { From = from, OldestFirst = true, PageSize = pageSize }, cancellationToken),
                static log => log.Date,
                static _ => null,
                FeedEventIdentity.AttachmentKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForAttachment(customer, id, time, log, estimated),
                cancellationToken),
            TtpEventKind.Impersonation => _window.ReadAsync(
                kind, windowStart, from, checkpoint,
                client.Ttp.GetImpersonationLogsAsync(new TtpImpersonationLogQuery { From = from, OldestFirst = true, PageSize = pageSize }, cancellationToken),
                static log => log.EventTime,
                static log => string.IsNullOrEmpty(log.Id) ? null : log.Id,
                FeedEventIdentity.ImpersonationKey,
                (log, id, time, estimated) => MimecastFeedEvent.ForImpersonation(customer, id, time, log, estimated),
                cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a TTP kind."),
        };
    }
}
