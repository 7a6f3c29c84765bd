namespace Mimecast.Sdk.DependencyInjection;

/// <summary>
/// Names of the <see cref="HttpClient"/>s the SDK takes from <see cref="IHttpClientFactory"/>. Every customer shares
/// them (and so one connection pool per host): the customer travels with each request, not with the client. A
/// customer registered with <c>services.AddMimecastHttpClient(name, …)</c> has its own pair instead
/// (<see cref="ApiFor"/>, <see cref="TokenFor"/>), for handlers of that customer alone (a proxy, a header).
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

    /// <summary>The name of the API-call client of a customer that has its own (<c>Mimecast.Sdk.Api:{name}</c>).</summary>
    /// <param name="name">The customer name.</param>
    /// <returns>The <see cref="HttpClient"/> name.</returns>
    public static string ApiFor(string name) => Http.MimecastClientContextProvider.OwnApiClientName(name);

    /// <summary>The name of the token-request client of a customer that has its own (<c>Mimecast.Sdk.Token:{name}</c>).</summary>
    /// <param name="name">The customer name.</param>
    /// <returns>The <see cref="HttpClient"/> name.</returns>
    public static string TokenFor(string name) => Http.MimecastClientContextProvider.OwnTokenClientName(name);
}
