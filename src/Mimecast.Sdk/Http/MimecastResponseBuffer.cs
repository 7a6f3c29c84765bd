using System.Net;

namespace Mimecast.Sdk.Http;

/// <summary>
/// Reads a response body whole, inside the attempt that received it, so that a stalled or cut body is met by the
/// attempt's timeout and retry instead of surfacing later while the caller decodes it. The body is bounded: one larger
/// than the limit is refused before it exhausts memory. Decoding stays streaming, over the buffered bytes.
/// </summary>
internal static class MimecastResponseBuffer
{
    private const int FirstChunk = 16 * 1024;

    /// <summary>Replaces <paramref name="response"/>'s content with the same bytes and headers, read into memory.</summary>
    /// <exception cref="MimecastInvalidResponseException">The body is larger than the client's <c>MaxResponseSize</c>.</exception>
    /// <exception cref="IOException">The connection was cut or reset while the body arrived (transient: retried).</exception>
    internal static async Task LoadAsync(HttpResponseMessage response, MimecastRequestState state, CancellationToken cancellationToken)
    {
        var original = response.Content;
        byte[] body;
        int length;
        try
        {
            (body, length) = await ReadAsync(original, state.Options.MaxResponseSize, cancellationToken).ConfigureAwait(false);
        }
        catch (ResponseTooLargeException e)
        {
            throw new MimecastInvalidResponseException(
                MimecastApiException.Describe(
                    $"Mimecast answered with a body larger than MaxResponseSize ({e.Limit} bytes{(e.Declared is { } d ? $"; it announced {d}" : string.Empty)}); it was not read further",
                    state.Operation.Path, response.StatusCode, null, [], state.LastRequestId),
                response.StatusCode, state.LastRequestId, state.Operation.Path);
        }

        var buffered = new ByteArrayContent(body, 0, length);
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

    /// <summary>Reads <paramref name="content"/> into an array of at most <paramref name="limit"/> bytes.</summary>
    /// <exception cref="ResponseTooLargeException">The body announces or turns out to have more than <paramref name="limit"/> bytes.</exception>
    internal static async Task<(byte[] Body, int Length)> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new ResponseTooLargeException(limit, declared);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // Announced length: one exact array (plus a byte to notice a body longer than announced). Otherwise grow by doubling.
            var buffer = new byte[declared is { } n ? (int)Math.Min(n + 1, (long)limit + 1) : Math.Min(FirstChunk, limit + 1)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        throw new ResponseTooLargeException(limit, declared);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
    }
}

/// <summary>A response body over the configured limit (internal: turned into the operation's typed exception).</summary>
internal sealed class ResponseTooLargeException : Exception
{
    internal ResponseTooLargeException(int limit, long? declared)
        : base("The response body is larger than the configured maximum.")
    {
        Limit = limit;
        Declared = declared;
    }

    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal int Limit { get; }

    internal long? Declared { get; }
}
