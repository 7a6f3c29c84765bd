using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Mimecast.Sdk.IntegrationTests;

/// <summary>Discover, login, refresh, bindings and tokens, end to end against the simulator.</summary>
public sealed class AuthenticationFlowTests
{
    private const string UrlPath = "/api/ttp/url/get-logs";
    private const string LoginPath = "/api/login/login";

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task DiscoverAuthentication_names_the_auth_types_and_the_regional_host(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);

        var info = await h.Client.Login.DiscoverAuthenticationAsync(MimecastSimulatorDefaults.EmailAddress);

        Assert.Equal(MimecastSimulatorDefaults.EmailAddress, info.EmailAddress);
        Assert.Equal(h.Simulator.Accounts[0].AuthenticationTypes, info.Authenticate);
        Assert.Equal(h.Simulator.BaseUrl, info.RegionalBaseUrl);
        Assert.False(string.IsNullOrEmpty(info.EmailToken));
        Assert.Equal(1, h.Requests("/api/login/discover-authentication"));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task DiscoverAuthentication_of_an_unknown_user_is_a_typed_failure(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Login.DiscoverAuthenticationAsync("nobody@example.com"));

        Assert.Equal(SimulatorErrorCodes.UserNotFound, e.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1, MimecastAuthType.Cloud)]
    [InlineData(MimecastApiGeneration.Api1, MimecastAuthType.Domain)]
    [InlineData(MimecastApiGeneration.Api2, MimecastAuthType.Cloud)]
    [InlineData(MimecastApiGeneration.Api2, MimecastAuthType.Domain)]
    public async Task Login_creates_a_binding_and_refresh_extends_the_same_key(MimecastApiGeneration generation, MimecastAuthType authType)
    {
        await using var h = await Harness.StartAsync(generation);
        var password = authType == MimecastAuthType.Cloud ? MimecastSimulatorDefaults.CloudPassword : MimecastSimulatorDefaults.DomainPassword;
        var credentials = new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, password, authType);

        var login = await h.Client.Login.LoginAsync(credentials);

        Assert.NotNull(login.AccessKey);
        Assert.NotEqual(MimecastSimulatorDefaults.AccessKey, login.AccessKey);
        Assert.Contains(login.AccessKey, h.Simulator.GetAccessKeys());
        Assert.Equal(64, Convert.FromBase64String(login.SecretKey!).Length);
        Assert.Equal(h.Simulator.Options.BindingLifetime, login.Lifetime);
        Assert.Equal(MimecastSimulatorDefaults.EmailAddress, login.Username);

        var refreshed = await h.Client.Login.RefreshTokenAsync(credentials, login.AccessKey);

        Assert.Equal(login.AccessKey, refreshed.AccessKey);
        Assert.Equal(h.Simulator.Options.BindingLifetime, refreshed.Lifetime);
        Assert.Equal(2, h.Simulator.GetAccessKeys().Count); // the demo binding and the new one: refresh made none
        var expectedKind = authType == MimecastAuthType.Cloud ? SimulatorAuthKind.BasicCloud : SimulatorAuthKind.BasicAd;
        Assert.All(h.Simulator.Journal.Entries.Where(e => e.Path == LoginPath), e => Assert.Equal(expectedKind, e.AuthKind));
        Assert.Equal(2, h.Simulator.Journal.Count(e => e.Path == LoginPath && e.StatusCode == 200));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Login_with_a_wrong_password_is_an_authentication_failure_and_is_not_retried(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() =>
            h.Client.Login.LoginAsync(new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, "not-the-password")));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal(SimulatorErrorCodes.InvalidCredentials, e.ErrorCode);
        Assert.Equal(1, h.Requests(LoginPath));
        Assert.Single(h.Simulator.GetAccessKeys());
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task The_binding_returned_by_login_signs_data_calls(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var login = await h.Client.Login.LoginAsync(Harness.CloudCredentials);

        await using var api1 = h.BuildClient(o =>
        {
            o.Api2 = null;
            o.Api1 = login.ToApi1Options(MimecastSimulatorDefaults.AppId, MimecastSimulatorDefaults.AppKey);
        });
        var records = await api1.GetRequiredService<IMimecastClient>().Ttp.GetUrlLogsAsync().ToListAsync();

        Assert.Equal(h.Simulator.Records<SimulatorUrlLog>().All().Select(Harness.Key).Reverse(), records.Select(Harness.Key));
        var dataCalls = h.Simulator.Journal.Entries.Where(e => e.Path == UrlPath).ToList();
        Assert.NotEmpty(dataCalls);
        Assert.All(dataCalls, e =>
        {
            Assert.Equal(SimulatorAuthKind.Hmac, e.AuthKind);
            Assert.Equal(login.AccessKey, e.CredentialId);
            Assert.Equal(200, e.StatusCode);
        });
    }

    [Fact]
    public async Task An_expired_binding_throws_BindingExpired_and_works_again_after_RefreshToken()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        Assert.NotEmpty((await h.Client.Ttp.GetUrlLogsPageAsync(null, null)).Items);

        h.Simulator.ExpireBindings();
        var e = await Assert.ThrowsAsync<MimecastBindingExpiredException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));
        Assert.Equal((HttpStatusCode)418, e.StatusCode);
        Assert.Equal(SimulatorErrorCodes.BindingExpired, e.ErrorCode);
        Assert.Equal(UrlPath, e.OperationPath);

        var refreshed = await h.Client.Login.RefreshTokenAsync(Harness.CloudCredentials, MimecastSimulatorDefaults.AccessKey);
        Assert.Equal(MimecastSimulatorDefaults.AccessKey, refreshed.AccessKey);

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        Assert.Equal(7, page.Items.Count);
        Assert.Equal(1, h.Simulator.Journal.CountStatus(418)); // the 418 was not retried
    }

    [Fact]
    public async Task A_wrong_secret_key_is_an_authentication_failure_with_the_invalid_signature_code()
    {
        var wrongSecret = Convert.ToBase64String(Enumerable.Range(1, 64).Select(i => (byte)i).ToArray());
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1, configure: o => o.Api1!.SecretKey = wrongSecret);

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetAttachmentLogsPageAsync(null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal(SimulatorErrorCodes.InvalidSignature, e.ErrorCode);
        Assert.False(e.IsRetryable);
        Assert.Equal(1, h.Requests("/api/ttp/attachment/get-logs"));
        Assert.DoesNotContain(wrongSecret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_api2_token_is_renewed_once_and_the_call_succeeds()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        await h.Client.Ttp.GetImpersonationLogsPageAsync(null, null);
        Assert.Equal(1, h.Simulator.TokensIssued);

        h.Simulator.ExpireTokens();
        var page = await h.Client.Ttp.GetImpersonationLogsPageAsync(null, null);

        Assert.Equal(7, page.Items.Count);
        Assert.Equal(2, h.Simulator.TokensIssued);
        Assert.Equal(1, h.Simulator.Journal.CountStatus(401));
    }

    [Fact]
    public async Task Wrong_api2_client_credentials_are_an_authentication_failure()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2, configure: o => o.Api2!.ClientSecret = "wrong-secret");

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal(SimulatorErrorCodes.InvalidClient, e.ErrorCode);
        Assert.Equal(0, h.Requests(UrlPath));
        Assert.DoesNotContain("wrong-secret", e.ToString(), StringComparison.Ordinal);
    }
}
