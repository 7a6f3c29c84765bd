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

/// <summary>Runs the outbox relay for the host's lifetime (every worker runs one; a customer is relayed by one worker at a time).</summary>
internal sealed class OutboxRelayService(MimecastOutboxRelay relay) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => relay.RunAsync(stoppingToken);
}
