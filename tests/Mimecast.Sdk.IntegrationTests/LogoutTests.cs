using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.IntegrationTests;

public class LogoutTests
{
    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Logout_revokes_a_binding_created_by_login_and_signed_calls_with_it_then_fail(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var login = await h.Client.Login.LoginAsync(Harness.CloudCredentials);
        await using var bound = h.BuildClient(o =>
        {
            o.Api2 = null;
            o.Api1 = login.ToApi1Options(MimecastSimulatorDefaults.AppId, MimecastSimulatorDefaults.AppKey);
        });
        var client = bound.GetRequiredService<IMimecastClient>();
        Assert.NotEmpty((await client.Ttp.GetUrlLogsPageAsync(null, null)).Items);

        await client.Login.LogoutAsync(login.AccessKey!);

        await Assert.ThrowsAnyAsync<MimecastAuthenticationException>(() => client.Ttp.GetUrlLogsPageAsync(null, null));
        var logout = Assert.Single(h.Simulator.Journal.Entries, e => e.Path == "/api/login/logout");
        Assert.Equal(200, logout.StatusCode);
        Assert.Equal(SimulatorAuthKind.Hmac, logout.AuthKind);
    }
}
