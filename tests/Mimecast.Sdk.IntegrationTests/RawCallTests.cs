using System.Net;
using System.Text;

namespace Mimecast.Sdk.IntegrationTests;

/// <summary>SendRawAsync (the CLI's <c>api</c> command): any path through the pipeline, and a POST never sent twice by accident.</summary>
public sealed class RawCallTests
{
    private const string AccountPath = "/api/account/get-account";

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_raw_call_is_authenticated_and_returns_the_answer_and_request_id(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);

        var response = await h.Client.SendRawAsync(new MimecastRawRequest { Path = AccountPath, Body = Encoding.UTF8.GetBytes("{\"data\":[]}") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.IsSuccess);
        Assert.False(string.IsNullOrEmpty(response.RequestId));
        Assert.Contains("\"data\"", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_post_that_met_a_server_error_is_not_resent_and_reports_an_unknown_outcome()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        h.Simulator.Faults.Enqueue(SimulatorFault.ServerError, path: AccountPath);

        await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() =>
            h.Client.SendRawAsync(new MimecastRawRequest { Path = AccountPath, Body = Encoding.UTF8.GetBytes("{\"data\":[]}") }));

        Assert.Equal(1, h.Requests(AccountPath));
    }

    [Fact]
    public async Task An_idempotent_raw_call_is_retried_after_a_server_error()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        h.Simulator.Faults.Enqueue(SimulatorFault.ServerError, path: AccountPath);

        var response = await h.Client.SendRawAsync(new MimecastRawRequest { Path = AccountPath, Body = Encoding.UTF8.GetBytes("{\"data\":[]}"), Idempotent = true });

        Assert.True(response.IsSuccess);
        Assert.Equal(2, h.Requests(AccountPath));
    }

    [Fact]
    public async Task A_refused_credential_throws_as_in_every_other_operation()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        await using var wrong = h.BuildClient(o => o.Api2 = new() { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = "wrong-secret" });
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IMimecastClient>(wrong);

        await Assert.ThrowsAsync<MimecastAuthenticationException>(() => client.SendRawAsync(new MimecastRawRequest { Path = AccountPath }));
    }
}
