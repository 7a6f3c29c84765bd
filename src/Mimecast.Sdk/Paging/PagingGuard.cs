using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk;

/// <summary>
/// The bounds of one listing walk, shared by every paged stream: a continuation token seen before anywhere in the
/// walk (a cycle), more pages than <see cref="MimecastPagingOptions.MaxPages"/>, or a walk longer than
/// <see cref="MimecastPagingOptions.MaxDuration"/> ends it with <see cref="MimecastPagingException"/>.
/// </summary>
internal sealed class PagingGuard
{
    private readonly HashSet<UInt128> _seen = [];
    private readonly MimecastPagingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;

    internal PagingGuard(MimecastPagingOptions options, TimeProvider timeProvider, string? firstToken)
    {
        _options = options;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
        if (firstToken is not null)
        {
            _seen.Add(Fingerprint(firstToken));
        }
    }

    /// <summary>Returns the exception that ends the walk before <paramref name="next"/> is requested, or null to go on.</summary>
    internal MimecastPagingException? Check(string next, int pagesRead, string? requestId)
    {
        if (!_seen.Add(Fingerprint(next)))
        {
            return new MimecastPagingException(
                $"Mimecast sent a page token after page {pagesRead} that was already used earlier in this listing (a cycle); the listing was stopped rather than read again. Every record of the {pagesRead} page(s) read was delivered. Request id: {requestId ?? "none"}.",
                MimecastPagingFailure.TokenCycle, pagesRead, requestId);
        }

        if (pagesRead >= _options.MaxPages)
        {
            return new MimecastPagingException(
                $"The Mimecast listing still had more pages after {pagesRead} page(s), the bound set by Paging:MaxPages; the listing was stopped. Request id: {requestId ?? "none"}.",
                MimecastPagingFailure.TooManyPages, pagesRead, requestId);
        }

        if (_options.MaxDuration is { } max && _timeProvider.GetElapsedTime(_started) > max)
        {
            return new MimecastPagingException(
                $"The Mimecast listing still had more pages after {_timeProvider.GetElapsedTime(_started).TotalSeconds:0.###} s and {pagesRead} page(s), longer than Paging:MaxDuration ({max.TotalSeconds:0.###} s); the listing was stopped. Request id: {requestId ?? "none"}.",
                MimecastPagingFailure.TooLong, pagesRead, requestId);
        }

        return null;
    }

    // 128 bits of SHA-256: the set stays small (16 bytes a page) whatever the token length, and a false cycle is impossible in practice.
    private static UInt128 Fingerprint(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}
