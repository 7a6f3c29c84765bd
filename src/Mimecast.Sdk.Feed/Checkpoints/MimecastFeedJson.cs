using System.Text.Json;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// The JSON forms a checkpoint store keeps: a customer's <see cref="MimecastFeedState"/> and a
/// <see cref="MimecastFeedEvent"/> (an outbox row). Stable across SDK versions of the same major version; for stores
/// written outside this SDK too.
/// </summary>
/// <remarks>
/// State: <c>{"url":{"time":"2026-11-20T10:00:05+00:00","delivered":{"{id}":"2026-11-20T09:58:00+00:00"}},"attachment":{…},
/// "siem:receipt":{"time":"…","delivered":{…},"cursor":"…"}}</c>, keyed by <see cref="MimecastFeedKind.Name"/>;
/// <c>cursor</c> is written only when set, and a state without it (older files and rows) still loads.
/// Event: <c>{"kind":"url","customerName":"acme","id":"…","time":"…","isTimeEstimated":false,"url":{…the record…}}</c>
/// with <c>attachment</c>, <c>impersonation</c>, <c>audit</c> or <c>siem</c> in place of <c>url</c> for the other kinds
/// (<c>kind</c> is then <c>audit</c> or <c>siem:{type}</c>).
/// </remarks>
public static class MimecastFeedJson
{
    /// <summary>Writes a state as JSON.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeState(MimecastFeedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return JsonSerializer.Serialize(ToDto(state), FeedJsonContext.Default.DictionaryStringCheckpointDto);
    }

    /// <summary>Reads a state written by <see cref="SerializeState"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The state.</returns>
    /// <exception cref="FormatException">The text is not a valid state; the message says what is wrong.</exception>
    public static MimecastFeedState DeserializeState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Dictionary<string, CheckpointDto>? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, FeedJsonContext.Default.DictionaryStringCheckpointDto);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The checkpoint state is not valid JSON: {ex.Message}", ex);
        }

        return FromDto(dto ?? throw new FormatException("The checkpoint state is null."));
    }

    /// <summary>Writes an event as JSON.</summary>
    /// <param name="feedEvent">The event.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeEvent(MimecastFeedEvent feedEvent)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);
        var dto = new FeedEventDto
        {
            Kind = feedEvent.Kind.Name,
            CustomerName = feedEvent.CustomerName,
            Id = feedEvent.Id,
            Time = feedEvent.Time,
            IsTimeEstimated = feedEvent.IsTimeEstimated,
            Url = feedEvent.UrlLog,
            Attachment = feedEvent.AttachmentLog,
            Impersonation = feedEvent.ImpersonationLog,
            Audit = feedEvent.AuditEvent,
            Held = feedEvent.HeldMessage,
            Siem = feedEvent.SiemEvent,
        };
        return JsonSerializer.Serialize(dto, FeedJsonContext.Default.FeedEventDto);
    }

    /// <summary>Reads an event written by <see cref="SerializeEvent"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FormatException">The text is not a valid event; the message says what is wrong.</exception>
    public static MimecastFeedEvent DeserializeEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FeedEventDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, FeedJsonContext.Default.FeedEventDto);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The stored event is not valid JSON: {ex.Message}", ex);
        }

        if (dto is null || string.IsNullOrEmpty(dto.Id) || dto.CustomerName is null || !MimecastFeedKind.TryParse(dto.Kind, out var kind))
        {
            throw new FormatException("The stored event lacks its kind, customer or id.");
        }

        return (kind.Source, kind.TtpKind) switch
        {
            (MimecastFeedSource.Ttp, TtpEventKind.Url) when dto.Url is { } log => MimecastFeedEvent.ForUrl(dto.CustomerName, dto.Id, dto.Time, log, dto.IsTimeEstimated),
            (MimecastFeedSource.Ttp, TtpEventKind.Attachment) when dto.Attachment is { } log => MimecastFeedEvent.ForAttachment(dto.CustomerName, dto.Id, dto.Time, log, dto.IsTimeEstimated),
            (MimecastFeedSource.Ttp, TtpEventKind.Impersonation) when dto.Impersonation is { } log => MimecastFeedEvent.ForImpersonation(dto.CustomerName, dto.Id, dto.Time, log, dto.IsTimeEstimated),
            (MimecastFeedSource.Audit, _) when dto.Audit is { } audit => MimecastFeedEvent.ForAudit(dto.CustomerName, dto.Id, dto.Time, audit, dto.IsTimeEstimated),
            (MimecastFeedSource.Held, _) when dto.Held is { } held => MimecastFeedEvent.ForHeld(dto.CustomerName, dto.Id, dto.Time, held, dto.IsTimeEstimated),
            (MimecastFeedSource.SiemStream, _) when dto.Siem is { } siem => MimecastFeedEvent.ForSiem(kind, dto.CustomerName, dto.Id, dto.Time, siem, dto.IsTimeEstimated),
            _ => throw new FormatException($"The stored {dto.Kind} event '{dto.Id}' carries no record."),
        };
    }

    internal static Dictionary<string, CheckpointDto> ToDto(MimecastFeedState state)
    {
        var checkpoints = new Dictionary<string, CheckpointDto>(StringComparer.Ordinal);
        // TTP kinds first in their fixed order (as files written before other kinds existed), then the rest by name.
        var kinds = TtpEventKindExtensions.AllKinds.Select(MimecastFeedKind.FromTtp)
            .Concat(state.Checkpoints.Keys.Where(static k => k.Source != MimecastFeedSource.Ttp).Order());
        foreach (var kind in kinds)
        {
            if (state.Get(kind) is { } checkpoint)
            {
                var delivered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                foreach (var (id, second) in checkpoint.Delivered.OrderBy(static d => d.Value).ThenBy(static d => d.Key, StringComparer.Ordinal))
                {
                    delivered[id] = second;
                }

                checkpoints[kind.Name] = new CheckpointDto { Time = checkpoint.Time, Delivered = delivered, Cursor = checkpoint.Cursor };
            }
        }

        return checkpoints;
    }

    internal static MimecastFeedState FromDto(Dictionary<string, CheckpointDto> dto)
    {
        var checkpoints = new Dictionary<MimecastFeedKind, MimecastFeedCheckpoint>();
        foreach (var (name, checkpoint) in dto)
        {
            if (!MimecastFeedKind.TryParse(name, out var kind))
            {
                throw new FormatException($"The checkpoint state has an unknown kind '{name}'.");
            }

            if (checkpoint?.Time is not { } time)
            {
                throw new FormatException($"The checkpoint state has a '{name}' checkpoint without time.");
            }

            var delivered = checkpoint.Delivered ?? [];
            if (delivered.Keys.Any(string.IsNullOrEmpty))
            {
                throw new FormatException($"The checkpoint state has an empty identity in the '{name}' checkpoint.");
            }

            checkpoints[kind] = new MimecastFeedCheckpoint(time, delivered, checkpoint.Cursor);
        }

        return new MimecastFeedState(checkpoints);
    }
}
