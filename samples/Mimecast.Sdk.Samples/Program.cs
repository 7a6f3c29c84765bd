// Mimecast.Sdk samples: every operation of IMimecastClient, over API 1.0 (HMAC) and API 2.0 (OAuth2).
//
//   dotnet run --project samples/Mimecast.Sdk.Samples
//
// Without configuration it starts the embedded simulator (127.0.0.1, a free port, a deliberately low quota of
// 10 calls per 2 s) and runs every scenario with both API generations. With a "Mimecast" configuration section
// (environment variables such as Mimecast__BaseUrl and Mimecast__Api2__ClientId, user secrets, or appsettings.json)
// it talks to that tenant instead, read-only unless you opt in (see RealTenant.cs).
using Microsoft.Extensions.Configuration;
using Mimecast.Sdk;
using Mimecast.Sdk.Samples;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddUserSecrets(typeof(Scenarios).Assembly, optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var mimecast = configuration.GetSection(MimecastClientOptions.SectionName);
try
{
    return mimecast.Exists()
        ? await RealTenant.RunAsync(mimecast, configuration.GetSection("Samples"), cancel.Token)
        : await SimulatorTour.RunAsync(cancel.Token);
}
catch (MimecastApiException e)
{
    // The SDK's messages never contain a key, token, password or body: safe to print.
    Console.Error.WriteLine($"Mimecast call failed: {e.Message}");
    return 1;
}
