using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// Reads the files of one SIEM batch page: up to <see cref="MimecastSiemOptions.MaxParallelDownloads"/> downloads run
/// at once, each decompressing and parsing line by line into a small bounded buffer, and the events come out in a
/// deterministic order (files in listing order, lines in file order). Memory is bounded by the parallelism, not by
/// file size. An expired link is re-listed from the page's cursor a bounded number of times, then skipped (logged and
/// counted), never retried forever.
/// </summary>
internal sealed partial class SiemBatchReader
{
    // Events are handed to the consumer in chunks (one channel operation per chunk, not per event). Events in flight are
    // at most MaxParallelDownloads x (BufferedChunksPerFile + 1) x EventsPerChunk (128 with 4 downloads). Keep it small:
    // measured, 1,280 events in flight cost 4 x the CPU of 128, all of it in the GC promoting events that outlive gen 0.
    private const int EventsPerChunk = 16;
    private const int BufferedChunksPerFile = 1;
    private const int ReadBufferSize = 64 * 1024;

    private readonly SiemBatchPage _page;
    private readonly MimecastSiemOptions _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly Func<SiemBatchPage, CancellationToken, Task<SiemBatchPage>> _relist;
    private readonly TimeProvider _time;
    private readonly MimecastTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly Lock _relistLock = new();
    private Task<(int Generation, SiemBatchPage Page)> _latest;

    internal SiemBatchReader(SiemBatchPage page, MimecastSiemOptions options, IHttpClientFactory httpClientFactory,
        Func<SiemBatchPage, CancellationToken, Task<SiemBatchPage>> relist, TimeProvider time, MimecastTelemetry telemetry, ILogger logger)
    {
        if (options.MaxParallelDownloads < 1)
        {
            throw new InvalidOperationException("Mimecast:Siem:MaxParallelDownloads must be at least 1.");
        }

        _page = page;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _relist = relist;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
        _latest = Task.FromResult((0, page));
    }

    internal IAsyncEnumerable<SiemEvent> ReadAsync(CancellationToken cancellationToken) =>
        _options.PreserveListingOrder ? ReadInListingOrderAsync(cancellationToken) : ReadInterleavedAsync(cancellationToken);

    /// <summary>Every file in flight feeds one bounded channel: all downloads progress at once, each file's lines in order.</summary>
    private async IAsyncEnumerable<SiemEvent> ReadInterleavedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = _page.Files;
        if (files.Count == 0)
        {
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<ArraySegment<SiemEvent>>(
            new BoundedChannelOptions(_options.MaxParallelDownloads * BufferedChunksPerFile) { SingleReader = true, SingleWriter = false });
        var launcher = Task.Run(() => LaunchInterleavedAsync(files, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var chunk in DrainAsync(channel.Reader, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in chunk)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await launcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task LaunchInterleavedAsync(IReadOnlyList<SiemBatchFile> files, ChannelWriter<ArraySegment<SiemEvent>> writer, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxParallelDownloads, _options.MaxParallelDownloads);
        var running = new List<Task>(files.Count);
        var failure = new StrongBox<Exception?>();
        try
        {
            for (var i = 0; i < files.Count && Volatile.Read(ref failure.Value) is null; i++)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var file = files[i];
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        // After a failure no further file starts; files in flight finish.
                        if (await ReadIntoAsync(file, writer, cancellationToken).ConfigureAwait(false) is { } e)
                        {
                            Interlocked.CompareExchange(ref failure.Value, e, null);
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException e)
        {
            Interlocked.CompareExchange(ref failure.Value, e, null);
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        writer.TryComplete(failure.Value);
    }

    /// <summary>One channel per file, read in listing order: deterministic, but only the file being consumed makes progress.</summary>
    private async IAsyncEnumerable<SiemEvent> ReadInListingOrderAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = _page.Files;
        if (files.Count == 0)
        {
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(_options.MaxParallelDownloads, _options.MaxParallelDownloads);
        var channels = new Channel<ArraySegment<SiemEvent>>[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            channels[i] = Channel.CreateBounded<ArraySegment<SiemEvent>>(new BoundedChannelOptions(BufferedChunksPerFile) { SingleReader = true, SingleWriter = true });
        }

        // Files start in listing order, each when a slot frees: the file the consumer reads next always holds a slot.
        var launcher = Task.Run(() => LaunchAsync(files, channels, slots, stop.Token), CancellationToken.None);
        try
        {
            foreach (var channel in channels)
            {
                await foreach (var chunk in DrainAsync(channel.Reader, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var item in chunk)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return item;
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await launcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task LaunchAsync(IReadOnlyList<SiemBatchFile> files, Channel<ArraySegment<SiemEvent>>[] channels, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var running = new List<Task>(files.Count);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var index = i;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        channels[index].Writer.TryComplete(await ReadIntoAsync(files[index], channels[index].Writer, cancellationToken).ConfigureAwait(false));
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
            // The consumer stopped: files not yet started end with the cancellation.
            foreach (var channel in channels)
            {
                channel.Writer.TryComplete(new OperationCanceledException(cancellationToken));
            }
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Reads one file into a channel in chunks; returns its failure (or null) after every event read before it (a
    /// malformed line, a truncated file) was handed to the channel.
    /// </summary>
    private async Task<Exception?> ReadIntoAsync(SiemBatchFile file, ChannelWriter<ArraySegment<SiemEvent>> writer, CancellationToken cancellationToken)
    {
        var chunks = new EventChunks(writer);
        try
        {
            await ReadFileAsync(file, chunks, cancellationToken).ConfigureAwait(false);
            await chunks.FlushAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            await chunks.FlushAsync(cancellationToken).AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return e;
        }
    }

    // Chunk by chunk (one iterator step per 16 events, not per event); a failed file's error is thrown after its last chunk.
    private static async IAsyncEnumerable<ArraySegment<SiemEvent>> DrainAsync(ChannelReader<ArraySegment<SiemEvent>> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var chunk))
            {
                yield return chunk;
            }
        }
    }
}
