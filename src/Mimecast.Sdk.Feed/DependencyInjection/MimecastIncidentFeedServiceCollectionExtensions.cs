using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk;
using Mimecast.Sdk.Feed;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Mimecast incident feeds and their checkpoint store in an <see cref="IServiceCollection"/>.</summary>
public static class MimecastIncidentFeedServiceCollectionExtensions
{
    internal const string NoStoreMessage =
        "No Mimecast feed checkpoint store is registered, and the feed has no in-memory default (a restart would replay or skip events). " +
        "Choose one: services.AddMimecastFileCheckpointStore(\"/var/lib/my-app/mimecast-checkpoints\") for one process, or " +
        "services.AddMimecastPostgreSqlCheckpointStore(connectionString) from the Mimecast.Sdk.Feed.PostgreSql package for several processes and an outbox. " +
        "Tests may register InMemoryCheckpointStoreForTests.";

    /// <summary>
    /// Registers a singleton <see cref="MimecastIncidentFeed"/> for the customer named by
    /// <see cref="MimecastIncidentFeedOptions.CustomerName"/>, as a keyed service under that name and, for the default
    /// customer (the empty name), also unkeyed. It uses the registered <see cref="IMimecastClientFactory"/> (register
    /// the client with <c>AddMimecastClient</c>), the registered <see cref="IMimecastCheckpointStore"/> (required: there is no
    /// in-memory default; see <see cref="AddMimecastFileCheckpointStore"/>), <see cref="TimeProvider"/>, logging and metrics.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the feed's options.</param>
    /// <returns>The service collection.</returns>
    /// <remarks>Resolving the feed without a registered checkpoint store throws <see cref="InvalidOperationException"/> saying how to choose one.</remarks>
    public static IServiceCollection AddMimecastIncidentFeed(this IServiceCollection services, Action<MimecastIncidentFeedOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MimecastIncidentFeedOptions();
        configure(options);
        options.Validate();
        var name = options.CustomerName;
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (sp, _) => new MimecastIncidentFeed(
            sp.GetRequiredService<IMimecastClientFactory>().CreateClient(name),
            GetCheckpointStore(sp),
            options,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Mimecast.Sdk.Feed"),
            sp.GetService<IMeterFactory>()));
        if (name.Length == 0)
        {
            services.TryAddSingleton(static sp => sp.GetRequiredKeyedService<MimecastIncidentFeed>(string.Empty));
        }

        return services;
    }

    /// <summary>
    /// Registers a <see cref="FileCheckpointStore"/> over <paramref name="directory"/> as the
    /// <see cref="IMimecastCheckpointStore"/> (replacing any other): durable checkpoints for one process.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The folder of the checkpoint files (created on the first commit).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastFileCheckpointStore(this IServiceCollection services, string directory)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = new FileCheckpointStore(directory);
        services.RemoveAll<IMimecastCheckpointStore>();
        services.AddSingleton<IMimecastCheckpointStore>(store);
        return services;
    }

    internal static IMimecastCheckpointStore GetCheckpointStore(IServiceProvider services) =>
        services.GetService<IMimecastCheckpointStore>() ?? throw new InvalidOperationException(NoStoreMessage);
}
