using System.Collections.Concurrent;
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
/// Content (UTF-8 JSON): <c>{"format":"mimecast-feed-checkpoint","version":2,"customerName":"acme","generation":7,
/// "checkpoints":{"url":{"time":"2026-11-20T10:00:05+00:00","delivered":{"…#1":"2026-11-20T09:59:58+00:00"}},…}}</c>
/// (<c>checkpoints</c> as in <see cref="MimecastFeedJson.SerializeState"/>); a kind absent from <c>checkpoints</c>
/// starts fresh. <c>generation</c> counts commits and is the store's <see cref="MimecastCheckpointVersion"/>.
/// </para>
/// <para>
/// Crash safety: a save writes a new temporary file in the same folder (<c>{file}.{guid}.tmp</c>), flushes it to
/// disk, then atomically replaces the checkpoint file with <see cref="File.Move(string, string, bool)"/>. A crash at
/// any point leaves either the old or the new file, never a partial one (at worst a stray <c>.tmp</c> file, which is
/// ignored and may be deleted).
/// </para>
/// <para>
/// A missing file (or folder) is a fresh start: <see cref="LoadAsync"/> returns <see cref="MimecastCheckpointSnapshot.Fresh"/>. A file that
/// exists but is not a valid checkpoint (bad JSON, empty, another format or version, another customer's name, a
/// checkpoint without time) throws <see cref="MimecastCheckpointException"/> carrying the path: the feed never
/// silently restarts over it.
/// </para>
/// </remarks>
public sealed class FileCheckpointStore : IMimecastCheckpointStore
{
    internal const string FormatName = "mimecast-feed-checkpoint";
    internal const int FormatVersion = 2;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

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
    public async ValueTask<MimecastCheckpointSnapshot> LoadAsync(string customerName, CancellationToken cancellationToken = default)
    {
        var path = GetPath(customerName);
        var dto = await ReadAsync(path, customerName, cancellationToken).ConfigureAwait(false);
        return dto is null ? MimecastCheckpointSnapshot.Fresh : new MimecastCheckpointSnapshot(ToState(dto, path, customerName), ToVersion(dto.Generation));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The file store fences against another feed of this process and against a process that committed before this
    /// one read the file, but the check and the rename are not one atomic step across processes: run one process
    /// per folder. It keeps no outbox: <paramref name="events"/> are not stored, so the caller delivers them before
    /// committing (at least once).
    /// </remarks>
    public async ValueTask<MimecastCheckpointVersion> CommitAsync(string customerName, MimecastCheckpointVersion expectedVersion, MimecastFeedState newState,
        IReadOnlyList<MimecastFeedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newState);
        ArgumentNullException.ThrowIfNull(events);
        var path = GetPath(customerName);
        var gate = _gates.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadAsync(path, customerName, cancellationToken).ConfigureAwait(false);
            var currentVersion = current is null ? MimecastCheckpointVersion.None : ToVersion(current.Generation);
            if (currentVersion != expectedVersion)
            {
                throw new MimecastCheckpointConflictException(customerName, expectedVersion, currentVersion);
            }

            var generation = (current?.Generation ?? 0) + 1;
            await WriteAsync(path, customerName, ToDto(newState, customerName, generation), cancellationToken).ConfigureAwait(false);
            return ToVersion(generation);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async ValueTask<CheckpointFileDto?> ReadAsync(string path, string customerName, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, FeedJsonContext.Default.CheckpointFileDto, cancellationToken).ConfigureAwait(false)
                    ?? throw Corrupt(path, customerName, "holds no checkpoint object", null);
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
    }

    private async ValueTask WriteAsync(string path, string customerName, CheckpointFileDto dto, CancellationToken cancellationToken)
    {
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

    private static MimecastCheckpointVersion ToVersion(long generation) =>
        new(generation.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static MimecastFeedState ToState(CheckpointFileDto dto, string path, string customerName)
    {
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

        if (dto.Generation < 1)
        {
            throw Corrupt(path, customerName, "has no generation", null);
        }

        try
        {
            return MimecastFeedJson.FromDto(dto.Checkpoints ?? []);
        }
        catch (FormatException ex)
        {
            throw Corrupt(path, customerName, ex.Message.TrimEnd('.').Replace("The checkpoint state ", string.Empty, StringComparison.Ordinal), ex);
        }
    }

    private static CheckpointFileDto ToDto(MimecastFeedState state, string customerName, long generation) =>
        new() { Format = FormatName, Version = FormatVersion, CustomerName = customerName, Generation = generation, Checkpoints = MimecastFeedJson.ToDto(state) };

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
