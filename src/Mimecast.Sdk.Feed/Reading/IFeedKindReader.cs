using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Feed;

/// <summary>Reads the new events of one source family (TTP logs, audit, SIEM stream) for one kind and checkpoint.</summary>
internal interface IFeedKindReader
{
    Task<FeedKindResult> ReadAsync(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint, CancellationToken cancellationToken);
}

/// <summary>What one kind's read produced: the new events, the checkpoint to store on commit, and whether more wait.</summary>
internal sealed record FeedKindResult(IReadOnlyList<MimecastFeedEvent> Events, MimecastFeedCheckpoint Checkpoint, bool LimitReached);

/// <summary>What every reader of one feed shares: the client, the settings, the clock, the log and the meter.</summary>
internal sealed record FeedKindContext(IMimecastClient Client, MimecastIncidentFeedOptions Options, TimeProvider Time, ILogger Logger, FeedTelemetry Telemetry)
{
    public string Customer => Options.CustomerName;

    /// <summary>The start of a kind's delivery window: the checkpoint's time, or now − InitialLookback for a fresh start.</summary>
    public DateTimeOffset WindowStart(MimecastFeedKind kind, MimecastFeedCheckpoint? checkpoint)
    {
        if (checkpoint is not null)
        {
            return checkpoint.Time;
        }

        var start = MimecastFeedCheckpoint.TruncateToSecond(Time.GetUtcNow() - Options.InitialLookback);
        FeedLog.FreshStart(Logger, Customer, kind, start, Options.InitialLookback);
        return start;
    }
}
