using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>The API 1.0 login family (<c>client.Login</c>): discover how a user authenticates, log in, extend and revoke access key bindings. Thread-safe; each can be faked on its own.</summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface ILoginClient
{
    /// <summary>
    /// Looks up how a user may authenticate and which regional host serves the account
    /// (<c>/api/login/discover-authentication</c> on <see cref="MimecastClientOptions.DiscoveryUrl"/>).
    /// </summary>
    /// <param name="emailAddress">The user's email address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The authentication types and region of the user.</returns>
    Task<MimecastAuthenticationInfo> DiscoverAuthenticationAsync(string emailAddress, CancellationToken cancellationToken = default);

    /// <summary>Logs a user in and creates a new API 1.0 access key binding (<c>/api/login/login</c>).</summary>
    /// <param name="credentials">The user's email, password and password type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new access key and secret key.</returns>
    /// <remarks>Mimecast limits the number of bindings per user: prefer <see cref="RefreshTokenAsync"/> for an existing key.</remarks>
    Task<MimecastAccessKey> LoginAsync(MimecastUserCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>Extends the validity of an existing API 1.0 access key in place (the login flow with the key).</summary>
    /// <param name="credentials">The user's email, password and password type.</param>
    /// <param name="accessKey">The access key to extend.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The binding, with the same access key and its new duration.</returns>
    Task<MimecastAccessKey> RefreshTokenAsync(MimecastUserCredentials credentials, string accessKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes an API 1.0 access key binding of the client's user (<c>/api/login/logout</c>, signed with the client's
    /// own binding), on the API 1.0 host (<see cref="MimecastApi1Options.BaseUrl"/>, an API 1.0 client's
    /// <see cref="MimecastClientOptions.BaseUrl"/>, or the region discovered last).
    /// </summary>
    /// <param name="accessKey">The access key to revoke (the client's own, or another binding of the same user).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Mimecast confirmed the revocation.</returns>
    /// <exception cref="InvalidOperationException">No API 1.0 host is known, or the client has no API 1.0 binding to sign with; nothing was sent.</exception>
    Task LogoutAsync(string accessKey, CancellationToken cancellationToken = default);
}
