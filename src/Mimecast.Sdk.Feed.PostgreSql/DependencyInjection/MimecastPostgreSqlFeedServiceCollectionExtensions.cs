using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL checkpoint store and the outbox relay of the Mimecast incident feed.</summary>
public static class MimecastPostgreSqlFeedServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlCheckpointStore"/> over <paramref name="connectionString"/> as the
    /// <see cref="IMimecastCheckpointStore"/> of every feed (replacing any other) and as itself.
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
        services.RemoveAll<PostgreSqlCheckpointStore>();
        services.AddSingleton(_ => new PostgreSqlCheckpointStore(connectionString, options));
        services.AddSingleton<IMimecastCheckpointStore>(static sp => sp.GetRequiredService<PostgreSqlCheckpointStore>());
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TSink"/> as the <see cref="IMimecastIncidentSink"/> and a
    /// <see cref="MimecastOutboxRelay"/> over the registered <see cref="PostgreSqlCheckpointStore"/>; run its
    /// <see cref="MimecastOutboxRelay.RunAsync"/> from a hosted service.
    /// </summary>
    /// <typeparam name="TSink">Your sink.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the relay's settings, if given.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastOutboxRelay<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>(this IServiceCollection services, Action<MimecastOutboxRelayOptions>? configure = null)
        where TSink : class, IMimecastIncidentSink
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new MimecastOutboxRelayOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton<IMimecastIncidentSink, TSink>();
        services.TryAddSingleton(sp => new MimecastOutboxRelay(
            sp.GetRequiredService<PostgreSqlCheckpointStore>(),
            sp.GetRequiredService<IMimecastIncidentSink>(),
            options,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Mimecast.Sdk.Feed.PostgreSql")));
        return services;
    }
}
