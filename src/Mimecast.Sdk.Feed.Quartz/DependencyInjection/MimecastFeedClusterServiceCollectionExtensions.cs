using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Feed.PostgreSql;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>Registers a feed cluster worker on the generic host.</summary>
public static class MimecastFeedClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes this process one worker of a feed cluster: a Quartz.NET scheduler on the clustered ADO.NET job store in
    /// PostgreSQL (schema created on first use, a unique instance id per process, System.Text.Json serialization), one
    /// durable job per shard of customers (<see cref="MimecastFeedClusterOptions.ShardCount"/>; a shard's polls run as
    /// async I/O, at most <see cref="MimecastFeedClusterOptions.MaxConcurrentPolls"/> in flight per worker), a
    /// reconciler that follows the customer source, a health check named
    /// <c>mimecast-feed-cluster</c> and the meter <c>Mimecast.Sdk.Feed.Quartz</c>. The checkpoints go to the
    /// PostgreSQL store (<see cref="PostgreSqlCheckpointStore"/>, schema <see cref="MimecastFeedClusterOptions.CheckpointSchema"/>)
    /// on the same <see cref="MimecastFeedClusterOptions.ConnectionString"/>, with the same
    /// <see cref="MimecastFeedClusterOptions.StalledTransactionTimeout"/>, unless a store is registered already: the
    /// database is configured once. Also register the customers' clients (<c>AddMimecastClient(name, …)</c> or
    /// <c>AddMimecastClients</c>) and, to hand the outbox on, <c>AddMimecastOutboxRelay</c>; optionally an
    /// <see cref="IMimecastCustomerSource"/> (a tenants table) or your own <see cref="IMimecastCustomerPoller"/>.
    /// See docs/cluster.md.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; read once here for the scheduler's settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMimecastFeedCluster(this IServiceCollection services, Action<MimecastFeedClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var settings = new MimecastFeedClusterOptions();
        configure(settings);
        services.Configure(configure);
        return AddCore(services, settings);
    }

    /// <summary>Makes this process one worker of a feed cluster, with options bound from a configuration section (its <c>Customers</c> are reloaded with it).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, for example <c>configuration.GetSection("FeedCluster")</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMimecastFeedCluster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new MimecastFeedClusterOptions();
        configuration.Bind(settings);
        services.Configure<MimecastFeedClusterOptions>(configuration);
        return AddCore(services, settings);
    }

    private static IServiceCollection AddCore(IServiceCollection services, MimecastFeedClusterOptions settings)
    {
        Validate(settings);
        var instanceId = string.IsNullOrWhiteSpace(settings.InstanceId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}"
            : settings.InstanceId;

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMimecastCustomerSource, ConfiguredCustomerSource>();
        services.TryAddSingleton<IMimecastCustomerPoller, FeedCustomerPoller>();
        MimecastPostgreSqlFeedServiceCollectionExtensions.AddStore(services, settings.ConnectionString,
            new PostgreSqlCheckpointStoreOptions { SchemaName = settings.CheckpointSchema, StalledTransactionTimeout = settings.StalledTransactionTimeout }, replace: false);
        services.TryAddSingleton<ClusterDatabase>();
        services.TryAddSingleton<FeedClusterState>();
        services.TryAddSingleton<FeedClusterMetrics>();
        services.TryAddSingleton<ScheduleReconciler>();
        services.TryAddSingleton<CustomerDirectory>();
        services.TryAddSingleton<ShardOwnership>();
        services.TryAddSingleton<CustomerPollRunner>();
        services.AddTransient<ShardPollJob>();
        services.AddSingleton<IValidateOptions<MimecastFeedClusterOptions>, ClusterOptionsValidator>();
        services.AddHostedService<FeedClusterWorker>();
        services.AddHealthChecks().AddCheck<MimecastFeedClusterHealthCheck>(MimecastFeedClusterHealthCheck.Name);

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = settings.SchedulerName;
                s.InstanceId = instanceId;
                s.IdleWaitTime = settings.IdleWaitTime;
            });
            // One slot per shard (a lone worker can run every shard), offered only within the worker's fair share.
            // A slot holds a shard run, not a poll: the polls are async and limited by MaxConcurrentPolls.
            q.UseThreadPool<ShardThreadPool>();
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(QuartzConnectionString(settings));
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = settings.CheckinInterval;
                    c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                });
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = settings.QualifiedTablePrefix;
                    o.MisfireThreshold = settings.MisfireThreshold;
                    o.StoreJobDataAsStrings = true;
                });
            });
        });
        return services;
    }

    /// <summary>The connection string Quartz uses: the user's, with sessions idle in a transaction ended after <see cref="MimecastFeedClusterOptions.StalledTransactionTimeout"/>.</summary>
    internal static string QuartzConnectionString(MimecastFeedClusterOptions settings) =>
        PostgreSqlConnectionSettings.WithStalledTransactionTimeout(settings.ConnectionString, settings.StalledTransactionTimeout);

    private static void Validate(MimecastFeedClusterOptions settings)
    {
        var failure = ClusterOptionsValidator.Check(settings);
        if (failure is not null)
        {
            throw new OptionsValidationException(nameof(MimecastFeedClusterOptions), typeof(MimecastFeedClusterOptions), [failure]);
        }
    }
}
