using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Operations;
using Mimecast.Sdk;
using Mimecast.Sdk.DependencyInjection;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Mimecast clients in an <see cref="IServiceCollection"/>.</summary>
public static class MimecastServiceCollectionExtensions
{
    /// <summary>Registers the default <see cref="IMimecastClient"/>, configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (credentials, host, rate-limit and retry settings).</param>
    /// <returns>The builder of the shared Mimecast <see cref="HttpClient"/>, to add your own handlers (they apply to every Mimecast client; for one customer alone use <see cref="AddMimecastHttpClient"/>).</returns>
    public static IHttpClientBuilder AddMimecastClient(this IServiceCollection services, Action<MimecastClientOptions> configure) =>
        AddMimecastClient(services, Options.Options.DefaultName, configure);

    /// <summary>Registers the default <see cref="IMimecastClient"/>, bound from a configuration section (usually <c>Mimecast</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section holding <see cref="MimecastClientOptions"/>; reloads apply to the next request.</param>
    /// <returns>The builder of the <see cref="HttpClient"/> shared by every customer (handlers added to it apply to all of them; for this customer alone use <see cref="AddMimecastHttpClient"/>).</returns>
    public static IHttpClientBuilder AddMimecastClient(this IServiceCollection services, IConfiguration section) =>
        AddMimecastClient(services, Options.Options.DefaultName, section);

    /// <summary>
    /// Registers a named <see cref="IMimecastClient"/> (one customer account), configured in code. Resolve it with
    /// <see cref="IMimecastClientFactory.CreateClient(string)"/> or <c>[FromKeyedServices(name)]</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The customer name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the <see cref="HttpClient"/> shared by every customer (handlers added to it apply to all of them; for this customer alone use <see cref="AddMimecastHttpClient"/>).</returns>
    public static IHttpClientBuilder AddMimecastClient(this IServiceCollection services, string name, Action<MimecastClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MimecastClientOptions>(name).Configure(configure).ValidateOnStart();
        return AddClient(services, name);
    }

    /// <summary>Registers a named <see cref="IMimecastClient"/> bound from a configuration section; reloads apply to the next request.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The customer name.</param>
    /// <param name="section">The section holding <see cref="MimecastClientOptions"/>.</param>
    /// <returns>The builder of the <see cref="HttpClient"/> shared by every customer (handlers added to it apply to all of them; for this customer alone use <see cref="AddMimecastHttpClient"/>).</returns>
    public static IHttpClientBuilder AddMimecastClient(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<MimecastClientOptions>(name).Bind(section).ValidateOnStart();
        return AddClient(services, name);
    }

    /// <summary>
    /// Registers Mimecast clients whose options come from your own store (a database of customers) rather than from
    /// registrations: <paramref name="configure"/> is called with the name the first time each name is used, and again
    /// after <see cref="IOptionsMonitorCache{TOptions}.TryRemove(string)"/> for that name (call it when a customer's
    /// settings change or the customer is removed; the next request rebuilds the client's credentials and token cache).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Fills the options of a customer name.</param>
    /// <returns>The builder of the <see cref="HttpClient"/> shared by every customer (handlers added to it apply to all of them; for this customer alone use <see cref="AddMimecastHttpClient"/>).</returns>
    public static IHttpClientBuilder AddMimecastClients(this IServiceCollection services, Action<string, MimecastClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton<IConfigureOptions<MimecastClientOptions>>(new ConfigureNamedOptionsForAll(configure));
        return AddCore(services);
    }

    /// <summary>
    /// Gives customer <paramref name="name"/> its own <see cref="HttpClient"/>s, for handlers that must reach that
    /// customer's requests alone (a proxy, a header): <paramref name="configure"/> is called twice, with the builder of
    /// its API-call client (<see cref="MimecastHttpClientNames.ApiFor"/>, the SDK's retry, rate-limit and auth handlers
    /// already added, so yours run inside them, on each attempt) and with the builder of its API 2.0 token-request
    /// client (<see cref="MimecastHttpClientNames.TokenFor"/>). The builder <c>AddMimecastClient</c> returns is the
    /// one shared by every customer that has not opted in here: they share one connection pool per host, which an
    /// own client per customer gives up (1,000 opted-in customers are 1,000 pools), so opt in only where needed.
    /// Register the customer itself with <c>AddMimecastClient(name, …)</c> or <c>AddMimecastClients</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The customer name.</param>
    /// <param name="configure">Configures each of the customer's two builders (call <c>AddHttpMessageHandler</c>, <c>ConfigurePrimaryHttpMessageHandler</c>, …).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastHttpClient(this IServiceCollection services, string name, Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services);
        if (services.Any(d => d.ServiceType == typeof(MimecastOwnHttpClient) && d.ImplementationInstance is MimecastOwnHttpClient c && c.Name == name))
        {
            configure(services.AddHttpClient(MimecastHttpClientNames.ApiFor(name)));
            configure(services.AddHttpClient(MimecastHttpClientNames.TokenFor(name)));
            return services;
        }

