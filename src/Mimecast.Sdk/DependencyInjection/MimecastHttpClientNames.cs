namespace Mimecast.Sdk.DependencyInjection;

/// <summary>
/// Names of the <see cref="HttpClient"/>s the SDK takes from <see cref="IHttpClientFactory"/>. Every customer shares
/// them (and so one connection pool per host): the customer travels with each request, not with the client.
/// </summary>
public static class MimecastHttpClientNames
{
    /// <summary>The client for API calls, with the resilience, rate-limit and auth handlers.</summary>
    public const string Api = "Mimecast.Sdk";

    /// <summary>The client for API 2.0 token requests, without the auth handler (no recursion).</summary>
    public const string Token = "Mimecast.Sdk.Token";

    /// <summary>
    /// The client for SIEM batch file downloads from the storage host's pre-signed URLs: no Mimecast handlers, so no
    /// <c>Authorization</c> header ever reaches the storage host.
    /// </summary>
    public const string SiemDownload = "Mimecast.Sdk.SiemDownload";
}
