using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk;
using Mimecast.Sdk.ClusterWorker;
using Mimecast.Sdk.Feed.Quartz;

// One worker of a feed cluster. Start several (same settings); kill one and watch its customers move.
// appsettings.json is read next to the binary, so `dotnet run --project samples/Mimecast.Sdk.ClusterWorker` works from the repository root.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// One Mimecast client per customer, credentials from the "Customers" section (use a secret store in production).
foreach (var customer in builder.Configuration.GetSection("Customers").GetChildren())
{
    builder.Services.AddMimecastClient(customer.Key, customer);
}

// The cluster (Quartz's tables) and the shared checkpoint store (Mimecast.Sdk.Feed.PostgreSql: version-fenced commits
// into an outbox unique on (customer, event id), schema "mimecast_feed") both use FeedCluster:ConnectionString: the
// database is configured once. The relay, a hosted service of the package, hands the outbox to the sink and rides
// through database restarts, failovers and outages (it logs, backs off and carries on).
builder.Services.AddMimecastFeedCluster(builder.Configuration.GetSection("FeedCluster"));
builder.Services.AddMimecastOutboxRelay<ConsoleIncidentSink>();

using var host = builder.Build();
Console.WriteLine($"Worker {Environment.ProcessId} starting; kill it with: kill -9 {Environment.ProcessId}");
await host.RunAsync();
// A worker stopped by a fault (not by Ctrl+C or SIGTERM) has Environment.ExitCode set to 1 by the package's hosted
// services, so a supervisor (systemd Restart=on-failure, Kubernetes) restarts it.