        services.AddSingleton(new MimecastOwnHttpClient(name));
        configure(AddApiClient(services, MimecastHttpClientNames.ApiFor(name)));
        configure(AddTokenClient(services, MimecastHttpClientNames.TokenFor(name)));
        return services;
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services, string name)
    {
        var builder = AddCore(services);
        services.TryAddKeyedSingleton<IMimecastClient>(name, static (sp, key) => sp.GetRequiredService<IMimecastClientFactory>().CreateClient((string)key!));
        if (name.Length == 0)
        {
            services.TryAddSingleton<IMimecastClient>(static sp => sp.GetRequiredService<IMimecastClientFactory>().CreateClient(string.Empty));
        }

        return builder;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        var alreadyAdded = services.Any(static d => d.ServiceType == typeof(MimecastClientContextProvider));
        if (alreadyAdded)
        {
            return services.AddHttpClient(MimecastHttpClientNames.Api);
        }

        // Only what the SDK owns is registered. TimeProvider and ILoggerFactory belong to the application: they are
        // resolved when the SDK's services are built (whatever the registration order), with TimeProvider.System and
        // no logging as fallbacks, and never registered here. (AddHttpClient below adds the logging and options
        // infrastructure with TryAdd, exactly as AddLogging/AddOptions would, so either order works.)
        services.AddOptions();
        services.TryAddSingleton(static sp => new MimecastTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new RateLimitRegistry(TimeOf(sp)));
        services.TryAddSingleton<CallPacerRegistry>();
        services.TryAddSingleton(static sp => new MimecastClientContextProvider(sp, sp.GetRequiredService<IOptionsMonitor<MimecastClientOptions>>(),
            sp.GetRequiredService<RateLimitRegistry>(), TimeOf(sp), sp.GetRequiredService<IHttpClientFactory>(), LogsOf(sp), sp.GetRequiredService<MimecastTelemetry>()));
        services.TryAddSingleton<IMimecastClientFactory>(static sp => new MimecastClientFactory(sp.GetRequiredService<MimecastClientContextProvider>(),
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<MimecastTelemetry>(), LogsOf(sp).CreateLogger(Log.ClientCategory),
            sp.GetRequiredService<CallPacerRegistry>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MimecastClientOptions>, MimecastClientOptionsValidator>());
        services.TryAddTransient(static sp => new MimecastRateLimitHandler(TimeOf(sp), sp.GetRequiredService<MimecastTelemetry>(), LogsOf(sp).CreateLogger<MimecastRateLimitHandler>()));
        services.TryAddTransient(static sp => new MimecastAuthHandler(LogsOf(sp).CreateLogger<MimecastAuthHandler>()));

        // IHttpClientFactory's default loggers redact header values in the message text but expose the raw values
        // (bearer tokens, HMAC signatures, Basic credentials) in the structured log state, which structured sinks
        // record. The SDK logs its own allow-listed fields instead.
        AddTokenClient(services, MimecastHttpClientNames.Token);

        // SIEM batch files come from a storage host under pre-signed URLs: no Mimecast auth header, no Mimecast quota.
        // Timeouts are per file (MimecastSiemOptions.DownloadTimeout, on the TimeProvider).
        services.AddHttpClient(MimecastHttpClientNames.SiemDownload)
            .ConfigureHttpClient(static c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        return AddApiClient(services, MimecastHttpClientNames.Api);
    }

    // Outermost first: transient retry → rate-limit gate (per attempt) → auth (per attempt) → the user's handlers →
    // primary handler. The retry pipeline is selected per customer name, so each customer's retry settings apply to it.
    private static IHttpClientBuilder AddApiClient(IServiceCollection services, string clientName)
    {
        var builder = services.AddHttpClient(clientName)
            .ConfigureHttpClient(static c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        builder.AddResilienceHandler(MimecastResilience.PipelineName, MimecastResilience.Configure)
            .SelectPipelineBy(static _ => MimecastResilience.SelectInstance);
        builder.AddHttpMessageHandler<MimecastRateLimitHandler>()
            .AddHttpMessageHandler<MimecastAuthHandler>();
        return builder;
    }

    private static IHttpClientBuilder AddTokenClient(IServiceCollection services, string clientName) =>
        services.AddHttpClient(clientName)
            .ConfigureHttpClient(static c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

    private static TimeProvider TimeOf(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILoggerFactory LogsOf(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;

    private sealed class ConfigureNamedOptionsForAll(Action<string, MimecastClientOptions> configure) : IConfigureNamedOptions<MimecastClientOptions>
    {
        public void Configure(string? name, MimecastClientOptions options) => configure(name ?? string.Empty, options);

        public void Configure(MimecastClientOptions options) => configure(Options.Options.DefaultName, options);
    }
}
