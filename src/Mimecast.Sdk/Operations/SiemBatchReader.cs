using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.DependencyInjection;
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
internal sealed class SiemBatchReader
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

    private async Task ReadFileAsync(SiemBatchFile file, EventChunks writer, CancellationToken cancellationToken)
    {
        var (generation, url) = (0, file.Url);
        HttpStatusCode? lastStatus = null;
        for (var relists = 0; ; relists++)
        {
            using var timeout = new CancellationTokenSource(_options.DownloadTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await _httpClientFactory.CreateClient(MimecastHttpClientNames.SiemDownload)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (SiemWireFacts.IsExpiredLink(response.StatusCode))
                {
                    lastStatus = response.StatusCode;
                }
                else if (!response.IsSuccessStatusCode)
                {
                    throw new MimecastBatchFileException(
                        $"The SIEM batch file {file.Name} could not be downloaded: the storage host answered HTTP {(int)response.StatusCode} {response.StatusCode}.",
                        MimecastBatchFileError.DownloadFailed, file.Name, null, response.StatusCode);
                }
                else
                {
                    var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                    await using (body.ConfigureAwait(false))
                    {
                        await ParseAsync(file, body, writer, linked.Token).ConfigureAwait(false);
                    }

                    return;
                }
            }
            catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new MimecastBatchFileException($"The SIEM batch file {file.Name} did not download within {_options.DownloadTimeout}.",
                    MimecastBatchFileError.DownloadFailed, file.Name, null, null, e);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new MimecastBatchFileException($"The SIEM batch file {file.Name} could not be downloaded ({e.GetType().Name}).",
                    MimecastBatchFileError.DownloadFailed, file.Name, null, null, e);
            }

            // Expired or gone: a fresh URL only comes from re-listing the page's cursor; bounded, never the same URL again.
            if (relists >= _options.ExpiredLinkRelists)
            {
                _telemetry.SiemFilesSkipped.Add(1);
                SiemLog.FileSkipped(_logger, file.Name, (int?)lastStatus, relists);
                return;
            }

            SiemLog.Relisting(_logger, file.Name, (int)lastStatus!.Value, relists + 1, _options.ExpiredLinkRelists);
            (generation, var fresh) = await RelistAsync(generation, cancellationToken).ConfigureAwait(false);
            var match = fresh.Files.FirstOrDefault(f => string.Equals(f.Name, file.Name, StringComparison.Ordinal));
            if (match is null)
            {
                _telemetry.SiemFilesSkipped.Add(1);
                SiemLog.FileSkipped(_logger, file.Name, (int?)lastStatus, relists + 1);
                return;
            }

            url = match.Url;
        }
    }

    /// <summary>
    /// Re-lists the page once for every file that found its link expired since the last listing (listing calls are
    /// scarce): a file joins a re-listing in flight, or uses one completed after it got its URL.
    /// </summary>
    private Task<(int Generation, SiemBatchPage Page)> RelistAsync(int seenGeneration, CancellationToken cancellationToken)
    {
        lock (_relistLock)
        {
            var latest = _latest;
            if (!latest.IsCompleted || (latest.IsCompletedSuccessfully && latest.Result.Generation > seenGeneration))
            {
                return latest;
            }

            var generation = (latest.IsCompletedSuccessfully ? latest.Result.Generation : seenGeneration) + 1;
            _latest = RelistCoreAsync(generation, cancellationToken);
            return _latest;
        }
    }

    private async Task<(int Generation, SiemBatchPage Page)> RelistCoreAsync(int generation, CancellationToken cancellationToken) =>
        (generation, await _relist(_page, cancellationToken).ConfigureAwait(false));

    private async Task ParseAsync(SiemBatchFile file, Stream body, EventChunks writer, CancellationToken cancellationToken)
    {
        var raw = new TrailerTrackingStream(body);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        try
        {
            var gzip = new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                long lineNumber = 0;
                long decompressed = 0;
                var filled = 0;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        // One line longer than the buffer: grow (bounded by the longest line, not the file).
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read;
                    try
                    {
                        read = await gzip.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidDataException e)
                    {
                        throw Truncated(file, e);
                    }

                    decompressed += read;
                    var end = filled + read;
                    var start = 0;
                    while (true)
                    {
                        var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                        if (newline < 0)
                        {
                            break;
                        }

                        lineNumber++;
                        await EmitAsync(file, buffer.AsMemory(start, newline), lineNumber, writer, cancellationToken).ConfigureAwait(false);
                        start += newline + 1;
                    }

                    if (read == 0)
                    {
                        // The file must be whole before its unterminated last line is trusted.
                        await raw.DrainAsync(cancellationToken).ConfigureAwait(false);
                        if (!raw.MatchesTrailer(decompressed))
                        {
                            throw Truncated(file, null);
                        }

                        if (end > start)
                        {
                            lineNumber++;
                            await EmitAsync(file, buffer.AsMemory(start, end - start), lineNumber, writer, cancellationToken).ConfigureAwait(false);
                        }

                        return;
                    }

                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    filled = end - start;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ValueTask EmitAsync(SiemBatchFile file, ReadOnlyMemory<byte> line, long lineNumber, EventChunks writer, CancellationToken cancellationToken)
    {
        var span = line.Span.TrimEnd((byte)'\r');
        if (span.IsEmpty || span.Trim(" \t"u8).IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        SiemEvent? item;
        try
        {
            item = JsonSerializer.Deserialize(span, LogSourcesJsonContext.Default.SiemEvent);
        }
        catch (JsonException e)
        {
            return Malformed(file, lineNumber, e);
        }

        if (item is null)
        {
            return Malformed(file, lineNumber, null);
        }

        return writer.AddAsync(item, cancellationToken);
    }

    private ValueTask Malformed(SiemBatchFile file, long lineNumber, Exception? inner)
    {
        if (_options.MalformedLines == SiemMalformedLineHandling.SkipAndReport)
        {
            _telemetry.SiemLinesSkipped.Add(1);
            SiemLog.LineSkipped(_logger, file.Name, lineNumber);
            return ValueTask.CompletedTask;
        }

        throw new MimecastBatchFileException($"Line {lineNumber} of the SIEM batch file {file.Name} is not a JSON object.",
            MimecastBatchFileError.MalformedLine, file.Name, lineNumber, null, inner);
    }

    private static MimecastBatchFileException Truncated(SiemBatchFile file, Exception? inner) =>
        new($"The SIEM batch file {file.Name} is truncated or corrupt (its gzip data ends early or does not match its trailer).",
            MimecastBatchFileError.Truncated, file.Name, null, null, inner);

    /// <summary>Collects one file's events into chunks and hands each full chunk to the file's channel.</summary>
    private sealed class EventChunks(ChannelWriter<ArraySegment<SiemEvent>> writer)
    {
        private SiemEvent[] _items = new SiemEvent[EventsPerChunk];
        private int _count;

        internal ValueTask AddAsync(SiemEvent item, CancellationToken cancellationToken)
        {
            _items[_count++] = item;
            return _count == _items.Length ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
        }

        internal ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            if (_count == 0)
            {
                return ValueTask.CompletedTask;
            }

            var chunk = new ArraySegment<SiemEvent>(_items, 0, _count);
            _items = new SiemEvent[EventsPerChunk];
            _count = 0;
            return writer.TryWrite(chunk) ? ValueTask.CompletedTask : writer.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Passes a compressed stream through, remembering its last 8 bytes: the gzip trailer (CRC32, ISIZE).</summary>
    private sealed class TrailerTrackingStream(Stream inner) : Stream
    {
        private readonly byte[] _tail = new byte[8];
        private long _total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _total; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Track(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Track(buffer.AsSpan(offset, read));
            return read;
        }

        internal async Task DrainAsync(CancellationToken cancellationToken)
        {
            var scratch = new byte[512];
            for (var i = 0; i < 1024 && await ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0; i++)
            {
            }
        }

        /// <summary>Whether the trailer's ISIZE equals the decompressed length modulo 2^32 (a single gzip member).</summary>
        internal bool MatchesTrailer(long decompressed) =>
            _total >= 18 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_tail.AsSpan(4)) == (uint)decompressed;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Track(ReadOnlySpan<byte> data)
        {
            if (data.Length >= 8)
            {
                data[^8..].CopyTo(_tail);
            }
            else if (data.Length > 0)
            {
                _tail.AsSpan(data.Length).CopyTo(_tail);
                data.CopyTo(_tail.AsSpan(8 - data.Length));
            }

            _total += data.Length;
        }
    }
}
