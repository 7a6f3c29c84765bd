using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk;
using Mimecast.Sdk.Feed;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Mimecast incident feeds in an <see cref="IServiceCollection"/>.</summary>
public static class MimecastIncidentFeedServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="MimecastIncidentFeed"/> for the customer named by
    /// <see cref="MimecastIncidentFeedOptions.CustomerName"/>, as a keyed service under that name and, for the default
    /// customer (the empty name), also unkeyed. It uses the registered <see cref="IMimecastClientFactory"/> (register
    /// the client with <c>AddMimecastClient</c>), <see cref="ICheckpointStore"/> (register one, for example
    /// <c>services.AddSingleton&lt;ICheckpointStore&gt;(new FileCheckpointStore("checkpoints"))</c>; an
    /// <see cref="InMemoryCheckpointStore"/> is added if none is), <see cref="TimeProvider"/> and logging.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the feed's options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMimecastIncidentFeed(this IServiceCollection services, Action<MimecastIncidentFeedOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MimecastIncidentFeedOptions();
        configure(options);
        options.Validate();
        var name = options.CustomerName;
        services.TryAddSingleton<ICheckpointStore, InMemoryCheckpointStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (sp, _) => new MimecastIncidentFeed(
            sp.GetRequiredService<IMimecastClientFactory>(),
            sp.GetRequiredService<ICheckpointStore>(),
            options,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Mimecast.Sdk.Feed")));
        if (name.Length == 0)
        {
            services.TryAddSingleton(static sp => sp.GetRequiredKeyedService<MimecastIncidentFeed>(string.Empty));
        }

        return services;
    }
}
