using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Feed;

/// <summary>
/// Keeps checkpoints in JSON files, <b>one file per customer</b> in one folder, so customers polled in parallel never
/// contend for a file. Thread-safe for different customers; one feed per customer and folder at a time.
/// </summary>
/// <remarks>
/// <para>
/// File name: <c>checkpoint.{readable}.{hash}.json</c>, where <c>readable</c> is the customer name lowercased with
/// every character other than <c>a-z 0-9 - _</c> replaced by <c>_</c> (at most 40 characters; <c>default</c> for
/// the empty name) and <c>hash</c> is the first 16 hex digits of the SHA-256 of the exact name (so names differing
/// only in case or punctuation never share a file). <see cref="GetPath"/> returns it.
/// </para>
/// <para>
/// Content (UTF-8 JSON): <c>{"format":"mimecast-feed-checkpoint","version":1,"customerName":"acme","checkpoints":
/// {"url":{"time":"2026-11-20T10:00:05+00:00","seenIds":["…#1"]},"attachment":{…},"impersonation":{…}}}</c>; a kind
/// absent from <c>checkpoints</c> starts fresh.
/// </para>
/// <para>
/// Crash safety: a save writes a new temporary file in the same folder (<c>{file}.{guid}.tmp</c>), flushes it to
/// disk, then atomically replaces the checkpoint file with <see cref="File.Move(string, string, bool)"/>. A crash at
/// any point leaves either the old or the new file, never a partial one (at worst a stray <c>.tmp</c> file, which is
/// ignored and may be deleted).
/// </para>
/// <para>
/// A missing file (or folder) is a fresh start: <see cref="LoadAsync"/> returns <see langword="null"/>. A file that
/// exists but is not a valid checkpoint (bad JSON, empty, another format or version, another customer's name, a
/// checkpoint without time) throws <see cref="MimecastCheckpointException"/> carrying the path: the feed never
/// silently restarts over it.
/// </para>
/// </remarks>
public sealed class FileCheckpointStore : ICheckpointStore
{
    internal const string FormatName = "mimecast-feed-checkpoint";
    internal const int FormatVersion = 1;

    /// <summary>Creates a store over <paramref name="directory"/>, which is created on the first save if missing.</summary>
    /// <param name="directory">The folder of the checkpoint files.</param>
    public FileCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>Gets the full path of the folder holding the checkpoint files.</summary>
    public string Directory { get; }

    /// <summary>Gets the path of the checkpoint file of <paramref name="customerName"/>.</summary>
    /// <param name="customerName">The customer name (empty for the default client).</param>
    /// <returns>The full path.</returns>
    public string GetPath(string customerName)
    {
        ArgumentNullException.ThrowIfNull(customerName);
        var readable = new StringBuilder();
        foreach (var c in customerName.ToLowerInvariant())
        {
            if (readable.Length == 40)
            {
                break;
            }

            readable.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' ? c : '_');
        }

        if (readable.Length == 0)
        {
            readable.Append("default");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(customerName)), 0, 8);
        return Path.Combine(Directory, $"checkpoint.{readable}.{hash}.json");
    }

    /// <inheritdoc />
    public async ValueTask<MimecastFeedState?> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        var path = GetPath(customerName);
        CheckpointFileDto? dto;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                dto = await JsonSerializer.DeserializeAsync(stream, FeedJsonContext.Default.CheckpointFileDto, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, customerName, "is not valid JSON", ex);
        }
        catch (IOException ex)
        {
            throw new MimecastCheckpointException($"The checkpoint file '{path}' could not be read: {ex.Message}", path, customerName, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new MimecastCheckpointException($"The checkpoint file '{path}' could not be read: {ex.Message}", path, customerName, ex);
        }

        return ToState(dto, path, customerName);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string customerName, MimecastFeedState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var path = GetPath(customerName);
        var dto = ToDto(state, customerName);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, dto, FeedJsonContext.Default.CheckpointFileDto, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

                // Make the bytes durable before the rename publishes them; there is no asynchronous fsync.
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new MimecastCheckpointException($"The checkpoint file '{path}' could not be written: {ex.Message}", path, customerName, ex);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temp);
            throw;
        }
    }

    private static MimecastFeedState ToState(CheckpointFileDto? dto, string path, string customerName)
    {
        if (dto is null)
        {
            throw Corrupt(path, customerName, "holds no checkpoint object", null);
        }

        if (!string.Equals(dto.Format, FormatName, StringComparison.Ordinal))
        {
            throw Corrupt(path, customerName, $"has format '{dto.Format}', expected '{FormatName}'", null);
        }

        if (dto.Version != FormatVersion)
        {
            throw Corrupt(path, customerName, $"has version {dto.Version}, this SDK reads version {FormatVersion}", null);
        }

        if (!string.Equals(dto.CustomerName, customerName, StringComparison.Ordinal))
        {
            throw Corrupt(path, customerName, "belongs to another customer", null);
        }

        var checkpoints = new Dictionary<TtpEventKind, MimecastFeedCheckpoint>();
        foreach (var (name, checkpoint) in dto.Checkpoints ?? [])
        {
            if (!TtpEventKindExtensions.TryParseWireName(name, out var kind))
            {
                throw Corrupt(path, customerName, $"has an unknown kind '{name}'", null);
            }

            if (checkpoint?.Time is not { } time)
            {
                throw Corrupt(path, customerName, $"has a '{name}' checkpoint without time", null);
            }

            var seen = checkpoint.SeenIds ?? [];
            if (seen.Any(string.IsNullOrEmpty))
            {
                throw Corrupt(path, customerName, $"has an empty identity in the '{name}' checkpoint", null);
            }

            checkpoints[kind] = new MimecastFeedCheckpoint(time, seen);
        }

        return new MimecastFeedState(checkpoints);
    }

    private static CheckpointFileDto ToDto(MimecastFeedState state, string customerName)
    {
        var checkpoints = new Dictionary<string, CheckpointDto>(StringComparer.Ordinal);
        foreach (var kind in TtpEventKindExtensions.AllKinds)
        {
            if (state.Get(kind) is { } checkpoint)
            {
                checkpoints[kind.ToWireName()] = new CheckpointDto
                {
                    Time = checkpoint.Time,
                    SeenIds = [.. checkpoint.SeenIds.Order(StringComparer.Ordinal)],
                };
            }
        }

        return new CheckpointFileDto { Format = FormatName, Version = FormatVersion, CustomerName = customerName, Checkpoints = checkpoints };
    }

    private static MimecastCheckpointException Corrupt(string path, string customerName, string what, Exception? inner) =>
        new($"The checkpoint file '{path}' is corrupt: it {what}. Fix it, or delete it to start afresh from the initial lookback.", path, customerName, inner);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temporary file is ignored by LoadAsync.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
