using System.Buffers;

namespace Mimecast.Sdk.Http.Primitives;

/// <summary>
/// Reads a whole response body, bounded: one larger than the limit is refused before it exhausts memory. The lowest
/// layer of the transport, shared by the API pipeline and the API 2.0 token request.
/// </summary>
internal static class BoundedBody
{
    private const int FirstChunk = 16 * 1024;

    /// <summary>Reads <paramref name="content"/> into a new array of at most <paramref name="limit"/> bytes (for bodies kept after the response is gone).</summary>
    /// <exception cref="ResponseTooLargeException">The body announces or turns out to have more than <paramref name="limit"/> bytes.</exception>
    internal static Task<(byte[] Body, int Length)> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken) =>
        ReadAsync(content, limit, null, cancellationToken);

    // With a pool, the array returned is rented (the caller returns it); on failure every rented array is returned here.
    internal static async Task<(byte[] Body, int Length)> ReadAsync(HttpContent content, int limit, ArrayPool<byte>? pool, CancellationToken cancellationToken)
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
            var buffer = Allocate(pool, declared is { } n ? (int)Math.Min(n + 1, (long)limit + 1) : Math.Min(FirstChunk, limit + 1));
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > limit)
                        {
                            throw new ResponseTooLargeException(limit, declared);
                        }

                        var larger = Allocate(pool, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        pool?.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, length);
                    }

                    length += read;
                }
            }
            catch
            {
                pool?.Return(buffer);
                throw;
            }
        }
    }

    private static byte[] Allocate(ArrayPool<byte>? pool, int minimumLength) => pool?.Rent(minimumLength) ?? new byte[minimumLength];
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
