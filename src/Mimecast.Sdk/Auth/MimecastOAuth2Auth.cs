using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http.Primitives;
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

    private const string TokenPath = "/oauth/token";

    /// <summary>A token answer is a few hundred bytes; anything beyond this is not one.</summary>
    private const int MaxTokenResponseSize = 1024 * 1024;

    private static readonly TimeSpan RenewalRetryDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RenewalMaxDelay = TimeSpan.FromSeconds(30);

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
    private DateTimeOffset _nextRenewal = DateTimeOffset.MinValue;
    private int _renewalFailures;

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

    /// <summary>Gets the latest background renewal, finished or not (for tests: it is otherwise unobservable).</summary>
    internal Task<AccessToken>? LastBackgroundRenewal { get; private set; }

    /// <summary>Returns a description that names the client id and never the secret or a token.</summary>
    public override string ToString() => $"MimecastOAuth2Auth(ClientId={_clientId}, ClientSecret=***)";

    /// <summary>
    /// Returns a valid token. Before its renewal time the cached token; inside the renewal window (the last
    /// <see cref="MimecastApi2Options.RefreshBeforeExpiry"/> of its life) still the cached token, while one caller starts a
    /// renewal in the background (after a failed one, not before its backoff has passed); once it has really expired,
    /// every caller waits for the single token request.
    /// </summary>
    internal Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<AccessToken>? owner = null;
        Task<AccessToken> pending;
        AccessToken? stillValid = null;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (_token is { } cached && now < cached.ExpiresAt)
            {
                if (now < cached.RenewAt || _pending is not null || now < _nextRenewal)
                {
                    return Task.FromResult(cached);
                }

                stillValid = cached;
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
            if (stillValid is not null)
            {
                LastBackgroundRenewal = owner.Task;
            }

            _ = AcquireAsync(owner, background: stillValid is not null);
        }

        return stillValid is not null ? Task.FromResult(stillValid) : pending.WaitAsync(cancellationToken);
    }

    private async Task AcquireAsync(TaskCompletionSource<AccessToken> owner, bool background)
    {
        try
        {
            // A background renewal makes one request: the next caller after its backoff tries again, and the
            // still-valid token serves every call meanwhile.
            var token = await RequestTokenAsync(background ? 1 : TokenAttempts).ConfigureAwait(false);
            lock (_lock)
            {
                _token = token;
                _pending = null;
                _renewalFailures = 0;
                _nextRenewal = DateTimeOffset.MinValue;
            }

            owner.TrySetResult(token);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _pending = null;
                if (background)
                {
                    var delay = JitteredBackoff.Delay(RenewalRetryDelay, _renewalFailures++, RenewalMaxDelay);
                    _nextRenewal = _timeProvider.GetUtcNow() + delay;
                }
            }

            if (background)
            {
                Log.TokenRenewalFailed(_logger, e.GetType().Name);
            }

            owner.TrySetException(e);
            // Nobody may wait for a background renewal: observe its failure so it is not reported as unobserved.
            _ = owner.Task.Exception;
        }
    }

    private async Task<AccessToken> RequestTokenAsync(int attempts)
    {
        // One token acquisition: up to three requests within the token timeout; only a 408, a 5xx, a failed connection
        // or a cut answer is tried again (after a jittered 250 ms, then 500 ms, on the TimeProvider).
        using var timeout = new CancellationTokenSource(_requestTimeout, _timeProvider);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RequestTokenOnceAsync(timeout).ConfigureAwait(false);
            }
            catch (MimecastAuthenticationException e) when (attempt < attempts && IsTransient(e) && !timeout.IsCancellationRequested)
            {
                var delay = JitteredBackoff.Delay(TokenRetryDelay, attempt - 1, TokenRetryDelay * 2);
                try
                {
                    await Task.Delay(delay, _timeProvider, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new MimecastAuthenticationException($"The Mimecast API 2.0 token request timed out after {_requestTimeout.TotalSeconds:0.###} s.", e.StatusCode, e.Errors, null, TokenPath, e);
                }
            }
        }
    }

    private static bool IsTransient(MimecastAuthenticationException e) =>
        e.StatusCode is null
            ? e.InnerException is HttpRequestException or IOException
            : HttpStatusFacts.IsTransient(e.StatusCode.Value);

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

        // The lifetime counts from when the request left, not from when the answer arrived: never later than the server's.
        var requestedAt = _timeProvider.GetUtcNow();
        HttpResponseMessage? response = null;
        byte[] bytes;
        int length;
        try
        {
            // Headers and body under the one token timeout, the body bounded.
            response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            (bytes, length) = await BoundedBody.ReadAsync(response.Content, MaxTokenResponseSize, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            response?.Dispose();
            throw new MimecastAuthenticationException($"The Mimecast API 2.0 token request timed out after {_requestTimeout.TotalSeconds:0.###} s.", null, null, null, TokenPath, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            response?.Dispose();
            var what = e is HttpRequestException h ? "could not be sent: " + h.HttpRequestError : "was cut off while its answer arrived";
            throw new MimecastAuthenticationException("The Mimecast API 2.0 token request " + what + ".", null, null, null, TokenPath, e);
        }
        catch (ResponseTooLargeException)
        {
            var status = response!.StatusCode;
            response.Dispose();
            throw new MimecastAuthenticationException(
                MimecastApiException.Describe($"The Mimecast API 2.0 token endpoint answered with a body larger than {MaxTokenResponseSize} bytes", TokenPath, status, null, [], null),
                status, null, null, TokenPath);
        }

        using (response)
        {
            OAuthTokenResponse? body = null;
            try
            {
                if (length > 0)
                {
                    body = JsonSerializer.Deserialize(bytes.AsSpan(0, length), MimecastJsonContext.Default.OAuthTokenResponse);
                }
            }
            catch (JsonException)
            {
                // Reported below as an invalid answer; the body is never echoed (it would hold the token).
            }

            var errors = FailItems.Flatten(body?.Fail);
            if (body?.Error is { Length: > 0 } oauthError && errors.Count == 0)
            {
                errors.Add(new MimecastError { Code = oauthError });
            }

            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
            {
                Log.TokenRequestFailed(_logger, (int)response.StatusCode, errors.Count > 0 ? errors[0].Code : null);
                var what = response.IsSuccessStatusCode
                    ? "The Mimecast API 2.0 token endpoint answered without an access token"
                    : HttpStatusFacts.IsTransient(response.StatusCode)
                        ? "The Mimecast API 2.0 token endpoint failed"
                        : "Mimecast refused the API 2.0 client credentials";
                throw new MimecastAuthenticationException(
                    MimecastApiException.Describe(what, TokenPath, response.StatusCode, null, errors, null),
                    response.StatusCode, errors, null, TokenPath);
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(1, body.ExpiresIn ?? 1799));
            // Renew early, but never so early that a short-lived token is renewed on every call.
            var skew = _refreshBeforeExpiry < lifetime / 2 ? _refreshBeforeExpiry : lifetime / 2;
            _telemetry?.TokenRenewals.Add(1);
            Log.TokenAcquired(_logger, lifetime.TotalSeconds);
            return new AccessToken(body.AccessToken, requestedAt + lifetime - skew, requestedAt + lifetime);
        }
    }

    private static Func<HttpClient> CheckClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    /// <summary>A bearer token, when to start renewing it and when it expires. Its <see cref="ToString"/> never shows the value.</summary>
    internal sealed class AccessToken(string value, DateTimeOffset renewAt, DateTimeOffset expiresAt)
    {
        internal string Value { get; } = value;

        internal DateTimeOffset RenewAt { get; } = renewAt;

        internal DateTimeOffset ExpiresAt { get; } = expiresAt;

        public override string ToString() => $"AccessToken(***, RenewAt={RenewAt:O}, ExpiresAt={ExpiresAt:O})";
    }
}
