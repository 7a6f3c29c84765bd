using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class ConcurrencyAndHelpersTests
{
    [Fact]
    public async Task Concurrent_callers_share_the_bucket_exactly()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Limit = 20);
        await using (sim)
        using (api)
        {
            Reply[] replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{}", 5))));
            Assert.Equal(20, replies.Count(r => r.Status == HttpStatusCode.OK));
            Assert.Equal(30, replies.Count(r => r.Status == HttpStatusCode.TooManyRequests));
            Assert.Equal(30, sim.RateLimitedResponses);
            Assert.Equal(50, sim.Journal.Entries.Count);
            Assert.Equal(20, sim.Journal.Count(e => e.RecordCount == 5));
            foreach (Reply r in replies)
            {
                r.Dispose();
            }
        }
    }

    [Fact]
    public async Task Concurrent_appends_and_reads_are_safe()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.RateLimit.Enabled = false);
        await using (sim)
        using (api)
        {
            Task writers = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                for (int i = 0; i < 50; i++)
                {
                    sim.Records<SimulatorUrlLog>().Add(1);
                }
            })));
            Reply[] replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{}", 50))));
            await writers;
            Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Equal(450, sim.Records<SimulatorUrlLog>().All().Count);
            Assert.Equal(450, sim.Records<SimulatorUrlLog>().All().Select(l => l.Sequence).Distinct().Count());
            foreach (Reply r in replies)
            {
                r.Dispose();
            }
        }
    }

    [Fact]
    public async Task Logout_with_a_bearer_token_is_refused()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostBearerAsync("/api/login/logout", $"{{\"data\":[{{\"accessKey\":\"{MimecastSimulatorDefaults.AccessKey}\"}}]}}", await api.NewTokenAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
            Assert.Single(sim.GetAccessKeys());
        }
    }

    [Fact]
    public async Task Token_accepts_client_credentials_in_a_basic_header()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MimecastSimulatorDefaults.ClientId}:{MimecastSimulatorDefaults.ClientSecret}")));
            using Reply reply = await api.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, reply.Status);

            using var json = new HttpRequestMessage(HttpMethod.Post, "oauth/token") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            using Reply notForm = await api.SendAsync(json);
            Assert.Equal(HttpStatusCode.BadRequest, notForm.Status);
            Assert.Equal("invalid_request", notForm.Json.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Expire_helpers_force_418_and_token_expired()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string token = await api.NewTokenAsync();
            sim.ExpireBindings();
            sim.ExpireTokens();
            using Reply hmac = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal((HttpStatusCode)418, hmac.Status);
            using Reply bearer = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token);
            Assert.Equal(HttpStatusCode.Unauthorized, bearer.Status);
            Assert.Equal("token_expired", bearer.FailCode);
        }
    }

    [Fact]
    public async Task Fixed_port_is_honoured()
    {
        int port;
        await using (MimecastSimulator probe = await MimecastSimulator.StartAsync())
        {
            port = probe.BaseUrl.Port;
        }

        await using MimecastSimulator sim = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { Port = port });
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), sim.BaseUrl);
    }
}
