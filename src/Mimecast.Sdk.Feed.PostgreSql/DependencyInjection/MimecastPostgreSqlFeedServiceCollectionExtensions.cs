using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL checkpoint store and the outbox relay of the Mimecast incident feed.</summary>
public static class MimecastPostgreSqlFeedServiceCollectionExtensions
{
    private const string LoggerCategory = "Mimecast.Sdk.Feed.PostgreSql";

    /// <summary>
    /// Registers a <see cref="PostgreSqlCheckpointStore"/> over <paramref name="connectionString"/> as the
    /// <see cref="IMimecastCheckpointStore"/> of every feed (replacing any other), as the
    /// <see cref="IMimecastOutboxStore"/> the relay reads, and as itself. Its connections end a transaction left idle
    /// for <see cref="PostgreSqlCheckpointStoreOptions.StalledTransactionTimeout"/>. A feed cluster
    /// (<c>AddMimecastFeedCluster</c>) registers this store on its own connection string: call this only for a store
    /// in another database or with other settings.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Adjusts the settings (for example the schema name), if given.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastPostgreSqlCheckpointStore(this IServiceCollection services, string connectionString,
        Action<PostgreSqlCheckpointStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgreSqlCheckpointStoreOptions();
        configure?.Invoke(options);
        options.Validate();
        services.RemoveAll<IMimecastCheckpointStore>();
        services.RemoveAll<IMimecastOutboxStore>();
        services.RemoveAll<PostgreSqlCheckpointStore>();
        AddStore(services, connectionString, options, replace: true);
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TSink"/> as the <see cref="IMimecastIncidentSink"/>, a
    /// <see cref="MimecastOutboxRelay"/> over the registered <see cref="IMimecastOutboxStore"/>, and a hosted service
    /// that runs the relay for the host's lifetime (it rides through database restarts and outages; see
    /// <see cref="MimecastOutboxRelay.RunAsync"/>).
    /// </summary>
    /// <typeparam name="TSink">Your sink, built by the container.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastOutboxRelay<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IServiceCollection services)
        where TSink : class, IMimecastIncidentSink =>
        services.AddMimecastOutboxRelay<TSink>(null);

    /// <summary>Registers <typeparamref name="TSink"/> as the <see cref="IMimecastIncidentSink"/>, the relay with adjusted settings, and its hosted service.</summary>
    /// <typeparam name="TSink">Your sink, built by the container.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the relay's settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastOutboxRelay<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IServiceCollection services, Action<MimecastOutboxRelayOptions>? configure)
        where TSink : class, IMimecastIncidentSink
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IMimecastIncidentSink, TSink>();
        return AddRelay(services, configure);
    }

    /// <summary>Registers <paramref name="sink"/> (an instance you built) as the <see cref="IMimecastIncidentSink"/>, the relay and its hosted service.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="sink">Your sink.</param>
    /// <param name="configure">Adjusts the relay's settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastOutboxRelay(this IServiceCollection services, IMimecastIncidentSink sink, Action<MimecastOutboxRelayOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sink);
        services.TryAddSingleton(sink);
        return AddRelay(services, configure);
    }

    /// <summary>Registers the sink <paramref name="sinkFactory"/> builds (once, from the container) as the <see cref="IMimecastIncidentSink"/>, the relay and its hosted service.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="sinkFactory">Builds your sink.</param>
    /// <param name="configure">Adjusts the relay's settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastOutboxRelay(this IServiceCollection services, Func<IServiceProvider, IMimecastIncidentSink> sinkFactory,
        Action<MimecastOutboxRelayOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sinkFactory);
        services.TryAddSingleton(sinkFactory);
        return AddRelay(services, configure);
    }

    /// <summary>Registers the store unless one is registered (<paramref name="replace"/> false), as every interface it serves.</summary>
    internal static void AddStore(IServiceCollection services, string connectionString, PostgreSqlCheckpointStoreOptions options, bool replace)
    {
        var add = replace ? (Action<ServiceDescriptor>)services.Add : services.TryAdd;
        add(ServiceDescriptor.Singleton(sp => new PostgreSqlCheckpointStore(connectionString, options,
            sp.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory), sp.GetService<IMeterFactory>())));
        add(ServiceDescriptor.Singleton<IMimecastCheckpointStore>(static sp => sp.GetRequiredService<PostgreSqlCheckpointStore>()));
        add(ServiceDescriptor.Singleton<IMimecastOutboxStore>(static sp => sp.GetRequiredService<PostgreSqlCheckpointStore>()));
    }

    private static IServiceCollection AddRelay(IServiceCollection services, Action<MimecastOutboxRelayOptions>? configure)
    {
        var options = new MimecastOutboxRelayOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(sp => new MimecastOutboxRelay(
            sp.GetRequiredService<IMimecastOutboxStore>(),
            sp.GetRequiredService<IMimecastIncidentSink>(),
            options,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxRelayHostedService>());
        return services;
    }
}
