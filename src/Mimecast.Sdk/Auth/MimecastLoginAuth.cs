using System.Text;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Auth;

/// <summary>
/// Headers of the API 1.0 login family (discover-authentication, login, refresh): application id, a fresh date and
/// request id per attempt, and for login and refresh <c>Basic-Cloud</c> / <c>Basic-AD</c> user credentials.
/// </summary>
internal sealed class MimecastLoginAuth : IMimecastAuth
{
    private readonly string? _appId;
    private readonly string? _authorization;
    private readonly TimeProvider _timeProvider;

    private MimecastLoginAuth(string? appId, string emailAddress, string? authorization, TimeProvider timeProvider)
    {
        _appId = appId;
        _authorization = authorization;
        _timeProvider = timeProvider;
        // The quota is per user: login calls draw on the bucket of the user logging in.
        PartitionKey = "user:" + PartitionHash.Of(emailAddress.ToUpperInvariant());
    }

    public MimecastApiGeneration Generation => MimecastApiGeneration.Api1;

    public string PartitionKey { get; }

    internal static MimecastLoginAuth ForDiscovery(string? appId, string emailAddress, TimeProvider timeProvider) =>
        new(appId, emailAddress, null, timeProvider);

    internal static MimecastLoginAuth ForLogin(string appId, MimecastUserCredentials credentials, TimeProvider timeProvider)
    {
        var scheme = credentials.AuthType == MimecastAuthType.Domain ? "Basic-AD" : "Basic-Cloud";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.EmailAddress + ":" + credentials.Password));
        return new(appId, credentials.EmailAddress, scheme + " " + encoded, timeProvider);
    }

    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MimecastHeaders.Set(request, MimecastHeaders.Date, MimecastDateFormat.Format(_timeProvider.GetUtcNow()));
        MimecastHeaders.Set(request, MimecastHeaders.RequestId, Guid.NewGuid().ToString());
        if (_appId is not null)
        {
            MimecastHeaders.Set(request, MimecastHeaders.AppId, _appId);
        }

        if (_authorization is not null)
        {
            MimecastHeaders.Set(request, "Authorization", _authorization);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);

    public override string ToString() => "MimecastLoginAuth(***)";
}
