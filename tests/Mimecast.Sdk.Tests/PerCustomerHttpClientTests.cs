using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.DependencyInjection;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// <c>AddMimecastClient</c> returns the builder of the HttpClient every customer shares; a handler for one customer
/// alone (a proxy, a header) goes on that customer's own clients (<c>AddMimecastHttpClient</c>): its API calls and its
/// API 2.0 token requests, and never another customer's.
/// </summary>
public sealed class PerCustomerHttpClientTests
{
    private const string Header = "X-Customer-A";

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task AHandlerAddedForOneCustomer_ReachesEveryRequestOfThatCustomer_AndNoneOfAnother(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(services: (s, harness) =>
        {
            s.AddMimecastClient("a", o => harness.Configure(o, generation));
            s.AddMimecastClient("b", o => harness.Configure(o, generation));
            s.AddMimecastHttpClient("a", b => b.AddHttpMessageHandler(() => new HeaderHandler()));
        });
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        var factory = h.Services.GetRequiredService<IMimecastClientFactory>();

        await factory.CreateClient("a").Ttp.GetUrlLogsPageAsync(null, null);
        var ofA = h.Server.LogEntries.Select(e => e.RequestMessage!).ToList();
        await factory.CreateClient("b").Ttp.GetUrlLogsPageAsync(null, null);
        var ofB = h.Server.LogEntries.Select(e => e.RequestMessage!).Skip(ofA.Count).ToList();

        var expected = generation == MimecastApiGeneration.Api2 ? new[] { Stubs.TokenPath, Stubs.UrlPath } : [Stubs.UrlPath];
        Assert.Equal(expected, ofA.Select(r => r.Path));
        Assert.Equal(expected, ofB.Select(r => r.Path));
        Assert.All(ofA, r => Assert.True(r.Headers?.ContainsKey(Header), $"{r.Path} of customer a lacks its header"));
        Assert.All(ofB, r => Assert.False(r.Headers?.ContainsKey(Header) ?? false, $"{r.Path} of customer b carries a's header"));
    }

    [Fact]
    public void TheOwnClientsAreNamedAfterTheCustomer()
    {
        Assert.Equal("Mimecast.Sdk.Api:a", MimecastHttpClientNames.ApiFor("a"));
        Assert.Equal("Mimecast.Sdk.Token:a", MimecastHttpClientNames.TokenFor("a"));
    }

    private sealed class HeaderHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(Header, "yes");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
