using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Docs.Tests.Snippets;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Docs.Tests;

/// <summary>Runs the documentation snippets that need a server against the simulator, so they are shown working, not only compiling.</summary>
public sealed class SnippetRunTests : IAsyncLifetime
{
    private MimecastSimulator _simulator = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _simulator = await MimecastSimulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mimecast:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Mimecast:DiscoveryUrl"] = _simulator.BaseUrl.ToString(),
            ["Mimecast:Api1:AppId"] = MimecastSimulatorDefaults.AppId,
            ["Mimecast:Api1:AppKey"] = MimecastSimulatorDefaults.AppKey,
            ["Mimecast:Api1:AccessKey"] = MimecastSimulatorDefaults.AccessKey,
            ["Mimecast:Api1:SecretKey"] = MimecastSimulatorDefaults.SecretKey,
        }).Build();
        var services = new ServiceCollection();
        services.AddMimecastClient(configuration.GetSection("Mimecast"));
        services.AddMimecastClient("login", o =>
        {
            o.BaseUrl = _simulator.BaseUrl;
            o.DiscoveryUrl = _simulator.BaseUrl;
            o.Api1 = new MimecastApi1Options { AppId = MimecastSimulatorDefaults.AppId, AppKey = MimecastSimulatorDefaults.AppKey };
        });
        _provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private IMimecastClient Client => _provider.GetRequiredService<IMimecastClient>();

    [Fact]
    public async Task Getting_started_snippets_read_the_simulator()
    {
        await GettingStarted.StreamAsync(Client, CancellationToken.None);
        await GettingStarted.PagesAsync(Client, CancellationToken.None);
        Assert.Equal(_simulator.Records<SimulatorAttachmentLog>().All().Count / 500 + 1, _simulator.Journal.Count("/api/ttp/attachment/get-logs"));
        await GettingStarted.ErrorsAsync(Client, CancellationToken.None);
        await RateLimits.QuotaAsync(Client, CancellationToken.None);
        await RateLimits.GiveUpAsync(Client, CancellationToken.None);
    }

    [Fact]
    public async Task Login_snippet_returns_options_that_sign_data_calls()
    {
        var login = _provider.GetRequiredService<IMimecastClientFactory>().CreateClient("login");
        var api1 = await Authentication.LoginAsync(login, MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword,
            MimecastSimulatorDefaults.AppId, MimecastSimulatorDefaults.AppKey, CancellationToken.None);

        var services = new ServiceCollection();
        services.AddMimecastClient(o =>
        {
            o.BaseUrl = _simulator.BaseUrl;
            o.Api1 = api1;
        });
        await using var provider = services.BuildServiceProvider();
        var page = await provider.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsPageAsync(null, null);
        Assert.NotEmpty(page.Items);
        Assert.Contains(api1.AccessKey!, _simulator.GetAccessKeys());
    }

    [Fact]
    public async Task Refresh_snippet_recovers_from_an_expired_binding()
    {
        var login = _provider.GetRequiredService<IMimecastClientFactory>().CreateClient("login");
        var credentials = new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword);
        _simulator.ExpireBindings();

        await Authentication.RefreshAsync(Client, login, credentials, MimecastSimulatorDefaults.AccessKey, CancellationToken.None);

        Assert.Equal(1, _simulator.Journal.CountStatus(418));
    }

    [Fact]
    public async Task Feed_snippet_delivers_then_remembers()
    {
        var directory = Directory.CreateTempSubdirectory("mimecast-docs-feed").FullName;
        try
        {
            var first = await IncidentFeed.PollOnceAsync(Client, directory, CancellationToken.None);
            var second = await IncidentFeed.PollOnceAsync(Client, directory, CancellationToken.None);

            Assert.True(first > 0);
            Assert.Equal(0, second);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Custom_handler_snippet_sees_every_attempt()
    {
        var services = new ServiceCollection();
        RateLimits.Handler(services, new MimecastApi2Options { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret });
        services.Configure<MimecastClientOptions>(string.Empty, o => o.BaseUrl = _simulator.BaseUrl);
        await using var provider = services.BuildServiceProvider();

        var page = await provider.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsPageAsync(null, null);

        Assert.NotEmpty(page.Items);
    }
}
