using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk;
using Mimecast.Sdk.ClusterWorker;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.Quartz;
using Npgsql;

// One worker of a feed cluster. Start several (same settings); kill one and watch its customers move.
var builder = Host.CreateApplicationBuilder(args);
var connection = builder.Configuration["FeedCluster:ConnectionString"]
    ?? throw new InvalidOperationException("Set FeedCluster:ConnectionString (appsettings.json or FeedCluster__ConnectionString).");

// One Mimecast client per customer, credentials from the "Customers" section (use a secret store in production).
foreach (var customer in builder.Configuration.GetSection("Customers").GetChildren())
{
    builder.Services.AddMimecastClient(customer.Key, customer);
}

// The shared, version-fenced checkpoint store with its outbox. Replace with Mimecast.Sdk.Feed.PostgreSql's store.
var dataSource = NpgsqlDataSource.Create(connection);
builder.Services.AddSingleton<IMimecastCheckpointStore>(new DemoPostgresCheckpointStore(dataSource, $"{Environment.MachineName}-{Environment.ProcessId}"));
builder.Services.AddMimecastFeedCluster(builder.Configuration.GetSection("FeedCluster"));

using var host = builder.Build();
await DemoPostgresCheckpointStore.CreateTablesAsync(dataSource, CancellationToken.None);
Console.WriteLine($"Worker {Environment.ProcessId} starting; kill it with: kill -9 {Environment.ProcessId}");
await host.RunAsync();
