using System.Net;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Diagnostics;

namespace Mimecast.Sdk.Http;

/// <summary>
/// The innermost SDK handler: applies the request's <see cref="IMimecastAuth"/> to every attempt (a fresh
/// <c>x-mc-req-id</c>, and for API 1.0 a fresh date and signature), and on a 401 asks the authenticator to renew
/// its credentials and resends once.
/// </summary>
internal sealed class MimecastAuthHandler : DelegatingHandler
{
    private readonly ILogger _logger;

    public MimecastAuthHandler(ILogger<MimecastAuthHandler> logger)
    {
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = MimecastRequestState.Get(request);
        if (state is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var response = await SendAuthenticatedAsync(request, state, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await state.Auth.OnUnauthorizedAsync(request, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        Log.RenewingAfterUnauthorized(_logger, state.Operation.Name);
        response.Dispose();
        return await SendAuthenticatedAsync(request, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAuthenticatedAsync(HttpRequestMessage request, MimecastRequestState state, CancellationToken cancellationToken)
    {
        request.Headers.Remove(MimecastHeaders.RequestId);
        await state.Auth.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        if (!request.Headers.Contains(MimecastHeaders.RequestId))
        {
            // API 2.0 does not sign it, but a per-attempt id still lets Mimecast support find the call.
            MimecastHeaders.Set(request, MimecastHeaders.RequestId, Guid.NewGuid().ToString());
        }

        state.Attempts++;
        state.LastRequestId = request.Headers.TryGetValues(MimecastHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Log.AttemptCompleted(_logger, state.Operation.Name, state.Attempts, (int)response.StatusCode);
        return response;
    }
}
