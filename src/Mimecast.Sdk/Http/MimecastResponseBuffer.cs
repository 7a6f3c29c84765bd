using System.Buffers;
using System.Net;
using Mimecast.Sdk.Http.Primitives;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Reads a response body whole, inside the attempt that received it, so that a stalled or cut body is met by the
/// attempt's timeout and retry instead of surfacing later while the caller decodes it. The body is bounded: one larger
/// than the limit is refused before it exhausts memory. Decoding stays streaming, over the buffered bytes.
/// </summary>
internal static class MimecastResponseBuffer
{
    /// <summary>
    /// Replaces <paramref name="response"/>'s content with the same bytes and headers, read into a buffer rented from the
    /// shared array pool; the buffer goes back to the pool when the response (and so its content) is disposed.
    /// </summary>
    /// <exception cref="MimecastInvalidResponseException">The body is larger than the client's <c>MaxResponseSize</c>.</exception>
    /// <exception cref="IOException">The connection was cut or reset while the body arrived (transient: retried).</exception>
    internal static async Task LoadAsync(HttpResponseMessage response, MimecastRequestState state, CancellationToken cancellationToken)
    {
        var original = response.Content;
        PooledBodyContent buffered;
        try
        {
            var (body, length) = await BoundedBody.ReadAsync(original, state.Options.MaxResponseSize, ArrayPool<byte>.Shared, cancellationToken).ConfigureAwait(false);
            buffered = new PooledBodyContent(body, length);
        }
        catch (ResponseTooLargeException e)
        {
            throw new MimecastInvalidResponseException(
                MimecastApiException.Describe(
                    $"Mimecast answered with a body larger than MaxResponseSize ({e.Limit} bytes{(e.Declared is { } d ? $"; it announced {d}" : string.Empty)}); it was not read further",
                    state.Operation.Path, response.StatusCode, null, [], state.LastRequestId),
                response.StatusCode, state.LastRequestId, state.Operation.Path);
        }

        foreach (var header in original.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = buffered;
        original.Dispose();
    }

    /// <summary>A response body held in a pooled array: read as a stream over the array (no copy), returned to the pool once on dispose.</summary>
    private sealed class PooledBodyContent : HttpContent
    {
        private byte[]? _buffer;
        private readonly int _length;

        internal PooledBodyContent(byte[] buffer, int length)
        {
            _buffer = buffer;
            _length = length;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(Buffer, 0, _length);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            stream.WriteAsync(Buffer.AsMemory(0, _length), cancellationToken).AsTask();

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(Buffer, 0, _length, writable: false));

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => CreateContentReadStreamAsync();

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new MemoryStream(Buffer, 0, _length, writable: false);

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            base.Dispose(disposing);
        }

        private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBodyContent));
    }
}
