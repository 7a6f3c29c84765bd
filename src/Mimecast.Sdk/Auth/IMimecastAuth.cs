namespace Mimecast.Sdk.Auth;

/// <summary>
/// Applies Mimecast credentials to one outgoing HTTP attempt. The SDK calls <see cref="ApplyAsync"/> once per
/// attempt (every retry and every rate-limit resend is re-authenticated), so implementations must be thread-safe.
/// </summary>
/// <remarks>
/// Register your own implementation in the service collection (keyed by the client name for named clients)
/// to replace the built-in <see cref="MimecastHmacAuth"/> (API 1.0) or <see cref="MimecastOAuth2Auth"/> (API 2.0).
/// </remarks>
public interface IMimecastAuth
{
    /// <summary>Gets the API generation this authenticator speaks.</summary>
    MimecastApiGeneration Generation { get; }

    /// <summary>
    /// Gets a stable, non-secret identity of the credential. Requests whose authenticators share a partition key
    /// share one rate-limit bucket, because Mimecast counts its quota per user across all of that user's keys.
    /// </summary>
    string PartitionKey { get; }

    /// <summary>Adds the authentication headers for one attempt of <paramref name="request"/>, replacing any left by an earlier attempt.</summary>
    /// <param name="request">The request about to be sent.</param>
    /// <param name="cancellationToken">Cancels the wait for credentials (for example a token request) of this caller only.</param>
    /// <exception cref="MimecastAuthenticationException">The credentials could not be obtained.</exception>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the authenticator that <paramref name="request"/> came back unauthorized (HTTP 401). Returns
    /// <see langword="true"/> when new credentials were (or will be) obtained and resending the request once is worthwhile.
    /// </summary>
    /// <param name="request">The request that was refused.</param>
    /// <param name="cancellationToken">Cancels this call.</param>
    ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}

/// <summary>The Mimecast API generation a credential belongs to.</summary>
public enum MimecastApiGeneration
{
    /// <summary>API 1.0: regional hosts, HMAC-SHA1 signed requests with application and access keys.</summary>
    Api1 = 1,

    /// <summary>API 2.0: OAuth2 client-credentials bearer tokens.</summary>
    Api2 = 2,
}
