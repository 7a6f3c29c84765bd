using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Auth;

/// <summary>
/// API 2.0 authenticator: obtains an OAuth2 client-credentials token from <c>/oauth/token</c>, caches it, renews it
/// <see cref="MimecastApi2Options.RefreshBeforeExpiry"/> before it expires, and runs exactly one token request at a
/// time however many callers wait. A 401 on a call discards the token that call used, so the next attempt gets a
/// new one.
/// </summary>
/// <remarks>
/// The shared token request runs under its own timeout, not under any caller's <see cref="CancellationToken"/>: one
/// caller cancelling stops only its own wait. A failed request is never cached.
/// </remarks>
public sealed class MimecastOAuth2Auth : IMimecastAuth
{
    private const int TokenAttempts = 3;

    private static readonly TimeSpan TokenRetryDelay = TimeSpan.FromMilliseconds(250);

    private static readonly HttpRequestOptionsKey<AccessToken> UsedToken = new("Mimecast.Sdk.UsedToken");

    private readonly object _lock = new();
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly Uri _tokenEndpoint;
    private readonly Func<HttpClient> _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _logger;
    private readonly MimecastTelemetry? _telemetry;
    private AccessToken? _token;
    private Task<AccessToken>? _pending;

    /// <summary>Creates an API 2.0 authenticator that requests tokens through <paramref name="httpClient"/>.</summary>
    /// <param name="credentials">The client id and secret.</param>
    /// <param name="baseUrl">The API 2.0 host; the token endpoint is <c>{baseUrl}/oauth/token</c>.</param>
    /// <param name="httpClient">The client for token requests. It must not carry the Mimecast auth handler.</param>
    /// <param name="timeProvider">The clock for expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <exception cref="ArgumentException">The client id or secret is missing.</exception>
    public MimecastOAuth2Auth(MimecastApi2Options credentials, Uri baseUrl, HttpClient httpClient, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(credentials, baseUrl, CheckClient(httpClient), timeProvider, logger, null)
    {
    }

    internal MimecastOAuth2Auth(MimecastApi2Options credentials, Uri baseUrl, Func<HttpClient> httpClient, TimeProvider? timeProvider, ILogger? logger, MimecastTelemetry? telemetry)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(baseUrl);
        _clientId = string.IsNullOrWhiteSpace(credentials.ClientId)
            ? throw new ArgumentException("The API 2.0 credential 'ClientId' is required.", nameof(credentials))
            : credentials.ClientId;
        _clientSecret = string.IsNullOrEmpty(credentials.ClientSecret)
            ? throw new ArgumentException("The API 2.0 credential 'ClientSecret' is required.", nameof(credentials))
            : credentials.ClientSecret;
        _tokenEndpoint = new Uri(baseUrl, "/oauth/token");
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _refreshBeforeExpiry = credentials.RefreshBeforeExpiry;
        _requestTimeout = credentials.TokenRequestTimeout > TimeSpan.Zero ? credentials.TokenRequestTimeout : TimeSpan.FromSeconds(30);
        _logger = logger ?? NullLogger.Instance;
        _telemetry = telemetry;
        PartitionKey = "api2:" + PartitionHash.Of(_clientId);
    }

    /// <inheritdoc />
    public MimecastApiGeneration Generation => MimecastApiGeneration.Api2;

