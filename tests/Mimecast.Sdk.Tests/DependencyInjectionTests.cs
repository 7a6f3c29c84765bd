using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public async Task Options_bind_from_the_Mimecast_configuration_section()
    {
        await using var h = SdkHarness.Start();
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mimecast:BaseUrl"] = h.BaseUrl.ToString(),
            ["Mimecast:Api2:ClientId"] = SdkHarness.ClientId,
            ["Mimecast:Api2:ClientSecret"] = SdkHarness.ClientSecret,
            ["Mimecast:RateLimit:MaxWait"] = "00:02:00",
            ["Mimecast:DefaultPageSize"] = "250",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddMimecastClient(configuration.GetSection("Mimecast")).Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<MimecastClientOptions>>().Value;
        var page = await services.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(TimeSpan.FromMinutes(2), options.RateLimit.MaxWait);
        Assert.Equal(250, options.DefaultPageSize);
        Assert.Single(page.Items);
        Assert.Contains("\"pageSize\":250", h.Server.LogEntries.Single(e => e.RequestMessage!.Path == Stubs.UrlPath).RequestMessage!.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("both", "exactly one credential set")]
    [InlineData("none", "no credentials")]
    [InlineData("http", "must use https")]
    [InlineData("no-base-url", "BaseUrl is required for API 1.0")]
    [InlineData("bad-secret", "not valid base64")]
    [InlineData("half-binding", "Api1.SecretKey is required")]
    public void Invalid_options_fail_at_start_up_with_a_message_saying_what_to_fix(string problem, string message)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMimecastClient(o =>
        {
            o.BaseUrl = new Uri("https://eu-api.mimecast.com");
            o.Api1 = new MimecastApi1Options { AppId = "app", AppKey = "key", AccessKey = "access", SecretKey = SdkHarness.SecretKey };
            switch (problem)
            {
                case "both": o.Api2 = new MimecastApi2Options { ClientId = "c", ClientSecret = "s" }; break;
                case "none": o.Api1 = null; break;
                case "http": o.BaseUrl = new Uri("http://eu-api.mimecast.com"); break;
                case "no-base-url": o.BaseUrl = null; break;
                case "bad-secret": o.Api1.SecretKey = "%%%"; break;
                case "half-binding": o.Api1.SecretKey = null; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SdkHarness.SecretKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_is_accepted_for_a_loopback_host()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddMimecastClient(o =>
            {
                o.BaseUrl = new Uri("http://127.0.0.1:5080");
                o.Api2 = new MimecastApi2Options { ClientId = "c", ClientSecret = "s" };
            }).Services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("http://128.0.0.1:5080")]
    [InlineData("http://localhost.example.com:5080")]
    public void Http_is_refused_for_a_host_next_to_loopback(string url)
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddMimecastClient(o =>
            {
                o.BaseUrl = new Uri(url);
                o.Api2 = new MimecastApi2Options { ClientId = "c", ClientSecret = "s" };
            }).Services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("must use https", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_IMimecastAuth_registered_by_the_user_replaces_the_built_in_one()
    {
        await using var h = SdkHarness.Start(configure: o => o.Api1 = null, services: (s, _) => s.AddSingleton<IMimecastAuth, HeaderAuth>());
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal("Custom vault-issued", Assert.Single(h.SentTo(Stubs.UrlPath)).Header("Authorization"));
    }

    [Fact]
    public async Task Named_clients_resolve_through_the_factory_and_keyed_services()
    {
        await using var h = SdkHarness.Start(services: (s, harness) => s.AddMimecastClient("customer-a", o => harness.Configure(o, MimecastApiGeneration.Api1)));

        var keyed = h.Services.GetRequiredKeyedService<IMimecastClient>("customer-a");
        var fromFactory = h.Services.GetRequiredService<IMimecastClientFactory>().CreateClient("customer-a");

        // Clients are cheap handles on the customer's shared state (not cached per name): same customer, same name.
        Assert.Equal("customer-a", keyed.Name);
        Assert.Equal("customer-a", fromFactory.Name);
        Assert.NotSame(keyed, h.Client);
    }

    private sealed class HeaderAuth : IMimecastAuth
    {
        public MimecastApiGeneration Generation => MimecastApiGeneration.Api2;

        public string PartitionKey => "custom";

        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", "Custom vault-issued");
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);
    }
}
