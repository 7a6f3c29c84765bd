using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class JournalTests
{
    [Fact]
    public async Task Journal_records_each_request()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            HttpRequestMessage request = api.Signed(TestApi.UrlLogs, TestApi.Envelope("{}", 10), Keys.Demo, reqId: "11111111-2222-3333-4444-555555555555");
            using (Reply first = await api.SendAsync(request))
            {
                using Reply second = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope("{}", 10, first.Next));
            }

            using (await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AppId = "nope" }))
            {
            }

            IReadOnlyList<SimulatorJournalEntry> entries = sim.Journal.Entries;
            Assert.Equal(3, entries.Count);
            SimulatorJournalEntry e0 = entries[0];
            Assert.Equal("POST", e0.Method);
            Assert.Equal(TestApi.UrlLogs, e0.Path);
            Assert.Equal(SimulatorAuthKind.Hmac, e0.AuthKind);
            Assert.Equal(MimecastSimulatorDefaults.EmailAddress, e0.AccountEmail);
            Assert.Equal(MimecastSimulatorDefaults.AccessKey, e0.CredentialId);
            Assert.Equal("11111111-2222-3333-4444-555555555555", e0.RequestId);
            Assert.Equal(200, e0.StatusCode);
            Assert.Null(e0.ErrorCode);
            Assert.Null(e0.PageToken);
            Assert.Equal(10, e0.PageSize);
            Assert.Equal(10, e0.RecordCount);
            Assert.Equal(TestApi.Start, e0.Timestamp);
            Assert.Equal(999, e0.RateLimitRemaining);
            Assert.NotNull(entries[1].PageToken);
            Assert.Equal(200, entries[2].StatusCode); // real Mimecast: HTTP 200 with a fail entry err_developer_key
            Assert.Equal(SimulatorErrorCodes.DeveloperKey, entries[2].ErrorCode);
            Assert.Equal(3, sim.Journal.Count(TestApi.UrlLogs));
            Assert.Equal(3, sim.Journal.CountStatus(200));

            sim.Journal.Clear();
            Assert.Empty(sim.Journal.Entries);
        }
    }

    [Fact]
    public async Task Journal_and_descriptions_never_contain_a_secret()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string token = await api.NewTokenAsync();
            using (Reply login = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword))
            {
                string newSecret = login.Data0.GetProperty("secretKey").GetString()!;
                using (await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token))
                {
                }

                using (await api.LoginAsync("Basic-AD", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.DomainPassword))
                {
                }

                using (await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, "a-wrong-password"))
                {
                }

                using (await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
                {
                }

                using (await api.TokenAsync(clientSecret: "wrong-client-secret"))
                {
                }

                string everything = string.Join('\n', sim.Journal.Entries.Select(e => e.ToString()))
                    + sim + string.Join('\n', sim.Accounts.Select(a => a.ToString())) + SimulatorAccount.CreateDefault();
                string[] secrets =
                [
                    MimecastSimulatorDefaults.SecretKey, MimecastSimulatorDefaults.CloudPassword, MimecastSimulatorDefaults.DomainPassword,
                    MimecastSimulatorDefaults.ClientSecret, MimecastSimulatorDefaults.AppKey, newSecret, token, "a-wrong-password", "wrong-client-secret",
                ];
                foreach (string secret in secrets)
                {
                    Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
                }

                Assert.Contains(MimecastSimulatorDefaults.AccessKey, everything, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Defaults_are_valid_and_the_demo_account_is_used_when_none_is_configured()
    {
        Assert.Equal(64, Convert.FromBase64String(MimecastSimulatorDefaults.SecretKey).Length);
        Assert.True(Guid.TryParse(MimecastSimulatorDefaults.AppId, out _));
        Assert.True(Guid.TryParse(MimecastSimulatorDefaults.AppKey, out _));
        await using MimecastSimulator sim = await MimecastSimulator.StartAsync();
        Assert.Equal(MimecastSimulatorDefaults.EmailAddress, Assert.Single(sim.Accounts).EmailAddress);
        Assert.Equal("127.0.0.1", sim.BaseUrl.Host);
        Assert.NotEqual(0, sim.BaseUrl.Port);
        Assert.EndsWith("/", sim.BaseUrl.ToString(), StringComparison.Ordinal);
        using var api = new TestApi(sim, TimeProvider.System);
        using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task Invalid_options_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MimecastSimulator.StartAsync(new MimecastSimulatorOptions { MaxPageSize = 0 }));
        var dup = new MimecastSimulatorOptions();
        dup.Accounts.Add(SimulatorAccount.CreateDefault());
        dup.Accounts.Add(SimulatorAccount.CreateDefault());
        await Assert.ThrowsAsync<ArgumentException>(() => MimecastSimulator.StartAsync(dup));
    }

    [Fact]
    public async Task Stop_is_idempotent_and_closes_the_port()
    {
        MimecastSimulator sim = await MimecastSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        await sim.StopAsync();
        await sim.StopAsync();
        await sim.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("oauth/token", new StringContent(string.Empty)));
        _ = JsonDocument.Parse("{}");
    }
}