    /// <inheritdoc />
    /// <remarks>Derived from a hash of the client id.</remarks>
    public string PartitionKey { get; }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Options.Set(UsedToken, token);
    }

    /// <inheritdoc />
    /// <remarks>Discards the token the request used (unless another caller already replaced it) and returns <see langword="true"/>.</remarks>
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(UsedToken, out var used))
        {
            lock (_lock)
            {
                if (ReferenceEquals(_token, used))
                {
                    _token = null;
                }
            }
        }

        return new(true);
    }

    /// <summary>Returns a description that names the client id and never the secret or a token.</summary>
    public override string ToString() => $"MimecastOAuth2Auth(ClientId={_clientId}, ClientSecret=***)";

    /// <summary>Returns a valid token, starting (or joining) the single token request when none is cached.</summary>
    internal Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<AccessToken>? owner = null;
        Task<AccessToken> pending;
        lock (_lock)
        {
            if (_token is { } cached && _timeProvider.GetUtcNow() < cached.RenewAt)
            {
                return Task.FromResult(cached);
            }

            if (_pending is null)
            {
                owner = new TaskCompletionSource<AccessToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending = owner.Task;
            }

            pending = _pending;
        }

        if (owner is not null)
        {
            _ = AcquireAsync(owner);
        }

        return pending.WaitAsync(cancellationToken);
    }

    private async Task AcquireAsync(TaskCompletionSource<AccessToken> owner)
    {
        try
        {
            var token = await RequestTokenAsync().ConfigureAwait(false);
            lock (_lock)
            {
                _token = token;
                _pending = null;
            }

            owner.TrySetResult(token);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _pending = null;
            }

            owner.TrySetException(e);
        }
    }

    private async Task<AccessToken> RequestTokenAsync()
    {
        // One token acquisition: up to three requests within the token timeout; only a 408, a 5xx or a failed
        // connection is tried again (after a jittered 250 ms, then 500 ms, on the TimeProvider).
        using var timeout = new CancellationTokenSource(_requestTimeout, _timeProvider);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RequestTokenOnceAsync(timeout).ConfigureAwait(false);
            }
            catch (MimecastAuthenticationException e) when (attempt < TokenAttempts && IsTransient(e) && !timeout.IsCancellationRequested)
            {
                var delay = JitteredBackoff.Delay(TokenRetryDelay, attempt - 1, TokenRetryDelay * 2);
                try
                {
                    await Task.Delay(delay, _timeProvider, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new MimecastAuthenticationException($"The Mimecast API 2.0 token request timed out after {_requestTimeout.TotalSeconds:0.###} s.", e.StatusCode, e.Errors, null, "/oauth/token", e);
                }
            }
        }
    }

    private static bool IsTransient(MimecastAuthenticationException e) =>
        e.StatusCode is null
            ? e.InnerException is HttpRequestException
            : e.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private async Task<AccessToken> RequestTokenOnceAsync(CancellationTokenSource timeout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("client_id", _clientId),
                new("client_secret", _clientSecret),
                new("grant_type", "client_credentials"),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new MimecastAuthenticationException($"The Mimecast API 2.0 token request timed out after {_requestTimeout.TotalSeconds:0.###} s.", null, null, null, "/oauth/token", e);
        }
        catch (HttpRequestException e)
        {
            throw new MimecastAuthenticationException("The Mimecast API 2.0 token request could not be sent: " + e.HttpRequestError + ".", null, null, null, "/oauth/token", e);
        }

        using (response)
        {
            OAuthTokenResponse? body = null;
            try
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (bytes.Length > 0)
                {
                    body = JsonSerializer.Deserialize(bytes, MimecastJsonContext.Default.OAuthTokenResponse);
                }
            }
            catch (JsonException)
            {
                // Reported below as an invalid answer; the body is never echoed (it would hold the token).
            }

            var errors = FailItems.Flatten(body?.Fail);
            if (body?.Error is { Length: > 0 } oauthError && errors.Count == 0)
            {
                errors.Add(new MimecastError(oauthError, null, false));
            }

            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
            {
                Log.TokenRequestFailed(_logger, (int)response.StatusCode, errors.Count > 0 ? errors[0].Code : null);
                var what = response.IsSuccessStatusCode
                    ? "The Mimecast API 2.0 token endpoint answered without an access token"
                    : "Mimecast refused the API 2.0 client credentials";
                throw new MimecastAuthenticationException(
                    MimecastApiException.Describe(what, "/oauth/token", response.StatusCode, null, errors, null),
                    response.StatusCode, errors, null, "/oauth/token");
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(1, body.ExpiresIn ?? 1799));
            // Renew early, but never so early that a short-lived token is renewed on every call.
            var skew = _refreshBeforeExpiry < lifetime / 2 ? _refreshBeforeExpiry : lifetime / 2;
            _telemetry?.TokenRenewals.Add(1);
            Log.TokenAcquired(_logger, lifetime.TotalSeconds);
            return new AccessToken(body.AccessToken, _timeProvider.GetUtcNow() + lifetime - skew);
        }
    }

    private static Func<HttpClient> CheckClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    /// <summary>A bearer token and when to renew it. Its <see cref="ToString"/> never shows the value.</summary>
    internal sealed class AccessToken(string value, DateTimeOffset renewAt)
    {
        internal string Value { get; } = value;

        internal DateTimeOffset RenewAt { get; } = renewAt;

        public override string ToString() => $"AccessToken(***, RenewAt={RenewAt:O})";
    }
}
