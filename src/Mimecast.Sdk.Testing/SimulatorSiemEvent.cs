namespace Mimecast.Sdk.Testing;

/// <summary>The SIEM Cloud Gateway event types the simulator generates (lower case, spaces kept, as Mimecast spells them).</summary>
public static class SimulatorSiemEventTypes
{
    /// <summary>SMTP receipt (<c>action</c> <c>Acc</c>/<c>Rej</c>).</summary>
    public const string Receipt = "receipt";

    /// <summary>Message processing (<c>action</c> <c>Acc</c>/<c>Hld</c>/<c>Sdbx</c>).</summary>
    public const string Process = "process";

    /// <summary>Delivery attempts.</summary>
    public const string Delivery = "delivery";

    /// <summary>Anti-virus detections.</summary>
    public const string Av = "av";

    /// <summary>Spam detections.</summary>
    public const string Spam = "spam";

    /// <summary>Impersonation Protect detections.</summary>
    public const string ImpersonationProtect = "impersonation protect";

    /// <summary>URL Protect detections.</summary>
    public const string UrlProtect = "url protect";

    /// <summary>Attachment Protect detections.</summary>
    public const string AttachmentProtect = "attachment protect";

    /// <summary>Internal Email Protect detections.</summary>
    public const string InternalEmailProtect = "internal email protect";

    /// <summary>Journaling events.</summary>
    public const string Journal = "journal";

    /// <summary>Every type above, in this order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Receipt, Process, Delivery, Av, Spam, ImpersonationProtect, UrlProtect, AttachmentProtect, InternalEmailProtect, Journal];
}

/// <summary>
/// One SIEM Cloud Gateway event. Served by <c>GET /siem/v1/events/cg</c> (JSON) and in the gzip NDJSON batch files of
/// <c>GET /siem/v1/batch/events/cg</c>: <c>processingId</c>, <c>aggregateId</c>, <c>accountId</c>, <c>timestamp</c>
/// (epoch milliseconds, a number), <c>type</c>, <c>subtype</c>, then <see cref="Fields"/> in order; batch lines add
/// <c>_offset</c> and <c>_partition</c>.
/// </summary>
public sealed record SimulatorSiemEvent
{
    /// <summary>The simulator's ingestion sequence: unique and increasing in the order the events arrived (the stream's order; written as <c>_offset</c> in batch files). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>When the simulator received the event (simulator clock). Decides the stream position and the 15-minute batch file. Assigned when added (the clock's now; seeded history uses <see cref="Timestamp"/>); ignored on input.</summary>
    public DateTimeOffset IngestedAt { get; init; }

    /// <summary>Wire field <c>type</c>, e.g. <c>receipt</c> or <c>url protect</c> (any string is accepted).</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>Wire field <c>subtype</c>, e.g. <c>Acc</c>, <c>Hld</c>; may be null.</summary>
    public string? Subtype { get; init; }

    /// <summary>Wire field <c>timestamp</c>: when the event happened, written as epoch milliseconds (truncated to the millisecond). Older than <see cref="IngestedAt"/> for a late event.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Wire field <c>accountId</c>.</summary>
    public string AccountId { get; init; } = string.Empty;

    /// <summary>Wire field <c>aggregateId</c>: shared by every stage of one message. Generated when empty.</summary>
    public string AggregateId { get; init; } = string.Empty;

    /// <summary>Wire field <c>processingId</c> (repeats across events; not an identity). Generated when empty.</summary>
    public string ProcessingId { get; init; } = string.Empty;

    /// <summary>The type-specific fields, written in this order with string (or null) values, as Mimecast sends them (<c>"emailSize":"4170"</c>, <c>"delivered":"true"</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Fields { get; init; } = [];

    /// <summary>The value of a type-specific field, or null when absent or null.</summary>
    /// <param name="name">The wire name, e.g. <c>messageId</c>.</param>
    /// <returns>The value.</returns>
    public string? Field(string name)
    {
        foreach (KeyValuePair<string, string?> f in Fields)
        {
            if (string.Equals(f.Key, name, StringComparison.Ordinal))
            {
                return f.Value;
            }
        }

        return null;
    }
}

/// <summary>One batch file listed by <c>GET /siem/v1/batch/events/cg</c>: the events of one type received in one 15-minute window, or a bulk file added with <see cref="MimecastSimulator.AddSiemBatchFiles"/>.</summary>
public sealed record SimulatorSiemBatchFile
{
    /// <summary>The file's id (its name in the download URL).</summary>
    public required string Id { get; init; }

    /// <summary>The event type.</summary>
    public required string Type { get; init; }

    /// <summary>Start of the 15-minute window of simulator time the file covers.</summary>
    public DateTimeOffset WindowStart { get; init; }

    /// <summary>Number of NDJSON lines (events).</summary>
    public int EventCount { get; init; }

    /// <summary>The gzip file's length in bytes (the listing's <c>size</c>).</summary>
    public long Size { get; init; }

    /// <summary>The NDJSON's length in bytes.</summary>
    public long UncompressedSize { get; init; }
}
