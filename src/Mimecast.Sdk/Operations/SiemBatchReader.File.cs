using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Mimecast.Sdk.DependencyInjection;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

// One file of a batch page: download, re-list an expired link, decompress, parse line by line into chunks.
internal sealed partial class SiemBatchReader
{
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
}
