using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// The enumeration's token (<c>WithCancellation</c>) and the operation's token both reach the request in flight,
/// the quota hold and the retry delay: the listing ends at once with <see cref="OperationCanceledException"/>.
/// Every wait in these tests is on fake time or bounded by 10 s of real time, far below the 100 s attempt timeout
/// (which never fires here: it runs on the fake clock).
/// </summary>
public class CancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task WithCancellation_cancels_the_page_request_in_flight_to_a_server_that_never_answers(MimecastApiGeneration generation)
    {
        using var silent = new SilentServer();
        await using var h = SdkHarness.Start(generation, o => o.BaseUrl = silent.Url);
        if (generation == MimecastApiGeneration.Api2)
        {
            // The token comes from the harness's WireMock server; the data call goes to the silent one.
            h.Server.Token();
        }

        using var cts = new CancellationTokenSource();
        var enumeration = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync().WithCancellation(cts.Token))
            {
            }
        });

        await silent.FirstConnection;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumeration.WaitAsync(Bound));
    }

    [Fact]
    public async Task AsPages_WithCancellation_cancels_the_page_request_in_flight()
    {
        using var silent = new SilentServer();
        await using var h = SdkHarness.Start(configure: o => o.BaseUrl = silent.Url);
        using var cts = new CancellationTokenSource();
        var enumeration = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync().AsPages().WithCancellation(cts.Token))
            {
            }
        });

        await silent.FirstConnection;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumeration.WaitAsync(Bound));
    }

    [Fact]
    public async Task The_operation_token_cancels_the_page_request_in_flight()
    {
        using var silent = new SilentServer();
        await using var h = SdkHarness.Start(configure: o => o.BaseUrl = silent.Url);
        using var cts = new CancellationTokenSource();
        var enumeration = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetAttachmentLogsAsync(null, cts.Token))
            {
            }
        });

        await silent.FirstConnection;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumeration.WaitAsync(Bound));
    }

    [Fact]
    public async Task WithCancellation_cancels_a_quota_hold()
    {
        // Page 1 empties the bucket for a minute; the request of page 2 is held on the (fake) clock.
        await using var h = SdkHarness.Start(configure: o => o.Paging.ReadAhead = false);
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 2, "token-1")).WithQuota(50, 0, 60_000));
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var enumeration = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync().WithCancellation(cts.Token))
            {
                seen++;
            }
        });

        await h.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumeration.WaitAsync(Bound));
        Assert.Equal(2, seen);
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }

    [Fact]
    public async Task WithCancellation_cancels_a_retry_delay()
    {
        await using var h = SdkHarness.Start(configure: o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromMinutes(10);
            o.Retry.MaxDelay = TimeSpan.FromMinutes(10);
        });
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json("{}", 503));
        using var cts = new CancellationTokenSource();
        var enumeration = Task.Run(async () =>
        {
            await foreach (var _ in h.Client.Ttp.GetUrlLogsAsync().WithCancellation(cts.Token))
            {
            }
        });

        // The first timer longer than the 100 s attempt timeout is the jittered retry delay (at most 10 minutes).
        for (var i = 0; i < 10 && await h.Time.WaitForTimerWithinAsync(TimeSpan.FromMinutes(10)) <= TimeSpan.FromSeconds(100); i++)
        {
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumeration.WaitAsync(Bound));
        Assert.Single(h.SentTo(Stubs.UrlPath));
    }
}
