using System.Text.Json;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;

namespace Mimecast.Sdk.IncidentWorker;

/// <summary>
/// The sink of the PostgreSQL mode: the outbox relay hands it each event (at least once, in order per customer) and
/// it writes one JSON line to stdout. A real sink writes to a SIEM or ticket system, idempotently on
/// (customer, event id): a relay that crashed after the write and before marking the row hands the event over again.
/// </summary>
internal sealed class StdoutIncidentSink : IMimecastIncidentSink
{
    private static readonly Lock Stdout = new();

    public ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken)
    {
        Write([incident]);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes events as JSON lines (shared by the file-store mode, which writes before committing).</summary>
    internal static void Write(IEnumerable<MimecastFeedEvent> events)
    {
        lock (Stdout)
        {
            foreach (var e in events)
            {
                var line = new EventLine(e.CustomerName, e.Kind.Name, e.Id, e.Time, e.IsTimeEstimated, e.UrlLog, e.AttachmentLog, e.ImpersonationLog, e.AuditEvent, SiemRecord(e));
                Console.Out.WriteLine(JsonSerializer.Serialize(line, WorkerJsonContext.Default.EventLine));
            }

            Console.Out.Flush();
        }
    }

    // A SIEM event in its wire shape, taken from the feed's stored form (MimecastFeedJson) of the event.
    private static JsonElement? SiemRecord(MimecastFeedEvent e)
    {
        if (e.SiemEvent is null)
        {
            return null;
        }

        using var stored = JsonDocument.Parse(MimecastFeedJson.SerializeEvent(e));
        return stored.RootElement.GetProperty("siem").Clone();
    }
}
