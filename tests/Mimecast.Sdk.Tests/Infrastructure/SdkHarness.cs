using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace Mimecast.Sdk.Tests.Infrastructure;

/// <summary>A WireMock server on 127.0.0.1, an SDK client wired to it through DI, fake time and captured logs.</summary>
public sealed class SdkHarness : IAsyncDisposable
{
    public const string AppId = "aaaaaaaa-1111-2222-3333-444444444444";
    public const string AppKey = "app-key-0f3c9a1e-secret";
    public const string AccessKey = "mYtOkEn-AccessKey-0001";
    public const string SecretKey = "c3VwZXItc2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";
    public const string ClientId = "client-id-42";
    public const string ClientSecret = "client-secret-do-not-leak-7f1b";

    private SdkHarness(WireMockServer server)
    {
        Server = server;
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Urls[0] + "/");

    public ObservableTimeProvider Time { get; } = new();

    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    /// <summary>Path → how many of the next requests to it fail as a dropped connection.</summary>
    public ConcurrentDictionary<string, int> Drops { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public IMimecastClient Client => Services.GetRequiredService<IMimecastClient>();

    public IReadOnlyList<SentRequest> SentTo(string path) => Sent.Where(r => r.Path == path).ToList();

    /// <summary>Requests the server received on <paramref name="path"/> (token requests do not pass the recording handler).</summary>
    public int Received(string path) => Server.LogEntries.Count(e => e.RequestMessage?.Path == path);

    public static SdkHarness Start(MimecastApiGeneration generation = MimecastApiGeneration.Api1, Action<MimecastClientOptions>? configure = null,
        Action<IServiceCollection, SdkHarness>? services = null)
    {
        // Port 0: the OS picks a free port at bind time (no find-then-bind race with tests running in parallel).
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var harness = new SdkHarness(server);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(harness.Time);
        collection.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = true).AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        services?.Invoke(collection, harness);
        collection.AddMimecastClient(o =>
            {
                harness.Configure(o, generation);
                configure?.Invoke(o);
            })
            .AddHttpMessageHandler(sp => new RecordingHandler(harness.Time, harness.Sent, harness.Drops));
        harness.Services = collection.BuildServiceProvider();
        return harness;
    }

    public void Configure(MimecastClientOptions o, MimecastApiGeneration generation)
    {
        o.BaseUrl = BaseUrl;
        o.DiscoveryUrl = BaseUrl;
        if (generation == MimecastApiGeneration.Api1)
        {
            o.Api1 = new MimecastApi1Options { AppId = AppId, AppKey = AppKey, AccessKey = AccessKey, SecretKey = SecretKey };
        }
        else
        {
            o.Api1 = new MimecastApi1Options { AppId = AppId, AppKey = AppKey, BaseUrl = BaseUrl }; // the login family's API 1.0 host
            o.Api2 = new MimecastApi2Options { ClientId = ClientId, ClientSecret = ClientSecret };
        }

        // Transient retries must not wait on the fake clock unless a test says so.
        o.Retry.BaseDelay = TimeSpan.Zero;
        o.Retry.MaxDelay = TimeSpan.Zero;
    }

    public async ValueTask DisposeAsync()
    {
        // Polly's pipelines wait for executions still in flight before they dispose, polling on the pipeline's
        // TimeProvider, the fake clock here. A test that failed with a call still pending would otherwise hang
        // disposal forever: move the fake clock on (bounded) until disposal completes.
        var disposal = Services.DisposeAsync().AsTask();
        for (var i = 0; i < 600 && !disposal.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(disposal, Task.Delay(10));
        }

        await disposal;
        Server.Stop();
        Server.Dispose();
    }
}
