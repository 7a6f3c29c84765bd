using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class SiemAndAudit
{
    public static async Task StreamAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: siem-stream
        var query = new SiemEventQuery { Types = [SiemEventType.Receipt], Start = DateTimeOffset.UtcNow.AddHours(-1) };
        await foreach (var e in client.Siem.GetEventsAsync(query, cancellationToken))
        {
            Console.WriteLine($"{e.Timestamp:u} {e.Type} {e.SenderEnvelope} -> {e.Recipients} {e.GetString("action")}");
        }
        #endregion
    }

    public static async Task<string?> StreamPageAsync(IMimecastClient client, string? savedCursor, CancellationToken cancellationToken)
    {
        #region snippet: siem-stream-resume
        var query = new SiemEventQuery { Types = [SiemEventType.Process], Start = DateTimeOffset.UtcNow.AddHours(-1) };
        var page = await client.Siem.GetEventsPageAsync(query, savedCursor, cancellationToken);
        foreach (var e in page.Events)
        {
            Console.WriteLine($"{e.Timestamp:u} {e.AggregateId} {e.Subtype}");
        }
        return page.NextPage; // save it; on MimecastInvalidCursorException restart from a time
        #endregion
    }

    public static async Task<string?> BatchAsync(IMimecastClient client, string? savedCursor, Func<string?, Task> saveCursorAsync, CancellationToken cancellationToken)
    {
        #region snippet: siem-batch
        var page = await client.Siem.GetBatchPageAsync(new SiemBatchQuery(SiemEventType.Delivery), savedCursor, cancellationToken);
        await foreach (var e in client.Siem.ReadBatchFilesAsync(page, cancellationToken)) // 4 files at a time, each in line order
        {
            Console.WriteLine($"{e.Timestamp:u} {e.MessageId} delivered={e.GetString("delivered")}");
        }
        await saveCursorAsync(page.NextPage); // only after every file of the page was read
        #endregion
        return page.NextPage;
    }

    public static async Task AuditAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: audit-events
        var audit = new AuditEventQuery { Start = DateTimeOffset.UtcNow.AddDays(-7), End = DateTimeOffset.UtcNow, Categories = ["authentication_logs"] };
        await foreach (var e in client.Audit.GetEventsAsync(audit, cancellationToken))
        {
            Console.WriteLine($"{e.EventTime:u} [{e.Id}] {e.User} {e.AuditType}: {e.EventInfo}");
        }
        #endregion
    }
}
