using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class FeedKinds
{
    public static async Task<int> PollEveryKindAsync(IMimecastClient client, string checkpointDirectory, CancellationToken cancellationToken)
    {
        #region snippet: feed-kinds
        var feed = new MimecastIncidentFeed(client, new FileCheckpointStore(checkpointDirectory), new MimecastIncidentFeedOptions
        {
            Kinds = TtpEventKinds.All,                                            // url, attachment, impersonation
            IncludeAuditEvents = true,                                            // audit
            SiemEventTypes = [SiemEventType.Receipt, SiemEventType.UrlProtect],   // siem:receipt, siem:url protect
        });

        var batch = await feed.PollAsync(cancellationToken);
        foreach (var e in batch.Events)
        {
            var what = e switch
            {
                { AuditEvent: { } audit } => $"{audit.User} {audit.AuditType}",
                { SiemEvent: { } siem } => $"{siem.Type}/{siem.Subtype} {siem.SenderEnvelope} -> {siem.Recipients}",
                _ => "TTP incident",
            };
            Console.WriteLine($"{e.Kind.Name} {e.Time:u} [{e.Id}] {what}");
        }

        await batch.CommitAsync(cancellationToken);
        #endregion
        return batch.Events.Count;
    }
}
