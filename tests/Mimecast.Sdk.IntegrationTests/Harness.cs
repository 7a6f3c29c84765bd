using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Mimecast.Sdk.IntegrationTests;

/// <summary>A simulator on 127.0.0.1 and an SDK client (API 1.0 or 2.0) wired to it through DI.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(MimecastSimulator simulator, ServiceProvider services, MimecastApiGeneration generation)
    {
        Simulator = simulator;
        Services = services;
        Generation = generation;
    }

    public MimecastSimulator Simulator { get; }

    public ServiceProvider Services { get; }

    public MimecastApiGeneration Generation { get; }

    public IMimecastClient Client => Services.GetRequiredService<IMimecastClient>();

    public static MimecastUserCredentials CloudCredentials => new(MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword);

    /// <summary>Simulator options with few records and a generous quota, tuned per test by <paramref name="tune"/>.</summary>
    public static MimecastSimulatorOptions Options(int url = 40, int attachment = 30, int impersonation = 25, Action<MimecastSimulatorOptions>? tune = null)
    {
        var options = new MimecastSimulatorOptions
        {
            Seed = 7,
            InitialUrlLogs = url,
            InitialAttachmentLogs = attachment,
            InitialImpersonationLogs = impersonation,
        };
        tune?.Invoke(options);
        return options;
    }

    public static async Task<Harness> StartAsync(MimecastApiGeneration generation, MimecastSimulatorOptions? simulatorOptions = null,
        Action<MimecastClientOptions>? configure = null, TimeProvider? clientTime = null)
    {
        var simulator = await MimecastSimulator.StartAsync(simulatorOptions ?? Options());
        var services = new ServiceCollection().AddLogging();
        if (clientTime is not null)
        {
            services.AddSingleton(clientTime);
        }

        services.AddMimecastClient(o =>
        {
            Configure(o, simulator, generation);
            configure?.Invoke(o);
        });
        return new Harness(simulator, services.BuildServiceProvider(), generation);
    }

    /// <summary>Points the options at the simulator's demo account. In API 2.0 mode, Api1 carries only the app id and key (for the login family).</summary>
    public static void Configure(MimecastClientOptions o, MimecastSimulator simulator, MimecastApiGeneration generation)
    {
        o.BaseUrl = simulator.BaseUrl;
        o.DiscoveryUrl = simulator.BaseUrl;
        if (generation == MimecastApiGeneration.Api1)
        {
            o.Api1 = new()
            {
                AppId = MimecastSimulatorDefaults.AppId,
                AppKey = MimecastSimulatorDefaults.AppKey,
                AccessKey = MimecastSimulatorDefaults.AccessKey,
                SecretKey = MimecastSimulatorDefaults.SecretKey,
            };
        }
        else
        {
            o.Api1 = new() { AppId = MimecastSimulatorDefaults.AppId, AppKey = MimecastSimulatorDefaults.AppKey, BaseUrl = simulator.BaseUrl };
            o.Api2 = new() { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
        }

        o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        o.RateLimit.FallbackDelay = TimeSpan.FromMilliseconds(1);
        o.RateLimit.MaxWait = TimeSpan.FromSeconds(20);
        o.DefaultPageSize = 7;
    }

    /// <summary>Builds a second, independent client (own DI container) against the same simulator.</summary>
    public ServiceProvider BuildClient(Action<MimecastClientOptions> configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMimecastClient(o =>
        {
            Configure(o, Simulator, Generation);
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    public int Requests(string path) => Simulator.Journal.Count(path);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    // ---- comparable keys: a record's identity as both sides see it ----
    public static string Key(SimulatorUrlLog l) => Key(l.Date, l.UserEmailAddress, l.Url, l.MessageId, l.Route, l.ScanResult);

    public static string Key(TtpUrlLog l) => Key(l.Date!.Value, l.UserEmailAddress!, l.Url!, l.MessageId!, l.Route!, l.ScanResult!);

    public static string Key(SimulatorAttachmentLog l) => Key(l.Date, l.RecipientAddress, l.FileName, l.FileHash, l.Route, l.Result);

    public static string Key(TtpAttachmentLog l) => Key(l.Date!.Value, l.RecipientAddress!, l.FileName!, l.FileHash!, l.Route!, l.Result!);

    public static string Key(SimulatorImpersonationLog l) => Key(l.EventTime, l.Id, l.SenderAddress, l.Action);

    public static string Key(TtpImpersonationLog l) => Key(l.EventTime!.Value, l.Id!, l.SenderAddress!, l.Action!);

    private static string Key(DateTimeOffset date, params string[] parts) =>
        date.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + "|" + string.Join('|', parts);
}
