using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Samples;

/// <summary>Every scenario with both API generations against the embedded simulator, under a low quota.</summary>
internal static class SimulatorTour
{
    private const int PageSize = 7;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var simulatorOptions = new MimecastSimulatorOptions
        {
            Seed = MimecastSimulatorDefaults.Seed,
            InitialUrlLogs = 30,
            InitialAttachmentLogs = 20,
            InitialImpersonationLogs = 15,
        };
        simulatorOptions.RateLimit.Limit = 10; // 10 calls per 2 s: low enough that the SDK visibly waits
        simulatorOptions.RateLimit.Window = TimeSpan.FromSeconds(2);
        await using var simulator = await MimecastSimulator.StartAsync(simulatorOptions, cancellationToken);
        Console.WriteLine($"No 'Mimecast' configuration: using the embedded simulator at {simulator.BaseUrl} (quota 10 calls / 2 s).");
        Console.WriteLine("Credentials: the simulator's published demo account (MimecastSimulatorDefaults), not printed.");

        var wire = new WireStats();
        var services = new ServiceCollection();
        services.AddMimecastClient("api1", o => ConfigureApi1(o, simulator.BaseUrl));
        services.AddMimecastClient("api2", o => ConfigureApi2(o, simulator.BaseUrl))
            .AddHttpMessageHandler(() => new WireLog(wire)); // optional: print every request (applies to all Mimecast clients)
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMimecastClientFactory>();
        var clients = new[] { (Generation: "1.0", Client: factory.CreateClient("api1")), (Generation: "2.0", Client: factory.CreateClient("api2")) };

        var summary = new Summary();
        var credentials = new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword);
        async Task<T> Run<T>(string operation, string generation, Func<Task<T>> scenario, Func<T, string> describe)
        {
            Console.WriteLine($"\n== {operation} (API {generation})");
            var (requests, tooMany, duringWait, held) = (wire.Requests, simulator.RateLimitedResponses, simulator.RequestsDuringWait, wire.Held);
            var result = await scenario();
            summary.Add(operation, generation, describe(result), wire.Requests - requests, (simulator.RateLimitedResponses - tooMany).ToString(), (simulator.RequestsDuringWait - duringWait).ToString(), wire.Held - held);
            return result;
        }

        // The login family is API 1.0; an API 2.0 client runs it with Api1 = { AppId, AppKey } next to its Api2 credentials.
        foreach (var (generation, client) in clients)
        {
            await Run("discover-authentication", generation, () => Scenarios.DiscoverAsync(client, credentials.EmailAddress, cancellationToken), r => r);
            var binding = await Run("login (cloud password)", generation, () => Scenarios.LoginAsync(client, credentials, cancellationToken), _ => "new binding");
            await Run("refresh", generation, () => Scenarios.RefreshAsync(client, credentials, binding.AccessKey!, cancellationToken), b => b.AccessKey == binding.AccessKey ? "same key extended" : "NEW KEY");
        }

        foreach (var (generation, client) in clients)
        {
            await Run("TTP URL logs", generation, () => Scenarios.UrlClicksAsync(client, new TtpUrlLogQuery { PageSize = PageSize }, int.MaxValue, cancellationToken), n => $"{n} records");
            await Run("TTP attachment logs", generation, () => Scenarios.AttachmentsAsync(client, new TtpAttachmentLogQuery { PageSize = PageSize, OldestFirst = true }, int.MaxValue, cancellationToken), n => $"{n} records");
            await Run("TTP impersonation logs", generation, () => Scenarios.ImpersonationAsync(client, new TtpImpersonationLogQuery { PageSize = PageSize }, int.MaxValue, cancellationToken), n => $"{n} records");
        }

        summary.Print();
        Console.WriteLine($"\nSimulator: {simulator.Journal.Entries.Count} requests in all ({simulator.TokenRequests} OAuth token request), " +
            $"{simulator.RateLimitedResponses} answered 429, {simulator.RequestsDuringWait} sent during a quota wait. Took {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");
        return simulator.RequestsDuringWait == 0 ? 0 : 2;
    }

    // ---- the DI registration, one per generation ----
    private static void ConfigureApi1(MimecastClientOptions o, Uri baseUrl)
    {
        o.BaseUrl = baseUrl;                       // a real tenant: its regional host, e.g. https://eu-api.mimecast.com
        o.DiscoveryUrl = baseUrl;                  // a real tenant: leave unset (https://api.mimecast.com)
        o.Api1 = new()
        {
            AppId = MimecastSimulatorDefaults.AppId,
            AppKey = MimecastSimulatorDefaults.AppKey,
            AccessKey = MimecastSimulatorDefaults.AccessKey,
            SecretKey = MimecastSimulatorDefaults.SecretKey,
        };
        o.RateLimit.PartitionKey = MimecastSimulatorDefaults.EmailAddress; // both clients are one user: one quota
    }

    private static void ConfigureApi2(MimecastClientOptions o, Uri baseUrl)
    {
        o.BaseUrl = baseUrl;                       // a real tenant: leave unset (https://api.services.mimecast.com)
        o.DiscoveryUrl = baseUrl;
        o.Api2 = new() { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
        o.Api1 = new() { AppId = MimecastSimulatorDefaults.AppId, AppKey = MimecastSimulatorDefaults.AppKey, BaseUrl = baseUrl }; // for the login family only (a real tenant: the regional API 1.0 host)
        o.RateLimit.PartitionKey = MimecastSimulatorDefaults.EmailAddress;
    }
}
