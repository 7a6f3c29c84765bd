using System.Globalization;
using System.Text.Json;
using Mimecast.Sdk.Feed;

namespace Mimecast.Cli.Commands.Tail;

/// <summary>
/// The checkpoint of one <c>mimecast tail</c>: one JSON file (<c>--checkpoint FILE</c>), or nothing but memory without one.
/// A save writes a temporary file next to it, flushes it to disk and renames it over the file, so a crash leaves the
/// old or the new checkpoint, never a partial one. One <c>tail</c> per file.
/// </summary>
/// <remarks>Content: <c>{"format":"mimecast-cli-tail-checkpoint","version":1,"generation":3,"state":{…}}</c>, <c>state</c> as in <see cref="MimecastFeedJson.SerializeState"/>.</remarks>
internal sealed class TailCheckpointFile : IMimecastCheckpointStore
{
    private const string FormatName = "mimecast-cli-tail-checkpoint";
    private const int FormatVersion = 1;

    private long _generation;

    public TailCheckpointFile(string? path) => Path = path is null ? null : System.IO.Path.GetFullPath(path);

    /// <summary>Gets the full path of the file, or <see langword="null"/> when nothing is saved.</summary>
    public string? Path { get; }

    /// <summary>Gets the number of checkpoints saved by this process.</summary>
    public int Saves { get; private set; }

    public async ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        if (Path is null || !File.Exists(Path))
        {
            return MimecastCheckpointSnapshot.Fresh;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatName || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || version.GetInt32() != FormatVersion || !root.TryGetProperty("generation", out var generation) || generation.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("state", out var state))
            {
                throw Corrupt("it is not a mimecast tail checkpoint (version 1)", null);
            }

            _generation = generation.GetInt64();
            return new MimecastCheckpointSnapshot(MimecastFeedJson.DeserializeState(state.GetRawText()), Version(_generation));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw Corrupt(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MimecastCheckpointException($"The checkpoint file '{Path}' could not be read: {ex.Message}", Path, customerName, ex);
        }

        MimecastCheckpointException Corrupt(string what, Exception? inner) =>
            new($"The checkpoint file '{Path}' is not valid: {what}. Fix it, or delete it to start afresh from --since.", Path, customerName, inner);
    }

    public async ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        var current = _generation == 0 ? MimecastCheckpointVersion.None : Version(_generation);
        if (current != expectedVersion)
        {
            throw new MimecastCheckpointConflictException(customerName, expectedVersion, current);
        }

        if (Path is not null)
        {
            await WriteAsync(Path, _generation + 1, newState, cancellationToken).ConfigureAwait(false);
        }

        _generation++;
        Saves++;
        return Version(_generation);
    }

    private static async Task WriteAsync(string path, long generation, MimecastFeedState state, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await using (var json = new Utf8JsonWriter(stream))
                {
                    json.WriteStartObject();
                    json.WriteString("format", FormatName);
                    json.WriteNumber("version", FormatVersion);
                    json.WriteNumber("generation", generation);
                    json.WritePropertyName("state");
                    json.WriteRawValue(MimecastFeedJson.SerializeState(state));
                    json.WriteEndObject();
                }

                // Durable before the rename publishes it.
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static MimecastCheckpointVersion Version(long generation) => new(generation.ToString(CultureInfo.InvariantCulture));
}
