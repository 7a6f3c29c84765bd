using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk;
using Mimecast.Sdk.Feed.CrashHost;

// The worker process of the feed crash tests. Runs rounds (every customer: poll → sink/commit → relay) until killed
// (--mode run) or until a round finds nothing new (--mode until-idle, exit 0 after the "done" marker).
// Exit codes: 0 done, 1 a round failed (message on stderr), 2 bad arguments, 3 --max-rounds reached.
HostArguments arguments;
try
{
    arguments = HostArguments.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
    return 2;
}

var services = new ServiceCollection().AddLogging();
var first = true;
foreach (var customer in arguments.Customers)
{
    var builder = services.AddMimecastClient(customer.Name, o =>
    {
        o.BaseUrl = arguments.Url;
        o.Api2 = new() { ClientId = customer.ClientId, ClientSecret = customer.ClientSecret };
    });
    if (first)
    {
        // Every customer shares one handler chain: add the marker handler once.
        builder.AddHttpMessageHandler(() => new MarkerHandler());
        first = false;
    }
}

await using var provider = services.BuildServiceProvider();
var clients = provider.GetRequiredService<IMimecastClientFactory>();
var worker = CreateWorker(arguments, clients);

await using (worker.ConfigureAwait(false))
{
    try
    {
        for (var round = 0; round < arguments.MaxRounds; round++)
        {
            var delivered = 0;
            foreach (var customer in arguments.Customers)
            {
                delivered += await worker.RunCustomerAsync(customer.Name, CancellationToken.None).ConfigureAwait(false);
            }

            delivered += await worker.RelayAsync(CancellationToken.None).ConfigureAwait(false);
            if (delivered == 0)
            {
                Markers.Write(Markers.Idle);
                if (arguments.UntilIdle)
                {
                    Markers.Write(Markers.Done);
                    return 0;
                }
            }

            await Task.Delay(arguments.Interval, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        }
    }
    catch (Exception e) when (e is MimecastApiException or InvalidOperationException or IOException or HttpRequestException or Npgsql.NpgsqlException or Mimecast.Sdk.Feed.MimecastCheckpointException)
    {
        await Console.Error.WriteLineAsync($"round failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
        return 1;
    }
}

await Console.Error.WriteLineAsync($"--max-rounds {arguments.MaxRounds} reached").ConfigureAwait(false);
return 3;

static ICrashWorker CreateWorker(HostArguments arguments, IMimecastClientFactory clients) => arguments.Store switch
{
    "file" => new FileStoreWorker(clients, arguments),
    "postgres" => new PostgresWorker(clients, arguments),
    _ => throw new ArgumentException($"Unknown --store '{arguments.Store}'."),
};
