using System.Text.Json;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>The API 1.0 login family (login, refresh, logout): always sent to an API 1.0 host, never to the 2.0 gateway.</summary>
public sealed partial class MimecastClient
{
    /// <inheritdoc />
    public async Task LogoutAsync(string accessKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKey);
        var operation = MimecastOperation.Logout;
        var context = _contexts.Get(Name);
        var host = ResolveApi1Host(context, operation);
        if (context.Auth is not { Generation: MimecastApiGeneration.Api1 } auth || context.Options.Api1 is not { HasBinding: true })
        {
            throw new InvalidOperationException(
                $"Mimecast {operation.Name} is an API 1.0 call signed with a binding of the same user: set Mimecast:Api1:AccessKey and Mimecast:Api1:SecretKey for client '{Name}'.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RequestEnvelope<AccessKeyData> { Data = [new AccessKeyData { AccessKey = accessKey }] },
            MimecastJsonContext.Default.RequestEnvelopeAccessKeyData);
        await SendAsync(operation, context, host, auth, context.Bucket!, body, MimecastJsonContext.Default.ResponseEnvelopeJsonElement, cancellationToken)
            .ConfigureAwait(false);
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
