using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Edges;

/// <summary>
/// Issue 11 item 11: inside the renewal window one caller renews in the background while every caller keeps using the
/// still-valid token; a token endpoint that is down then fails no call until the token really expires, and renewal is
/// retried with backoff meanwhile. All on fake time (token lifetime 1799 s, renewal window the last 60 s).
/// </summary>
public class TokenRenewalTests
{
    private static readonly TimeSpan IntoWindow = TimeSpan.FromSeconds(1799 - 60 + 1);

    [Fact]
    public async Task Inside_the_window_the_caller_that_starts_the_renewal_does_not_wait_for_it()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Token("bearer-token-A");
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        h.Server.ResetMappings();
        h.Server.Token("bearer-token-B");
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        h.Time.Advance(IntoWindow);
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(10));
        await RenewalAsync(h);
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(10));

        var sent = h.SentTo(Stubs.UrlPath).Select(r => r.Header("Authorization") ?? "none").ToArray();
        Assert.Equal(["Bearer bearer-token-A", "Bearer bearer-token-A", "Bearer bearer-token-B"], sent);
        Assert.Equal(2, h.Received(Stubs.TokenPath));
    }

    [Fact]
    public async Task A_token_endpoint_down_during_the_window_fails_no_call_until_expiry_and_is_retried_with_backoff()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Token("bearer-token-A");
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        h.Server.ResetMappings();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));
        h.Server.Given(Stubs.Post(Stubs.TokenPath)).RespondWith(Stubs.Json("""{"fail":[{"code":"unavailable","message":"down"}]}""", 503));

        // Inside the window, the endpoint down: ten concurrent callers all go through on the still-valid token.
        h.Time.Advance(IntoWindow);
        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null))).ToArray();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        await RenewalAsync(h);
        Assert.Equal(2, h.Received(Stubs.TokenPath));

        // Right after the failed renewal: no new token request (backoff), the call still succeeds.
        var failed = Auth(h).LastBackgroundRenewal;
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(failed, Auth(h).LastBackgroundRenewal);

        // After the backoff (at most 30 s) and still before expiry: one more background attempt, the call succeeds.
        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null).WaitAsync(TimeSpan.FromSeconds(10));
        await RenewalAsync(h);
        Assert.Equal(3, h.Received(Stubs.TokenPath));
        Assert.All(h.SentTo(Stubs.UrlPath), r => Assert.Equal("Bearer bearer-token-A", r.Header("Authorization")));
        Assert.Equal(13, h.SentTo(Stubs.UrlPath).Count);

        // The token has really expired and the endpoint is still down: now the call fails, with the typed exception.
        h.Time.Advance(TimeSpan.FromSeconds(60));
        var expired = h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        for (var i = 0; i < 5 && !expired.IsCompleted; i++)
        {
            // The foreground token request retries a 503 after a jittered 250 ms, then 500 ms, on the fake clock.
            await Task.WhenAny(expired, h.Time.WaitForTimerWithinAsync(TimeSpan.FromSeconds(1)));
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => expired.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(13, h.SentTo(Stubs.UrlPath).Count);
    }

    private static MimecastOAuth2Auth Auth(SdkHarness h) =>
        (MimecastOAuth2Auth)h.Services.GetRequiredService<MimecastClientContextProvider>().Get(string.Empty).Auth!;

    /// <summary>Waits (bounded) for the background renewal in flight, if any, whatever its outcome.</summary>
    private static async Task RenewalAsync(SdkHarness h)
    {
        var pending = Auth(h).LastBackgroundRenewal;
        Assert.NotNull(pending);
        await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(pending.IsCompleted);
    }
}
