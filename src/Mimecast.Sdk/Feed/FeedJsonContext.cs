using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Feed;

/// <summary>The on-disk shape of one customer's checkpoint file (see <see cref="FileCheckpointStore"/>).</summary>
internal sealed class CheckpointFileDto
{
    public string? Format { get; set; }

    public int Version { get; set; }

    public string? CustomerName { get; set; }

    public Dictionary<string, CheckpointDto>? Checkpoints { get; set; }
}

/// <summary>The on-disk shape of one kind's checkpoint.</summary>
internal sealed class CheckpointDto
{
    public DateTimeOffset? Time { get; set; }

    public List<string>? SeenIds { get; set; }
}

// Source-generated JSON metadata for the checkpoint files: trimmable and native-AOT safe.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CheckpointFileDto))]
internal sealed partial class FeedJsonContext : JsonSerializerContext
{
}
