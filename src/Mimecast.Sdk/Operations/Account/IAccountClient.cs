using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>The customer account (<c>client.Account</c>), over API 1.0 or 2.0. Thread-safe; can be faked on its own.</summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface IAccountClient
{
    /// <summary>
    /// Gets the account the credentials belong to (<c>POST /api/account/get-account</c>, <c>{"data":[]}</c>): its name,
    /// code, region, packages and user count. A read: retried after transient faults. SOAR platforms use it as the
    /// connection test. Permission: any API user role can read its own account (no specific role is documented).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account.</returns>
    /// <exception cref="MimecastApiException">Mimecast refused the call (HTTP status, <c>meta.status</c> or a <c>fail</c> entry).</exception>
    /// <exception cref="MimecastAuthenticationException">The credentials were refused or none are configured.</exception>
    Task<MimecastAccount> GetAsync(CancellationToken cancellationToken = default);
}
