namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>Projects feed events onto <see cref="SinkRecord"/>s (the same content keys the test computes from the simulator).</summary>
internal static class EventRecords
{
    public static SinkRecord ToRecord(MimecastFeedEvent e, string tag) => new(e.CustomerName, e.Id, KeyOf(e), tag);

    public static string KeyOf(MimecastFeedEvent e) => e.Kind.TtpKind switch
    {
        TtpEventKind.Url => SinkRecord.ContentKey("url", e.UrlLog!.Date ?? e.Time, e.UrlLog.UserEmailAddress, e.UrlLog.Url, e.UrlLog.MessageId, e.UrlLog.Action),
        TtpEventKind.Attachment => SinkRecord.ContentKey("attachment", e.AttachmentLog!.Date ?? e.Time, e.AttachmentLog.RecipientAddress, e.AttachmentLog.FileName, e.AttachmentLog.FileHash, e.AttachmentLog.MessageId),
        _ => SinkRecord.ImpersonationKey(e.ImpersonationLog!.Id),
    };
}
