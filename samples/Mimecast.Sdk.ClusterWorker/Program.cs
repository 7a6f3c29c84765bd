using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk;
using Mimecast.Sdk.ClusterWorker;
using Mimecast.Sdk.Feed.Quartz;

// One worker of a feed cluster. Start several (same settings); kill one and watch its customers move.
// appsettings.json is read next to the binary, so `dotnet run --project samples/Mimecast.Sdk.ClusterWorker` works from the repository root.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var connection = builder.Configuration["FeedCluster:ConnectionString"]
    ?? throw new InvalidOperationException("Set FeedCluster:ConnectionString (appsettings.json or FeedCluster__ConnectionString).");

// One Mimecast client per customer, credentials from the "Customers" section (use a secret store in production).
foreach (var customer in builder.Configuration.GetSection("Customers").GetChildren())
{
    builder.Services.AddMimecastClient(customer.Key, customer);
}

// The shared checkpoint store (Mimecast.Sdk.Feed.PostgreSql): version-fenced commits into an outbox unique on
// (customer, event id); its schema "mimecast_feed" is created on first use. The relay hands the outbox to a sink.
builder.Services.AddMimecastPostgreSqlCheckpointStore(connection);
builder.Services.AddMimecastOutboxRelay<ConsoleIncidentSink>();
builder.Services.AddHostedService<OutboxRelayService>();
builder.Services.AddMimecastFeedCluster(builder.Configuration.GetSection("FeedCluster"));

using var host = builder.Build();
Console.WriteLine($"Worker {Environment.ProcessId} starting; kill it with: kill -9 {Environment.ProcessId}");
await host.RunAsync();
