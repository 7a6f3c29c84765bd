using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Telemetry.Tests;

/// <summary>A simulator plus one API 1.0 and one API 2.0 client with fast retry settings, and the credentials seen on the wire.</summary>
public sealed class SdkUnderTest : IAsyncDisposable
{
    private SdkUnderTest(MimecastSimulator simulator, ServiceProvider provider, CredentialRecorder recorder)
    {
        Simulator = simulator;
        Provider = provider;
        Recorder = recorder;
        Clients = provider.GetRequiredService<IMimecastClientFactory>();
    }

    public MimecastSimulator Simulator { get; }

    public ServiceProvider Provider { get; }

    public CredentialRecorder Recorder { get; }

    public IMimecastClientFactory Clients { get; }

    public IMimecastClient Api1 => Clients.CreateClient("api1");

    public IMimecastClient Api2 => Clients.CreateClient("api2");

    public static async Task<SdkUnderTest> StartAsync(bool addMetrics = false)
    {
        var simulator = await MimecastSimulator.StartAsync();
        var recorder = new CredentialRecorder();
        var services = new ServiceCollection();
        if (addMetrics)
        {
            services.AddMetrics();
        }

        void Fast(MimecastClientOptions o)
        {
            o.BaseUrl = simulator.BaseUrl;
            o.DiscoveryUrl = simulator.BaseUrl;
            o.Retry.MaxRetryAttempts = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.RateLimit.MaxWait = TimeSpan.FromSeconds(10);
        }

        services.AddMimecastClient("api1", o =>
        {
            Fast(o);
            o.Api1 = new MimecastApi1Options
            {
                AppId = MimecastSimulatorDefaults.AppId,
                AppKey = MimecastSimulatorDefaults.AppKey,
                AccessKey = MimecastSimulatorDefaults.AccessKey,
                SecretKey = MimecastSimulatorDefaults.SecretKey,
            };
        });
        services.AddMimecastClient("api2", o =>
        {
            Fast(o);
            o.Api2 = new MimecastApi2Options { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
        }).AddHttpMessageHandler(() => new CredentialRecordingHandler(recorder));
        return new SdkUnderTest(simulator, services.BuildServiceProvider(), recorder);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>Every credential that went over the wire: HMAC signatures, bearer tokens, Basic credentials.</summary>
public sealed class CredentialRecorder
{
    private readonly ConcurrentDictionary<string, bool> _secrets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Secrets => [.. _secrets.Keys];

    public void Add(string secret) => _secrets[secret] = true;
}

/// <summary>Runs innermost (after the SDK's auth handler), so it sees the credentials of every attempt.</summary>
public sealed class CredentialRecordingHandler(CredentialRecorder recorder) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is { Parameter: { Length: > 0 } parameter } authorization)
        {
            recorder.Add(parameter);
            if (authorization.Scheme == "MC" && parameter.Split(':') is [_, var signature])
            {
                recorder.Add(signature);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
