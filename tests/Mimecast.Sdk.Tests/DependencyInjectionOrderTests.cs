using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Operations;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.Server;
using WireMock.Settings;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// <c>AddMimecastClient</c> registers only what the SDK owns: the application's logging, time provider, HTTP client
/// and options registrations work whether they come before or after it, and a second call changes nothing else.
/// </summary>
public sealed class DependencyInjectionOrderTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public DependencyInjectionOrderTests()
    {
        _server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private void Configure(MimecastClientOptions o)
    {
        o.BaseUrl = new Uri(_server.Urls[0]);
        o.Api1 = new MimecastApi1Options { AppId = SdkHarness.AppId, AppKey = SdkHarness.AppKey, AccessKey = SdkHarness.AccessKey, SecretKey = SdkHarness.SecretKey };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_applications_logging_works_whether_AddLogging_comes_before_or_after(bool loggingFirst)
    {
        var services = new ServiceCollection();
        if (loggingFirst)
        {
            services.AddFakeLogging().AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        }

        services.AddMimecastClient(Configure);
        if (!loggingFirst)
        {
            services.AddFakeLogging().AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        }

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ILogger<DependencyInjectionOrderTests>>().LogWarning("the application's own log");
        await provider.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsPageAsync(null, null);

        var records = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, r => r.Message == "the application's own log");
        Assert.Contains(records, r => r.Category == "Mimecast.Sdk.MimecastClient");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_applications_TimeProvider_is_used_even_when_try_added_after(bool timeFirst)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var services = new ServiceCollection();
        if (timeFirst)
        {
            services.TryAddSingleton<TimeProvider>(time);
        }

        services.AddMimecastClient(Configure);
        if (!timeFirst)
        {
            services.TryAddSingleton<TimeProvider>(time);
        }

        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsPageAsync(null, null);

        var date = Assert.Single(_server.LogEntries).RequestMessage!.Headers!["x-mc-date"].Single();
        Assert.Contains("06 May 2031 07:08:09", date, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHttpClient_AddOptions_and_a_second_call_in_any_order_leave_one_handler_chain()
    {
        var services = new ServiceCollection();
        services.AddHttpClient();
        services.AddMimecastClient(Configure);
        services.AddOptions();
        services.AddHttpClient("the-apps-own");
        services.AddMimecastClient(Configure);
        services.AddMimecastClient("customer-a", Configure);
        services.AddKeyedSingleton<IMimecastClient>("the-apps-fake", (_, _) => null!);

        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsPageAsync(null, null);
        await provider.GetRequiredKeyedService<IMimecastClient>("customer-a").Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(2, _server.LogEntries.Count);
        Assert.All(_server.LogEntries, e => Assert.Single(e.RequestMessage!.Headers!["Authorization"]));
        Assert.Single(services, d => d.ServiceType == typeof(IMimecastClientFactory));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(ILoggerFactory) && d.ImplementationInstance is not null);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TimeProvider));
    }
}
