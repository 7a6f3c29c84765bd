using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.IncidentWorker;

/// <summary>
/// Polls every configured customer (at most MaxDegreeOfParallelism at a time), writes each new event as one JSON
/// line to stdout, then accepts the batch: at-least-once output, and a restart resumes from the checkpoints.
/// </summary>
internal sealed partial class IncidentWorker(
    IMimecastClientFactory clients,
    IMimecastCheckpointStore checkpoints,
    WorkerSettings settings,
    IHostApplicationLifetime lifetime,
    ILogger<IncidentWorker> logger,
    TimeProvider? timeProvider = null,
    MimecastSimulator? simulator = null,
    MimecastOutboxRelay? relay = null) : BackgroundService
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = MimecastMultiCustomerFeed.Create(clients, checkpoints, settings.Customers, settings.Feed, settings.MaxDegreeOfParallelism, _time, logger);
        LogStarting(logger, settings.Customers.Count, settings.MaxDegreeOfParallelism, settings.CheckpointDirectory);
        try
        {
            for (var round = 1; settings.MaxPolls is null || round <= settings.MaxPolls; round++)
            {
                if (round > 1 && simulator is not null)
                {
                    // Demo traffic: a few new incidents between polls.
                    simulator.Records<SimulatorUrlLog>().Add(2);
                    simulator.Records<SimulatorAttachmentLog>().Add(1);
                    simulator.Records<SimulatorImpersonationLog>().Add(1);
                }

                var results = await feed.PollOnceAsync(WriteBatchAsync, stoppingToken);
                if (relay is not null)
                {
                    // PostgreSQL mode: the commits put the events in the outbox; the relay hands them to the sink.
                    while (await relay.RelayOnceAsync(stoppingToken) > 0)
                    {
                    }
                }

                foreach (var result in results)
                {
                    LogRound(logger, round, result.CustomerName, result.EventCount, result.Committed);
                }

                var more = results.Any(r => r.HasMore && r.Committed);
                if (!more && (settings.MaxPolls is null || round < settings.MaxPolls))
                {
                    await Task.Delay(feed.PollInterval, _time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C: an uncommitted batch is simply polled again after the restart.
        }

        LogStopped(logger);
        lifetime.StopApplication();
    }

    private ValueTask WriteBatchAsync(MimecastFeedBatch batch, CancellationToken cancellationToken)
    {
        // File-store mode: write the lines, then the feed commits the batch when this returns (at least once).
        // PostgreSQL mode: nothing to do here; the commit stores the events in the outbox in the same transaction.
        if (relay is null)
        {
            StdoutIncidentSink.Write(batch.Events);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident worker polling {Customers} customer(s), {Parallelism} at a time; checkpoints in {Directory}")]
    private static partial void LogStarting(ILogger logger, int customers, int parallelism, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {Round}: customer '{Customer}' delivered {Count} event(s), accepted: {Committed}")]
    private static partial void LogRound(ILogger logger, int round, string customer, int count, bool committed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident worker stopped")]
    private static partial void LogStopped(ILogger logger);
}

/// <summary>One line of output.</summary>
internal sealed record EventLine(
    string Customer,
    string Kind,
    string Id,
    DateTimeOffset Time,
    bool TimeEstimated,
    TtpUrlLog? UrlLog,
    TtpAttachmentLog? AttachmentLog,
    TtpImpersonationLog? ImpersonationLog,
    AuditEvent? AuditEvent,
    JsonElement? SiemEvent);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventLine))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext
{
}

internal static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "No Mimecast configuration section: using the embedded simulator at {BaseUrl}")]
    public static partial void LogSimulator(this ILogger logger, Uri baseUrl);
}
