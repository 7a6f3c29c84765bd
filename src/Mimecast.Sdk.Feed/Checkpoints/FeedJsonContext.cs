using System.Text.Json.Serialization;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Feed;

/// <summary>The on-disk shape of one customer's checkpoint file (see <see cref="FileCheckpointStore"/>).</summary>
internal sealed class CheckpointFileDto
{
    public string? Format { get; set; }

    public int Version { get; set; }

    public string? CustomerName { get; set; }

    public long Generation { get; set; }

    public Dictionary<string, CheckpointDto>? Checkpoints { get; set; }
}

/// <summary>The stored shape of one kind's checkpoint.</summary>
internal sealed class CheckpointDto
{
    public DateTimeOffset? Time { get; set; }

    public Dictionary<string, DateTimeOffset>? Delivered { get; set; }

    public string? Cursor { get; set; }
}

/// <summary>The stored shape of one event (an outbox row).</summary>
internal sealed class FeedEventDto
{
    public string? Kind { get; set; }

    public string? CustomerName { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset Time { get; set; }

    public bool IsTimeEstimated { get; set; }

    public TtpUrlLog? Url { get; set; }

    public TtpAttachmentLog? Attachment { get; set; }

    public TtpImpersonationLog? Impersonation { get; set; }

    public AuditEvent? Audit { get; set; }

    public HeldMessage? Held { get; set; }

    /// <summary>A SIEM event in its wire shape (written and read by the core's <see cref="SiemEventJsonConverter"/>).</summary>
    public SiemEvent? Siem { get; set; }
}

// Source-generated JSON metadata for checkpoints and stored events: trimmable and native-AOT safe.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CheckpointFileDto))]
[JsonSerializable(typeof(Dictionary<string, CheckpointDto>))]
[JsonSerializable(typeof(FeedEventDto))]
internal sealed partial class FeedJsonContext : JsonSerializerContext
{
}
