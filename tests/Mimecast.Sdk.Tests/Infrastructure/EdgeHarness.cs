using Microsoft.Extensions.DependencyInjection;

namespace Mimecast.Sdk.Tests.Infrastructure;

/// <summary>An SDK client (through DI, on fake time) pointed at a <see cref="MisbehavingServer"/> for both API generations.</summary>
public sealed class EdgeHarness : IAsyncDisposable
{
    public const string AttemptTimeoutSeconds = "5";

    private EdgeHarness(MisbehavingServer server, ServiceProvider services)
    {
        Server = server;
        Services = services;
    }

    private int _headersSeen;

    public MisbehavingServer Server { get; }

    /// <summary>How many data-call responses the SDK has received the headers of (counted innermost, per attempt).</summary>
    public int HeadersSeen => Volatile.Read(ref _headersSeen);

    public ServiceProvider Services { get; }

    public ObservableTimeProvider Time { get; } = new();

    public IMimecastClient Client => Services.GetRequiredService<IMimecastClient>();

    /// <summary>The attempt timeout the harness configures (5 s), and the token request timeout (7 s, told apart from it).</summary>
    public static TimeSpan AttemptTimeout => TimeSpan.FromSeconds(5);

    public static TimeSpan TokenTimeout => TimeSpan.FromSeconds(7);

    public static EdgeHarness Start(string targetPath, Misbehaviour behaviour, MimecastApiGeneration generation, Action<MimecastClientOptions>? configure = null, int times = int.MaxValue)
    {
        var server = new MisbehavingServer(targetPath, behaviour, times);
        EdgeHarness? harness = null;
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(_ => harness!.Time);
        collection.AddMimecastClient(o =>
        {
            o.BaseUrl = server.BaseUrl;
            o.DiscoveryUrl = server.BaseUrl;
            o.Api1 = generation == MimecastApiGeneration.Api1
                ? new MimecastApi1Options { AppId = SdkHarness.AppId, AppKey = SdkHarness.AppKey, AccessKey = SdkHarness.AccessKey, SecretKey = SdkHarness.SecretKey }
                : new MimecastApi1Options { AppId = SdkHarness.AppId, AppKey = SdkHarness.AppKey, BaseUrl = server.BaseUrl };
            if (generation == MimecastApiGeneration.Api2)
            {
                o.Api2 = new MimecastApi2Options { ClientId = SdkHarness.ClientId, ClientSecret = SdkHarness.ClientSecret, TokenRequestTimeout = TokenTimeout };
            }

            o.Retry.MaxRetryAttempts = 1;
            o.Retry.BaseDelay = TimeSpan.Zero;
            o.Retry.MaxDelay = TimeSpan.Zero;
            o.Retry.AttemptTimeout = AttemptTimeout;
            o.MaxResponseSize = 1024 * 1024;
            configure?.Invoke(o);
        }).AddHttpMessageHandler(() => new HeadersSeenHandler(() => Interlocked.Increment(ref harness!._headersSeen)));
        harness = new EdgeHarness(server, collection.BuildServiceProvider());
        return harness;
    }

    /// <summary>
    /// Runs <paramref name="call"/> and returns what it threw (or null). With <paramref name="stall"/>, a stalled server
    /// meets the SDK's timeouts without real waiting: each time <c>stall.Progress</c> grows (the SDK has the headers of
    /// one more attempt, or the server one more token request) the fake clock moves on by <c>stall.Due</c>, at most 10
    /// times. Bounded by 60 s of real time.
    /// </summary>
    public async Task<Exception?> RunAsync(Func<Task> call, (TimeSpan Due, Func<int> Progress)? stall = null, bool driveBackoff = false)
    {
        var task = Task.Run(call);
        // The token request retries a transient failure after a jittered 250 ms, then 500 ms, on the fake clock.
        for (var i = 0; driveBackoff && i < 10 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Time.WaitForTimerWithinAsync(TimeSpan.FromSeconds(1)));
            if (!task.IsCompleted)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        if (stall is { } s)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            for (var i = 0; i < 10 && !task.IsCompleted; i++)
            {
                // Bounded poll for an event outside the SDK (bytes on a socket); time itself is only ever moved by hand.
                while (s.Progress() <= i && !task.IsCompleted && !bound.IsCancellationRequested)
                {
                    await Task.WhenAny(task, Task.Delay(5, CancellationToken.None));
                }

                if (task.IsCompleted || bound.IsCancellationRequested)
                {
                    break;
                }

                Time.Advance(s.Due);
            }
        }

        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(60));
            return null;
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            return new TimeoutException("The call did not end within 60 s of real time: it hangs.", e);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Innermost handler: counts responses whose headers arrived.</summary>
    private sealed class HeadersSeenHandler(Action seen) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            seen();
            return response;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Polly waits for executions still in flight before its pipelines dispose, polling on the fake clock.
        var disposal = Services.DisposeAsync().AsTask();
        for (var i = 0; i < 600 && !disposal.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(disposal, Task.Delay(10));
        }

        await disposal;
        await Server.DisposeAsync();
    }
}
