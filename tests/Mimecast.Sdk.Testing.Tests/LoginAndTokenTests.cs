using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class LoginAndTokenTests
{
    [Fact]
    public async Task Discover_answers_the_region_and_auth_types()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.DiscoverAsync(MimecastSimulatorDefaults.EmailAddress);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            JsonElement d = reply.Data0;
            Assert.Equal(MimecastSimulatorDefaults.EmailAddress, d.GetProperty("emailAddress").GetString());
            Assert.Equal(["cloud", "domain"], d.GetProperty("authenticate").EnumerateArray().Select(e => e.GetString()!).ToArray());
            Assert.True(d.TryGetProperty("authenticateFallback", out _));
            Assert.Equal(sim.BaseUrl.ToString().TrimEnd('/'), d.GetProperty("region").GetProperty("api").GetString());

            using Reply unknown = await api.DiscoverAsync("nobody@example.com");
            Assert.Equal(SimulatorErrorCodes.UserNotFound, unknown.FailCode);

            using Reply invalid = await api.DiscoverAsync("not-an-email");
            Assert.Equal(SimulatorErrorCodes.InvalidEmailAddress, invalid.FailCode);
            Assert.Equal("emailAddress", invalid.FailError.GetProperty("field").GetString());

            using Reply badApp = await api.DiscoverAsync(MimecastSimulatorDefaults.EmailAddress, appId: "unknown-app");
            Assert.Equal(HttpStatusCode.OK, badApp.Status); // as real Mimecast: HTTP 200 with a fail entry (see FidelityTests)
            Assert.Equal(SimulatorErrorCodes.DeveloperKey, badApp.FailCode);
        }
    }

    [Theory]
    [InlineData("Basic-Cloud", MimecastSimulatorDefaults.CloudPassword, SimulatorAuthKind.BasicCloud)]
    [InlineData("Basic-AD", MimecastSimulatorDefaults.DomainPassword, SimulatorAuthKind.BasicAd)]
    public async Task Login_creates_a_new_working_binding(string scheme, string password, SimulatorAuthKind kind)
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply login = await api.LoginAsync(scheme, MimecastSimulatorDefaults.EmailAddress, password);
            Assert.Equal(HttpStatusCode.OK, login.Status);
            JsonElement d = login.Data0;
            string accessKey = d.GetProperty("accessKey").GetString()!;
            string secretKey = d.GetProperty("secretKey").GetString()!;
            Assert.NotEqual(MimecastSimulatorDefaults.AccessKey, accessKey);
            Assert.Equal(64, Convert.FromBase64String(secretKey).Length);
            Assert.Equal((long)TimeSpan.FromDays(3).TotalMilliseconds, d.GetProperty("duration").GetInt64());
            Assert.Equal(MimecastSimulatorDefaults.EmailAddress, d.GetProperty("username").GetString());
            Assert.True(d.TryGetProperty("bindingType", out _));
            Assert.True(d.GetProperty("extendOnValidate").GetBoolean());
            Assert.Contains(accessKey, sim.GetAccessKeys());

            using Reply data = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AccessKey = accessKey, SecretKey = secretKey });
            Assert.Equal(HttpStatusCode.OK, data.Status);
            Assert.Contains(sim.Journal.Entries, e => e.AuthKind == kind && e.StatusCode == 200);
        }
    }

    [Fact]
    public async Task Login_keys_are_deterministic_under_the_seed()
    {
        var keys = new List<string>();
        for (int run = 0; run < 2; run++)
        {
            (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.Seed = 7);
            await using (sim)
            using (api)
            {
                using Reply login = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword);
                keys.Add(login.Data0.GetProperty("accessKey").GetString()!);
            }
        }

        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Wrong_password_wrong_user_and_wrong_scheme_are_refused()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply wrong = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidCredentials, wrong.FailCode);

            // The domain password does not work as the cloud password.
            using Reply swapped = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.DomainPassword);
            Assert.Equal(HttpStatusCode.Unauthorized, swapped.Status);

            using Reply unknown = await api.LoginAsync("Basic-Cloud", "ghost@example.com", "x");
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);

            using Reply scheme = await api.LoginAsync("Basic", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword);
            Assert.Equal(HttpStatusCode.Unauthorized, scheme.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidAuthorization, scheme.FailCode);

            using Reply app = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword, appId: "other-app");
            Assert.Equal(SimulatorErrorCodes.DeveloperKey, app.FailCode);
            Assert.Single(sim.GetAccessKeys());
        }
    }

    [Fact]
    public async Task Refresh_keeps_the_same_key_and_extends_it()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            clock.Advance(TimeSpan.FromDays(2));
            using Reply refresh = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword, accessKey: MimecastSimulatorDefaults.AccessKey);
            Assert.Equal(HttpStatusCode.OK, refresh.Status);
            Assert.Equal(MimecastSimulatorDefaults.AccessKey, refresh.Data0.GetProperty("accessKey").GetString());
            Assert.Equal(MimecastSimulatorDefaults.SecretKey, refresh.Data0.GetProperty("secretKey").GetString());
            Assert.Single(sim.GetAccessKeys());

            // Past the original 3 days: still valid because it was extended at day 2.
            clock.Advance(TimeSpan.FromDays(2));
            using (Reply ok = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.OK, ok.Status);
            }

            clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
            using (Reply expired = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal((HttpStatusCode)418, expired.Status);
            }

            // Refresh after expiry repairs the same binding.
            using Reply again = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword, accessKey: MimecastSimulatorDefaults.AccessKey);
            Assert.Equal(HttpStatusCode.OK, again.Status);
            using Reply after = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.OK, after.Status);

            using Reply unknown = await api.LoginAsync("Basic-Cloud", MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword, accessKey: "not-a-key");
            Assert.Equal(SimulatorErrorCodes.BindingNotFound, unknown.FailCode);
        }
    }

    [Fact]
    public async Task Logout_revokes_the_binding()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply logout = await api.PostSignedAsync("/api/login/logout", $"{{\"data\":[{{\"accessKey\":\"{MimecastSimulatorDefaults.AccessKey}\"}}]}}");
            Assert.Equal(HttpStatusCode.OK, logout.Status);
            Assert.Null(logout.FailCode);
            Assert.Empty(sim.GetAccessKeys());

            using Reply after = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidAccessKey, after.FailCode);
        }
    }

    [Fact]
    public async Task Token_is_issued_and_accepted()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply token = await api.TokenAsync();
            Assert.Equal(HttpStatusCode.OK, token.Status);
            Assert.Equal("Bearer", token.Json.GetProperty("token_type").GetString());
            Assert.Equal(1799, token.Json.GetProperty("expires_in").GetInt32());
            Assert.Equal(string.Empty, token.Json.GetProperty("scope").GetString());
            string accessToken = token.Json.GetProperty("access_token").GetString()!;
            Assert.True(accessToken.Length >= 32);

            using Reply data = await api.PostBearerAsync(TestApi.AttachmentLogs, TestApi.Envelope(), accessToken);
            Assert.Equal(HttpStatusCode.OK, data.Status);
            Assert.True(data.Data0.GetProperty("attachmentLogs").GetArrayLength() > 0);
            Assert.Equal(1, sim.TokenRequests);
            Assert.Equal(1, sim.TokensIssued);
            SimulatorJournalEntry entry = sim.Journal.Entries[^1];
            Assert.Equal(SimulatorAuthKind.Bearer, entry.AuthKind);
            Assert.Equal(MimecastSimulatorDefaults.ClientId, entry.CredentialId);
        }
    }

    [Fact]
    public async Task Expired_token_is_refused_with_flat_token_expired()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string token = await api.NewTokenAsync();
            clock.Advance(TimeSpan.FromSeconds(1798));
            using (Reply ok = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token))
            {
                Assert.Equal(HttpStatusCode.OK, ok.Status);
            }

            clock.Advance(TimeSpan.FromSeconds(2));
            using Reply expired = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), token);
            Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
            JsonElement fail = expired.Json.GetProperty("fail")[0];
            Assert.Equal("token_expired", fail.GetProperty("code").GetString());
            Assert.True(fail.TryGetProperty("message", out _));

            using Reply bogus = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), "made-up-token");
            Assert.Equal(HttpStatusCode.Unauthorized, bogus.Status);
            Assert.Equal("token_expired", bogus.FailCode);

            string fresh = await api.NewTokenAsync();
            using Reply renewed = await api.PostBearerAsync(TestApi.UrlLogs, TestApi.Envelope(), fresh);
            Assert.Equal(HttpStatusCode.OK, renewed.Status);
        }
    }

    [Fact]
    public async Task Wrong_client_secret_and_grant_are_refused()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply wrong = await api.TokenAsync(clientSecret: "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal("invalid_client", wrong.Json.GetProperty("error").GetString());
            Assert.Equal("invalid_client", wrong.FailCode);

            using Reply unknown = await api.TokenAsync(clientId: "who");
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);

            using Reply grant = await api.TokenAsync(grantType: "password");
            Assert.Equal(HttpStatusCode.BadRequest, grant.Status);
            Assert.Equal("unsupported_grant_type", grant.Json.GetProperty("error").GetString());
            Assert.Equal(3, sim.TokenRequests);
            Assert.Equal(0, sim.TokensIssued);
        }
    }

    [Fact]
    public async Task Each_account_has_its_own_credentials_and_records()
    {
        SimulatorAccount other = SimulatorAccount.Create("soc@contoso.example", 99);
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o =>
        {
            o.Accounts.Add(SimulatorAccount.CreateDefault());
            o.Accounts.Add(other);
        });
        await using (sim)
        using (api)
        {
            Assert.Equal(2, sim.Accounts.Count);
            Assert.Equal(other, SimulatorAccount.Create("soc@contoso.example", 99), new AccountComparer());
            List<JsonElement> demo = await api.PageAllAsync(TestApi.UrlLogs, "{}", 500, "clickLogs");
            List<JsonElement> theirs = await api.PageAllAsync(TestApi.UrlLogs, "{}", 500, "clickLogs", Keys.Of(other));
            Assert.Equal(250, demo.Count);
            Assert.Equal(250, theirs.Count);
            Assert.All(theirs, r => Assert.EndsWith("@contoso.example", r.GetProperty("userEmailAddress").GetString(), StringComparison.Ordinal));

            // Another user's app id is not accepted for this user.
            using Reply crossed = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Of(other) with { AppId = MimecastSimulatorDefaults.AppId });
            Assert.Equal(SimulatorErrorCodes.DeveloperKey, crossed.FailCode);
        }
    }

    private sealed class AccountComparer : IEqualityComparer<SimulatorAccount>
    {
        public bool Equals(SimulatorAccount? x, SimulatorAccount? y) =>
            x!.AccessKey == y!.AccessKey && x.SecretKey == y.SecretKey && x.ClientSecret == y.ClientSecret && x.AppId == y.AppId;

        public int GetHashCode(SimulatorAccount obj) => obj.AccessKey.GetHashCode(StringComparison.Ordinal);
    }
}
