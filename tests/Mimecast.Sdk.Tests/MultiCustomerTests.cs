using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

public class MultiCustomerTests
{
    private static string Key(int i) => $"access-key-{i:D3}";

    private static string Secret(int i) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"secret-of-customer-{i:D3}-0123456789abcdef"));

    [Fact]
    public async Task A_hundred_customers_called_concurrently_never_see_each_others_credentials_or_records()
    {
        const int customers = 100;
        await using var h = SdkHarness.Start(services: (s, harness) =>
        {
            for (var i = 0; i < customers; i++)
            {
                var n = i;
                s.AddMimecastClient($"customer-{n}", o =>
                {
                    harness.Configure(o, MimecastApiGeneration.Api1);
                    o.Api1!.AccessKey = Key(n);
                    o.Api1.SecretKey = Secret(n);
                });
            }
        });
        for (var i = 0; i < customers; i++)
        {
            h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", $"MC {Key(i)}:*"))
                .RespondWith(Stubs.Json(Stubs.UrlLogs(i * 1000, 3)));
        }

        var factory = h.Services.GetRequiredService<IMimecastClientFactory>();
        var received = new ConcurrentDictionary<int, ConcurrentBag<string>>();
        // Interleaved: every customer makes three calls, all in flight together.
        var calls = Enumerable.Range(0, customers * 3).Select(async k =>
        {
            var i = k % customers;
            var page = await factory.CreateClient($"customer-{i}").Ttp.GetUrlLogsPageAsync(null, null);
            foreach (var log in page.Items)
            {
                received.GetOrAdd(i, _ => []).Add(log.UserEmailAddress!);
            }
        });
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < customers; i++)
        {
            var expected = Enumerable.Range(i * 1000, 3).Select(n => $"user{n}@example.com");
            Assert.Equal(expected.SelectMany(e => new[] { e, e, e }).Order(), received[i].Order());
        }

        var sent = h.SentTo(Stubs.UrlPath);
        Assert.Equal(customers * 3, sent.Count);
        foreach (var request in sent)
        {
            var authorization = request.Header("Authorization")!;
            var accessKey = authorization[3..authorization.LastIndexOf(':')];
            var i = int.Parse(accessKey["access-key-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            using var hmac = new HMACSHA1(Convert.FromBase64String(Secret(i)));
            var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(
                string.Join(':', request.Header("x-mc-date"), request.Header("x-mc-req-id"), Stubs.UrlPath, SdkHarness.AppKey))));
            Assert.Equal($"MC {accessKey}:{expected}", authorization);
        }
    }

    [Fact]
    public async Task A_429_for_one_customer_delays_only_that_customer()
    {
        await using var h = SdkHarness.Start(services: (s, harness) =>
        {
            foreach (var n in new[] { 1, 2 })
            {
                s.AddMimecastClient($"customer-{n}", o =>
                {
                    harness.Configure(o, MimecastApiGeneration.Api1);
                    o.Api1!.AccessKey = Key(n);
                    o.Api1.SecretKey = Secret(n);
                });
            }
        });
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", $"MC {Key(1)}:*")).InScenario("c1").WillSetStateTo("ok")
            .RespondWith(Stubs.Json(Stubs.Fail("err_rate_limit", "quota", true, 429), 429).WithQuota(10, 0, 30_000));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", $"MC {Key(1)}:*")).InScenario("c1").WhenStateIs("ok")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)).WithQuota(10, 9, 30_000));
        h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", $"MC {Key(2)}:*"))
            .RespondWith(Stubs.Json(Stubs.UrlLogs(500, 1)).WithQuota(10, 9, 30_000));
        var factory = h.Services.GetRequiredService<IMimecastClientFactory>();
        var start = h.Time.GetUtcNow();

        var throttled = factory.CreateClient("customer-1").Ttp.GetUrlLogsPageAsync(null, null);
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => factory.CreateClient("customer-2").Ttp.GetUrlLogsPageAsync(null, null)))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(others, p => Assert.Equal("user500@example.com", p.Items[0].UserEmailAddress));
        Assert.Equal(start, h.Time.GetUtcNow());
        Assert.False(throttled.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("user0@example.com", (await throttled.WaitAsync(TimeSpan.FromSeconds(10))).Items[0].UserEmailAddress);
    }

    [Fact]
    public async Task Changed_credentials_take_effect_on_the_next_request_without_a_restart()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.TokenPath).WithBody(b => b!.Contains("client_secret=old-secret", StringComparison.Ordinal)))
            .RespondWith(Stubs.Json("""{"access_token":"token-old","token_type":"Bearer","expires_in":1799}"""));
        h.Server.Given(Stubs.Post(Stubs.TokenPath).WithBody(b => b!.Contains("client_secret=new-secret", StringComparison.Ordinal)))
            .RespondWith(Stubs.Json("""{"access_token":"token-new","token_type":"Bearer","expires_in":1799}"""));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        var source = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Customers:acme:BaseUrl"] = h.BaseUrl.ToString(),
                ["Customers:acme:Api2:ClientId"] = "acme-client",
                ["Customers:acme:Api2:ClientSecret"] = "old-secret",
            },
        };
        var configuration = new ConfigurationBuilder().Add(source).Build();
        await using var services = new ServiceCollection().AddLogging()
            .AddMimecastClient("acme", configuration.GetSection("Customers:acme")).Services.BuildServiceProvider();
        var client = services.GetRequiredService<IMimecastClientFactory>().CreateClient("acme");

        await client.Ttp.GetUrlLogsPageAsync(null, null);
        configuration["Customers:acme:Api2:ClientSecret"] = "new-secret";
        configuration.Reload();
        await client.Ttp.GetUrlLogsPageAsync(null, null);

        var authorizations = h.Server.LogEntries.Where(e => e.RequestMessage!.Path == Stubs.UrlPath)
            .Select(e => e.RequestMessage!.Headers!["Authorization"].Single()).ToList();
        Assert.Equal(["Bearer token-old", "Bearer token-new"], authorizations);
    }

    [Fact]
    public async Task Customers_from_a_store_are_configured_by_name_and_refreshed_after_invalidation()
    {
        await using var h = SdkHarness.Start();
        foreach (var key in new[] { "store-key-1", "store-key-2" })
        {
            h.Server.Given(Stubs.Post(Stubs.UrlPath).WithHeader("Authorization", $"MC {key}:*"))
                .RespondWith(Stubs.Json(Stubs.UrlLogs(key.EndsWith('1') ? 1 : 2, 1)));
        }

        var store = new ConcurrentDictionary<string, string> { ["tenant-7"] = "store-key-1" };
        await using var services = new ServiceCollection().AddLogging()
            .AddMimecastClients((name, o) =>
            {
                h.Configure(o, MimecastApiGeneration.Api1);
                o.Api1!.AccessKey = store[name];
            }).Services.BuildServiceProvider();
        var client = services.GetRequiredService<IMimecastClientFactory>().CreateClient("tenant-7");

        var before = await client.Ttp.GetUrlLogsPageAsync(null, null);
        store["tenant-7"] = "store-key-2";
        services.GetRequiredService<IOptionsMonitorCache<MimecastClientOptions>>().TryRemove("tenant-7");
        var after = await client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal("user1@example.com", before.Items[0].UserEmailAddress);
        Assert.Equal("user2@example.com", after.Items[0].UserEmailAddress);
    }

    [Fact]
    public async Task All_customers_share_one_handler_chain_and_connection_pool()
    {
        var builds = new ConcurrentDictionary<string, int>();
        await using var h = SdkHarness.Start(services: (s, harness) =>
        {
            s.AddSingleton<IHttpMessageHandlerBuilderFilter>(new CountingFilter(builds));
            for (var i = 0; i < 50; i++)
            {
                var n = i;
                s.AddMimecastClient($"customer-{n}", o =>
                {
                    harness.Configure(o, MimecastApiGeneration.Api1);
                    o.Api1!.AccessKey = Key(n);
                });
            }
        });
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        var factory = h.Services.GetRequiredService<IMimecastClientFactory>();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => factory.CreateClient($"customer-{i}").Ttp.GetUrlLogsPageAsync(null, null)));

        Assert.Equal(1, builds.GetValueOrDefault("Mimecast.Sdk"));
    }

    private sealed class CountingFilter(ConcurrentDictionary<string, int> builds) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            builds.AddOrUpdate(builder.Name ?? "", 1, (_, c) => c + 1);
            next(builder);
        };
    }
}
