namespace Mimecast.Sdk;

/// <summary>
/// Settings of one Mimecast client (one customer account). Bind them from the <c>Mimecast</c> configuration section
/// or set them in code with <c>services.AddMimecastClient(options =&gt; …)</c>.
/// </summary>
/// <remarks>
/// Configure exactly one credential set for data calls: <see cref="Api1"/> with an access and secret key, or
/// <see cref="Api2"/>. <see cref="Api1"/> may hold only the application id and key alongside <see cref="Api2"/>, for the
/// login operations.
/// </remarks>
public sealed class MimecastClientOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "Mimecast";

    /// <summary>
    /// Gets or sets the API host. API 1.0 needs the account's regional host (see <see cref="MimecastRegions"/>, or
    /// discover it with <c>DiscoverAuthenticationAsync</c>); API 2.0 defaults to <see cref="MimecastRegions.Api2Global"/>.
    /// Must be absolute https, or http on a loopback address (for the simulator).
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the global host used by <c>DiscoverAuthenticationAsync</c>. Defaults to <see cref="MimecastRegions.Global"/>.</summary>
    public Uri? DiscoveryUrl { get; set; }

    /// <summary>Gets or sets the API 1.0 credentials (application id and key, access and secret key).</summary>
    public MimecastApi1Options? Api1 { get; set; }

    /// <summary>Gets or sets the API 2.0 credentials (OAuth2 client id and secret).</summary>
    public MimecastApi2Options? Api2 { get; set; }

    /// <summary>Gets or sets how rate limits (HTTP 429 and an empty quota bucket) are honoured.</summary>
    public MimecastRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Gets or sets how transient faults (5xx, timeouts, dropped connections) are retried.</summary>
    public MimecastRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets how listings are paged: read-ahead of the next page, and the bounds that stop a listing that never ends.</summary>
    public MimecastPagingOptions Paging { get; set; } = new();

    /// <summary>Gets or sets the SIEM event settings: pacing of the stream and batch calls, batch download parallelism.</summary>
    public MimecastSiemOptions Siem { get; set; } = new();

    /// <summary>Gets or sets the page size used by the TTP log operations when a query sets none. Defaults to 100.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>
    /// Gets or sets the largest response body, in bytes, the client accepts. Each answer is read whole inside its
    /// attempt (under <see cref="MimecastRetryOptions.AttemptTimeout"/>) before it is decoded; a larger one ends the
    /// call with <see cref="MimecastInvalidResponseException"/> instead of exhausting memory. Defaults to 32 MiB
    /// (a page of 10,000 TTP records is a few MiB); between 1 KiB and 1 GiB.
    /// </summary>
    public int MaxResponseSize { get; set; } = DefaultMaxResponseSize;

    internal const int DefaultMaxResponseSize = 32 * 1024 * 1024;

    /// <summary>Returns a description without any secret.</summary>
    public override string ToString() =>
        $"MimecastClientOptions(BaseUrl={BaseUrl}, Api1={(Api1 is null ? "none" : Api1.ToString())}, Api2={(Api2 is null ? "none" : Api2.ToString())})";

    internal Uri ResolveBaseUrl() =>
        BaseUrl ?? (Api2 is not null ? MimecastRegions.Api2Global : throw new InvalidOperationException(
            "Mimecast BaseUrl is not set. API 1.0 needs the account's regional host, e.g. https://eu-api.mimecast.com."));

    internal Uri ResolveDiscoveryUrl() => DiscoveryUrl ?? MimecastRegions.Global;
}

/// <summary>API 1.0 credentials. The application key and secret key are secrets and never appear in <see cref="ToString"/>.</summary>
public sealed class MimecastApi1Options
{
    /// <summary>
    /// Gets or sets the account's API 1.0 regional host (for example <c>https://eu-api.mimecast.com</c>) for the login
    /// family (login, refresh, logout) of a client whose data calls use API 2.0. Optional for an API 1.0 client, whose
    /// <see cref="MimecastClientOptions.BaseUrl"/> is that host; without either, the region the last
    /// <c>DiscoverAuthenticationAsync</c> named is used. Login-family calls are never sent to the API 2.0 gateway.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the application id (sent as <c>x-mc-app-id</c>).</summary>
    public string? AppId { get; set; }

