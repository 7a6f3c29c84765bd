using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public sealed class SimulatorSnippets
{
    #region snippet: simulator-first-test
    [Fact]
    public async Task Reads_url_clicks_from_the_simulator()
    {
        await using var simulator = await MimecastSimulator.StartAsync();

        var services = new ServiceCollection();
        services.AddMimecastClient(options =>
        {
            options.BaseUrl = simulator.BaseUrl;
            options.Api2 = new MimecastApi2Options
            {
                ClientId = MimecastSimulatorDefaults.ClientId,
                ClientSecret = MimecastSimulatorDefaults.ClientSecret,
            };
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMimecastClient>();

        var page = await client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 10 }, null);

        Assert.Equal(10, page.Items.Count);
        Assert.True(page.HasMore);
        Assert.Equal(1, simulator.TokensIssued);
    }
    #endregion

    [Fact]
    public async Task Server_error_is_retried_and_a_429_waited_out()
    {
        #region snippet: simulator-faults
        await using var simulator = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { InitialUrlLogs = 0 });
        simulator.Records<SimulatorUrlLog>().Add(3, at: DateTimeOffset.UtcNow.AddMinutes(-5));       // three clicks in the same second

        var services = new ServiceCollection();
        services.AddMimecastClient(options =>
        {
            options.BaseUrl = simulator.BaseUrl;
            options.Api1 = new MimecastApi1Options
            {
                AppId = MimecastSimulatorDefaults.AppId,
                AppKey = MimecastSimulatorDefaults.AppKey,
                AccessKey = MimecastSimulatorDefaults.AccessKey,
                SecretKey = MimecastSimulatorDefaults.SecretKey,
            };
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);              // keep the test fast
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMimecastClient>();

        simulator.Faults.Enqueue(SimulatorFault.ServerError);                     // the next TTP call answers 503
        simulator.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(200);
        simulator.Faults.Enqueue(SimulatorFault.RateLimited);                     // the one after answers 429, reset 200 ms

        var page = await client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(3, page.Items.Count);
        Assert.Equal(1, simulator.RateLimitedResponses);
        Assert.Equal(0, simulator.RequestsDuringWait);                            // nothing was sent during the announced wait
        Assert.Equal(3, simulator.Journal.Count("/api/ttp/url/get-logs"));        // 503, 429, 200
        #endregion
    }

    [Fact]
    public async Task Token_is_renewed_before_it_expires_on_a_fake_clock()
    {
        #region snippet: simulator-fake-time
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        await using var simulator = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions
        {
            TimeProvider = time,                        // expiry, date skew, rate-limit windows, record times
            TokenLifetime = TimeSpan.FromMinutes(30),
        });

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);      // the SDK's clock: token renewal, quota waits
        services.AddMimecastClient(options =>
        {
            options.BaseUrl = simulator.BaseUrl;
            options.Api2 = new MimecastApi2Options
            {
                ClientId = MimecastSimulatorDefaults.ClientId,
                ClientSecret = MimecastSimulatorDefaults.ClientSecret,
                RefreshBeforeExpiry = TimeSpan.FromMinutes(1),
            };
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMimecastClient>();

        await client.Ttp.GetUrlLogsPageAsync(null, null);
        time.Advance(TimeSpan.FromMinutes(29.5));       // inside the renewal window
        await client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(2, simulator.TokensIssued);
        #endregion
    }

    [Fact]
    public async Task Accounts_are_isolated()
    {
        #region snippet: simulator-accounts
        var contoso = SimulatorAccount.Create("soc@contoso.example", seed: 7);
        var fabrikam = SimulatorAccount.Create("soc@fabrikam.example", seed: 8);
        var options = new MimecastSimulatorOptions { InitialUrlLogs = 20 };
        options.Accounts.Add(contoso);
        options.Accounts.Add(fabrikam);
        options.RateLimit.Limit = 50;                   // per account, per window
        options.RateLimit.Window = TimeSpan.FromSeconds(10);
        await using var simulator = await MimecastSimulator.StartAsync(options);

        simulator.Records<SimulatorImpersonationLog>().Add(2, accountEmail: fabrikam.EmailAddress);

        var services = new ServiceCollection();
        services.AddMimecastClient("contoso", o =>
        {
            o.BaseUrl = simulator.BaseUrl;
            o.Api2 = new MimecastApi2Options { ClientId = contoso.ClientId, ClientSecret = contoso.ClientSecret };
        });
        services.AddMimecastClient("fabrikam", o =>
        {
            o.BaseUrl = simulator.BaseUrl;
            o.Api2 = new MimecastApi2Options { ClientId = fabrikam.ClientId, ClientSecret = fabrikam.ClientSecret };
        });
        #endregion
        await using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IMimecastClientFactory>();
        var contosoLogs = await clients.CreateClient("contoso").Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { PageSize = 500 }, null);
        var fabrikamLogs = await clients.CreateClient("fabrikam").Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { PageSize = 500 }, null);
        Assert.Equal(simulator.Records<SimulatorImpersonationLog>().All(contoso.EmailAddress).Count, contosoLogs.Items.Count);
        Assert.Equal(simulator.Records<SimulatorImpersonationLog>().All(fabrikam.EmailAddress).Count, fabrikamLogs.Items.Count);
        Assert.Equal(contosoLogs.Items.Count + 2, fabrikamLogs.Items.Count);
    }
}
