using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.Server;
using WireMock.Settings;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// Discover, login, refresh and logout are API 1.0 calls: they go to an API 1.0 host (Api1.BaseUrl, an API 1.0
/// client's BaseUrl, or the region discover named), never to the API 2.0 gateway, and fail before sending when no such
/// host is known. The harness's WireMock server plays the API 2.0 gateway; a second one plays the regional API 1.0 host.
/// </summary>
public class Api1HostTests
{
    private const string LoginPath = "/api/login/login";
    private const string LogoutPath = "/api/login/logout";
    private const string DiscoverPath = "/api/login/discover-authentication";
    private const string Binding = """{"meta":{"status":200},"data":[{"accessKey":"new-access","secretKey":"bmV3LXNlY3JldA==","duration":259200000}],"fail":[]}""";

    private static readonly MimecastUserCredentials User = new("soc@example.com", "P@ss:w0rd");

    private static WireMockServer Regional()
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Stubs.Post(LoginPath)).RespondWith(Stubs.Json(Binding));
        server.Given(Stubs.Post(LogoutPath)).RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[],"fail":[]}"""));
        return server;
    }

    private static int Received(WireMockServer server, string path) => server.LogEntries.Count(e => e.RequestMessage?.Path == path);

    [Theory]
    [InlineData("login")]
    [InlineData("refresh")]
    public async Task An_api2_client_without_an_api1_host_fails_before_sending_and_names_the_setting(string operation)
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Api1!.BaseUrl = null);
        h.Server.Given(Stubs.Post(LoginPath)).RespondWith(Stubs.Json(Binding));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => operation == "login"
            ? h.Client.Login.LoginAsync(User)
            : h.Client.Login.RefreshTokenAsync(User, "existing-key"));

        Assert.Contains("Mimecast:Api1:BaseUrl", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Received(LoginPath));
    }

    [Fact]
    public async Task An_api2_client_sends_login_and_refresh_to_the_configured_api1_host_not_the_gateway()
    {
        using var regional = Regional();
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Api1!.BaseUrl = new Uri(regional.Urls[0]));
        h.Server.Given(Stubs.Post(LoginPath)).RespondWith(Stubs.Json(Binding));

        await h.Client.Login.LoginAsync(User);
        await h.Client.Login.RefreshTokenAsync(User, "new-access");

        Assert.Equal(2, Received(regional, LoginPath));
        Assert.Equal(0, h.Received(LoginPath));
    }

    [Fact]
    public async Task An_api2_client_sends_login_to_the_region_discover_named()
    {
        using var regional = Regional();
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Api1!.BaseUrl = null);
        h.Server.Given(Stubs.Post(DiscoverPath)).RespondWith(Stubs.Json($$$"""
            {"meta":{"status":200},"data":[{"emailAddress":"soc@example.com","authenticate":["cloud"],"region":{"api":"{{{regional.Urls[0]}}}","name":"EU"}}],"fail":[]}
            """));
        h.Server.Given(Stubs.Post(LoginPath)).RespondWith(Stubs.Json(Binding));

        await h.Client.Login.DiscoverAuthenticationAsync("soc@example.com");
        await h.Client.Login.LoginAsync(User);

        Assert.Equal(1, Received(regional, LoginPath));
        Assert.Equal(0, h.Received(LoginPath));
    }

    [Fact]
    public async Task The_region_discover_named_belongs_to_the_customer_and_goes_when_the_customer_is_reconfigured()
    {
        using var regional = Regional();
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Api1!.BaseUrl = null);
        h.Server.Given(Stubs.Post(DiscoverPath)).RespondWith(Stubs.Json($$$"""
            {"meta":{"status":200},"data":[{"emailAddress":"soc@example.com","authenticate":["cloud"],"region":{"api":"{{{regional.Urls[0]}}}","name":"EU"}}],"fail":[]}
            """));
        var factory = h.Services.GetRequiredService<IMimecastClientFactory>();

        // Clients are cheap handles: the region one handle discovered serves every handle of the same customer.
        await factory.CreateClient(string.Empty).Login.DiscoverAuthenticationAsync("soc@example.com");
        await factory.CreateClient(string.Empty).Login.LoginAsync(User);
        Assert.Equal(1, Received(regional, LoginPath));

        // Reconfigured (or removed): the customer's state goes with its options, the discovered region included.
        Assert.True(h.Services.GetRequiredService<IOptionsMonitorCache<MimecastClientOptions>>().TryRemove(Options.DefaultName));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.CreateClient(string.Empty).Login.LoginAsync(User));
        Assert.Contains("Mimecast:Api1:BaseUrl", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, Received(regional, LoginPath));
        Assert.Equal(0, h.Received(LoginPath));
    }

    [Fact]
    public async Task Logout_sends_the_access_key_hmac_signed_to_the_api1_host()
    {
        using var regional = Regional();
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api1, o => o.Api1!.BaseUrl = new Uri(regional.Urls[0]));

        await h.Client.Login.LogoutAsync("old-access-key");

        var sent = Assert.Single(regional.LogEntries, e => e.RequestMessage?.Path == LogoutPath).RequestMessage!;
        Assert.Equal("""{"data":[{"accessKey":"old-access-key"}]}""", sent.Body);
        Assert.StartsWith($"MC {SdkHarness.AccessKey}:", sent.Headers!["Authorization"].Single(), StringComparison.Ordinal);
        Assert.Equal(0, h.Received(LogoutPath));
    }

    [Fact]
    public async Task Logout_without_a_binding_to_sign_with_fails_before_sending()
    {
        using var regional = Regional();
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Api1!.BaseUrl = new Uri(regional.Urls[0]));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.Login.LogoutAsync("some-key"));

        Assert.Contains("Mimecast:Api1:AccessKey", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, Received(regional, LogoutPath));
    }

    [Fact]
    public void The_api2_gateway_is_refused_as_api1_host_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddMimecastClient(o =>
        {
            o.Api2 = new MimecastApi2Options { ClientId = "id", ClientSecret = "secret" };
            o.Api1 = new MimecastApi1Options { AppId = "app", AppKey = "key", BaseUrl = MimecastRegions.Api2Global };
        });
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<MimecastClientOptions>>();

        var e = Assert.Throws<OptionsValidationException>(() => monitor.Get(string.Empty));

        Assert.Contains("Api1.BaseUrl is an API 2.0 gateway", e.Message, StringComparison.Ordinal);
    }
}
