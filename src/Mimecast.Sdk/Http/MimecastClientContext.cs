using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.DependencyInjection;
using Mimecast.Sdk.Diagnostics;

namespace Mimecast.Sdk.Http;

/// <summary>
/// The state of one named client built from one snapshot of its options: the data-call authenticator (with its
/// token cache), the rate-limit bucket and the API 1.0 host discover named. Everything per customer that a client
/// needs between calls lives here, not in the <see cref="Operations.MimecastClient"/> (which is a cheap handle: a name and the
/// shared services). Replaced as a whole when the options change, which drops the old token and discovered host.
/// </summary>
internal sealed class MimecastClientContext
{
    // The regional host the last successful discover-authentication of this customer named.
    private Uri? _discoveredApi1Host;

    internal MimecastClientContext(string name, MimecastClientOptions options, IMimecastAuth? auth, RateLimitBucket? bucket)
    {
        Name = name;
        Options = options;
        Auth = auth;
        Bucket = bucket;
        RetryKey = MimecastResilience.InstanceKey(options.Retry);
    }

    internal string Name { get; }

    /// <summary>Gets the retry pipeline instance of these options (see <see cref="MimecastResilience.InstanceKey"/>).</summary>
    internal string RetryKey { get; }

    internal MimecastClientOptions Options { get; }

    /// <summary>Gets the authenticator for data calls, or <see langword="null"/> for a client configured only to log in.</summary>
    internal IMimecastAuth? Auth { get; }

    internal RateLimitBucket? Bucket { get; }

    /// <summary>Gets or sets the API 1.0 regional host the last successful discover-authentication named, if any.</summary>
    internal Uri? DiscoveredApi1Host
    {
        get => Volatile.Read(ref _discoveredApi1Host);
        set => Volatile.Write(ref _discoveredApi1Host, value);
    }
}

/// <summary>
/// Hands out the current <see cref="MimecastClientContext"/> of each name, rebuilding it when its options change.
/// A context lives exactly as long as the options snapshot it was built from: the options monitor's cache holds the
/// snapshot, and a customer removed (<see cref="IOptionsMonitorCache{TOptions}.TryRemove"/>) or reconfigured (a change
/// token) lets its snapshot, and with it the context, its authenticator and its token, be collected.
/// </summary>
internal sealed class MimecastClientContextProvider
{
    private readonly ConditionalWeakTable<MimecastClientOptions, MimecastClientContext> _contexts = new();
    private readonly object _buildLock = new();
    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<MimecastClientOptions> _options;
    private readonly RateLimitRegistry _registry;
    private readonly TimeProvider _timeProvider;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly MimecastTelemetry _telemetry;
    private readonly HashSet<string> _ownHttpClients;

    public MimecastClientContextProvider(IServiceProvider services, IOptionsMonitor<MimecastClientOptions> options, RateLimitRegistry registry,
        TimeProvider timeProvider, IHttpClientFactory httpClientFactory, ILoggerFactory loggerFactory, MimecastTelemetry telemetry)
    {
        _services = services;
        _options = options;
        _registry = registry;
        _timeProvider = timeProvider;
        _httpClientFactory = httpClientFactory;
        _loggerFactory = loggerFactory;
        _telemetry = telemetry;
        _ownHttpClients = new HashSet<string>(services.GetServices<MimecastOwnHttpClient>().Select(static c => c.Name), StringComparer.Ordinal);
    }

    /// <summary>The <see cref="HttpClient"/> of API calls for customer <paramref name="name"/>: its own when it opted in, else the shared one.</summary>
    internal string ApiClientName(string name) => _ownHttpClients.Contains(name) ? OwnApiClientName(name) : MimecastHttpClientNames.Api;

    /// <summary>The <see cref="HttpClient"/> of token requests for customer <paramref name="name"/>: its own when it opted in, else the shared one.</summary>
    internal string TokenClientName(string name) => _ownHttpClients.Contains(name) ? OwnTokenClientName(name) : MimecastHttpClientNames.Token;

    /// <summary>The name of the API-call client of a customer that has its own (public as <see cref="MimecastHttpClientNames.ApiFor"/>).</summary>
    internal static string OwnApiClientName(string name) => "Mimecast.Sdk.Api:" + name;

    /// <summary>The name of the token-request client of a customer that has its own (public as <see cref="MimecastHttpClientNames.TokenFor"/>).</summary>
    internal static string OwnTokenClientName(string name) => "Mimecast.Sdk.Token:" + name;

    /// <summary>The bucket identity of requests made with <paramref name="auth"/>: the configured partition key, else the credential's.</summary>
    internal static string PartitionOf(MimecastClientOptions options, IMimecastAuth auth) =>
        string.IsNullOrWhiteSpace(options.RateLimit.PartitionKey) ? auth.PartitionKey : "custom:" + options.RateLimit.PartitionKey;

    /// <summary>Gets the bucket for a request of <paramref name="context"/> made with another authenticator (the login family).</summary>
    internal RateLimitBucket BucketFor(MimecastClientContext context, IMimecastAuth auth) => _registry.Get(PartitionOf(context.Options, auth));

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Gets the context for <paramref name="name"/>; cheap when the options are unchanged (one lookup, one reference compare).</summary>
    /// <exception cref="OptionsValidationException">The options of <paramref name="name"/> are invalid.</exception>
    internal MimecastClientContext Get(string name)
    {
        var options = _options.Get(name);
        if (_contexts.TryGetValue(options, out var current) && string.Equals(current.Name, name, StringComparison.Ordinal))
        {
            return current;
        }

        lock (_buildLock)
        {
            if (_contexts.TryGetValue(options, out current) && string.Equals(current.Name, name, StringComparison.Ordinal))
            {
                return current;
            }

            var built = Build(name, options);
            _contexts.AddOrUpdate(options, built);
            return built;
        }
    }

    private MimecastClientContext Build(string name, MimecastClientOptions options)
    {
        // Asked only when registered: the service provider keeps an accessor for every (type, key) ever resolved, so
        // resolving a keyed service for each customer name would grow it by one entry per customer, forever.
        var keyedAuth = _services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IMimecastAuth), name) == true
            ? _services.GetKeyedService<IMimecastAuth>(name)
            : null;
        var auth = keyedAuth
            ?? (name.Length == 0 ? _services.GetService<IMimecastAuth>() : null)
            ?? CreateAuth(name, options);
        if (auth is null)
        {
            return new MimecastClientContext(name, options, null, null);
        }

        return new MimecastClientContext(name, options, auth, _registry.Get(PartitionOf(options, auth)));
    }

    private IMimecastAuth? CreateAuth(string name, MimecastClientOptions options)
    {
        if (options.Api2 is { } api2)
        {
            return new MimecastOAuth2Auth(api2, options.ResolveBaseUrl(), () => _httpClientFactory.CreateClient(TokenClientName(name)),
                _timeProvider, _loggerFactory.CreateLogger<MimecastOAuth2Auth>(), _telemetry);
        }

        if (options.Api1 is { HasBinding: true } api1)
        {
            return new MimecastHmacAuth(api1, _timeProvider);
        }

        return null;
    }
}

/// <summary>Registered once per customer that has its own <see cref="HttpClient"/>s (<c>AddMimecastHttpClient</c>).</summary>
internal sealed record MimecastOwnHttpClient(string Name);
