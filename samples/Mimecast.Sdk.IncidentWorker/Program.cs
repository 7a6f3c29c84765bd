// The Mimecast incident worker: polls the TTP URL click, attachment and impersonation logs of one or more
// customers and writes every new event to stdout as one JSON line (logs go to stderr).
//
//   dotnet run --project samples/Mimecast.Sdk.IncidentWorker                 # against the embedded simulator
//   dotnet run --project samples/Mimecast.Sdk.IncidentWorker -- --max-polls 3 # stop after 3 rounds (CI)
//
// Configuration (appsettings.json, environment variables such as Mimecast__Api2__ClientId, or the command line):
//   Mimecast:…                      one customer: the MimecastClientOptions of the default client
//   Mimecast:Customers:<name>:…     several customers, each with its own MimecastClientOptions, polled in parallel
//   Feed:…                          MimecastIncidentFeedOptions, plus MaxDegreeOfParallelism and CheckpointDirectory;
//                                   Feed:SiemEventTypes ("receipt, delivery") and Feed:IncludeAuditEvents (true) add
//                                   the SIEM stream and audit kinds (see README.md)
// Without a Mimecast section the worker starts the embedded simulator and uses its demo credentials.
// Checkpoints are kept in Feed:CheckpointDirectory (default ./checkpoints): a restart goes on where it stopped.
// With ConnectionStrings:Feed (e.g. ConnectionStrings__Feed='Host=127.0.0.1;Username=…;Password=…;Database=…'), they
// are kept in PostgreSQL with an outbox, and the relay writes each event to stdout through StdoutIncidentSink.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Feed.PostgreSql;
using Mimecast.Sdk.IncidentWorker;
using Mimecast.Sdk.Testing;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

var settings = WorkerSettings.Read(builder.Configuration);
var mimecast = builder.Configuration.GetSection(MimecastClientOptions.SectionName);
MimecastSimulator? simulator = null;
if (!mimecast.Exists())
{
    simulator = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { Seed = MimecastSimulatorDefaults.Seed });
    builder.Services.AddSingleton(simulator);
    builder.Services.AddMimecastClient(o =>
    {
        o.BaseUrl = simulator.BaseUrl;
        o.Api2 = new() { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
    });
    settings.Customers = [string.Empty];
}
else if (mimecast.GetSection("Customers").GetChildren().ToList() is { Count: > 0 } customers)
{
    foreach (var customer in customers)
    {
        builder.Services.AddMimecastClient(customer.Key, customer);
    }

    settings.Customers = [.. customers.Select(c => c.Key)];
}
else
{
    builder.Services.AddMimecastClient(mimecast);
    settings.Customers = [string.Empty];
}

builder.Services.AddSingleton(settings);
// PostgreSQL (checkpoints + outbox + relay to the sink) when ConnectionStrings:Feed is configured, the file store otherwise.
if (builder.Configuration.GetConnectionString("Feed") is { Length: > 0 } connectionString)
{
    builder.Services.AddMimecastPostgreSqlCheckpointStore(connectionString);
    // This worker drains the relay itself after each round (so --max-polls ends with everything delivered), hence the
    // relay without AddMimecastOutboxRelay's hosted service, which would relay on its own schedule.
    builder.Services.AddSingleton(sp => new MimecastOutboxRelay(sp.GetRequiredService<IMimecastOutboxStore>(), new StdoutIncidentSink(), null,
        sp.GetService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Mimecast.Sdk.Feed.PostgreSql")));
}
else
{
    builder.Services.AddMimecastFileCheckpointStore(settings.CheckpointDirectory);
}

builder.Services.AddHostedService<IncidentWorker>();

using var host = builder.Build();
try
{
    if (simulator is not null)
    {
        host.Services.GetRequiredService<ILogger<IncidentWorker>>().LogSimulator(simulator.BaseUrl);
    }

    await host.RunAsync();
}
finally
{
    if (simulator is not null)
    {
        await simulator.DisposeAsync();
    }
}

return Environment.ExitCode;
