using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk.Feed.PostgreSql;
using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>The database is configured once: the cluster's connection settings also give the checkpoint store and the relay.</summary>
public sealed class RegistrationTests
{
    private const string Connection = "Host=127.0.0.1;Port=1;Username=feed;Password=not-used;Database=feed";

    [Fact]
    public async Task The_cluster_registers_the_checkpoint_store_on_its_own_connection_with_its_stalled_transaction_limit()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMimecastFeedCluster(o =>
        {
            o.ConnectionString = Connection;
            o.CheckpointSchema = "tenant_feed";
            o.StalledTransactionTimeout = TimeSpan.FromSeconds(4);
        });
        services.AddMimecastOutboxRelay(new NullSink(), null);
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<PostgreSqlCheckpointStore>(provider.GetService<IMimecastCheckpointStore>());
        Assert.Same(store, provider.GetRequiredService<IMimecastOutboxStore>());
        Assert.Equal("tenant_feed", store.SchemaName);
        var settings = new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal("feed", settings.Database);
        Assert.Equal("-c idle_in_transaction_session_timeout=4000", settings.Options);
        Assert.NotNull(provider.GetRequiredService<MimecastOutboxRelay>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s.GetType().Name == "OutboxRelayHostedService");
    }

    [Fact]
    public async Task A_store_registered_before_the_cluster_is_kept()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMimecastPostgreSqlCheckpointStore("Host=127.0.0.1;Port=2;Username=other;Database=other", o => o.SchemaName = "other_feed");
        services.AddMimecastFeedCluster(o => o.ConnectionString = Connection);
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<PostgreSqlCheckpointStore>(provider.GetService<IMimecastCheckpointStore>());
        Assert.Equal("other_feed", store.SchemaName);
        Assert.Single(services, d => d.ServiceType == typeof(PostgreSqlCheckpointStore));
    }

    private sealed class NullSink : IMimecastIncidentSink
    {
        public ValueTask DeliverAsync(MimecastFeedEvent incident, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
