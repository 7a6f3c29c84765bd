using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;

namespace Mimecast.Sdk.ClusterWorker;

/// <summary>The sample's destination for incidents: one console line each (yours writes to your SOAR, keyed by the event id).</summary>
internal sealed class ConsoleIncidentSink : IMimecastIncidentSink
{
    public ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken)
    {
        Console.WriteLine($"worker {Environment.ProcessId}: {incident.CustomerName} {incident.Kind} {incident.Id}");
        return ValueTask.CompletedTask;
    }
}
