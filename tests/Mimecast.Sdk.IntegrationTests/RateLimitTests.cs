using Microsoft.Extensions.Time.Testing;

namespace Mimecast.Sdk.IntegrationTests;

/// <summary>Draining hundreds of records through a small quota: every record, no 429 reaching anyone, no request during a wait.</summary>
public sealed class RateLimitTests
{
    private static MimecastSimulatorOptions LowQuota(int url, int attachment = 0, int impersonation = 0, int limit = 10, int windowMs = 200) =>
        Harness.Options(url, attachment, impersonation, o =>
        {
            o.RateLimit.Limit = limit;
            o.RateLimit.Window = TimeSpan.FromMilliseconds(windowMs);
        });

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_rate_limited_drain_delivers_every_record_without_a_429(MimecastApiGeneration generation)
    {
        // Windows long enough that even a slow machine makes 10 calls in one, so the quota really runs out.
        await using var h = await Harness.StartAsync(generation, LowQuota(url: 300, windowMs: 1000));

        var records = await h.Client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { OldestFirst = true }).Select(Harness.Key).ToListAsync();

        Assert.Equal(h.Simulator.Records<SimulatorUrlLog>().All().Select(Harness.Key), records);
        var calls = h.Simulator.Journal.Entries.Where(e => e.Path == "/api/ttp/url/get-logs").ToList();
        Assert.Equal(43, calls.Count);
        Assert.Equal(0, h.Simulator.RateLimitedResponses);
        Assert.Equal(0, h.Simulator.RequestsDuringWait);
        Assert.Contains(calls, c => c.RateLimitRemaining == 0); // the quota really ran out, and the SDK held
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Three_concurrent_streams_share_the_quota_without_a_request_during_wait(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, LowQuota(url: 120, attachment: 100, impersonation: 80));

        var url = h.Client.Ttp.GetUrlLogsAsync().CountAsync().AsTask();
        var attachment = h.Client.Ttp.GetAttachmentLogsAsync().CountAsync().AsTask();
        var impersonation = h.Client.Ttp.GetImpersonationLogsAsync().CountAsync().AsTask();
        await Task.WhenAll(url, attachment, impersonation);

        Assert.Equal((120, 100, 80), (await url, await attachment, await impersonation));
        Assert.True(h.Simulator.RequestsDuringWait == 0, $"{h.Simulator.RequestsDuringWait} request(s) during a wait:\n{JournalDump(h)}");
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_forced_throttle_is_waited_out_and_resent_after_the_reset(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 20, attachment: 0, impersonation: 0));

        // The forced throttle lasts 400 ms of real time from now: take the token (API 2.0) and warm the client first, so a
        // slow first call on a busy machine cannot arrive after the throttle has already ended.
        await h.Client.Ttp.GetUrlLogsPageAsync(null, null);
        h.Simulator.Faults.ForceRateLimit(TimeSpan.FromMilliseconds(400));

        var records = await h.Client.Ttp.GetUrlLogsAsync().CountAsync();

        Assert.Equal(20, records);
        Assert.True(h.Simulator.RateLimitedResponses >= 1);
        Assert.Equal(0, h.Simulator.RequestsDuringWait);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_quota_wait_longer_than_MaxWait_is_a_MimecastRateLimitException(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 20, attachment: 0, impersonation: 0),
            o => o.RateLimit.MaxWait = TimeSpan.FromMilliseconds(100));
        h.Simulator.Faults.RateLimitedReset = TimeSpan.FromSeconds(30);
        h.Simulator.Faults.Enqueue(SimulatorFault.RateLimited);

        var e = await Assert.ThrowsAsync<MimecastRateLimitException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Equal(1, h.Requests("/api/ttp/url/get-logs"));
        Assert.Equal(0, h.Simulator.RequestsDuringWait);
    }

    /// <summary>One clock for simulator and SDK: minute-long quota windows pass in milliseconds of real time.</summary>
    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task On_a_shared_fake_clock_long_quota_windows_are_waited_out(MimecastApiGeneration generation)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var options = LowQuota(url: 100, limit: 5, windowMs: 60_000);
        options.TimeProvider = time;
        await using var h = await Harness.StartAsync(generation, options, o =>
        {
            o.RateLimit.MaxWait = TimeSpan.FromMinutes(10);
            // The pump moves this clock while requests are on the wire: no timeout may run on it.
            o.Retry.AttemptTimeout = Timeout.InfiniteTimeSpan;
            if (o.Api2 is not null)
            {
                o.Api2.TokenRequestTimeout = TimeSpan.FromDays(1);
            }
        }, time);

        var drain = h.Client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { OldestFirst = true }).Select(Harness.Key).ToListAsync().AsTask();
        for (var i = 0; i < 20_000 && !drain.IsCompleted; i++)
        {
            // Pump: let the SDK reach its wait, then move the shared clock on.
            await Task.WhenAny(drain, Task.Delay(1));
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(drain.IsCompleted, "the drain did not finish");
        Assert.Equal(h.Simulator.Records<SimulatorUrlLog>().All().Select(Harness.Key), await drain);
        Assert.Equal(0, h.Simulator.RateLimitedResponses);
        Assert.Equal(0, h.Simulator.RequestsDuringWait);
        var calls = h.Simulator.Journal.Entries.Where(e => e.Path == "/api/ttp/url/get-logs").ToList();
        Assert.True(calls[^1].Timestamp - calls[0].Timestamp >= TimeSpan.FromMinutes(1), "15 calls at 5 a window span more than one window");
    }

    /// <summary>
    /// The quota is per user. With <see cref="MimecastRateLimitOptions.PartitionKey"/> set to the user, the login family of the same
    /// client (discover, login, refresh) must wait for an exhausted bucket too, instead of drawing on a separate, unknowing one.
    /// </summary>
    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Login_family_calls_wait_while_the_users_quota_is_exhausted(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, LowQuota(url: 100, limit: 5, windowMs: 1000),
            o => o.RateLimit.PartitionKey = MimecastSimulatorDefaults.EmailAddress);
        string? token = null;
        for (var i = 0; i < 10; i++)
        {
            var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, token);
            token = page.NextPageToken;
            if (page.RateLimit?.Remaining == 0)
            {
                break;
            }
        }

        var info = await h.Client.Login.DiscoverAuthenticationAsync(MimecastSimulatorDefaults.EmailAddress);

        Assert.Equal(MimecastSimulatorDefaults.EmailAddress, info.EmailAddress);
        Assert.True(h.Simulator.RequestsDuringWait == 0 && h.Simulator.RateLimitedResponses == 0,
            $"{h.Simulator.RequestsDuringWait} request(s) during a wait, {h.Simulator.RateLimitedResponses} 429(s):\n{JournalDump(h)}");
    }

    private static string JournalDump(Harness h)
    {
        var entries = h.Simulator.Journal.Entries;
        var t0 = entries.Count > 0 ? entries[0].Timestamp : default;
        return string.Join('\n', entries.Select(e => FormattableString.Invariant($"{(e.Timestamp - t0).TotalMilliseconds,8:0.0} ms {e.Path,-35} {e.StatusCode} remaining={e.RateLimitRemaining}")));
    }
}
