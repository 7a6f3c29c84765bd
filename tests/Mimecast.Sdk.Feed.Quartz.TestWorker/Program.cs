using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;
using Mimecast.Sdk.Feed.Quartz;
using Mimecast.Sdk.Feed.Quartz.TestWorker;
using Mimecast.Sdk.Testing;
using Npgsql;

// Settings come from the environment (the tests set them): TESTWORKER_CONNECTION, TESTWORKER_SIMULATOR,
// TESTWORKER_HOLD_MS, TESTWORKER_CHECKIN_MS, TESTWORKER_CHECKIN_MISFIRE_MS, TESTWORKER_RECONCILE_MS, TESTWORKER_THREADS
// (MaxConcurrentPolls), TESTWORKER_SHARDS, TESTWORKER_LEASE_MS (unset: the cluster's defaults),
// TESTWORKER_RELAY (1: run the package's hosted outbox relay), TESTWORKER_BROKEN_RELAY_CLOCK (1: the relay's clock
// throws, a fault that must stop the worker with a non-zero exit code).
static string Env(string name, string? fallback = null) =>
    Environment.GetEnvironmentVariable(name) ?? fallback ?? throw new InvalidOperationException($"{name} is not set.");
static int EnvInt(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

var connection = Env("TESTWORKER_CONNECTION");
var simulator = new Uri(Env("TESTWORKER_SIMULATOR"));
var instance = $"worker-{Environment.ProcessId}";

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Logging.AddFilter("Quartz", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
builder.Logging.AddFilter("Feed", LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

var dataSource = NpgsqlDataSource.Create(connection);
builder.Services.AddSingleton(dataSource);
builder.Services.AddMimecastClients((name, o) =>
{
    // Each customer is its own simulator account; its credentials derive from its name (SimulatorAccount.Create).
    var account = ClusterAccounts.For(name);
    o.BaseUrl = simulator;
    o.Api2 = new() { ClientId = account.ClientId, ClientSecret = account.ClientSecret };
});
builder.Services.AddSingleton<IMimecastCustomerSource, TableCustomerSource>();
// The real PostgreSQL store (its own registration, schema, outbox and fencing), seen through the tests' hooks.
builder.Services.AddMimecastPostgreSqlCheckpointStore(connection);
builder.Services.AddSingleton<IMimecastCheckpointStore>(sp => new ObservedCheckpointStore(sp.GetRequiredService<PostgreSqlCheckpointStore>(),
    dataSource, instance, TimeSpan.FromMilliseconds(EnvInt("TESTWORKER_HOLD_MS", 0)), TimeProvider.System));
builder.Services.AddMimecastFeedCluster(o =>
{
    o.ConnectionString = connection;
    o.Schema = Env("TESTWORKER_QUARTZ_SCHEMA", "mimecast_quartz");
    o.InstanceId = instance;
    // Unset variables keep the cluster's defaults (the benchmark measures those).
    o.CheckinInterval = TimeSpan.FromMilliseconds(EnvInt("TESTWORKER_CHECKIN_MS", (int)o.CheckinInterval.TotalMilliseconds));
    o.CheckinMisfireThreshold = TimeSpan.FromMilliseconds(EnvInt("TESTWORKER_CHECKIN_MISFIRE_MS", (int)o.CheckinMisfireThreshold.TotalMilliseconds));
    o.ReconcileInterval = TimeSpan.FromMilliseconds(EnvInt("TESTWORKER_RECONCILE_MS", (int)o.ReconcileInterval.TotalMilliseconds));
    o.MaxConcurrentPolls = EnvInt("TESTWORKER_THREADS", o.MaxConcurrentPolls);
    o.ShardCount = EnvInt("TESTWORKER_SHARDS", o.ShardCount);
    o.ShardLease = TimeSpan.FromMilliseconds(EnvInt("TESTWORKER_LEASE_MS", (int)o.ShardLease.TotalMilliseconds));
    o.StalledTransactionTimeout = TimeSpan.FromMilliseconds(EnvInt("TESTWORKER_STALLED_TX_MS", (int)o.StalledTransactionTimeout.TotalMilliseconds));
    o.Feed.InitialLookback = TimeSpan.FromHours(72);
    o.Feed.MaxEventsPerPoll = 2000;
    o.Feed.PageSize = 200;
});

if (Environment.GetEnvironmentVariable("TESTWORKER_RELAY") == "1" || Environment.GetEnvironmentVariable("TESTWORKER_BROKEN_RELAY_CLOCK") == "1")
{
    var relayOptions = new MimecastOutboxRelayOptions { IdleDelay = TimeSpan.FromMilliseconds(200), RetryDelay = TimeSpan.FromMilliseconds(200), MaxRetryDelay = TimeSpan.FromSeconds(2) };
    if (Environment.GetEnvironmentVariable("TESTWORKER_BROKEN_RELAY_CLOCK") == "1")
    {
        builder.Services.AddSingleton(sp => new MimecastOutboxRelay(sp.GetRequiredService<IMimecastOutboxStore>(), sp.GetRequiredService<IMimecastIncidentSink>(),
            relayOptions, new BrokenClock(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Mimecast.Sdk.Feed.PostgreSql")));
    }

    builder.Services.AddMimecastOutboxRelay(new StdoutSink(), o =>
    {
        o.IdleDelay = relayOptions.IdleDelay;
        o.RetryDelay = relayOptions.RetryDelay;
        o.MaxRetryDelay = relayOptions.MaxRetryDelay;
    });
}

using var stats = Environment.GetEnvironmentVariable("TESTWORKER_STATS") == "1" ? new PollStats() : null;
using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine($"STARTED {instance}");
Console.Out.Flush();
await host.WaitForShutdownAsync();
Console.Out.WriteLine($"STOPPED {instance}");