    /// <summary>Gets or sets the application key (a secret: part of every signature).</summary>
    public string? AppKey { get; set; }

    /// <summary>Gets or sets the access key of the user's binding (from <c>LoginAsync</c>). Optional for a client used only to log in.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Gets or sets the base64 secret key of the user's binding (a secret). Optional for a client used only to log in.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Gets a value indicating whether an access key and secret key are present, so data calls can be signed.</summary>
    public bool HasBinding => !string.IsNullOrWhiteSpace(AccessKey) || !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>Returns a description that names the application id and masks every key.</summary>
    public override string ToString() => $"Api1(AppId={AppId}, AppKey=***, AccessKey={(string.IsNullOrEmpty(AccessKey) ? "none" : "***")}, SecretKey=***)";
}

/// <summary>API 2.0 OAuth2 client credentials. The client secret never appears in <see cref="ToString"/>.</summary>
public sealed class MimecastApi2Options
{
    /// <summary>Gets or sets the OAuth2 client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the OAuth2 client secret (a secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets how long before its expiry a token is renewed. Defaults to 60 seconds.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the longest time one token request may take. Defaults to 30 seconds.</summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns a description that names the client id and masks the secret.</summary>
    public override string ToString() => $"Api2(ClientId={ClientId}, ClientSecret=***)";
}

/// <summary>How the SDK honours Mimecast's per-user quota.</summary>
public sealed class MimecastRateLimitOptions
{
    /// <summary>
    /// Gets or sets the longest total time one request may wait for the quota (429 resets and holds added up) before
    /// <see cref="MimecastRateLimitException"/> is thrown. Defaults to 5 minutes.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many 429 answers one request may receive before giving up. Defaults to 20.</summary>
    public int MaxRetries { get; set; } = 20;

    /// <summary>
    /// Gets or sets a value indicating whether requests are held while the shared bucket is known to be empty
    /// (<c>X-RateLimit-Remaining: 0</c>), instead of provoking a 429. Defaults to <see langword="true"/>.
    /// </summary>
    public bool HoldWhenExhausted { get; set; } = true;

    /// <summary>Gets or sets the first delay after a 429 that carries no usable reset header (jittered, doubling). Defaults to 1 second.</summary>
    public TimeSpan FallbackDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay after a 429 that carries no usable reset header. Defaults to 30 seconds.</summary>
    public TimeSpan MaxFallbackDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets an explicit bucket identity. Mimecast counts the quota per user across all of that user's keys;
    /// clients whose credentials belong to one user but differ (two access keys) share a bucket when they set the
    /// same value here, for example the user's email address. It also covers the login family
    /// (discover-authentication, login, refresh) of this client. By default data calls are keyed by the credential
    /// (API 1.0 access key, API 2.0 client id) and login-family calls by the user's email address, so without this
    /// setting the two do not share a bucket.
    /// </summary>
    public string? PartitionKey { get; set; }
}

/// <summary>How transient faults are retried (through Microsoft.Extensions.Http.Resilience / Polly).</summary>
public sealed class MimecastRetryOptions
{
    /// <summary>Gets or sets how many times a request failing with 408, 5xx, a timeout or a dropped connection is retried. Defaults to 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the base of the jittered exponential backoff. Defaults to 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff between two attempts. Defaults to 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the timeout of one attempt, counted from when it is sent (after any rate-limit wait) until the
    /// whole response body has arrived: a server that sends its headers and then stalls is timed out too. Defaults to
    /// 100 seconds; <see cref="Timeout.InfiniteTimeSpan"/> (or a value beyond about 49 days) for none.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets or sets the longest time one call may take altogether: every attempt, every backoff delay between them and
    /// every rate-limit wait. When it passes the call ends with <see cref="MimecastApiException"/> (status
    /// <see langword="null"/>). Defaults to 10 minutes; <see cref="Timeout.InfiniteTimeSpan"/> (or a value beyond
    /// about 49 days) for none. It must not be shorter than <see cref="AttemptTimeout"/>.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
