using System.Text.Json;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The API 1.0 login family (discover, login, refresh, logout): always sent to an API 1.0 host, never to the 2.0 gateway.</summary>
internal sealed class LoginClient : ILoginClient
{
    private readonly MimecastTransport _transport;

    internal LoginClient(MimecastTransport transport) => _transport = transport;

    private string Name => _transport.Name;

    /// <inheritdoc />
    public async Task<MimecastAuthenticationInfo> DiscoverAuthenticationAsync(string emailAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailAddress);
        var operation = LoginOperations.DiscoverAuthentication;
        var context = _transport.Contexts.Get(Name);
        var auth = MimecastLoginAuth.ForDiscovery(context.Options.Api1?.AppId, emailAddress, _transport.TimeProvider);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<EmailAddressData> { Data = [new EmailAddressData { EmailAddress = emailAddress }] },
            MimecastJsonContext.Default.RequestEnvelopeEmailAddressData);
        var (envelope, _) = await _transport.SendAsync(operation, context, context.Options.ResolveDiscoveryUrl(), auth,
            _transport.Contexts.BucketFor(context, auth), body, MimecastJsonContext.Default.ResponseEnvelopeMimecastAuthenticationInfo, cancellationToken).ConfigureAwait(false);
        var info = MimecastTransport.First(envelope, operation);
        RememberDiscoveredHost(context, info);
        return info;
    }

    /// <inheritdoc />
    public Task<MimecastAccessKey> LoginAsync(MimecastUserCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return LoginCoreAsync(LoginOperations.Login, credentials, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastAccessKey> RefreshTokenAsync(MimecastUserCredentials credentials, string accessKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKey);
        return LoginCoreAsync(LoginOperations.RefreshToken, credentials, accessKey, cancellationToken);
    }

    /// <inheritdoc />
    public async Task LogoutAsync(string accessKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKey);
        var operation = LoginOperations.Logout;
        var context = _transport.Contexts.Get(Name);
        var host = ResolveApi1Host(context, operation);
        if (context.Auth is not { Generation: MimecastApiGeneration.Api1 } auth || context.Options.Api1 is not { HasBinding: true })
        {
            throw new InvalidOperationException(
                $"Mimecast {operation.Name} is an API 1.0 call signed with a binding of the same user: set Mimecast:Api1:AccessKey and Mimecast:Api1:SecretKey for client '{Name}'.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<AccessKeyData> { Data = [new AccessKeyData { AccessKey = accessKey }] },
            MimecastJsonContext.Default.RequestEnvelopeAccessKeyData);
        await _transport.SendAsync(operation, context, host, auth, context.Bucket!, body, MimecastJsonContext.Default.ResponseEnvelopeJsonElement, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Returns the client's name, never its credentials.</summary>
    public override string ToString() => $"MimecastClient({(Name.Length == 0 ? "default" : Name)}).Login";

    private async Task<MimecastAccessKey> LoginCoreAsync(MimecastOperation operation, MimecastUserCredentials credentials, string? accessKey, CancellationToken cancellationToken)
    {
        var context = _transport.Contexts.Get(Name);
        _ = ResolveApi1Host(context, operation);
        var appId = context.Options.Api1?.AppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new InvalidOperationException($"Mimecast {operation.Name} needs the API 1.0 application id: set Mimecast:Api1:AppId for client '{Name}'.");
        }

        var auth = MimecastLoginAuth.ForLogin(appId, credentials, _transport.TimeProvider);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<LoginData> { Data = [new LoginData { UserName = credentials.EmailAddress, AccessKey = accessKey }] },
            MimecastJsonContext.Default.RequestEnvelopeLoginData);
        var (envelope, _) = await _transport.SendAsync(operation, context, ResolveApi1Host(context, operation), auth, _transport.Contexts.BucketFor(context, auth),
            body, MimecastJsonContext.Default.ResponseEnvelopeMimecastAccessKey, cancellationToken).ConfigureAwait(false);
        return MimecastTransport.First(envelope, operation);
    }

    /// <summary>
    /// The API 1.0 host of a login-family call: <c>Api1:BaseUrl</c>, else <c>BaseUrl</c> of an API 1.0 client, else the
    /// region the last discover-authentication named. Fails before sending when none is known.
    /// </summary>
    private Uri ResolveApi1Host(MimecastClientContext context, MimecastOperation operation)
    {
        var options = context.Options;
        var host = options.Api1?.BaseUrl
            ?? (options.Api2 is null ? options.BaseUrl : null)
            ?? context.DiscoveredApi1Host;
        return host ?? throw new InvalidOperationException(
            $"Mimecast {operation.Name} is an API 1.0 call and needs the account's API 1.0 regional host, which client '{Name}' does not know: set Mimecast:Api1:BaseUrl (for example https://eu-api.mimecast.com), or call DiscoverAuthenticationAsync first. It is never sent to the API 2.0 gateway.");
    }

    /// <summary>Remembers the region discover named in the customer's context: it lives (and goes) with the customer's options.</summary>
    private static void RememberDiscoveredHost(MimecastClientContext context, MimecastAuthenticationInfo info)
    {
        if (info.RegionalBaseUrl is { } regional && (regional.Scheme == Uri.UriSchemeHttps || regional.IsLoopback))
        {
            context.DiscoveredApi1Host = regional;
        }
    }
}
