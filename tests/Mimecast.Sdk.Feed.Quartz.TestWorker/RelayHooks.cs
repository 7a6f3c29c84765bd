using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>The test worker's sink: one <c>DELIVERED customer id</c> line per event (delivery is at least once; the tests read the outbox).</summary>
public sealed class StdoutSink : IMimecastIncidentSink
{
    private static readonly Lock ConsoleLock = new();

    public ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken)
    {
        lock (ConsoleLock)
        {
            Console.Out.WriteLine($"DELIVERED {incident.CustomerName} {incident.Id}");
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A clock whose timers cannot be created: a fault inside the relay's loop that no retry can cure.</summary>
public sealed class BrokenClock : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new InvalidOperationException("Test fault: this clock has no timers.");
}
