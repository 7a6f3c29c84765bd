using System.Net;
using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// One call to any Mimecast path, for what the typed sub-clients do not cover yet (the <c>mimecast api</c> command).
/// The body is sent as is (JSON); the answer comes back as raw bytes.
/// </summary>
public sealed class MimecastRawRequest
{
    /// <summary>Gets or sets the HTTP method. Defaults to POST (the Mimecast envelope API).</summary>
    public HttpMethod Method { get; set; } = HttpMethod.Post;

    /// <summary>Gets or sets the path and query relative to the client's base URL, for example <c>/api/account/get-account</c>.</summary>
    public required string Path { get; set; }

    /// <summary>Gets or sets the JSON body, or <see langword="null"/> for none.</summary>
    public ReadOnlyMemory<byte>? Body { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the call may be sent again after a transient fault that may have
    /// reached Mimecast (a read, or a write whose repetition changes nothing). Defaults to <see langword="false"/> for
    /// POST, PUT, PATCH and DELETE: such a call is never resent once it may have arrived, and an unknown outcome is
    /// reported as <see cref="MimecastOutcomeUnknownException"/>; <see langword="true"/> for GET and HEAD.
    /// </summary>
    public bool? Idempotent { get; set; }
}

/// <summary>The answer to a <see cref="MimecastRawRequest"/>: status, request id and the body as Mimecast sent it.</summary>
public sealed class MimecastRawResponse
{
    private readonly bool _envelopeFailed;

    internal MimecastRawResponse(HttpStatusCode statusCode, string? requestId, byte[] body, MimecastRateLimitInfo? rateLimit)
    {
        StatusCode = statusCode;
        RequestId = requestId;
        Body = body;
        RateLimit = rateLimit;
        // The envelope is read once here: IsSuccess and NextPageToken are both asked of every page (api --paginate).
        var envelope = TryEnvelope(body);
        _envelopeFailed = envelope is not null && (envelope.Fail is { Count: > 0 } || envelope.Meta?.Status is < 200 or > 299);
        NextPageToken = envelope?.Meta?.Pagination?.Next is { Length: > 0 } next ? next : null;
    }

    /// <summary>Gets the HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the <c>x-mc-req-id</c> of the last attempt, for Mimecast support.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the response body (usually JSON; empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets the rate-limit headers of the answer, if any.</summary>
    public MimecastRateLimitInfo? RateLimit { get; }

    /// <summary>
    /// Gets a value indicating whether the call succeeded: a 2xx status and, for an envelope answer, an empty
    /// <c>fail</c> array and a 2xx <c>meta.status</c>.
    /// </summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299 && !_envelopeFailed;

    /// <summary>Gets the <c>meta.pagination.next</c> token of an envelope answer, or <see langword="null"/>.</summary>
    public string? NextPageToken { get; }

    private static ResponseEnvelope<JsonElement>? TryEnvelope(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, MimecastJsonContext.Default.ResponseEnvelopeJsonElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Sends a <see cref="MimecastRawRequest"/> through a client's full pipeline (credentials, rate limits, retries, telemetry).</summary>
public static class MimecastRawCallExtensions
{
    /// <summary>
    /// Sends one request to any path, signed (API 1.0) or with a token (API 2.0) as the client is configured, and returns
    /// the answer whatever its status or <c>fail</c> entries, except where the SDK's rules decide: refused or expired
    /// credentials, an exhausted quota and an unknown outcome of a non-idempotent call throw as in every other operation.
    /// </summary>
    /// <param name="client">A client obtained from <c>AddMimecastClient</c> or <see cref="IMimecastClientFactory"/>.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="NotSupportedException"><paramref name="client"/> is not the SDK's own client (a fake).</exception>
    /// <exception cref="MimecastAuthenticationException">The credentials were refused or none are configured.</exception>
    /// <exception cref="MimecastRateLimitException">The quota stayed exhausted past the configured wait.</exception>
    /// <exception cref="MimecastOutcomeUnknownException">A non-idempotent call may have reached Mimecast without an answer; it was not resent.</exception>
    /// <exception cref="MimecastApiException">A transport failure after the retries.</exception>
    public static Task<MimecastRawResponse> SendRawAsync(this IMimecastClient client, MimecastRawRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Path);
        return client is IMimecastRawCalls raw
            ? raw.SendRawAsync(request, cancellationToken)
            : throw new NotSupportedException("SendRawAsync needs a client created by the SDK (AddMimecastClient or IMimecastClientFactory).");
    }
}

/// <summary>Implemented by the SDK's own client (kept off <see cref="IMimecastClient"/> so fakes need not implement it).</summary>
internal interface IMimecastRawCalls
{
    Task<MimecastRawResponse> SendRawAsync(MimecastRawRequest request, CancellationToken cancellationToken);
}
